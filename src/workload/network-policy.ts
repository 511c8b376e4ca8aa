import { BlockList, isIP } from 'net';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Protocol } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { DNS_LABEL, DNS_LABEL_TEXT, PORT_NAME_TEXT, isPortName } from '../common/formats';
import { checkLabels, checkMetadata } from '../common/labels';
import { namespaceOf, showNamespace } from '../common/namespace';
import { Patches } from '../common/patches';
import { Problems, show } from '../common/validation';
import { ContainerPortSpec } from '../container/image';
import { PortReference } from '../container/port';
import { listEntries, objectOf } from '../pod/checks';
import { ISelectableWorkload } from '../pod/selectable';
import { isCidr } from '../service/rules';

/** The namespace label every namespace carries (Kubernetes 1.22+), by which a policy names a namespace. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Options of `NetworkPeer.ingressController`. */
export interface IngressControllerPeerOptions {
  /** The namespace the controller's pods run in, such as "ingress-nginx" or "envoy-gateway-system". */
  readonly namespace: string;
  /**
   * Labels of the controller's pods, such as `{ 'app.kubernetes.io/name': 'traefik' }`.
   * At least one: an empty selector would admit every pod of the namespace.
   */
  readonly podLabels: { [key: string]: string };
}

/**
 * Who a NetworkPolicy rule admits (ingress) or lets the pods reach (egress): a workload
 * of this library, a namespace, the ingress controller's pods, or an IP range.
 */
export class NetworkPeer {
  /**
   * The pods of a workload of this library (Worker, WebApp, JobGraph), by its selector
   * labels; when it lives in another namespace than the policy's workload, that
   * namespace is named too (`kubernetes.io/metadata.name`).
   */
  public static workload(workload: ISelectableWorkload): NetworkPeer {
    return new NetworkPeer({ kind: 'workload', workload });
  }

  /** Every pod of a namespace, selected by its `kubernetes.io/metadata.name` label. */
  public static namespace(name: string): NetworkPeer {
    return new NetworkPeer({ kind: 'namespace', namespace: name });
  }

  /**
   * The ingress controller's (or Gateway implementation's) pods: a namespace and the
   * labels of its pods, e.g. `{ namespace: 'envoy-gateway-system', podLabels:
   * { 'app.kubernetes.io/name': 'envoy' } }`.
   */
  public static ingressController(options: IngressControllerPeerOptions): NetworkPeer {
    return new NetworkPeer({ kind: 'pods', namespace: options.namespace, labels: options.podLabels });
  }

  /**
   * An IP range as a CIDR ("10.0.0.0/8", "2001:db8::/32"), with the ranges inside it in
   * `exclude` left out (the policy's `except`); for peers outside the cluster.
   */
  public static ipBlock(cidr: string, exclude?: string[]): NetworkPeer {
    return new NetworkPeer({ kind: 'ipBlock', cidr, except: exclude });
  }

  /** @internal */
  public readonly _peer: PeerSpec;

  private constructor(peer: PeerSpec) {
    this._peer = peer;
  }
}

/** What a NetworkPeer stands for. @internal */
export interface PeerSpec {
  readonly kind: 'workload' | 'namespace' | 'pods' | 'ipBlock';
  readonly workload?: ISelectableWorkload;
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly cidr?: string;
  readonly except?: string[];
}

/** One allowed connection of a NetworkPolicy: a peer, on some ports or all. */
export interface NetworkPolicyPeerRule {
  /** Who may connect (ingress) or be reached (egress). */
  readonly peer: NetworkPeer;
  /**
   * The ports, by number or by name. On ingress they are ports the workload's containers
   * declare; on egress to a workload of this library, ports it declares; on egress to
   * any other peer, numbers.
   * @default - every port
   */
  readonly ports?: PortReference[];
  /**
   * The protocol of the ports given by number (a named port has its declared protocol).
   * @default - the protocol the checked workload declares the port with (TCP when it declares it for several, or for a peer outside this library)
   */
  readonly protocol?: Protocol;
}

