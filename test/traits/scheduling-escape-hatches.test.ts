// What a user adds through the Deployment child, beside the construct's scheduling: the
// cdk8s-plus API (tolerate, attract, separate/spread, addHostAlias, dns) lands next to
// what the construct wrote, and a user's JSON patch on the fields cdk8s-plus cannot
// express (nodeSelector, priorityClassName, topologySpreadConstraints) survives the
// construct's patches of them.
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { NodeSelectorOperator, TolerationOperator, Worker } from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const SELECTOR = { 'app.kubernetes.io/instance': 'w', 'app.kubernetes.io/name': 'w' };
const podSpec = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template.spec;

function scheduledWorker() {
  const chart = newChart();
  const w = new Worker(chart, 'w', {
    image: 'busybox:1.36',
    replicas: 3,
    scheduling: {
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [{ key: 'dedicated', value: 'batch', effect: kplus.TaintEffect.NO_SCHEDULE }],
      nodeAffinity: { required: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: NodeSelectorOperator.IN, values: ['linux'] }] }] },
      priorityClassName: 'batch',
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['legacy.internal'] }],
      dns: { nameservers: ['10.96.0.10'], searches: Array.from({ length: 7 }, (_, i) => `d${i}.example.com`) },
    },
  });
  return { chart, w };
}

describe('scheduling through the Deployment child', () => {
  test('a toleration, a node affinity term, a host alias and a nameserver added through cdk8s-plus land next to the construct\'s', () => {
    const { chart, w } = scheduledWorker();
    w.deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('gpu')));
    w.deployment.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disktype', 'ssd')), { weight: 5 });
    w.deployment.addHostAlias({ ip: '10.0.0.11', hostnames: ['other.internal'] });
    w.deployment.dns.addNameserver('10.96.0.11');
    const spec = podSpec(synth(chart));
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }, { key: 'gpu', operator: 'Exists' }]);
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toHaveLength(1);
    expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)
      .toEqual([{ weight: 5, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }]);
    expect(spec.hostAliases.map((a: any) => a.ip)).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(spec.dnsConfig.nameservers).toEqual(['10.96.0.10', '10.96.0.11']);
  });

  test('the child reports the construct\'s host aliases and DNS, as cdk8s-plus objects', () => {
    const { w } = scheduledWorker();
    expect(w.deployment.hostAliases).toEqual([{ ip: '10.0.0.10', hostnames: ['legacy.internal'] }]);
    expect(w.deployment.dns.nameservers).toEqual(['10.96.0.10']);
  });

  test('scheduling.spread() on the child keeps the pods apart by the stable selector labels, beside the default spread', () => {
    const { chart, w } = scheduledWorker();
    w.deployment.scheduling.spread({ topology: kplus.Topology.ZONE, weight: 30 });
    const spec = podSpec(synth(chart));
    expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution)
      .toEqual([{ weight: 30, podAffinityTerm: { labelSelector: { matchLabels: SELECTOR }, topologyKey: 'topology.kubernetes.io/zone' } }]);
    expect(spec.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });

  test('a user\'s JSON patches to nodeSelector, priorityClassName and topologySpreadConstraints survive the construct\'s patches of them', () => {
    const { chart, w } = scheduledWorker();
    const api = ApiObject.of(w.deployment);
    api.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector/disktype', 'ssd'));
    api.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints/-', {
      maxSkew: 2, topologyKey: 'topology.kubernetes.io/region', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: SELECTOR },
    }));
    api.addJsonPatch(JsonPatch.replace('/spec/template/spec/priorityClassName', 'batch-high'));
    const spec = podSpec(synth(chart));
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64', 'disktype': 'ssd' });
    expect(spec.topologySpreadConstraints.map((c: any) => c.topologyKey))
      .toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region']);
    expect(spec.priorityClassName).toBe('batch-high');
  });

  test('search domains after the sixth (a patch) follow the first six (through cdk8s-plus) in order', () => {
    const { chart } = scheduledWorker();
    expect(podSpec(synth(chart)).dnsConfig.searches).toEqual(Array.from({ length: 7 }, (_, i) => `d${i}.example.com`));
  });

  test('a toleration without a key matches every taint of its effect, written without a key', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', scheduling: { tolerations: [{ operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_EXECUTE, tolerationSeconds: 0 }] } });
    expect(podSpec(synth(chart)).tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]);
  });
});
