import { isIP } from 'net';
import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DNS_LABEL_TEXT, DNS_SUBDOMAIN_TEXT, LABEL_VALUE_TEXT, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from '../common/formats';
import { checkLabels } from '../common/labels';
import { namespaceOf, showNamespace } from '../common/namespace';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { listEntries, objectOf } from '../pod/checks';
import { ISelectableWorkload } from '../pod/selectable';
import { SelectedPods } from '../pod/selection';

/** How a toleration matches a taint's value (Kubernetes' `operator`). */
export enum TolerationOperator {
  /** The taint's value equals the toleration's `value`. */
  EQUAL = 'Equal',
  /** Any value of the taint's key; without a key, every taint. */
  EXISTS = 'Exists',
}

/**
 * A toleration: lets the pods run on nodes with a matching taint. The API server's rules:
 * `EXISTS` takes no value; without a key the operator must be `EXISTS` (it then matches
 * every taint); `tolerationSeconds` only with the `NO_EXECUTE` effect.
 */
export interface PodToleration {
  /**
   * The taint key: a label key (`[prefix/]name`).
   * @default - every key (only with `TolerationOperator.EXISTS`)
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value, with `EQUAL`: a label value.
   * @default "" (with `EQUAL`, the taint's value must be empty)
   */
  readonly value?: string;
  /**
   * The taint effect to tolerate.
   * @default - every effect
   */
  readonly effect?: kplus.TaintEffect;
  /**
   * How long the pods stay on a node after a matching `NoExecute` taint appears, in
   * seconds (only with `effect: TaintEffect.NO_EXECUTE`).
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** How a node-affinity expression compares a node label (Kubernetes' `operator`). */
export enum NodeSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label exists (no values). */
  EXISTS = 'Exists',
  /** The label does not exist (no values). */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value, an integer, is greater than the one value. */
  GT = 'Gt',
  /** The label's value, an integer, is less than the one value. */
  LT = 'Lt',
}

/** One expression on a node's labels. */
export interface NodeSelectorRequirement {
  /** The node label key (`[prefix/]name`). */
  readonly key: string;
  /** How the label is compared. */
  readonly operator: NodeSelectorOperator;
  /**
   * The values: at least one for `IN`/`NOT_IN`, none for `EXISTS`/`DOES_NOT_EXIST`, exactly
   * one integer for `GT`/`LT`.
   * @default - none
   */
  readonly values?: string[];
}

/** A node-affinity term: every expression must hold (AND). */
export interface NodeAffinityTerm {
  /** The expressions, all of which a node must satisfy; at least one. */
  readonly matchExpressions: NodeSelectorRequirement[];
}

/** A preferred node-affinity term, with its weight. */
export interface PreferredNodeAffinityTerm extends NodeAffinityTerm {
  /** How much a node matching the term is preferred: an integer from 1 to 100. */
  readonly weight: number;
}

/** Node affinity: which nodes the pods must, or would rather, run on. */
export interface NodeAffinityOptions {
  /**
   * Terms of which a node must match at least one (OR between terms, AND inside one).
   * @default - none
   */
  readonly required?: NodeAffinityTerm[];
  /**
   * Terms that make a node more attractive, by weight.
   * @default - none
   */
  readonly preferred?: PreferredNodeAffinityTerm[];
}

/**
 * A pod (anti-)affinity term on the pods of a workload of this library, selected by its
 * selector labels. Without `weight` it is required; with one, a preference.
 */
export interface WorkloadAffinityTerm {
  /**
   * The workload whose pods to run near (affinity) or away from (anti-affinity). A
   * workload in another namespace is named by its namespace.
   * @default - this workload's own pods
   */
  readonly workload?: ISelectableWorkload;
  /**
   * The domain "near" means: the same node, zone, region, or a custom node label.
   * @default Topology.HOSTNAME
   */
  readonly topology?: kplus.Topology;
  /**
   * Makes the term a preference of this weight (an integer from 1 to 100) rather than a
   * requirement.
   * @default - required
   */
  readonly weight?: number;
}

