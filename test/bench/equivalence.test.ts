// The benchmark compares the library with the same objects hand-written with
// cdk8s-plus-28; this keeps that comparison honest in CI, at N = 3 (one app of each kind).
import { App } from 'cdk8s';
import { INTENDED_DIFFERENCES, buildApp, compareSides, normalizedObjects } from '../../bench/workloads';
import { expectValidManifests } from '../support/manifests';

describe('bench: library and hand-written sides', () => {
  test.each(['one-chart', 'chart-per-app'] as const)('produce the same objects once the intended differences are removed (%s)', (layout) => {
    const { objects, differences } = compareSides('mix', 3, layout);
    expect(differences).toEqual([]);
    // A Worker (1), a WebApp (Deployment, PodDisruptionBudget, Service, Ingress, HPA) and a
    // Worker of 3 replicas + SWH (Deployment, PodDisruptionBudget, SWH).
    expect(objects).toBe(9);
  });

  test('the WebApp-only mix agrees too', () => {
    expect(compareSides('webapp', 2).differences).toEqual([]);
  });

  test.each(['one-chart', 'chart-per-app'] as const)('the credentials mix agrees too (%s)', (layout) => {
    const { objects, differences } = compareSides('credentials', 3, layout);
    expect(differences).toEqual([]);
    expect(objects).toBe(9 + 3);
  });

  test.each(['library', 'hand'] as const)('the credentials mix (%s side) is the mix plus a Secret per app, consumed by its workload as an env var and as files', (side) => {
    const objects = buildApp(side, 'credentials', 3, '/dev/null').charts.flatMap(c => c.toJson());
    expectValidManifests(objects);
    expect(objects).toHaveLength(9 + 3);
    const secrets = objects.filter(o => o.kind === 'Secret');
    expect(secrets.map(s => [s.metadata.name, s.type, Object.keys(s.data).sort()])).toEqual(
      [0, 1, 2].map(i => [`app-${i}-credentials`, 'Opaque', ['password', 'tls.key']]));
    const deployments = objects.filter(o => o.kind === 'Deployment');
    expect(deployments).toHaveLength(3);
    deployments.forEach((d, i) => {
      const pod = d.spec.template.spec;
      expect(pod.containers[0].env).toContainEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `app-${i}-credentials`, key: 'password' } } });
      expect(pod.volumes).toContainEqual({ name: 'credentials', secret: { secretName: `app-${i}-credentials` } });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'credentials', mountPath: '/etc/credentials' });
      expect(d.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  // The hand-written side computes the rollout hash itself (compareSides already compares it);
  // this says so directly, and that the hash follows each app's data (it differs per app).
  test('the hand-written rollout hash is the library\'s, and differs between apps', () => {
    const hashes = (side: 'library' | 'hand') => buildApp(side, 'credentials', 3, '/dev/null').charts.flatMap(c => c.toJson())
      .filter(o => o.kind === 'Deployment').map(d => d.spec.template.metadata.annotations['checksum/config']);
    expect(hashes('hand')).toEqual(hashes('library'));
    expect(new Set(hashes('hand')).size).toBe(3);
  });

  test('the secrets mix has a library side only', () => {
    expect(() => buildApp('hand', 'secrets', 1, '/dev/null')).toThrow('the secrets mix has a library side only');
  });

  test('each side synthesizes valid manifests', () => {
    for (const side of ['library', 'hand'] as const) {
      const app = buildApp(side, 'mix', 3, '/dev/null');
      expectValidManifests(app.charts.flatMap(c => c.toJson()));
    }
  });

  // An entry in INTENDED_DIFFERENCES that no longer differs would hide nothing, but the
  // list is documentation: each must still be a real difference of the raw output.
  test('every intended difference is present in the raw output', () => {
    const raw = (side: 'library' | 'hand') => buildApp(side, 'mix', 3, '/dev/null').charts.flatMap(c => c.toJson());
    const lib = JSON.stringify(raw('library'));
    const hand = JSON.stringify(raw('hand'));
    const present: Record<string, boolean> = {
      'pod template label "cdk8s.io/metadata.addr"': hand.includes('cdk8s.io/metadata.addr') && !lib.includes('cdk8s.io/metadata.addr'),
      'container imagePullPolicy': hand.includes('"imagePullPolicy"') && !lib.includes('"imagePullPolicy"'),
      'named ports in probes and Service targetPort': lib.includes('"port":"http"') && lib.includes('"targetPort":"http"') && !hand.includes('"port":"http"'),
      'Service spec.externalIPs: []': hand.includes('"externalIPs":[]') && !lib.includes('"externalIPs"'),
      'HorizontalPodAutoscaler spec.behavior': hand.includes('"behavior"') && !lib.includes('"behavior"'),
    };
    expect(Object.keys(present).sort()).toEqual(INTENDED_DIFFERENCES.map(d => d.what).sort());
    expect(Object.entries(present).filter(([, ok]) => !ok).map(([what]) => what)).toEqual([]);
  });

  test('normalization leaves objects without those fields alone', () => {
    const app = new App();
    expect(normalizedObjects(app)).toEqual([]);
  });
});
