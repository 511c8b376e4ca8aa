import * as path from 'path';
import { Testing } from 'cdk8s';
import { synthExample } from '../support/examples';
import { expectValidManifests } from '../support/manifests';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const example = require(path.join(__dirname, '..', '..', 'examples', 'config-and-monitoring', 'app'));

/** The example built with options, schema-checked; the checksum/config of each Deployment by name. */
function hashes(options: Record<string, string>): Record<string, string | undefined> {
  const app = Testing.app();
  example.build(app, options);
  const objects = app.charts.flatMap(c => c.toJson());
  expectValidManifests(objects);
  return Object.fromEntries(objects.filter(o => o.kind === 'Deployment')
    .map(o => [o.metadata.name, o.spec.template.metadata.annotations?.['checksum/config']]));
}

describe('examples/config-and-monitoring', () => {
  const { yaml, objects } = synthExample('config-and-monitoring');
  const find = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);

  test('both consumers read the shared ConfigMap as files and the Secret as an env var', () => {
    for (const name of ['orders-worker', 'storefront']) {
      const pod = find('Deployment', name).spec.template.spec;
      expect(pod.volumes).toContainEqual({ name: 'settings', configMap: { name: 'shop-settings' } });
      expect(pod.containers[0].env).toContainEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } });
    }
  });

  test('the secret value is only in the Secret, base64-encoded', () => {
    expect(yaml.split('example-only-change-me').length).toBe(1);
    expect(find('Secret', 'shop-db').data.password).toBe(Buffer.from('example-only-change-me').toString('base64'));
  });

  test('each Worker gets a PodMonitor, the WebApp a ServiceMonitor on its Service\'s metrics port, and the two dashboards are labelled for the sidecar', () => {
    expect(objects.filter(o => o.kind === 'PodMonitor').map(o => o.metadata.name).sort()).toEqual(['mailer', 'orders-worker']);
    const sm = find('ServiceMonitor', 'storefront');
    const service = find('Service', 'storefront');
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
    expect(service.spec.ports.map((p: any) => p.name)).toContain('metrics');
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(service.metadata.labels[k]).toBe(v);
    const dashboards = objects.filter(o => o.kind === 'ConfigMap' && o.metadata.labels.grafana_dashboard === '1');
    expect(dashboards.map(o => o.metadata.name).sort()).toEqual(['orders-worker-dashboard', 'storefront-dashboard']);
  });

  test('changing one shop-settings value changes the hash of exactly its consumers', () => {
    const before = hashes({});
    const after = hashes({ logLevel: 'debug' });
    expect(Object.keys(before).sort()).toEqual(['mailer', 'orders-worker', 'storefront']);
    expect(after['orders-worker']).not.toBe(before['orders-worker']);
    expect(after.storefront).not.toBe(before.storefront);
    expect(after.mailer).toBe(before.mailer);
  });

  test('changing the mailer\'s ConfigMap changes only the mailer\'s hash', () => {
    const before = hashes({});
    const after = hashes({ mailFrom: 'orders@example.com' });
    expect(after.mailer).not.toBe(before.mailer);
    expect(after['orders-worker']).toBe(before['orders-worker']);
    expect(after.storefront).toBe(before.storefront);
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