/** What the scheduler does when a spread constraint cannot be met (`whenUnsatisfiable`). */
export enum UnsatisfiableConstraintAction {
  /** Leave the pod pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Schedule it anyway, preferring nodes that reduce the skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** Whether node affinity or taints decide which nodes a spread counts (`nodeAffinityPolicy`, `nodeTaintsPolicy`). */
export enum NodeInclusionPolicy {
  /** Count only the nodes the pod could run on by this criterion. */
  HONOR = 'Honor',
  /** Count every node. */
  IGNORE = 'Ignore',
}

/**
 * A topology spread constraint over the workload's own pods (selected by its selector
 * labels).
 */
export interface TopologySpreadOptions {
  /** The domains to spread over (`topologyKey`): hosts, zones, regions or a custom node label. */
  readonly topology: kplus.Topology;
  /**
   * The largest difference allowed between the number of pods in two domains: an integer >= 1.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What to do when the constraint cannot be met.
   * @default UnsatisfiableConstraintAction.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: UnsatisfiableConstraintAction;
  /**
   * The fewest domains to count (fewer eligible domains count as having 0 pods): an
   * integer >= 1, only with `DO_NOT_SCHEDULE`.
   * @default - no minimum (Kubernetes' 1)
   */
  readonly minDomains?: number;
  /**
   * Whether the pods' node affinity and nodeSelector limit the nodes counted.
   * @default - Kubernetes' default, NodeInclusionPolicy.HONOR
   */
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;
  /**
   * Whether node taints the pods do not tolerate limit the nodes counted.
   * @default - Kubernetes' default, NodeInclusionPolicy.IGNORE
   */
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
  /**
   * Pod label keys whose values (taken from the incoming pod) narrow the pods counted,
   * e.g. `pod-template-hash` to count only the pods of the current rollout. Not the
   * selector label keys.
   * @default - none
   */
  readonly matchLabelKeys?: string[];
}

/**
 * Where and how a workload's pods are scheduled: node selection, tolerations, node and
 * pod affinity, topology spread, priority, host aliases and DNS.
 */
export interface SchedulingOptions {
  /**
   * Node labels a node must carry (all of them) for the pods to run there.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: PodToleration[];
  /**
   * Node affinity, required and preferred terms.
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinityOptions;
  /**
   * Run near the pods of these workloads (same host, zone ...).
   * @default - none
   */
  readonly podAffinity?: WorkloadAffinityTerm[];
  /**
   * Run away from the pods of these workloads (a term without `workload` keeps the
   * workload's own pods apart).
   * @default - none
   */
  readonly podAntiAffinity?: WorkloadAffinityTerm[];
  /**
   * Topology spread constraints over the workload's own pods. When given, they replace
   * the default spread.
   * @default - the default spread (see `defaultSpread`)
   */
  readonly topologySpread?: TopologySpreadOptions[];
  /**
   * The default spread: the pods spread over hosts (`kubernetes.io/hostname`), then zones
   * (`topology.kubernetes.io/zone`), each with maxSkew 1 and `ScheduleAnyway`, so a
   * single-node or single-zone cluster still schedules them. `false` writes no spread;
   * `true` writes it even when the workload may run a single pod (an autoscaler with
   * `minReplicas: 1`).
   * @default - on when the workload runs more than one pod (replicas, or its autoscalers' minimum, above 1) and `topologySpread` is not given
   */
  readonly defaultSpread?: boolean;
  /**
   * The PriorityClass of the pods (the class must exist in the cluster).
   * @default - none (the cluster's global default class, or priority 0)
   */
  readonly priorityClassName?: string;
  /**
   * Entries added to the pods' /etc/hosts.
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];
  /**
   * The pods' DNS: policy, nameservers (at most 3), search domains (at most 32, 2048
   * characters in all) and resolver options.
   * @default - policy ClusterFirst, no extra configuration
   */
  readonly dns?: kplus.PodDnsProps;
}

/** The scheduling prop every workload shares. */
export interface SchedulingProps {
  /**
   * Where and how the pods are scheduled. JobGraph's CronJobs (detachable periodic jobs)
   * get the same node placement, priority, host aliases, DNS and affinity to other
   * workloads; the spread and the terms on the workload's own pods are for the
   * Deployment's pods.
   * @default - the default spread when the workload runs more than one pod, nothing else
   */
  readonly scheduling?: SchedulingOptions;
}

/** The two constraints of the default spread: hosts, then zones. */
const DEFAULT_SPREAD: TopologySpreadOptions[] = [kplus.Topology.HOSTNAME, kplus.Topology.ZONE]
  .map(topology => ({ topology, maxSkew: 1, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY }));

/** cdk8s-plus's pod DNS refuses more search domains than this (see Patches.dnsSearches). */
const KPLUS_MAX_SEARCHES = 6;

const LABEL_KEY_TEXT = 'a label key ([prefix/]name: name at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit; prefix a DNS subdomain)';

/** Scheduling options once checked, ready to apply to a cdk8s-plus workload. @internal */
export interface CheckedScheduling {
  readonly options: SchedulingOptions;
  /** Each term's `workload` namespace to name in the term (undefined: this workload's own). */
  readonly termNamespaces: Map<WorkloadAffinityTerm, string | undefined>;
}

/**
 * Checks the scheduling options as the API server of Kubernetes 1.28 validates the pod
 * spec (pkg/apis/core/validation), recording every problem under `scheduling.`. Returns
 * the options to apply, or undefined when there is a problem (synth fails with them, and
 * nothing is handed to cdk8s-plus, whose own checks throw).
 *
 * @internal
 */
export function checkScheduling(scope: Construct, problems: Problems, options: SchedulingOptions | undefined): CheckedScheduling | undefined {
  const p = new Problems();
  const o = objectOf(problems, 'scheduling', options, 'an object of scheduling options ({ nodeSelector, tolerations, nodeAffinity, ... })') ?? {};
  checkLabels(p, 'nodeSelector', o.nodeSelector);
  listEntries(p, 'tolerations', o.tolerations, 'a toleration').forEach(([t, i]) => checkToleration(p, `tolerations[${i}]`, t));
  checkNodeAffinity(p, o.nodeAffinity);
  const termNamespaces = new Map<WorkloadAffinityTerm, string | undefined>();
  const own = namespaceOf(scope);
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    listEntries(p, kind, o[kind], 'a term ({ workload, topology, weight })').forEach(([t, i]) => {
      termNamespaces.set(t, checkAffinityTerm(p, `${kind}[${i}]`, t, own));
    });
  }
  checkSpread(p, o.topologySpread);
  if (o.defaultSpread === true && o.topologySpread !== undefined) {
    p.badValue('defaultSpread', true, 'has no effect next to `topologySpread`, whose constraints replace the default spread', 'Remove one of them');
  }
  if (o.priorityClassName !== undefined && !isDnsSubdomain(o.priorityClassName)) {
    p.badValue('priorityClassName', o.priorityClassName, `must be ${DNS_SUBDOMAIN_TEXT}: it names a PriorityClass`);
  }
  listEntries(p, 'hostAliases', o.hostAliases, 'a host alias ({ ip, hostnames })').forEach(([a, i]) => checkHostAlias(p, `hostAliases[${i}]`, a));
  checkDns(p, o.dns);
  problems.merge('scheduling', p);
  return p.size === 0 ? { options: o, termNamespaces } : undefined;
}

