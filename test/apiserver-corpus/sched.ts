// Scheduling on every workload, for the API server check (scripts/apiserver): every prop
// of `scheduling` at the edges the 1.28 server allows (32 search domains, 2048 characters
// of search list, 3 nameservers, tolerations without a key, minDomains, matchLabelKeys,
// the node inclusion policies), pod affinity across namespaces, the default spread, and
// JobGraph's CronJobs.
import { App, Chart } from 'cdk8s';
import { DnsPolicy, TaintEffect, Topology } from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, NodeInclusionPolicy, NodeSelectorOperator, TolerationOperator,
  UnsatisfiableConstraintAction, WebApp, Worker,
} from '../../src';

export function build(app: App): void {
  const data = new Chart(app, 'sched-data', { namespace: 'sched-data' });
  const chart = new Chart(app, 'sched');

  const db = new Worker(data, 'db', { image: 'postgres:16', replicas: 3 });
  const cache = new Worker(chart, 'cache', { image: 'redis:7', replicas: 2, scheduling: { defaultSpread: false } });

  new Worker(chart, 'everything', {
    image: 'busybox:1.36',
    replicas: 4,
    scheduling: {
      nodeSelector: { 'kubernetes.io/arch': 'arm64', 'example.com/pool': 'batch' },
      tolerations: [
        { key: 'dedicated', value: 'batch', effect: TaintEffect.NO_SCHEDULE },
        { key: 'dedicated', value: '' },
        { key: 'example.com/gpu', operator: TolerationOperator.EXISTS },
        { operator: TolerationOperator.EXISTS, effect: TaintEffect.PREFER_NO_SCHEDULE },
        { key: 'node.kubernetes.io/not-ready', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 0 },
        { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 300 },
      ],
      nodeAffinity: {
        required: [
          {
            matchExpressions: [
              { key: 'kubernetes.io/os', operator: NodeSelectorOperator.IN, values: ['linux'] },
              { key: 'example.com/spot', operator: NodeSelectorOperator.DOES_NOT_EXIST },
              { key: 'example.com/cpu-generation', operator: NodeSelectorOperator.GT, values: ['3'] },
            ],
          },
          { matchExpressions: [{ key: 'example.com/legacy', operator: NodeSelectorOperator.EXISTS }, { key: 'example.com/ram-gb', operator: NodeSelectorOperator.LT, values: ['-1'] }] },
        ],
        preferred: [
          { weight: 1, matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: NodeSelectorOperator.NOT_IN, values: ['zone-a', 'zone-b'] }] },
          { weight: 100, matchExpressions: [{ key: 'disktype', operator: NodeSelectorOperator.IN, values: ['ssd'] }] },
        ],
      },
      podAffinity: [
        { workload: cache },
        { workload: db, topology: Topology.ZONE, weight: 60 },
      ],
      podAntiAffinity: [
        { weight: 100 },
        { workload: db, topology: Topology.custom('example.com/rack') },
      ],
      topologySpread: [
        { topology: Topology.ZONE, maxSkew: 2, minDomains: 3, nodeAffinityPolicy: NodeInclusionPolicy.IGNORE, nodeTaintsPolicy: NodeInclusionPolicy.HONOR, matchLabelKeys: ['pod-template-hash'] },
        { topology: Topology.ZONE, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY },
        { topology: Topology.HOSTNAME, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY, maxSkew: 1 },
      ],
      priorityClassName: 'system-cluster-critical', // the check creates the pods: a class that exists on every cluster
      hostAliases: [
        { ip: '10.0.0.10', hostnames: ['legacy.internal', 'db.legacy.internal'] },
        { ip: 'fd00::10', hostnames: ['v6.internal'] },
      ],
      dns: {
        policy: DnsPolicy.NONE,
        nameservers: ['10.96.0.10', '1.1.1.1', '2606:4700:4700::1111'],
        searches: Array.from({ length: 32 }, (_, i) => `d${i}.example.com${i % 2 ? '.' : ''}`),
        options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }, { name: 'timeout', value: '1' }],
      },
    },
  });

  // 2048 characters of search list, exactly the limit.
  const label = (c: string) => c.repeat(63);
  const long = Array.from({ length: 10 }, (_, i) => `${label('a')}.${label('b')}.${label('c')}.x${i}`);
  const padding = 2048 - long.join(' ').length - 1;
  new Worker(chart, 'long-search', {
    image: 'busybox:1.36',
    scheduling: { dns: { policy: DnsPolicy.CLUSTER_FIRST, searches: [...long, 'p'.repeat(padding)], options: [{ name: 'ndots', value: '1' }] } },
  });

  new Worker(chart, 'default-spread-single', { image: 'busybox:1.36', scheduling: { defaultSpread: true } });

  new WebApp(chart, 'web', {
    containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }], requests: { cpu: '100m', memory: '64Mi' } }],
    autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 },
    scheduling: {
      tolerations: [{ key: 'web', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
      podAffinity: [{ workload: cache, weight: 50 }],
      priorityClassName: 'system-node-critical',
      dns: { policy: DnsPolicy.DEFAULT },
    },
  });

  new JobGraph(chart, 'jobs', {
    image: 'busybox:1.36',
    replicas: 2,
    detachable: ['report'],
    config: ContainerPilotConfig.fromJobs([
      { name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() },
      { name: 'report', exec: JobCommand.fromString('/report'), when: { interval: '1h' } },
    ]),
    scheduling: {
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      tolerations: [{ key: 'batch', operator: TolerationOperator.EXISTS }],
      nodeAffinity: { preferred: [{ weight: 10, matchExpressions: [{ key: 'disktype', operator: NodeSelectorOperator.IN, values: ['ssd'] }] }] },
      podAffinity: [{ workload: db, topology: Topology.REGION, weight: 20 }],
      podAntiAffinity: [{}],
      priorityClassName: 'system-cluster-critical',
      hostAliases: [{ ip: '192.168.1.5', hostnames: ['nas.local'] }],
      dns: { policy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, searches: Array.from({ length: 8 }, (_, i) => `s${i}.example.org`), options: [{ name: 'single-request-reopen' }] },
    },
  });
}
