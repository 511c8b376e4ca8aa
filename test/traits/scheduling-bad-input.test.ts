// Scheduling inputs the Kubernetes 1.28 API server refuses (pkg/apis/core/validation:
// ValidateTolerations, validateAffinity, validateTopologySpreadConstraints,
// validatePodDNSConfig, ValidateHostAliases, the priority class name), and the few that it
// accepts but that could never schedule or would be silently ignored: each is a synth
// error naming the construct, the field, the value and what is allowed.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, NodeInclusionPolicy, NodeSelectorOperator, SchedulingOptions,
  TolerationOperator, UnsatisfiableConstraintAction, WebApp, Worker,
} from '../../src';
import { newChart, synthError } from '../support/synth';

const LABEL_KEY = 'a label key ([prefix/]name: name at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit; prefix a DNS subdomain)';
const SUBDOMAIN = 'a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)';
const expr = (operator: NodeSelectorOperator, values?: string[]) => ({ required: [{ matchExpressions: [{ key: 'k', operator, values }] }] });

const SCHEDULING_CASES: [string, SchedulingOptions, string][] = [
  // nodeSelector
  ['nodeSelector key with a space', { nodeSelector: { 'disk type': 'ssd' } },
    'scheduling.nodeSelector: "disk type" is not allowed; is not a valid label key ([prefix/]name, name at most 63 characters of letters, digits, "-", "_", ".")'],
  ['nodeSelector value not a label value', { nodeSelector: { disktype: 'fast ssd' } },
    'scheduling.nodeSelector["disktype"]: "fast ssd" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit'],
  // tolerations
  ['toleration key not a label key', { tolerations: [{ key: 'bad key!', operator: TolerationOperator.EXISTS }] },
    `scheduling.tolerations[0].key: "bad key!" is not allowed; must be ${LABEL_KEY}`],
  ['toleration without a key, operator Equal', { tolerations: [{ value: 'x' }] },
    'scheduling.tolerations[0].operator: "Equal" is not allowed; must be "Exists" when `key` is empty: a toleration without a key matches every taint. Set `key`, or use TolerationOperator.EXISTS'],
  ['toleration Exists with a value', { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, value: 'true' }] },
    'scheduling.tolerations[0].value: "true" is not allowed; must be empty when `operator` is "Exists" (it matches every value of the key). Remove `value`, or use TolerationOperator.EQUAL'],
  ['toleration Equal with a value that is not a label value', { tolerations: [{ key: 'team', value: 'data science' }] },
    'scheduling.tolerations[0].value: "data science" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit (or empty)'],
  ['toleration with an unknown operator', { tolerations: [{ key: 'gpu', operator: 'In' as TolerationOperator }] },
    'scheduling.tolerations[0].operator: "In" is not allowed; must be one of "Equal", "Exists"'],
  ['toleration with an unknown effect', { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, effect: 'NoScheduleNoAdmit' as kplus.TaintEffect }] },
    'scheduling.tolerations[0].effect: "NoScheduleNoAdmit" is not allowed; must be one of "NoSchedule", "PreferNoSchedule", "NoExecute"'],
  ['tolerationSeconds with NoSchedule', { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_SCHEDULE, tolerationSeconds: 60 }] },
    'scheduling.tolerations[0].tolerationSeconds: 60 is not allowed; is only for `effect: TaintEffect.NO_EXECUTE` (the effect is "NoSchedule"): only a NoExecute taint evicts running pods'],
  ['tolerationSeconds without an effect', { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, tolerationSeconds: 60 }] },
    'scheduling.tolerations[0].tolerationSeconds: 60 is not allowed; is only for `effect: TaintEffect.NO_EXECUTE` (the effect is every effect): only a NoExecute taint evicts running pods'],
  ['negative tolerationSeconds', { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_EXECUTE, tolerationSeconds: -1 }] },
    'scheduling.tolerations[0].tolerationSeconds: -1 is not allowed; must be an integer from 0 to 9007199254740991'],
  // node affinity
  ['node affinity In without values', { nodeAffinity: expr(NodeSelectorOperator.IN) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].values: is empty; "In" needs at least one value'],
  ['node affinity NotIn with an empty list', { nodeAffinity: expr(NodeSelectorOperator.NOT_IN, []) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].values: is empty; "NotIn" needs at least one value'],
  ['node affinity Exists with values', { nodeAffinity: expr(NodeSelectorOperator.EXISTS, ['x']) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].values: ["x"] is not allowed; must be empty with "Exists" (it tests only whether the label exists)'],
  ['node affinity Gt with two values', { nodeAffinity: expr(NodeSelectorOperator.GT, ['1', '2']) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].values: ["1","2"] is not allowed; must be exactly one integer with "Gt" (the scheduler compares the node label as an integer)'],
  ['node affinity Lt with a word', { nodeAffinity: expr(NodeSelectorOperator.LT, ['ten']) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].values: ["ten"] is not allowed; must be exactly one integer with "Lt" (the scheduler compares the node label as an integer)'],
  ['node affinity with an unknown operator', { nodeAffinity: expr('Equals' as NodeSelectorOperator, ['x']) },
    'scheduling.nodeAffinity.required[0].matchExpressions[0].operator: "Equals" is not allowed; must be one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"'],
  ['node affinity key not a label key', { nodeAffinity: { required: [{ matchExpressions: [{ key: '-zone', operator: NodeSelectorOperator.EXISTS }] }] } },
    `scheduling.nodeAffinity.required[0].matchExpressions[0].key: "-zone" is not allowed; must be ${LABEL_KEY}`],
  ['node affinity term without expressions', { nodeAffinity: { required: [{ matchExpressions: [] }] } },
    'scheduling.nodeAffinity.required[0].matchExpressions: is empty; a node-affinity term needs at least one expression (a term without any matches no node)'],
  ['preferred node affinity weight 0', { nodeAffinity: { preferred: [{ weight: 0, matchExpressions: [{ key: 'ssd', operator: NodeSelectorOperator.EXISTS }] }] } },
    'scheduling.nodeAffinity.preferred[0].weight: 0 is not allowed; must be an integer from 1 to 100'],
  ['preferred node affinity weight 101', { nodeAffinity: { preferred: [{ weight: 101, matchExpressions: [{ key: 'ssd', operator: NodeSelectorOperator.EXISTS }] }] } },
    'scheduling.nodeAffinity.preferred[0].weight: 101 is not allowed; must be an integer from 1 to 100'],
  ['preferred node affinity without a weight', { nodeAffinity: { preferred: [{ matchExpressions: [{ key: 'ssd', operator: NodeSelectorOperator.EXISTS }] } as any] } },
    'scheduling.nodeAffinity.preferred[0].weight: is required: the weight of a preferred term, an integer from 1 to 100'],
  // pod affinity
  ['pod anti-affinity weight 0', { podAntiAffinity: [{ weight: 0 }] },
    'scheduling.podAntiAffinity[0].weight: 0 is not allowed; must be an integer from 1 to 100'],
  ['pod affinity weight 1.5', { podAffinity: [{ weight: 1.5 }] },
    'scheduling.podAffinity[0].weight: 1.5 is not allowed; must be an integer from 1 to 100'],
  ['pod affinity topology not a label key', { podAffinity: [{ topology: kplus.Topology.custom('my rack') }] },
    `scheduling.podAffinity[0].topology: "my rack" is not allowed; must be ${LABEL_KEY}: a node label such as "kubernetes.io/hostname"`],
  ['pod affinity on a workload that selects no pods', { podAffinity: [{ workload: { name: 'x', selectorLabels: {}, ports: [] } }] },
    'scheduling.podAffinity[0].workload: selects no pods by label (its selectorLabels are empty); a term on it would select every pod of the namespace'],
  // topology spread
  ['spread maxSkew 0', { topologySpread: [{ topology: kplus.Topology.ZONE, maxSkew: 0 }] },
    'scheduling.topologySpread[0].maxSkew: 0 is not allowed; must be an integer >= 1'],
  ['spread topology empty', { topologySpread: [{ topology: kplus.Topology.custom('') }] },
    `scheduling.topologySpread[0].topology: "" is not allowed; must be ${LABEL_KEY}: a node label such as "topology.kubernetes.io/zone"`],
  ['spread topology with a space', { topologySpread: [{ topology: kplus.Topology.custom('my rack') }] },
    `scheduling.topologySpread[0].topology: "my rack" is not allowed; must be ${LABEL_KEY}: a node label such as "topology.kubernetes.io/zone"`],
  ['spread with an unknown whenUnsatisfiable', { topologySpread: [{ topology: kplus.Topology.ZONE, whenUnsatisfiable: 'Never' as UnsatisfiableConstraintAction }] },
    'scheduling.topologySpread[0].whenUnsatisfiable: "Never" is not allowed; must be one of "DoNotSchedule", "ScheduleAnyway"'],
  ['spread repeats a topology and action', { topologySpread: [{ topology: kplus.Topology.ZONE, maxSkew: 1 }, { topology: kplus.Topology.ZONE, maxSkew: 2 }] },
    'scheduling.topologySpread[1]: repeats topology "topology.kubernetes.io/zone" with whenUnsatisfiable "DoNotSchedule"; each pair may appear once'],
  ['spread minDomains with ScheduleAnyway', { topologySpread: [{ topology: kplus.Topology.ZONE, minDomains: 3, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY }] },
    'scheduling.topologySpread[0].minDomains: 3 is not allowed; is only for whenUnsatisfiable "DoNotSchedule", not "ScheduleAnyway"'],
  ['spread minDomains 0', { topologySpread: [{ topology: kplus.Topology.ZONE, minDomains: 0 }] },
    'scheduling.topologySpread[0].minDomains: 0 is not allowed; must be an integer >= 1'],
  ['spread with an unknown node policy', { topologySpread: [{ topology: kplus.Topology.ZONE, nodeTaintsPolicy: 'Always' as NodeInclusionPolicy }] },
    'scheduling.topologySpread[0].nodeTaintsPolicy: "Always" is not allowed; must be one of "Honor", "Ignore"'],
  ['spread matchLabelKeys with a selector key', { topologySpread: [{ topology: kplus.Topology.ZONE, matchLabelKeys: ['app.kubernetes.io/name'] }] },
    'scheduling.topologySpread[0].matchLabelKeys[0]: "app.kubernetes.io/name" is not allowed; is already in the spread\'s label selector (the workload\'s selector labels)'],
  ['spread matchLabelKeys not a label key', { topologySpread: [{ topology: kplus.Topology.ZONE, matchLabelKeys: ['pod template hash'] }] },
    `scheduling.topologySpread[0].matchLabelKeys[0]: "pod template hash" is not allowed; must be ${LABEL_KEY}`],
  ['defaultSpread true beside topologySpread', { defaultSpread: true, topologySpread: [{ topology: kplus.Topology.ZONE }] },
    'scheduling.defaultSpread: true is not allowed; has no effect next to `topologySpread`, whose constraints replace the default spread. Remove one of them'],
  // priority class
  ['priorityClassName with capitals', { priorityClassName: 'High_Priority' },
    `scheduling.priorityClassName: "High_Priority" is not allowed; must be ${SUBDOMAIN}: it names a PriorityClass`],
  // host aliases
  ['host alias with a host name for an IP', { hostAliases: [{ ip: 'db.example.com', hostnames: ['db'] }] },
    'scheduling.hostAliases[0].ip: "db.example.com" is not allowed; must be an IPv4 or IPv6 address'],
  ['host alias host name with an underscore', { hostAliases: [{ ip: '10.0.0.1', hostnames: ['my_db'] }] },
    `scheduling.hostAliases[0].hostnames[0]: "my_db" is not allowed; must be ${SUBDOMAIN}`],
  // DNS
  ['DNS policy None without nameservers', { dns: { policy: kplus.DnsPolicy.NONE, searches: ['example.com'] } },
    'scheduling.dns.nameservers: is empty; with policy "None" the pods get only the DNS configuration given here, so at least one nameserver is required'],
  ['DNS with 4 nameservers', { dns: { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'] } },
    'scheduling.dns.nameservers: ["10.0.0.1","10.0.0.2","10.0.0.3","10.0.0.4"] is not allowed; must have at most 3 entries (the resolver reads no more)'],
  ['DNS nameserver that is a name', { dns: { nameservers: ['dns.example.com'] } },
    'scheduling.dns.nameservers[0]: "dns.example.com" is not allowed; must be an IPv4 or IPv6 address'],
  ['DNS with 33 search domains', { dns: { searches: Array.from({ length: 33 }, (_, i) => `d${i}.example.com`) } },
    'scheduling.dns.searches: has 33 entries; at most 32 search domains are allowed'],
  ['DNS search list over 2048 characters', { dns: { searches: Array.from({ length: 11 }, () => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example`) } },
    'scheduling.dns.searches: has 2199 characters (with the spaces between them); at most 2048 are allowed'],
  ['DNS search domain with an underscore', { dns: { searches: ['_tcp.example.com'] } },
    `scheduling.dns.searches[0]: "_tcp.example.com" is not allowed; must be ${SUBDOMAIN}, with an optional trailing "."`],
  ['DNS option without a name', { dns: { options: [{ name: '', value: '2' }] } },
    'scheduling.dns.options[0].name: "" is not allowed; must be a non-empty resolver option name such as "ndots"'],
  ['DNS with an unknown policy', { dns: { policy: 'ClusterOnly' as kplus.DnsPolicy } },
    'scheduling.dns.policy: "ClusterOnly" is not allowed; must be one of "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"'],
  ['DNS hostname not a label', { dns: { hostname: 'My.Host' } },
    'scheduling.dns.hostname: "My.Host" is not allowed; must be a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)'],
  // Values of the wrong type from plain JavaScript, found by the property tests: each threw a TypeError.
  ['scheduling options that are not an object', 'zone-a' as SchedulingOptions,
    'scheduling: "zone-a" is not allowed; must be an object of scheduling options ({ nodeSelector, tolerations, nodeAffinity, ... })'],
  ['node affinity that is not an object', { nodeAffinity: 'ssd' as any },
    'scheduling.nodeAffinity: "ssd" is not allowed; must be an object ({ required, preferred })'],
  ['DNS options that are not an object', { dns: ['1.1.1.1'] as any },
    'scheduling.dns: ["1.1.1.1"] is not allowed; must be an object ({ policy, nameservers, searches, options })'],
  // After a hole, an entry keeps its index as written (the holes were dropped first, so the next entry was named by the hole's index).
  ['a toleration after a hole', { tolerations: [null as any, { key: 'bad key', value: 'x' }] },
    `scheduling.tolerations[1].key: "bad key" is not allowed; must be ${LABEL_KEY}`],
  ['a spread constraint after a hole', { topologySpread: [undefined as any, { topology: kplus.Topology.custom('bad key') }] },
    `scheduling.topologySpread[1].topology: "bad key" is not allowed; must be ${LABEL_KEY}: a node label such as "topology.kubernetes.io/zone"`],
  ['a node expression after a hole', { nodeAffinity: { required: [{ matchExpressions: [null as any, { key: 'disktype', operator: NodeSelectorOperator.IN }] }] } },
    'scheduling.nodeAffinity.required[0].matchExpressions[1].values: is empty; "In" needs at least one value'],
  ['a DNS nameserver after a hole', { dns: { nameservers: [undefined as any, 'dns.example.com'] } },
    'scheduling.dns.nameservers[1]: "dns.example.com" is not allowed; must be an IPv4 or IPv6 address'],
  ['an affinity term with a null topology', { podAntiAffinity: [{ topology: null as any }] },
    'scheduling.podAntiAffinity[0].topology: null is not allowed; must be a Topology (Topology.HOSTNAME, Topology.ZONE or Topology.custom(key))'],
  ['an affinity term with a null workload', { podAffinity: [{ workload: null as any }] },
    'scheduling.podAffinity[0].workload: null is not allowed; must be a workload (a Worker, WebApp, JobGraph or another ISelectableWorkload), or unset for the workload\'s own pods'],
];

describe('scheduling: bad input is a synth error naming the field, the value and what is allowed', () => {
  test.each(SCHEDULING_CASES)('%s', (_name, scheduling, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', scheduling });
    const error = synthError(chart);
    expect(error.split('\n').map(l => l.trim())).toContain(`[test/w] ${message}`);
  });

  test('a null nodeAffinity or dns reads as unset, as a null list does (plain JavaScript; it threw a TypeError)', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', scheduling: { nodeAffinity: null as any, dns: null as any, nodeSelector: { disktype: 'ssd' } } });
    const pod = Testing.synth(chart).find(o => o.kind === 'Deployment').spec.template.spec;
    expect(pod.affinity).toBeUndefined();
    expect(pod.dnsConfig).toBeUndefined();
    expect(pod.nodeSelector).toEqual({ disktype: 'ssd' });
  });

  test('every problem of the scheduling options is reported at once', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', scheduling: { priorityClassName: 'X', tolerations: [{ value: 'v' }], nodeSelector: { 'a b': 'c' } } });
    const lines = synthError(chart).split('\n').filter(l => l.includes('[test/w] scheduling.'));
    expect(lines).toHaveLength(3);
  });

  test('WebApp and JobGraph refuse the same inputs', () => {
    const bad: SchedulingOptions = { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, value: 'true' }] };
    const message = 'scheduling.tolerations[0].value: "true" is not allowed; must be empty when `operator` is "Exists" (it matches every value of the key). Remove `value`, or use TolerationOperator.EQUAL';
    const chart = newChart();
    new WebApp(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }], scheduling: bad });
    expect(synthError(chart)).toContain(`[test/web] ${message}`);
    const chart2 = newChart();
    new JobGraph(chart2, 'jobs', {
      image: 'busybox:1.36',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() }]),
      scheduling: bad,
    });
    expect(synthError(chart2)).toContain(`[test/jobs] ${message}`);
  });

  test('a pod affinity term on a workload without a namespace, from a workload with one, cannot name it', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain');
    const apps = new Chart(app, 'apps', { namespace: 'apps' });
    const db = new Worker(plain, 'db', { image: 'postgres:16' });
    new Worker(apps, 'api', { image: 'busybox:1.36', scheduling: { podAffinity: [{ workload: db }] } });
    expect(synthError(apps)).toContain('[apps/api] scheduling.podAffinity[0].workload: "db" is in no namespace (the one kubectl applies to), and this workload in namespace "apps": '
      + 'the term cannot name the other namespace. Give the other workload\'s chart a namespace, or put both in the same one');
  });
});
