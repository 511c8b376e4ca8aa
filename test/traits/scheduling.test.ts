// Scheduling on every workload (issue 15, point 1): what each prop renders, the default
// spread and its opt-out, and the cdk8s-plus API the library goes through.
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, NodeInclusionPolicy, NodeSelectorOperator, SchedulingOptions,
  TolerationOperator, UnsatisfiableConstraintAction, WebApp, Worker,
} from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const SELECTOR = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name });

function workerPod(scheduling: SchedulingOptions | undefined, replicas?: number): any {
  const chart = newChart();
  new Worker(chart, 'w', { image: 'busybox:1.36', replicas, scheduling });
  return ofKind(synth(chart), 'Deployment')[0].spec.template.spec;
}

describe('scheduling: what each prop renders', () => {
  test('nodeSelector is written as given', () => {
    expect(workerPod({ nodeSelector: { 'kubernetes.io/arch': 'arm64', 'disktype': 'ssd' } }).nodeSelector)
      .toEqual({ 'kubernetes.io/arch': 'arm64', 'disktype': 'ssd' });
  });

  test('tolerations: Equal with value, Exists with a key, Exists without a key, NoExecute with tolerationSeconds', () => {
    const spec = workerPod({
      tolerations: [
        { key: 'dedicated', value: 'batch', effect: kplus.TaintEffect.NO_SCHEDULE },
        { key: 'gpu', operator: TolerationOperator.EXISTS },
        { operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.PREFER_NO_SCHEDULE },
        { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_EXECUTE, tolerationSeconds: 30 },
      ],
    });
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'gpu', operator: 'Exists' },
      { operator: 'Exists', effect: 'PreferNoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
  });

  test('node affinity: required terms (OR) of expressions (AND), and preferred terms with their weight', () => {
    const spec = workerPod({
      nodeAffinity: {
        required: [
          { matchExpressions: [{ key: 'kubernetes.io/os', operator: NodeSelectorOperator.IN, values: ['linux'] }, { key: 'spot', operator: NodeSelectorOperator.DOES_NOT_EXIST }] },
          { matchExpressions: [{ key: 'cpu-gen', operator: NodeSelectorOperator.GT, values: ['3'] }] },
        ],
        preferred: [{ weight: 20, matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: NodeSelectorOperator.NOT_IN, values: ['eu-1a'] }] }],
      },
    });
    expect(spec.affinity.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }, { key: 'spot', operator: 'DoesNotExist' }] },
          { matchExpressions: [{ key: 'cpu-gen', operator: 'Gt', values: ['3'] }] },
        ],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 20, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['eu-1a'] }] } },
      ],
    });
  });

  test('pod affinity and anti-affinity select the other workload by its selector labels; without a workload, its own pods', () => {
    const chart = newChart();
    const cache = new Worker(chart, 'cache', { image: 'redis:7' });
    new Worker(chart, 'app', {
      image: 'busybox:1.36',
      scheduling: {
        podAffinity: [{ workload: cache }, { workload: cache, topology: kplus.Topology.ZONE, weight: 50 }],
        podAntiAffinity: [{ topology: kplus.Topology.HOSTNAME }, { workload: cache, weight: 10, topology: kplus.Topology.custom('rack') }],
      },
    });
    const d = ofKind(synth(chart), 'Deployment').find(x => x.metadata.name === 'app');
    expect(d.spec.template.spec.affinity).toEqual({
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: SELECTOR('cache') }, topologyKey: 'kubernetes.io/hostname' }],
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 50, podAffinityTerm: { labelSelector: { matchLabels: SELECTOR('cache') }, topologyKey: 'topology.kubernetes.io/zone' } },
        ],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: SELECTOR('app') }, topologyKey: 'kubernetes.io/hostname' }],
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, podAffinityTerm: { labelSelector: { matchLabels: SELECTOR('cache') }, topologyKey: 'rack' } },
        ],
      },
    });
  });

  test('a workload in another namespace is named by its namespace alone (no namespaceSelector, which would select every namespace)', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const apps = new Chart(app, 'apps', { namespace: 'apps' });
    const db = new Worker(data, 'db', { image: 'postgres:16' });
    new Worker(apps, 'api', { image: 'busybox:1.36', scheduling: { podAffinity: [{ workload: db, topology: kplus.Topology.ZONE }] } });
    const api = ofKind(Testing.synth(apps), 'Deployment')[0];
    expect(api.spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: SELECTOR('db') }, namespaces: ['data'], topologyKey: 'topology.kubernetes.io/zone' },
    ]);
  });

  test('topology spread constraints select the workload\'s own pods, with every field the 1.28 server takes', () => {
    const spec = workerPod({
      topologySpread: [
        { topology: kplus.Topology.ZONE, maxSkew: 2, minDomains: 3, nodeAffinityPolicy: NodeInclusionPolicy.IGNORE, nodeTaintsPolicy: NodeInclusionPolicy.HONOR, matchLabelKeys: ['pod-template-hash'] },
        { topology: kplus.Topology.HOSTNAME, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY },
      ],
    }, 4);
    expect(spec.topologySpreadConstraints).toEqual([
      {
        maxSkew: 2,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: SELECTOR('w') },
        minDomains: 3,
        nodeAffinityPolicy: 'Ignore',
        nodeTaintsPolicy: 'Honor',
        matchLabelKeys: ['pod-template-hash'],
      },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR('w') } },
    ]);
  });

  test('priorityClassName, hostAliases and DNS config', () => {
    const spec = workerPod({
      priorityClassName: 'business-critical',
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['legacy.internal', 'db.legacy.internal'] }, { ip: 'fd00::10', hostnames: ['v6.internal'] }],
      dns: {
        policy: kplus.DnsPolicy.NONE,
        nameservers: ['10.96.0.10', '1.1.1.1'],
        searches: ['svc.cluster.local', 'example.com.'],
        options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
      },
    });
    expect(spec.priorityClassName).toBe('business-critical');
    expect(spec.hostAliases).toEqual([{ ip: '10.0.0.10', hostnames: ['legacy.internal', 'db.legacy.internal'] }, { ip: 'fd00::10', hostnames: ['v6.internal'] }]);
    expect(spec.dnsPolicy).toBe('None');
    expect(spec.dnsConfig).toEqual({
      nameservers: ['10.96.0.10', '1.1.1.1'],
      searches: ['svc.cluster.local', 'example.com.'],
      options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
    });
  });

  test('more than 6 search domains (cdk8s-plus\'s limit; 1.28 allows 32) are all written, in order', () => {
    const searches = Array.from({ length: 9 }, (_, i) => `d${i}.example.com`);
    expect(workerPod({ dns: { searches } }).dnsConfig.searches).toEqual(searches);
  });

  test('nothing is written without scheduling and a single pod', () => {
    const spec = workerPod(undefined);
    for (const f of ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'priorityClassName', 'hostAliases', 'dnsConfig']) {
      expect(spec[f]).toBeUndefined();
    }
    expect(spec.dnsPolicy).toBe('ClusterFirst');
  });
});