function checkToleration(p: Problems, f: string, t: PodToleration): void {
  const operator = t.operator ?? TolerationOperator.EQUAL;
  if (t.key !== undefined && t.key !== '' && !isLabelKey(t.key)) p.badValue(`${f}.key`, t.key, `must be ${LABEL_KEY_TEXT}`);
  if (!p.oneOf(`${f}.operator`, t.operator, Object.values(TolerationOperator))) return;
  if ((t.key === undefined || t.key === '') && operator !== TolerationOperator.EXISTS) {
    p.badValue(`${f}.operator`, operator, 'must be "Exists" when `key` is empty: a toleration without a key matches every taint', 'Set `key`, or use TolerationOperator.EXISTS');
  }
  if (operator === TolerationOperator.EXISTS && t.value !== undefined && t.value !== '') {
    p.badValue(`${f}.value`, t.value, 'must be empty when `operator` is "Exists" (it matches every value of the key)', 'Remove `value`, or use TolerationOperator.EQUAL');
  } else if (operator === TolerationOperator.EQUAL && t.value !== undefined && !isLabelValue(t.value)) {
    p.badValue(`${f}.value`, t.value, `must be ${LABEL_VALUE_TEXT}`);
  }
  p.oneOf(`${f}.effect`, t.effect, Object.values(kplus.TaintEffect));
  if (t.tolerationSeconds !== undefined) {
    if (t.effect !== kplus.TaintEffect.NO_EXECUTE) {
      p.badValue(`${f}.tolerationSeconds`, t.tolerationSeconds, `is only for \`effect: TaintEffect.NO_EXECUTE\` (the effect is ${t.effect === undefined ? 'every effect' : JSON.stringify(t.effect)}): only a NoExecute taint evicts running pods`);
    } else {
      p.integer(`${f}.tolerationSeconds`, t.tolerationSeconds, 0, Number.MAX_SAFE_INTEGER);
    }
  }
}

