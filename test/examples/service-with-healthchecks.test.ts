import { deckhouseCrd } from '../service-with-healthchecks/support';
import { synthExample } from '../support/examples';
import { sharedReference, validateManifest } from '../support/manifests';

describe('examples/service-with-healthchecks', () => {
  const crd = deckhouseCrd();
  const { yaml, objects } = synthExample('service-with-healthchecks');
  const swh = objects.filter(o => o.kind === 'ServiceWithHealthchecks');

  (crd ? test : test.skip)('every ServiceWithHealthchecks validates against the Deckhouse CRD schema', () => {
    expect(sharedReference('deckhouse-servicewithhealthchecks-crd.yaml')).toBeDefined();
    expect(swh.length).toBe(2);
    for (const o of swh) expect(validateManifest(o)).toEqual({ status: 'valid', errors: [] });
  });

  test('all healthcheck timings are written out', () => {
    for (const o of swh) {
      const hc = o.spec.healthcheck;
      expect(Number.isInteger(hc.initialDelaySeconds)).toBe(true);
      expect(Number.isInteger(hc.periodSeconds)).toBe(true);
      for (const p of hc.probes) {
        expect(p).toEqual(expect.objectContaining({ timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }));
      }
    }
  });

  test('every target port, of the Service and of each probe, is a number', () => {
    for (const o of swh) {
      for (const port of o.spec.ports) expect(typeof port.targetPort).toBe('number');
      for (const p of o.spec.healthcheck.probes) {
        const block = p.http ?? p.tcp ?? p.postgreSQL;
        expect(typeof block.targetPort).toBe('number');
      }
    }
  });

  test('no plain Service shares a name with a ServiceWithHealthchecks', () => {
    const names = new Set(swh.map(o => o.metadata.name));
    expect(objects.filter(o => o.kind === 'Service' && names.has(o.metadata.name))).toEqual([]);
  });

  test('the PostgreSQL Service routes to the primary of a two-replica Worker, with credentials from a Secret', () => {
    const deployment = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'postgres');
    expect(deployment.spec.replicas).toBe(2);
    const primary = swh.find(o => o.metadata.name === 'postgres-primary');
    expect(primary.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(primary.spec.healthcheck.probes).toEqual([{
      mode: 'PostgreSQL',
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
      postgreSQL: { targetPort: 5432, dbName: 'postgres', authSecretName: 'pg-probe', query: 'select not pg_is_in_recovery()' },
    }]);
    expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
  });

  test('the probe agents may reach the PostgreSQL port', () => {
    const np = objects.find(o => o.kind === 'NetworkPolicy');
    expect(np.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'd8-service-with-healthchecks' });
    expect(np.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
  });

  test('the HTTP Service is gated by an HTTP probe with a header', () => {
    const api = swh.find(o => o.metadata.name === 'orders-api');
    expect(api.spec.healthcheck.probes[0]).toMatchObject({
      mode: 'HTTP',
      http: { targetPort: 8080, path: '/ready', method: 'GET', scheme: 'HTTP', httpHeaders: [{ name: 'X-Health-Probe', value: 'deckhouse' }] },
    });
    expect(api.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }]);
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
