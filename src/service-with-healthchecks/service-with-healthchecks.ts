import { isIP } from 'net';
import { ApiObject, Chart } from 'cdk8s';
import { Protocol, ServiceType, k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { ProbeContext, ServiceProbe } from './probe';
import { prune } from '../common/json';
import { checkLabels, checkMetadata, checkRecommendedLabelValues, checkServiceName, recommendedLabels } from '../common/labels';
import { namespaceOf, showNamespace } from '../common/namespace';
import { Problems, show } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { yamlRoundTripProblems } from '../common/yaml';
import { ContainerPortSpec } from '../container/image';
import { PortReference } from '../container/port';
import { resolvePort } from '../health/health-check';
import { listEntries, listPlaces } from '../pod/checks';
import { ISelectableWorkload } from '../pod/selectable';
import { plainServicesNamed } from '../service/names';
import { ServiceRules } from '../service/rules';
import {
  ServiceIpFamily, ServiceIpFamilyPolicy, ServiceSessionAffinity, ServiceTrafficDistribution, ServiceTrafficPolicy,
} from '../service/service-enums';

/** The API group/version and kind this construct emits. */
export const SERVICE_WITH_HEALTHCHECKS_API_VERSION = 'network.deckhouse.io/v1alpha1';
const KIND = 'ServiceWithHealthchecks';
/** The namespace the Deckhouse probe agents run in. */
export const SERVICE_WITH_HEALTHCHECKS_AGENT_NAMESPACE = 'd8-service-with-healthchecks';

/** One port of a ServiceWithHealthchecks. */
export interface ServiceWithHealthchecksPort {
  /** The port the Service listens on, 1..65535. */
  readonly port: number;
  /**
   * The port's name: a lower-case RFC 1123 label, unique in the Service; required when
   * the Service has more than one port.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The pod port traffic goes to: a number, or a name the selected workload declares
   * (written as its number, because the CRD takes only numbers).
   * @default - the same number as `port`
   */
  readonly targetPort?: PortReference;
  /**
   * The IP protocol.
   * @default Protocol.TCP (written out)
   */
  readonly protocol?: Protocol;
  /**
   * The node port (NodePort and LoadBalancer only), 1..65535.
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
  /**
   * The application protocol: an IANA service name (`http`), a Kubernetes-defined name
   * (`kubernetes.io/h2c`) or a prefixed one (`example.com/proto`).
   * @default - none
   */
  readonly appProtocol?: string;
}

/** Props of a ServiceWithHealthchecks. */
export interface ServiceWithHealthchecksProps {
  /**
   * The object's name, also the name of the Service the Deckhouse controller makes:
   * a lower-case RFC 1035 label (starts with a letter).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/instance` label.
   * @default - the name
   */
  readonly instance?: string;
  /**
   * The `app.kubernetes.io/part-of` label.
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * Labels beside the recommended ones.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * The workload of this library whose pods get the traffic: its selector labels
   * become the selector, and named target ports resolve against its ports.
   * @default - none; give `selector` instead
   */
  readonly workload?: ISelectableWorkload;
  /**
   * Plain labels selecting the pods (when they are not a workload of this library).
   * @default - none; give `workload` instead
   */
  readonly selector?: { [key: string]: string };
  /**
   * The checks the Deckhouse agent runs against every selected pod; a pod gets traffic
   * only while all of them pass. At least one.
   */
  readonly probes: ServiceProbe[];
  /**
   * Seconds after a pod starts before it is probed, 0..108000; service-wide.
   * @default 10
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probe runs, 1..108000; service-wide.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * How the Service is exposed.
   * @default ServiceType.CLUSTER_IP (written out)
   */
  readonly type?: ServiceType;
  /**
   * The ports.
   * @default - one port per port the workload declares (same number, name and protocol); required with `selector`
   */
  readonly ports?: ServiceWithHealthchecksPort[];
  /**
   * The cluster IP: "None" (headless), "" or an IP address; not for ExternalName.
   * @default - allocated by the cluster
   */
  readonly clusterIp?: string;
  /**
   * IP addresses on which nodes also accept traffic for this Service.
   * @default - none
   */
  readonly externalIps?: string[];
  /**
   * The DNS name an ExternalName Service aliases: required for, and only for, type
   * ExternalName; a lower-case RFC 1123 name.
   * @default - none
   */
  readonly externalName?: string;
  /**
   * Where nodes send external traffic (NodePort and LoadBalancer only).
   * @default - not written: the cluster uses Cluster
   */
  readonly externalTrafficPolicy?: ServiceTrafficPolicy;
  /**
   * The node port that answers load balancer health checks (LoadBalancer with
   * externalTrafficPolicy Local only), 1..65535.
   * @default - allocated by the cluster when needed
   */
  readonly healthCheckNodePort?: number;
  /**
   * Where nodes send traffic to the cluster IP (not for ExternalName).
   * @default - not written: the cluster uses Cluster
   */
  readonly internalTrafficPolicy?: ServiceTrafficPolicy;
  /**
   * The IP families, at most two and no repeats; two need a dual-stack ipFamilyPolicy
   * (not for ExternalName).
   * @default - chosen by the cluster
   */
  readonly ipFamilies?: ServiceIpFamily[];
  /**
   * Single or dual stack (not for ExternalName).
   * @default - not written: the cluster uses SingleStack
   */
  readonly ipFamilyPolicy?: ServiceIpFamilyPolicy;
  /**
   * The load balancer implementation (LoadBalancer only): a label-style name with an
   * optional prefix, such as `internal-vip` or `example.com/internal-vip`.
   * @default - the cluster's default load balancer
   */
  readonly loadBalancerClass?: string;
  /**
   * The load balancer's IP address, where the provider supports it (LoadBalancer only).
   * @default - chosen by the provider
   */
  readonly loadBalancerIp?: string;
  /**
   * Client CIDRs the load balancer admits, where the provider supports it (LoadBalancer only).
   * @default - all clients
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * Whether a LoadBalancer Service gets node ports (LoadBalancer only).
   * @default - not written: the cluster allocates them
   */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /**
   * Publish endpoints of pods that are not ready.
   * @default - not written (false)
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Session stickiness.
   * @default - not written: None
   */
  readonly sessionAffinity?: ServiceSessionAffinity;
  /**
   * How long a ClientIP session sticks, 1..86400 seconds (ClientIP only).
   * @default - not written: the cluster uses 10800 (3 hours)
   */
  readonly sessionAffinityTimeoutSeconds?: number;
  /**
   * A preference for which endpoints get traffic.
   * @default - not written: the implementation's default
   */
  readonly trafficDistribution?: ServiceTrafficDistribution;
  /**
   * Also emit a NetworkPolicy that admits the Deckhouse agents (namespace
   * `d8-service-with-healthchecks`) to the probed ports of the selected pods. Needed when
   * a default-deny policy covers the pods. Note: a NetworkPolicy that selects pods which
   * no other policy selected makes them deny all other ingress, so this is opt-in.
   * @default false
   */
  readonly allowProbeTraffic?: boolean;
}

/**
 * Deckhouse's `ServiceWithHealthchecks` (network.deckhouse.io/v1alpha1): a Service whose
 * endpoints are gated by HTTP, TCP or PostgreSQL probes run by the Deckhouse agent, so a
 * pod that is up but not fit for traffic (a PostgreSQL standby, a server whose
 * dependency is down) gets none. Every CRD rule and the Service cross-field rules are
 * checked at synth; all probe timings and target ports are written out as numbers. It
 * never emits a plain Service: the Deckhouse controller makes that, with the same name.
 *
 * @example
 * import { ServiceProbe, ServiceWithHealthchecks, Worker } from 'cdk8s-workloads';
 *
 * const postgres = new Worker(chart, 'postgres', {
 *   image: 'registry.example.com/db/postgres-ha:16.4',
 *   ports: [{ name: 'postgres', containerPort: 5432 }],
 * });
 * new ServiceWithHealthchecks(chart, 'db-primary', {
 *   workload: postgres,
 *   probes: [ServiceProbe.fromPostgreSql({ query: 'select not pg_is_in_recovery()', authSecretName: 'pg-probe' })],
 * });
 */
export class ServiceWithHealthchecks extends Construct {
  /** The ServiceWithHealthchecks object (a plain ApiObject, as an escape hatch). */
  public readonly apiObject: ApiObject;
  /** The NetworkPolicy admitting the agents, when `allowProbeTraffic` is set. */
  public readonly networkPolicy?: ApiObject;
  /** The object's name (and its Service's). */
  public readonly name: string;
  /** The labels that select the pods. */
  public readonly selectorLabels: { [key: string]: string };

  constructor(scope: Construct, id: string, props: ServiceWithHealthchecksProps) {
    super(scope, id);
    const problems = new Problems();
    this.name = props.name ?? id;
    checkMetadata(problems, { name: this.name, labels: props.labels, annotations: props.annotations });
    checkServiceName(problems, 'name', this.name, false);
    checkRecommendedLabelValues(problems, { instance: props.instance, partOf: props.partOf });

    const type = props.type ?? ServiceType.CLUSTER_IP;
    problems.oneOf('type', type, Object.values(ServiceType));
    const rules = new ServiceRules(problems, type);

    // Selection.
    const workload = props.workload;
    if (workload && props.selector) {
      problems.add('selector', `is set together with \`workload\` (${show(workload.name)}); select the pods one way: the workload's labels, or plain labels`);
    }
    const selector = workload ? { ...workload.selectorLabels } : props.selector ? { ...props.selector } : undefined;
    if (type === ServiceType.EXTERNAL_NAME) {
      if (workload) problems.add('workload', 'is set but type is "ExternalName": an ExternalName Service selects no pods; remove `workload` or change the type');
      else if (props.selector) problems.add('selector', 'is set but type is "ExternalName": an ExternalName Service selects no pods; remove `selector` or change the type');
    } else if (!selector) {
      problems.add('workload', 'is required: select the pods with `workload` (a Worker or WebApp of this library) or `selector` (plain labels)');
    } else {
      if (Object.keys(selector).length === 0) problems.add('selector', 'is empty; give at least one label (an empty selector would select every pod in the namespace)');
      checkLabels(problems, 'selector', selector);
    }
    this.selectorLabels = selector ?? {};

    // Service fields.
    rules.externalName(props.externalName);
    rules.clusterIp(props.clusterIp);
    for (const [i, ip] of (props.externalIps ?? []).entries()) {
      if (!isIP(ip)) problems.badValue(`externalIps[${i}]`, ip, 'must be an IPv4 or IPv6 address');
    }
    rules.externalTraffic(props.externalTrafficPolicy, props.healthCheckNodePort);
    rules.notForExternalName('internalTrafficPolicy', props.internalTrafficPolicy);
    problems.oneOf('internalTrafficPolicy', props.internalTrafficPolicy, Object.values(ServiceTrafficPolicy));
    rules.ipFamilies(props.ipFamilies, props.ipFamilyPolicy);
    rules.loadBalancer(props);
    problems.oneOf('sessionAffinity', props.sessionAffinity, Object.values(ServiceSessionAffinity));
    if (props.sessionAffinityTimeoutSeconds !== undefined) {
      if (props.sessionAffinity !== ServiceSessionAffinity.CLIENT_IP) {
        problems.badValue('sessionAffinityTimeoutSeconds', props.sessionAffinityTimeoutSeconds,
          `only applies with sessionAffinity "ClientIP" (sessionAffinity is ${show(props.sessionAffinity ?? 'None')})`,
          'Set `sessionAffinity: ServiceSessionAffinity.CLIENT_IP` or remove the timeout');
      } else {
        problems.integer('sessionAffinityTimeoutSeconds', props.sessionAffinityTimeoutSeconds, 1, 86400);
      }
    }
    problems.oneOf('trafficDistribution', props.trafficDistribution, Object.values(ServiceTrafficDistribution));

    const workloadPorts = workload ? [...workload.ports] : undefined;
    const ports = servicePorts(rules, problems, props.ports, workloadPorts, props.clusterIp === 'None');

    // Health check.
    const initialDelaySeconds = props.initialDelaySeconds ?? 10;
    const periodSeconds = props.periodSeconds ?? 10;
    problems.integer('initialDelaySeconds', initialDelaySeconds, 0, 108000);
    problems.integer('periodSeconds', periodSeconds, 1, 108000);
    const probes: Record<string, unknown>[] = [];
    const probedPorts: number[] = [];
    if (!props.probes || props.probes.length === 0) {
      problems.add('probes', 'must list at least one probe; without probes this is a plain Service: use one, or add ServiceProbe.fromHealthCheck(...) / ServiceProbe.fromPostgreSql(...)');
    }
    const ctx: ProbeContext = { ports: workloadPorts, initialDelaySeconds, periodSeconds };
    for (const [probe, i] of listEntries(problems, 'probes', props.probes, 'a probe made with ServiceProbe.*')) {
      const r = probe._render(ctx);
      problems.merge(`probes[${i}]`, r.problems);
      probes.push(r.probe);
      if (r.targetPort) probedPorts.push(r.targetPort);
    }

    const labels = recommendedLabels({ name: this.name, instance: props.instance ?? this.name, component: 'service', partOf: props.partOf });
    const metadata = { name: this.name, labels: { ...props.labels, ...labels.all }, annotations: props.annotations };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: SERVICE_WITH_HEALTHCHECKS_API_VERSION,
      kind: KIND,
      metadata,
      spec: prune({
        type,
        selector,
        ports,
        clusterIP: props.clusterIp,
        externalIPs: props.externalIps,
        externalName: props.externalName,
        externalTrafficPolicy: props.externalTrafficPolicy,
        healthCheckNodePort: props.healthCheckNodePort,
        internalTrafficPolicy: props.internalTrafficPolicy,
        ipFamilies: props.ipFamilies,
        ipFamilyPolicy: props.ipFamilyPolicy,
        loadBalancerClass: props.loadBalancerClass,
        loadBalancerIP: props.loadBalancerIp,
        loadBalancerSourceRanges: props.loadBalancerSourceRanges,
        allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
        publishNotReadyAddresses: props.publishNotReadyAddresses,
        sessionAffinity: props.sessionAffinity,
        sessionAffinityConfig: props.sessionAffinityTimeoutSeconds !== undefined
          ? { clientIP: { timeoutSeconds: props.sessionAffinityTimeoutSeconds } } : undefined,
        trafficDistribution: props.trafficDistribution,
        healthcheck: { initialDelaySeconds, periodSeconds, probes },
      }),
    });

    if (props.allowProbeTraffic) {
      if (!selector || type === ServiceType.EXTERNAL_NAME) {
        problems.add('allowProbeTraffic', 'needs selected pods to admit the agents to; this Service selects none');
      } else {
        const uniquePorts = [...new Set(probedPorts)].sort((a, b) => a - b);
        this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'AllowProbes', {
          metadata: { name: `${this.name}-healthchecks`, labels: { ...props.labels, ...labels.all } },
          spec: {
            podSelector: { matchLabels: selector },
            policyTypes: ['Ingress'],
            ingress: [{
              from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': SERVICE_WITH_HEALTHCHECKS_AGENT_NAMESPACE } } }],
              ports: uniquePorts.map(port => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
            }],
          },
        });
      }
    }

    const messages = problems.messages;
    WholeApp.addValidation(this, () => [
      ...messages, ...this.sameNamedServices(), ...this.workloadNamespace(workload), ...yamlRoundTripProblems(this, problems.yamlValues),
    ]);
  }

  /** The selected workload of this library must be in this Service's namespace: a Service selects only its own namespace's pods. */
  private workloadNamespace(workload: ISelectableWorkload | undefined): string[] {
    if (!workload) return [];
    const theirs = namespaceOf(workload);
    const ours = this.apiObject.metadata.namespace ?? Chart.of(this).namespace;
    if (!theirs.known || theirs.namespace === ours) return [];
    return [`workload: ${show(workload.name)} is not allowed; the workload (at ${(workload as unknown as IConstruct).node.path}) is in ${showNamespace(theirs.namespace)}, but this ServiceWithHealthchecks is in ${showNamespace(ours)}: a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace`];
  }

  /** A plain Service of the same name and namespace anywhere in the app is an error. */
  private sameNamedServices(): string[] {
    const ns = this.apiObject.metadata.namespace ?? Chart.of(this).namespace;
    return plainServicesNamed(this, this.name)
      .filter(o => (o.metadata.namespace ?? Chart.of(o).namespace) === ns)
      .map(o => `name: a plain Service ${show(this.name)} is also defined (at ${o.node.path}); the Deckhouse controller creates and owns the Service of a ServiceWithHealthchecks, so remove the other one or rename one of them`);
  }

}