function checkNodeAffinity(p: Problems, given: NodeAffinityOptions | undefined): void {
  const a = objectOf(p, 'nodeAffinity', given, 'an object ({ required, preferred })');
  if (a === undefined) return;
  listEntries(p, 'nodeAffinity.required', a.required, 'a term ({ matchExpressions })')
    .forEach(([t, i]) => checkNodeTerm(p, `nodeAffinity.required[${i}]`, t));
  listEntries(p, 'nodeAffinity.preferred', a.preferred, 'a term ({ weight, matchExpressions })').forEach(([t, i]) => {
    const f = `nodeAffinity.preferred[${i}]`;
    checkWeight(p, `${f}.weight`, t.weight, true);
    checkNodeTerm(p, f, t);
  });
}

function checkWeight(p: Problems, f: string, weight: number | undefined, required: boolean): void {
  if (weight === undefined && required) p.add(f, 'is required: the weight of a preferred term, an integer from 1 to 100');
  else p.integer(f, weight, 1, 100);
}

function checkNodeTerm(p: Problems, f: string, t: NodeAffinityTerm): void {
  const exprs = listEntries(p, `${f}.matchExpressions`, t.matchExpressions, 'an expression ({ key, operator, values })');
  if (exprs.length === 0) {
    p.add(`${f}.matchExpressions`, 'is empty; a node-affinity term needs at least one expression (a term without any matches no node)');
  }
  exprs.forEach(([e, j]) => {
    const g = `${f}.matchExpressions[${j}]`;
    if (!isLabelKey(e.key)) p.badValue(`${g}.key`, e.key, `must be ${LABEL_KEY_TEXT}`);
    if (!p.oneOf(`${g}.operator`, e.operator ?? '', Object.values(NodeSelectorOperator))) return;
    const values = e.values ?? [];
    switch (e.operator) {
      case NodeSelectorOperator.IN:
      case NodeSelectorOperator.NOT_IN:
        if (values.length === 0) p.add(`${g}.values`, `is empty; "${e.operator}" needs at least one value`);
        break;
      case NodeSelectorOperator.EXISTS:
      case NodeSelectorOperator.DOES_NOT_EXIST:
        if (values.length > 0) p.badValue(`${g}.values`, values, `must be empty with "${e.operator}" (it tests only whether the label exists)`);
        break;
      default: // Gt, Lt
        if (values.length !== 1 || !/^-?\d+$/.test(String(values[0]))) {
          p.badValue(`${g}.values`, e.values, `must be exactly one integer with "${e.operator}" (the scheduler compares the node label as an integer)`);
        }
    }
  });
}

