import { Chart, Testing } from 'cdk8s';
import { ConfigMap, PortReference, ScrapeMethod, Secret, WebApp, WorkloadContainer, WebAppProps } from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const web: WorkloadContainer = {
  name: 'web',
  image: 'nginxinc/nginx-unprivileged:1.27',
  ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9113 }],
};

function objectsOf(props: Partial<WebAppProps>, setup?: (chart: Chart) => Partial<WebAppProps>): any[] {
  const chart = newChart();
  const extra = setup ? setup(chart) : {};
  new WebApp(chart, 'shop', { containers: [web], ...props, ...extra });
  return synth(chart);
}

describe('WebApp: monitoring through the shared monitoring code', () => {
  test('metrics on a port the Service exposes become a ServiceMonitor that selects the app\'s Service', () => {
    const objs = objectsOf({ metrics: { port: PortReference.fromName('metrics'), interval: '30s' } });
    const [sm] = ofKind(objs, 'ServiceMonitor');
    const [service] = ofKind(objs, 'Service');
    expect(ofKind(objs, 'PodMonitor')).toEqual([]);
    expect(sm.metadata.name).toBe('shop');
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    expect(Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v)).toBe(true);
  });

  test('a metrics port the Service does not expose becomes a PodMonitor', () => {
    const objs = objectsOf({
      service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
      metrics: { port: PortReference.fromName('metrics') },
    });
    expect(ofKind(objs, 'ServiceMonitor')).toEqual([]);
    expect(ofKind(objs, 'PodMonitor')[0].spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics' }]);
  });

  test('ScrapeMethod.ANNOTATIONS writes prometheus.io annotations on the pods', () => {
    const objs = objectsOf({ metrics: { port: PortReference.fromName('metrics'), path: '/stats', method: ScrapeMethod.ANNOTATIONS } });
    expect(ofKind(objs, 'Deployment')[0].spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9113', 'prometheus.io/path': '/stats',
    });
  });

  test('a dashboard is a ConfigMap labelled for the Grafana sidecar', () => {
    const objs = objectsOf({ dashboard: { title: 'Shop' } });
    const dashboard = ofKind(objs, 'ConfigMap').find(o => o.metadata.name === 'shop-dashboard');
    expect(dashboard.metadata.labels.grafana_dashboard).toBe('1');
    expect(JSON.parse(Object.values(dashboard.data)[0] as string).title).toBe('Shop');
  });

  test('a metrics port no container declares fails synth', () => {
    const chart = newChart();
    new WebApp(chart, 'shop', { containers: [web], metrics: { port: PortReference.fromName('prom') } });
    expect(synthError(chart)).toContain('[test/shop] metrics.port: "prom" is not allowed; the container declares no port of that name');
  });
});

describe('WebApp: configuration through the shared config code', () => {
  const hashOf = (level: string) => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const settings = new ConfigMap(chart, 'settings', { data: { level } });
    new WebApp(chart, 'shop', {
      containers: [{ ...web, volumes: [{ name: 'settings', mountPath: '/etc/shop', source: settings.asVolume() }] }],
    });
    const objs = synth(chart);
    return ofKind(objs, 'Deployment')[0].spec.template.metadata.annotations?.['checksum/config'];
  };

  test('a consumed ConfigMap of the app rolls the pods when its data changes', () => {
    expect(hashOf('info')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf('info')).toBe(hashOf('info'));
    expect(hashOf('debug')).not.toBe(hashOf('info'));
  });

  test('rolloutOnConfigChange: false leaves the pods without the hash', () => {
    const objs = objectsOf({ rolloutOnConfigChange: false }, chart => {
      const secret = new Secret(chart, 'creds', { data: { token: 'a-long-example-token' } });
      return { containers: [{ ...web, env: [{ name: 'TOKEN', valueFrom: secret.envValue('token') }] }] };
    });
    expect(ofKind(objs, 'Deployment')[0].spec.template.metadata.annotations).toBeUndefined();
  });

  test('a key the created ConfigMap does not have fails synth', () => {
    const chart = newChart();
    const settings = new ConfigMap(chart, 'settings', { data: { level: 'info' } });
    new WebApp(chart, 'shop', { containers: [{ ...web, env: [{ name: 'LEVEL', valueFrom: settings.envValue('loglevel') }] }] });
    expect(synthError(chart)).toContain('[test/shop] containers[0].env[0].valueFrom.configMapKeyRef.key: "loglevel" is not allowed; the ConfigMap "settings" (created at test/settings) has no such key (it has "level"). Add the key to the ConfigMap or consume a key it has');
  });

  test('a credential-like literal in a WebApp container fails synth', () => {
    const chart = newChart();
    new WebApp(chart, 'shop', { containers: [{ ...web, env: [{ name: 'API_TOKEN', value: 'abc' }] }] });
    const message = synthError(chart);
    expect(message).toContain('[test/shop] containers[0].env[0].value: "API_TOKEN" looks like a credential, so its value must not be written as a literal into the workload\'s manifest (the value is not shown here).');
    expect(message).not.toContain('abc');
  });
});