/**
 * A NetworkPolicy for the workload's pods. Kubernetes admits everything to and from a pod
 * that no policy selects; a policy that restricts a direction admits only what its rules
 * list there (policies add up: another policy selecting the same pods, such as a
 * ServiceWithHealthchecks' probe policy, admits more). The kubelet's probes are not
 * affected: traffic from the pod's own node is always allowed.
 */
export interface WorkloadNetworkPolicy {
  /**
   * The NetworkPolicy's name.
   * @default - the workload's name
   */
  readonly name?: string;
  /**
   * Deny every inbound connection that `allowFrom` does not list (with no `allowFrom`, all
   * of them).
   * @default false
   */
  readonly denyIngress?: boolean;
  /**
   * Who may connect to the pods; needs `denyIngress: true`, because any ingress rule denies
   * what it does not list.
   * @default - nothing (with denyIngress), no ingress rule
   */
  readonly allowFrom?: NetworkPolicyPeerRule[];
  /**
   * Deny every outbound connection that `allowTo` (and the DNS rule) does not list.
   * @default false
   */
  readonly denyEgress?: boolean;
  /**
   * What the pods may connect to; needs `denyEgress: true`.
   * @default - nothing but DNS (with denyEgress), no egress rule
   */
  readonly allowTo?: NetworkPolicyPeerRule[];
  /**
   * With `denyEgress`, let the pods query the cluster DNS (UDP and TCP port 53 of
   * `dnsServer`): without it no Service name resolves. Only with `denyEgress`.
   * @default true when denyEgress is set
   */
  readonly allowDns?: boolean;
  /**
   * The cluster DNS pods that `allowDns` admits.
   * @default - pods labelled `k8s-app: kube-dns` in namespace kube-system (CoreDNS as kubeadm, EKS, GKE and AKS deploy it)
   */
  readonly dnsServer?: NetworkPeer;
  /**
   * Labels of the NetworkPolicy (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** The NetworkPolicy prop every workload of this library shares. */
export interface WorkloadNetworkPolicyProps {
  /**
   * A NetworkPolicy selecting the workload's pods: deny ingress and/or egress, and allow
   * other workloads of this library, namespaces, the ingress controller or IP ranges,
   * optionally per port. A JobGraph's policy selects its Deployment's pods, not those of
   * its detachable CronJobs.
   * @default - no NetworkPolicy
   */
  readonly networkPolicy?: WorkloadNetworkPolicy;
}

/** The default cluster DNS: CoreDNS's pods in kube-system. */
const KUBE_DNS = NetworkPeer.ingressController({ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } });

/**
 * The workload's NetworkPolicy, a cdk8s-plus NetworkPolicy selecting the workload's
 * Deployment (so its stable selector labels), with every rule checked first.
 *
 * @internal
 */