function checkAffinityTerm(p: Problems, f: string, t: WorkloadAffinityTerm, own: { known: boolean; namespace?: string }): string | undefined {
  checkWeight(p, `${f}.weight`, t.weight, false);
  if (t.topology !== undefined && (typeof t.topology !== 'object' || t.topology === null)) {
    p.badValue(`${f}.topology`, t.topology, 'must be a Topology (Topology.HOSTNAME, Topology.ZONE or Topology.custom(key))');
  } else if (t.topology !== undefined && !isLabelKey(t.topology.key)) {
    p.badValue(`${f}.topology`, t.topology.key, `must be ${LABEL_KEY_TEXT}: a node label such as "kubernetes.io/hostname"`);
  }
  if (t.workload === undefined) return undefined;
  if (typeof t.workload !== 'object' || t.workload === null) {
    p.badValue(`${f}.workload`, t.workload, 'must be a workload (a Worker, WebApp, JobGraph or another ISelectableWorkload), or unset for the workload\'s own pods');
    return undefined;
  }
  const labels = t.workload.selectorLabels ?? {};
  if (Object.keys(labels).length === 0) {
    p.add(`${f}.workload`, 'selects no pods by label (its selectorLabels are empty); a term on it would select every pod of the namespace');
  }
  const theirs = namespaceOf(t.workload);
  if (!theirs.known || !own.known || theirs.namespace === own.namespace) return undefined;
  if (theirs.namespace === undefined) {
    p.add(`${f}.workload`, `${JSON.stringify(t.workload.name)} is in ${showNamespace(undefined)}, and this workload in ${showNamespace(own.namespace)}: `
      + 'the term cannot name the other namespace. Give the other workload\'s chart a namespace, or put both in the same one');
  }
  return theirs.namespace;
}

function checkSpread(p: Problems, spread: TopologySpreadOptions[] | undefined): void {
  const seen = new Set<string>();
  listEntries(p, 'topologySpread', spread, 'a constraint ({ topology, maxSkew, whenUnsatisfiable })').forEach(([s, i]) => {
    const f = `topologySpread[${i}]`;
    const key = s.topology?.key;
    if (typeof key !== 'string' || !isLabelKey(key)) {
      p.badValue(`${f}.topology`, key, `must be ${LABEL_KEY_TEXT}: a node label such as "topology.kubernetes.io/zone"`);
    }
    p.integer(`${f}.maxSkew`, s.maxSkew, 1);
    const when = s.whenUnsatisfiable ?? UnsatisfiableConstraintAction.DO_NOT_SCHEDULE;
    p.oneOf(`${f}.whenUnsatisfiable`, s.whenUnsatisfiable, Object.values(UnsatisfiableConstraintAction));
    const pair = `${key}|${when}`;
    if (seen.has(pair)) p.add(f, `repeats topology ${JSON.stringify(key)} with whenUnsatisfiable ${JSON.stringify(when)}; each pair may appear once`);
    seen.add(pair);
    if (s.minDomains !== undefined) {
      p.integer(`${f}.minDomains`, s.minDomains, 1);
      if (when !== UnsatisfiableConstraintAction.DO_NOT_SCHEDULE) {
        p.badValue(`${f}.minDomains`, s.minDomains, `is only for whenUnsatisfiable "DoNotSchedule", not ${JSON.stringify(when)}`);
      }
    }
    p.oneOf(`${f}.nodeAffinityPolicy`, s.nodeAffinityPolicy, Object.values(NodeInclusionPolicy));
    p.oneOf(`${f}.nodeTaintsPolicy`, s.nodeTaintsPolicy, Object.values(NodeInclusionPolicy));
    listEntries(p, `${f}.matchLabelKeys`, s.matchLabelKeys, 'a label key').forEach(([k, j]) => {
      if (!isLabelKey(k)) {p.badValue(`${f}.matchLabelKeys[${j}]`, k, `must be ${LABEL_KEY_TEXT}`);} else if (k === 'app.kubernetes.io/name' || k === 'app.kubernetes.io/instance') {
        p.badValue(`${f}.matchLabelKeys[${j}]`, k, 'is already in the spread\'s label selector (the workload\'s selector labels)');
      }
    });
  });
}

function checkHostAlias(p: Problems, f: string, a: kplus.HostAlias): void {
  if (typeof a.ip !== 'string' || !isIP(a.ip)) p.badValue(`${f}.ip`, a.ip, 'must be an IPv4 or IPv6 address');
  listEntries(p, `${f}.hostnames`, a.hostnames, 'a host name').forEach(([h, j]) => {
    if (!isDnsSubdomain(h)) p.badValue(`${f}.hostnames[${j}]`, h, `must be ${DNS_SUBDOMAIN_TEXT}`);
  });
}

