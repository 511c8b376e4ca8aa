// The identity and storage children are cdk8s-plus objects; what a user adds through
// them lands beside what the construct wrote, and each patch of these traits
// (supplementalGroups, the claim's size, the cluster-scoped objects' namespace) keeps it.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { RbacVerb, VolumeSource, Worker, WorkloadServiceAccount } from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const image = 'busybox:1.36';

test('supplementalGroups (a patch) keeps a field a user patches into the same security context', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', { image, security: { supplementalGroups: [5000] } });
  ApiObject.of(w.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seLinuxOptions', { level: 's0:c123,c456' }));
  const ctx = ofKind(synth(chart), 'Deployment')[0].spec.template.spec.securityContext;
  expect(ctx.supplementalGroups).toEqual([5000]);
  expect(ctx.seLinuxOptions).toEqual({ level: 's0:c123,c456' });
});

test('a claim mounted through the cdk8s-plus API counts as mounted (no "no container mounts it" error)', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', {
    image,
    strategy: kplus.DeploymentStrategy.recreate(),
    volumeClaims: [{ name: 'data', size: '1Gi' }],
  });
  w.deployment.containers[0].mount('/data', kplus.Volume.fromPersistentVolumeClaim(chart, 'data', w.volumeClaims[0]));
  const pod = ofKind(synth(chart), 'Deployment')[0].spec.template.spec;
  expect(pod.volumes).toEqual([{ name: 'pvc-w-data', persistentVolumeClaim: { claimName: 'w-data', readOnly: false } }]);
});

test('the Multi-Attach check reads the Deployment\'s strategy as it is at synth', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', {
    image,
    strategy: kplus.DeploymentStrategy.recreate(),
    volumeClaims: [{ name: 'data', size: '1Gi' }],
    volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
  });
  expect(() => synth(chart)).not.toThrow();
  // An escape hatch that swaps the strategy after construction is read at synth.
  Object.assign(w.deployment, { strategy: kplus.DeploymentStrategy.rollingUpdate() });
  expect(() => Testing.synth(chart)).toThrow(/volumeClaims\[0\]\.accessModes: \["ReadWriteOnce"\] is not allowed; the volume attaches to one node at a time, and a rolling update/);
});

test('the ClusterRole and its binding lose only the chart namespace: a label and a rule added through cdk8s-plus stay', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  const w = new Worker(chart, 'w', {
    image,
    serviceAccount: WorkloadServiceAccount.create({ mountToken: true, clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.GET] }] }),
  });
  w.identity.clusterRole!.metadata.addLabel('rbac.example.com/aggregate', 'true');
  w.identity.clusterRole!.allowList({ asApiResource: () => ({ apiGroup: '', resourceType: 'namespaces' }), asNonApiResource: () => undefined });
  const [role] = ofKind(synth(chart), 'ClusterRole');
  expect(role.metadata).toEqual({ name: 'shop-w', labels: { 'rbac.example.com/aggregate': 'true' } });
  expect(role.rules.map((r: any) => r.resources[0])).toEqual(['nodes', 'namespaces']);
});