/** Checks the ports and returns them as the CRD writes them (numeric target ports). */
function servicePorts(rules: ServiceRules, p: Problems, given: ServiceWithHealthchecksPort[] | undefined,
  workloadPorts: ContainerPortSpec[] | undefined, headless: boolean): Record<string, unknown>[] | undefined {
  const isExternalName = rules.type === ServiceType.EXTERNAL_NAME;
  const { list: givenPorts, at } = listPlaces(p, 'ports', given, 'a Service port ({ port, name, targetPort })');
  const ports: ServiceWithHealthchecksPort[] = givenPorts ?? (workloadPorts && !isExternalName
    ? workloadPorts.map(w => ({ port: w.containerPort, name: w.name, protocol: w.protocol }))
    : []);
  if (ports.length === 0 && !isExternalName && !headless) {
    p.add('ports', given === undefined && workloadPorts
      ? 'is required: the workload declares no ports to default to; list the Service ports'
      : 'must list at least one port (only an ExternalName or headless Service may have none)');
  }
  rules.checkPorts(ports, at);
  const declared = (workloadPorts ?? []).map(w => ({ name: w.name, containerPort: w.containerPort, protocol: w.protocol }));
  const out = ports.map((port, i) => {
    const f = `ports[${at(i)}]`;
    const protocol = port.protocol ?? Protocol.TCP;
    let targetPort = port.port;
    const ref = port.targetPort;
    if (ref !== undefined) {
      if (ref.name !== undefined && workloadPorts === undefined) {
        p.badValue(`${f}.targetPort`, ref.name, 'a port name can only be resolved when the pods are selected with `workload`', 'Refer to the port by number');
        targetPort = 0;
      } else {
        const r = resolvePort(`${f}.targetPort`, ref, declared, p);
        const d = typeof r === 'string' ? declared.find(x => x.name === r) : undefined;
        targetPort = typeof r === 'number' ? r : d?.containerPort ?? 0;
        if (d && (d.protocol ?? Protocol.TCP) !== protocol) {
          p.badValue(`${f}.targetPort`, ref.name, `names a ${d.protocol ?? Protocol.TCP} port of the workload, but this Service port is ${protocol}`, 'Make the protocols match');
        }
      }
    }
    if (headless && targetPort !== port.port) {
      p.badValue(`${f}.targetPort`, targetPort, `must equal port (${port.port}) on a headless Service (clusterIp "None"): Kubernetes ignores it there`, 'Set the Service port to the pod port');
    }
    return prune({ name: port.name, port: port.port, targetPort, protocol, nodePort: port.nodePort, appProtocol: port.appProtocol });
  });
  return out.length ? out : undefined;
}