function checkDns(p: Problems, given: kplus.PodDnsProps | undefined): void {
  const dns = objectOf(p, 'dns', given, 'an object ({ policy, nameservers, searches, options })');
  if (dns === undefined) return;
  p.oneOf('dns.policy', dns.policy, Object.values(kplus.DnsPolicy));
  const nameserverEntries = listEntries(p, 'dns.nameservers', dns.nameservers, 'an IP address');
  const nameservers = nameserverEntries.map(([n]) => n);
  if (dns.policy === kplus.DnsPolicy.NONE && nameservers.length === 0) {
    p.add('dns.nameservers', 'is empty; with policy "None" the pods get only the DNS configuration given here, so at least one nameserver is required');
  }
  if (nameservers.length > 3) p.badValue('dns.nameservers', nameservers, 'must have at most 3 entries (the resolver reads no more)');
  nameserverEntries.forEach(([n, i]) => {
    if (typeof n !== 'string' || !isIP(n)) p.badValue(`dns.nameservers[${i}]`, n, 'must be an IPv4 or IPv6 address');
  });
  const searchEntries = listEntries(p, 'dns.searches', dns.searches, 'a domain');
  const searches = searchEntries.map(([s]) => s);
  if (searches.length > 32) p.add('dns.searches', `has ${searches.length} entries; at most 32 search domains are allowed`);
  const chars = searches.join(' ').length;
  if (chars > 2048) p.add('dns.searches', `has ${chars} characters (with the spaces between them); at most 2048 are allowed`);
  searchEntries.forEach(([s, i]) => {
    if (typeof s !== 'string' || !isDnsSubdomain(s.replace(/\.$/, ''))) p.badValue(`dns.searches[${i}]`, s, `must be ${DNS_SUBDOMAIN_TEXT}, with an optional trailing "."`);
  });
  listEntries(p, 'dns.options', dns.options, 'an option ({ name, value })').forEach(([o, i]) => {
    if (typeof o.name !== 'string' || o.name === '') p.badValue(`dns.options[${i}].name`, o.name, 'must be a non-empty resolver option name such as "ndots"');
  });
  if (dns.hostname !== undefined && !isDnsLabel(dns.hostname)) p.badValue('dns.hostname', dns.hostname, `must be ${DNS_LABEL_TEXT}`);
  if (dns.subdomain !== undefined && !isDnsLabel(dns.subdomain)) p.badValue('dns.subdomain', dns.subdomain, `must be ${DNS_LABEL_TEXT}`);
}

/**
 * The pod DNS props for the cdk8s-plus workload (which takes them at construction only):
 * the first 6 search domains; `applyScheduling` appends the rest.
 *
 * @internal
 */
export function schedulingDns(checked: CheckedScheduling | undefined): kplus.PodDnsProps | undefined {
  const dns = checked?.options.dns;
  if (!dns) return undefined;
  return { ...dns, searches: dns.searches?.slice(0, KPLUS_MAX_SEARCHES) };
}

/** Where `applyScheduling` writes. @internal */
export interface ScheduledPods {
  /** The path of the pod spec in the workload's object. */
  readonly podSpecPath: string;
  /** The workload's selector labels, when these are its own pods (the Deployment's): the spread and the self terms apply. */
  readonly selectorLabels?: Record<string, string>;
  /** The fewest pods the workload runs, for the default spread. */
  readonly replicaFloor?: number;
}

/**
 * Applies checked scheduling options to a cdk8s-plus workload: tolerations, node and pod
 * affinity and host aliases through its API (`scheduling.tolerate/attract/colocate/
 * separate`, `addHostAlias`), and what cdk8s-plus cannot express (nodeSelector,
 * priorityClassName, topologySpreadConstraints, search domains after the sixth) through
 * the patches of common/patches.ts. The DNS props went in at construction
 * (`schedulingDns`).
 *
 * @internal
 */