export function applyNetworkPolicy(
  workload: Construct & ISelectableWorkload, selector: kplus.Deployment, given: WorkloadNetworkPolicy | undefined,
  recommended: Record<string, string>, problems: Problems,
): kplus.NetworkPolicy | undefined {
  const o = objectOf(problems, 'networkPolicy', given, 'an object ({ denyIngress, allowFrom, denyEgress, allowTo })');
  if (o === undefined) return undefined;
  const f = (x: string) => `networkPolicy.${x}`;
  const name = o.name ?? workload.name;
  checkMetadata(problems, { name, labels: o.labels, field: 'networkPolicy' });
  const denyIngress = o.denyIngress ?? false;
  const denyEgress = o.denyEgress ?? false;
  const allowFrom = listEntries(problems, f('allowFrom'), o.allowFrom, 'a rule ({ peer, ports })');
  const allowTo = listEntries(problems, f('allowTo'), o.allowTo, 'a rule ({ peer, ports })');
  if (!denyIngress && !denyEgress) {
    problems.add('networkPolicy', 'restricts nothing: set `denyIngress` and/or `denyEgress` (a policy without them would still deny all ingress, as Kubernetes reads an empty policy), or remove `networkPolicy`');
  }
  if (o.allowFrom !== undefined && !denyIngress) {
    problems.add(f('allowFrom'), 'needs `denyIngress: true`: any ingress rule denies every connection it does not list, so say so');
  }
  if (o.allowTo !== undefined && !denyEgress) {
    problems.add(f('allowTo'), 'needs `denyEgress: true`: any egress rule denies every connection it does not list, so say so');
  }
  if (o.allowDns !== undefined && !denyEgress) {
    problems.badValue(f('allowDns'), o.allowDns, 'only applies with `denyEgress: true` (without it egress, DNS included, is not restricted)');
  }
  const allowDns = denyEgress && (o.allowDns ?? true);
  if (o.dnsServer !== undefined && !allowDns) {
    problems.add(f('dnsServer'), 'is set but no DNS rule is written (it needs `denyEgress: true` and `allowDns` left true)');
  }

  const own = namespaceOf(workload).namespace;
  const policy = new kplus.NetworkPolicy(workload, 'NetworkPolicy', {
    metadata: { name, labels: { ...o.labels, ...recommended } },
    selector,
    ingress: denyIngress ? { default: kplus.NetworkPolicyTrafficDefault.DENY } : undefined,
    egress: denyEgress ? { default: kplus.NetworkPolicyTrafficDefault.DENY } : undefined,
  });
  const api = ApiObject.of(policy);
  const ctx = { policy, api, problems, own };
  allowFrom.forEach(([r, i]) => addRule(ctx, 'ingress', f(`allowFrom[${i}]`), r, workload.ports));
  allowTo.forEach(([r, i]) => addRule(ctx, 'egress', f(`allowTo[${i}]`), r, r.peer?._peer?.workload?.ports));
  if (allowDns) {
    const dns = toPeer(ctx, f('dnsServer'), o.dnsServer ?? KUBE_DNS);
    if (dns) policy.addEgressRule(dns, [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)]);
  }
  return policy;
}

interface RuleContext {
  readonly policy: kplus.NetworkPolicy;
  readonly api: ApiObject;
  readonly problems: Problems;
  /** The namespace of the policy's workload. */
  readonly own?: string;
}

/** Counts the rules written per direction, for the index of a named-port patch. */
const RULE_COUNT = new WeakMap<kplus.NetworkPolicy, { ingress: number; egress: number }>();

/**
 * One rule: the peer as cdk8s-plus peers (a pod selector, optionally in a named
 * namespace, or an IP block), its ports checked against `declared` (the ports of the
 * workload the traffic goes to, when it is one of this library).
 */
function addRule(ctx: RuleContext, direction: 'ingress' | 'egress', field: string, r: NetworkPolicyPeerRule, declared: ContainerPortSpec[] | undefined): void {
  const { problems } = ctx;
  const peer = toPeer(ctx, `${field}.peer`, r.peer);
  const ports = rulePorts(problems, field, r, declared, direction === 'ingress' ? 'the workload\'s containers' : 'the peer workload');
  if (!peer || !ports) return;
  const counts = RULE_COUNT.get(ctx.policy) ?? { ingress: 0, egress: 0 };
  RULE_COUNT.set(ctx.policy, counts);
  const index = counts[direction]++;
  const kports = ports.map(p => kplus.NetworkPolicyPort.of({ port: p.number, protocol: p.protocol as unknown as kplus.NetworkProtocol }));
  if (direction === 'ingress') ctx.policy.addIngressRule(peer, kports);
  else ctx.policy.addEgressRule(peer, kports);
  ports.forEach((p, j) => {
    if (p.name !== undefined) Patches.networkPolicyNamedPort(ctx.api, direction, index, j, p.name);
  });
}

