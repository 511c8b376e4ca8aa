// The revisionHistoryLimit patch (cdk8s-plus's Deployment has no such field) keeps what a
// user adds to the same Deployment through the cdk8s-plus API, and the PodDisruptionBudget
// is a public child that takes a user's changes.
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DisruptionBudget, Worker } from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

test('revisionHistoryLimit beside a toleration, an env var and a minReady the user reads back', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', { image: 'busybox:1.36', rollout: { revisionHistoryLimit: 2, minReadySeconds: 5 } });
  w.deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('dedicated')));
  w.deployment.containers[0].env.addVariable('ADDED', kplus.EnvValue.fromValue('yes'));
  const d = ofKind(synth(chart), 'Deployment')[0];
  expect(d.spec.revisionHistoryLimit).toBe(2);
  expect(d.spec.minReadySeconds).toBe(5);
  expect(d.spec.template.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
  expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'ADDED', value: 'yes' }]);
});

test('a user\'s own patch of revisionHistoryLimit, added later, wins', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', { image: 'busybox:1.36', rollout: { revisionHistoryLimit: 2 } });
  ApiObject.of(w.deployment).addJsonPatch(JsonPatch.replace('/spec/revisionHistoryLimit', 7));
  expect(ofKind(synth(chart), 'Deployment')[0].spec.revisionHistoryLimit).toBe(7);
});

test('the PodDisruptionBudget child takes a user\'s label and annotation', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', { image: 'busybox:1.36', replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(2) });
  w.disruptionBudget!.metadata.addLabel('team', 'mail');
  w.disruptionBudget!.metadata.addAnnotation('example.com/owner', 'mail');
  const [pdb] = ofKind(synth(chart), 'PodDisruptionBudget');
  expect(pdb.metadata.labels.team).toBe('mail');
  expect(pdb.metadata.annotations).toEqual({ 'example.com/owner': 'mail' });
  expect(pdb.spec.minAvailable).toBe(2);
});