export function applyScheduling(workload: kplus.Workload, checked: CheckedScheduling | undefined, where: ScheduledPods): void {
  if (!checked) return;
  const o = checked.options;
  const api = ApiObject.of(workload);
  const own = where.selectorLabels !== undefined;

  if (o.nodeSelector && Object.keys(o.nodeSelector).length > 0) Patches.nodeSelector(api, where.podSpecPath, o.nodeSelector);
  const tolerations = (o.tolerations ?? []).filter(t => t);
  if (tolerations.length > 0) workload.scheduling.tolerate(kplus.Node.tainted(...tolerations.map(taintQuery)));
  const node = (t: NodeAffinityTerm) => kplus.Node.labeled(...t.matchExpressions.map(labelQuery));
  for (const t of (o.nodeAffinity?.required ?? []).filter(x => x)) workload.scheduling.attract(node(t));
  for (const t of (o.nodeAffinity?.preferred ?? []).filter(x => x)) workload.scheduling.attract(node(t), { weight: t.weight });
  const place = (kind: 'podAffinity' | 'podAntiAffinity') => (o[kind] ?? []).filter(t => t).forEach((t, i) => {
    if (!t.workload && !own) return; // the workload's own pods: the Deployment's only
    const selector: kplus.IPodSelector = t.workload
      ? new SelectedPods(workload, `${kind}-${i}`, t.workload.selectorLabels, checked.termNamespaces.get(t))
      : workload;
    const opts = { topology: t.topology ?? kplus.Topology.HOSTNAME, weight: t.weight };
    if (kind === 'podAffinity') workload.scheduling.colocate(selector, opts);
    else workload.scheduling.separate(selector, opts);
  });
  place('podAffinity');
  place('podAntiAffinity');
  for (const a of (o.hostAliases ?? []).filter(x => x)) workload.addHostAlias({ ip: a.ip, hostnames: [...a.hostnames] });
  const searches = o.dns?.searches ?? [];
  if (searches.length > KPLUS_MAX_SEARCHES) Patches.dnsSearches(api, where.podSpecPath, searches.slice(KPLUS_MAX_SEARCHES));
  if (o.priorityClassName) Patches.priorityClassName(api, where.podSpecPath, o.priorityClassName);

  if (!own) return;
  const spreadOn = o.defaultSpread ?? ((where.replicaFloor ?? 1) > 1);
  const spread = o.topologySpread ?? (spreadOn ? DEFAULT_SPREAD : []);
  if (spread.length > 0) Patches.topologySpreadConstraints(api, where.podSpecPath, spread.map(s => spreadConstraint(s, where.selectorLabels!)));
}

function taintQuery(t: PodToleration): kplus.NodeTaintQuery {
  const options = {
    effect: t.effect,
    evictAfter: t.tolerationSeconds !== undefined ? Duration.seconds(t.tolerationSeconds) : undefined,
  };
  if ((t.operator ?? TolerationOperator.EQUAL) === TolerationOperator.EQUAL) return kplus.NodeTaintQuery.is(t.key!, t.value ?? '', options);
  // Without a key, an Exists toleration matches every taint; cdk8s-plus's `any()` takes no effect, so the key is left out here.
  return kplus.NodeTaintQuery.exists(t.key || (undefined as unknown as string), options);
}

function labelQuery(e: NodeSelectorRequirement): kplus.NodeLabelQuery {
  const values = [...(e.values ?? [])];
  switch (e.operator) {
    case NodeSelectorOperator.IN: return kplus.NodeLabelQuery.in(e.key, values);
    case NodeSelectorOperator.NOT_IN: return kplus.NodeLabelQuery.notIn(e.key, values);
    case NodeSelectorOperator.EXISTS: return kplus.NodeLabelQuery.exists(e.key);
    case NodeSelectorOperator.DOES_NOT_EXIST: return kplus.NodeLabelQuery.doesNotExist(e.key);
    case NodeSelectorOperator.GT: return kplus.NodeLabelQuery.gt(e.key, values);
    default: return kplus.NodeLabelQuery.lt(e.key, values);
  }
}

function spreadConstraint(s: TopologySpreadOptions, selectorLabels: Record<string, string>): object {
  return {
    maxSkew: s.maxSkew ?? 1,
    topologyKey: s.topology.key,
    whenUnsatisfiable: s.whenUnsatisfiable ?? UnsatisfiableConstraintAction.DO_NOT_SCHEDULE,
    labelSelector: { matchLabels: { ...selectorLabels } },
    minDomains: s.minDomains,
    nodeAffinityPolicy: s.nodeAffinityPolicy,
    nodeTaintsPolicy: s.nodeTaintsPolicy,
    matchLabelKeys: s.matchLabelKeys && s.matchLabelKeys.length > 0 ? [...s.matchLabelKeys] : undefined,
  };
}