/** The ports of a rule, checked; undefined when one is wrong. */
function rulePorts(
  problems: Problems, field: string, r: NetworkPolicyPeerRule, declared: ContainerPortSpec[] | undefined, whose: string,
): { number?: number; name?: string; protocol: Protocol }[] | undefined {
  const refs = listEntries(problems, `${field}.ports`, r.ports, 'a port (PortReference.fromNumber or fromName)');
  let ok = problems.oneOf(`${field}.protocol`, r.protocol, Object.values(Protocol));
  if (r.ports !== undefined && refs.length === 0) {
    problems.add(`${field}.ports`, 'is empty; leave it out to allow every port, or list the ports');
    ok = false;
  }
  const out: { number?: number; name?: string; protocol: Protocol }[] = [];
  const described = () => (declared ?? []).map(d => `${d.name ? `${d.name}=` : ''}${d.containerPort}/${d.protocol ?? Protocol.TCP}`).join(', ') || 'none';
  refs.forEach(([ref, j]) => {
    const pf = `${field}.ports[${j}]`;
    if (ref.name !== undefined) {
      if (!isPortName(ref.name)) {
        problems.badValue(pf, ref.name, `must be ${PORT_NAME_TEXT}`);
        ok = false;
        return;
      }
      if (declared === undefined) {
        problems.badValue(pf, ref.name, 'a port name can only be checked against the ports of a workload of this library, and this peer is not one', 'Give the port number');
        ok = false;
        return;
      }
      const d = declared.find(x => x.name === ref.name);
      if (!d) {
        problems.badValue(pf, ref.name, `no port of that name is declared by ${whose} (declared: ${described()})`);
        ok = false;
        return;
      }
      const protocol = d.protocol ?? Protocol.TCP;
      if (r.protocol !== undefined && r.protocol !== protocol) {
        problems.badValue(`${field}.protocol`, r.protocol, `does not match the ${protocol} port ${JSON.stringify(ref.name)} declared by ${whose}`, 'Remove `protocol` (a named port has its declared protocol)');
        ok = false;
        return;
      }
      out.push({ name: ref.name, protocol });
      return;
    }
    if (!problems.integer(pf, ref.number, 1, 65535)) {
      ok = false;
      return;
    }
    if (declared === undefined) {
      out.push({ number: ref.number, protocol: r.protocol ?? Protocol.TCP });
      return;
    }
    const matches = declared.filter(x => x.containerPort === ref.number && (r.protocol === undefined || (x.protocol ?? Protocol.TCP) === r.protocol));
    if (matches.length === 0) {
      problems.badValue(pf, ref.number, `${whose} declare no ${r.protocol ?? ''}${r.protocol ? ' ' : ''}port ${ref.number} (declared: ${described()})`, 'Declare the port on the container or allow one it declares');
      ok = false;
      return;
    }
    const protocols = [...new Set(matches.map(x => x.protocol ?? Protocol.TCP))];
    out.push({ number: ref.number, protocol: r.protocol ?? (protocols.length === 1 ? protocols[0] : Protocol.TCP) });
  });
  return ok ? out : undefined;
}