describe('scheduling: the default spread', () => {
  const DEFAULT = (name: string) => [
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR(name) } },
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR(name) } },
  ];

  test('replicas above 1: hosts, then zones, ScheduleAnyway, over the workload\'s own pods', () => {
    expect(workerPod(undefined, 2).topologySpreadConstraints).toEqual(DEFAULT('w'));
  });

  test('one replica: no spread', () => {
    expect(workerPod(undefined, 1).topologySpreadConstraints).toBeUndefined();
  });

  test('defaultSpread: false switches it off', () => {
    expect(workerPod({ defaultSpread: false }, 3).topologySpreadConstraints).toBeUndefined();
  });

  test('defaultSpread: true writes it for a single replica too', () => {
    expect(workerPod({ defaultSpread: true }, 1).topologySpreadConstraints).toEqual(DEFAULT('w'));
  });

  test('the user\'s topologySpread replaces the default', () => {
    expect(workerPod({ topologySpread: [{ topology: kplus.Topology.REGION }] }, 3).topologySpreadConstraints)
      .toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/region', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: SELECTOR('w') } }]);
  });

  test('a WebApp follows its autoscaler\'s minimum, not the replicas it omits', () => {
    const spreadOf = (minReplicas: number) => {
      const chart = newChart();
      new WebApp(chart, 'web', {
        containers: [{ name: 'web', image: 'nginx:1.27', requests: { cpu: '100m' }, ports: [{ containerPort: 8080 }] }],
        autoscaling: { minReplicas, maxReplicas: 5, cpuUtilization: 70 },
      });
      const d = ofKind(synth(chart), 'Deployment')[0];
      expect(d.spec.replicas).toBeUndefined();
      return d.spec.template.spec.topologySpreadConstraints;
    };
    expect(spreadOf(2)).toEqual(DEFAULT('web'));
    expect(spreadOf(1)).toBeUndefined();
  });

  test('a JobGraph with replicas above 1 spreads its Deployment', () => {
    const chart = newChart();
    new JobGraph(chart, 'jobs', {
      image: 'busybox:1.36',
      replicas: 2,
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() }]),
    });
    expect(ofKind(synth(chart), 'Deployment')[0].spec.template.spec.topologySpreadConstraints).toEqual(DEFAULT('jobs'));
  });
});

describe('scheduling: JobGraph CronJobs', () => {
  test('a detachable periodic job\'s pods get the node placement, priority and DNS, but not the spread or the terms on the workload\'s own pods', () => {
    const chart = newChart();
    const cache = new Worker(chart, 'cache', { image: 'redis:7' });
    new JobGraph(chart, 'jobs', {
      image: 'busybox:1.36',
      replicas: 2,
      detachable: ['report'],
      config: ContainerPilotConfig.fromJobs([
        { name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() },
        { name: 'report', exec: JobCommand.fromString('/report'), when: { interval: '1h' } },
      ]),
      scheduling: {
        nodeSelector: { 'kubernetes.io/arch': 'arm64' },
        tolerations: [{ key: 'batch', operator: TolerationOperator.EXISTS }],
        priorityClassName: 'batch',
        dns: { options: [{ name: 'ndots', value: '1' }] },
        podAffinity: [{ workload: cache, weight: 10 }],
        podAntiAffinity: [{ weight: 100 }],
      },
    });
    const objs = synth(chart);
    const cron = ofKind(objs, 'CronJob')[0].spec.jobTemplate.spec.template.spec;
    expect(cron.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(cron.tolerations).toEqual([{ key: 'batch', operator: 'Exists' }]);
    expect(cron.priorityClassName).toBe('batch');
    expect(cron.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '1' }] });
    expect(cron.affinity).toEqual({
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: SELECTOR('cache') }, topologyKey: 'kubernetes.io/hostname' } }] },
    });
    expect(cron.topologySpreadConstraints).toBeUndefined();
    const deployment = ofKind(objs, 'Deployment').find(d => d.metadata.name === 'jobs').spec.template.spec;
    expect(deployment.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels).toEqual(SELECTOR('jobs'));
  });
});