/** The peer as a cdk8s-plus peer (created under the policy), or undefined when it is wrong. */
function toPeer(ctx: RuleContext, field: string, peer: NetworkPeer | undefined): kplus.INetworkPolicyPeer | undefined {
  const { problems, policy } = ctx;
  const p = peer?._peer;
  const pf = field;
  if (!p) {
    problems.add(pf, 'is required: NetworkPeer.workload(...), .namespace(...), .ingressController(...) or .ipBlock(...)');
    return undefined;
  }
  const id = `Peer${policy.node.children.length}`;
  const inNamespace = (ns: string | undefined, labels: Record<string, string>) => kplus.Pods.select(policy, id, {
    labels,
    namespaces: ns === undefined ? undefined : kplus.Namespaces.select(policy, `${id}Namespace`, { names: [ns] }),
  });
  switch (p.kind) {
    case 'workload': {
      const w = p.workload!;
      const theirs = namespaceOf(w);
      // A jsii host's own ISelectableWorkload is not a construct: it is taken to be in the policy's namespace.
      if (!theirs.known || theirs.namespace === ctx.own) return inNamespace(undefined, { ...w.selectorLabels });
      if (theirs.namespace === undefined) {
        problems.add(pf, `the workload ${show(w.name)} (at ${(w as unknown as IConstruct).node.path}) is in ${showNamespace(undefined)}, but this workload is in ${showNamespace(ctx.own)}: a NetworkPolicy can name the peer's namespace only when it has one. Give the peer's chart a namespace`);
        return undefined;
      }
      return inNamespace(theirs.namespace, { ...w.selectorLabels });
    }
    case 'namespace':
      if (!problems.pattern(`${pf}.namespace`, p.namespace, DNS_LABEL, DNS_LABEL_TEXT)) return undefined;
      return kplus.Namespaces.select(policy, id, { labels: { [NAMESPACE_NAME_LABEL]: p.namespace! } });
    case 'pods': {
      let ok = problems.pattern(`${pf}.namespace`, p.namespace, DNS_LABEL, DNS_LABEL_TEXT);
      if (!p.labels || Object.keys(p.labels).length === 0) {
        problems.add(`${pf}.podLabels`, 'is empty; give the labels of the controller\'s pods (an empty selector would admit every pod of the namespace; use NetworkPeer.namespace for that)');
        ok = false;
      }
      const before = problems.size;
      checkLabels(problems, `${pf}.podLabels`, p.labels);
      if (!ok || problems.size > before) return undefined;
      return inNamespace(p.namespace, { ...p.labels });
    }
    default:
      return ipBlock(problems, policy, id, pf, p.cidr, p.except);
  }
}

/** An IP block: a CIDR, and CIDRs inside it (strict subsets, as the API server requires). */
function ipBlock(
  problems: Problems, scope: Construct, id: string, field: string, cidr: string | undefined, except: string[] | undefined,
): kplus.INetworkPolicyPeer | undefined {
  if (typeof cidr !== 'string' || !isCidr(cidr)) {
    problems.badValue(`${field}.cidr`, cidr, 'must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32"');
    return undefined;
  }
  const [base, bits] = cidr.split('/');
  const family = isIP(base) === 4 ? 'ipv4' : 'ipv6';
  const range = new BlockList();
  range.addSubnet(base, Number(bits), family);
  let ok = true;
  (except ?? []).forEach((e, i) => {
    const ef = `${field}.except[${i}]`;
    if (typeof e !== 'string' || !isCidr(e)) {
      problems.badValue(ef, e, 'must be a CIDR such as "10.1.0.0/16"');
      ok = false;
      return;
    }
    const [eb, ebits] = e.split('/');
    if ((isIP(eb) === 4 ? 'ipv4' : 'ipv6') !== family || !range.check(eb, family) || Number(ebits) <= Number(bits)) {
      problems.badValue(ef, e, `must be a strict subset of ${JSON.stringify(cidr)} (inside it, with a longer prefix)`);
      ok = false;
    }
  });
  if (!ok) return undefined;
  try {
    return family === 'ipv4' ? kplus.NetworkPolicyIpBlock.ipv4(scope, id, cidr, except) : kplus.NetworkPolicyIpBlock.ipv6(scope, id, cidr, except);
  } catch (e) {
    // cdk8s-plus's own format check is narrower than the API server's (IPv6 in lower case, no embedded IPv4).
    problems.badValue(`${field}.cidr`, cidr, `is refused by cdk8s-plus (${(e as Error).message}); write it in the plain form, such as "10.0.0.0/8" or "2001:db8::/32" (IPv6 in lower case)`);
    return undefined;
  }
}
