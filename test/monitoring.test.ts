import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HttpScheme, PortReference, ScrapeMethod, Worker, WorkerProps } from '../src';
import { sharedReference, validateManifest } from './support/manifests';
import { newChart, ofKind, synth, synthError } from './support/synth';
import { applyMonitoring } from '../src/monitoring/apply';

const PORTS = [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }, { containerPort: 9100 }];

function worker(props: Partial<WorkerProps>, chart: Chart = newChart()): any[] {
  new Worker(chart, 'w', { image: 'app', ports: PORTS, ...props });
  return synth(chart);
}

/** Tests that check objects against a CRD skip, visibly, when ../shared is not beside the checkout. */
function crdAvailable(file: string): boolean {
  if (sharedReference(file)) return true;
  console.warn(`skipping CRD schema check: ../shared/reference/${file} is missing`);
  return false;
}

describe('metrics endpoint → PodMonitor (a Worker has no Service)', () => {
  test('a named port becomes a PodMonitor selecting the worker\'s pods by their stable labels', () => {
    const objs = worker({ metrics: { port: PortReference.fromName('metrics') } });
    const [pm] = ofKind(objs, 'PodMonitor');
    expect(pm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(pm.metadata.name).toBe('w');
    expect(pm.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'w', 'app.kubernetes.io/instance': 'w' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }],
    });
  });

  test('path, interval, scrape timeout and HTTPS are written as given', () => {
    const objs = worker({ metrics: { port: PortReference.fromName('metrics'), path: '/stats/prometheus', interval: '15s', scrapeTimeout: '10s', scheme: HttpScheme.HTTPS } });
    expect(ofKind(objs, 'PodMonitor')[0].spec.podMetricsEndpoints).toEqual([
      { port: 'metrics', path: '/stats/prometheus', interval: '15s', scrapeTimeout: '10s', scheme: 'https' },
    ]);
  });

  test('a port number that has a name is written by name (works with every operator version)', () => {
    const objs = worker({ metrics: { port: PortReference.fromNumber(9090) } });
    expect(ofKind(objs, 'PodMonitor')[0].spec.podMetricsEndpoints[0].port).toBe('metrics');
  });

  test('an unnamed declared port is written as portNumber', () => {
    const objs = worker({ metrics: { port: PortReference.fromNumber(9100) } });
    expect(ofKind(objs, 'PodMonitor')[0].spec.podMetricsEndpoints[0]).toEqual({ portNumber: 9100, path: '/metrics' });
  });

  test('monitorLabels go on the PodMonitor (for a Prometheus that selects monitors by label)', () => {
    const objs = worker({ metrics: { port: PortReference.fromName('metrics'), monitorLabels: { release: 'kube-prometheus-stack' } } });
    expect(ofKind(objs, 'PodMonitor')[0].metadata.labels).toMatchObject({ 'release': 'kube-prometheus-stack', 'app.kubernetes.io/name': 'w' });
  });

  test('the PodMonitor validates against the PodMonitor CRD schema', () => {
    if (!crdAvailable('monitoring.coreos.com_podmonitors.yaml')) return;
    const objs = worker({ metrics: { port: PortReference.fromName('metrics'), interval: '30s', scheme: HttpScheme.HTTPS } });
    expect(validateManifest(ofKind(objs, 'PodMonitor')[0])).toEqual({ status: 'valid', errors: [] });
  });

  test('the CRD check catches a field the PodMonitor schema does not have (the check can fail)', () => {
    if (!crdAvailable('monitoring.coreos.com_podmonitors.yaml')) return;
    const bad = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'w' }, spec: { selector: {}, podMetricsEndpoints: [{ prt: 'metrics' }] } };
    expect(validateManifest(bad).status).toBe('invalid');
  });

  test('no metrics, no monitor and no annotations', () => {
    const objs = worker({});
    expect(objs.map(o => o.kind)).toEqual(['Deployment']);
    expect(objs[0].spec.template.metadata.annotations).toBeUndefined();
  });
});

describe('metrics endpoint → prometheus.io annotations', () => {
  test('scrape, port (as a number), path; no monitor object', () => {
    const objs = worker({ metrics: { port: PortReference.fromName('metrics'), method: ScrapeMethod.ANNOTATIONS } });
    expect(ofKind(objs, 'PodMonitor')).toEqual([]);
    expect(objs[0].spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' });
  });

  test('HTTPS adds prometheus.io/scheme', () => {
    const objs = worker({ metrics: { port: PortReference.fromNumber(9100), path: '/m', scheme: HttpScheme.HTTPS, method: ScrapeMethod.ANNOTATIONS } });
    expect(objs[0].spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100', 'prometheus.io/path': '/m', 'prometheus.io/scheme': 'https',
    });
  });
});

describe('metrics endpoint → ServiceMonitor (a workload with a Service that exposes the port)', () => {
  /** A Deployment behind a Service, wired the way WebApp wires applyMonitoring. */
  function withService(servicePorts: { name?: string; port: number; targetPort: number | string }[]) {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'web', {
      metadata: { name: 'web' },
      select: false,
      containers: [{ name: 'web', image: 'app', ports: [{ name: 'http', number: 8080 }, { name: 'metrics', number: 9090 }], securityContext: { ensureNonRoot: false }, resources: {} }],
    });
    deployment.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/name': 'web' } }));
    const r = applyMonitoring(chart, {
      workload: { name: 'web', selectorLabels: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] },
      kind: 'Deployment',
      podMetadata: deployment.podMetadata,
      labels: { 'app.kubernetes.io/name': 'web' },
      containerNames: ['web'],
      service: { selectorLabels: { 'app.kubernetes.io/name': 'web' }, ports: servicePorts },
    }, { port: PortReference.fromName('metrics'), interval: '30s' });
    expect(r.problems.messages).toEqual([]);
    return synth(chart).filter(o => o.apiVersion === 'monitoring.coreos.com/v1');
  }

  test('a Service port that targets the metrics port makes a ServiceMonitor on that Service port\'s name', () => {
    const [sm] = withService([{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }]);
    expect(sm.kind).toBe('ServiceMonitor');
    expect(sm.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }] });
  });

  test('an unnamed Service port is targeted through targetPort', () => {
    const [sm] = withService([{ port: 9090, targetPort: 'metrics' }]);
    expect(sm.spec.endpoints).toEqual([{ targetPort: 'metrics', path: '/metrics', interval: '30s' }]);
  });

  test('a Service that does not expose the metrics port gets a PodMonitor instead', () => {
    const [pm] = withService([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(pm.kind).toBe('PodMonitor');
  });

  test('the ServiceMonitor validates against the ServiceMonitor CRD schema', () => {
    if (!crdAvailable('monitoring.coreos.com_servicemonitors.yaml')) return;
    for (const sm of [...withService([{ name: 'metrics', port: 9090, targetPort: 9090 }]), ...withService([{ port: 9090, targetPort: 'metrics' }])]) {
      expect(validateManifest(sm)).toEqual({ status: 'valid', errors: [] });
    }
  });
});

describe('Grafana dashboard', () => {
  const dashboardOf = (props: Partial<WorkerProps>, namespace?: string) => {
    const chart = new Chart(Testing.app(), 'test', { namespace });
    const cm = ofKind(worker(props, chart), 'ConfigMap').find(o => o.metadata.name === 'w-dashboard');
    return { cm, json: JSON.parse(cm.data['w.json']) };
  };

  test('opt-in: no dashboard unless asked', () => {
    expect(ofKind(worker({}), 'ConfigMap')).toEqual([]);
  });

  test('a ConfigMap labelled grafana_dashboard: "1" for the sidecar, with the folder annotation when given', () => {
    const { cm } = dashboardOf({ dashboard: { folder: 'Orders' } });
    expect(cm.metadata.labels).toMatchObject({ 'grafana_dashboard': '1', 'app.kubernetes.io/name': 'w' });
    expect(cm.metadata.annotations).toEqual({ grafana_folder: 'Orders' });
    expect(Object.keys(cm.data)).toEqual(['w.json']);
  });

  test('CPU, memory, restarts and ready pods of exactly this worker\'s pods and container', () => {
    const { json } = dashboardOf({ dashboard: {} });
    expect(json.panels.map((p: any) => p.title)).toEqual(['CPU usage', 'Memory working set', 'Container restarts (last hour)', 'Ready pods']);
    const exprs = json.panels.map((p: any) => p.targets[0].expr);
    expect(exprs[0]).toBe('sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$namespace", pod=~"w-[a-z0-9]+-[a-z0-9]{5}", container=~"w"}[$__rate_interval]))');
    expect(exprs[1]).toContain('container_memory_working_set_bytes{namespace="$namespace", pod=~"w-[a-z0-9]+-[a-z0-9]{5}", container=~"w"}');
    expect(exprs[2]).toContain('kube_pod_container_status_restarts_total{');
    expect(exprs[3]).toBe('sum(kube_pod_status_ready{namespace="$namespace", pod=~"w-[a-z0-9]+-[a-z0-9]{5}", condition="true"})');
  });

  test('a request rate panel comes first when the workload exports a request counter', () => {
    const { json } = dashboardOf({ metrics: { port: PortReference.fromName('metrics') }, dashboard: { requestRateMetric: 'http_requests_total' } });
    expect(json.panels[0].title).toBe('Request rate');
    expect(json.panels[0].targets[0].expr).toBe('sum by (pod) (rate(http_requests_total{namespace="$namespace", pod=~"w-[a-z0-9]+-[a-z0-9]{5}"}[$__rate_interval]))');
  });

  test('valid dashboard JSON: title, stable uid of at most 40 characters, unique panel ids, a 24-column grid, every query on the templated data source', () => {
    const { json } = dashboardOf({ metrics: { port: PortReference.fromName('metrics') }, dashboard: { title: 'Orders worker', requestRateMetric: 'http_requests_total' } }, 'shop');
    expect(json.title).toBe('Orders worker');
    expect(json.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(json.uid).toBe(dashboardOf({ dashboard: {} }, 'shop').json.uid);
    expect(typeof json.schemaVersion).toBe('number');
    const ids = json.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of json.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const t of p.targets) expect(t).toMatchObject({ refId: expect.any(String), expr: expect.any(String) });
    }
    expect(json.templating.list.map((v: any) => v.name)).toEqual(['datasource', 'namespace']);
    expect(json.templating.list[1].current).toEqual({ text: 'shop', value: 'shop' });
  });
});

describe('bad inputs', () => {
  const cases: [string, Partial<WorkerProps>, string][] = [
    ['a metrics port name the containers do not declare', { metrics: { port: PortReference.fromName('prom') } },
      '[test/w] metrics.port: "prom" is not allowed; the container declares no port of that name (it declares "http", "metrics"). Declare the port on the container or refer to it by number'],
    ['a metrics port number the containers do not declare', { metrics: { port: PortReference.fromNumber(9091) } },
      '[test/w] metrics.port: 9091 is not allowed; the containers declare no TCP port 9091 (they declare 8080, 9090, 9100). Declare the metrics port in the workload\'s `ports` so Prometheus can reach it'],
    ['a metrics port on a worker with no ports', { ports: [], metrics: { port: PortReference.fromNumber(9090) } },
      '[test/w] metrics.port: 9090 is not allowed; the containers declare no ports. Declare the metrics port in the workload\'s `ports` so Prometheus can reach it'],
    ['a path without "/"', { metrics: { port: PortReference.fromName('metrics'), path: 'metrics' } },
      '[test/w] metrics.path: "metrics" is not allowed; must start with "/"'],
    ['a malformed interval', { metrics: { port: PortReference.fromName('metrics'), interval: '30 seconds' } },
      '[test/w] metrics.interval: "30 seconds" is not allowed; must be a Prometheus duration greater than zero, such as "15s", "1m" or "1m30s"'],
    ['a zero interval', { metrics: { port: PortReference.fromName('metrics'), interval: '0s' } },
      '[test/w] metrics.interval: "0s" is not allowed; must be a Prometheus duration greater than zero, such as "15s", "1m" or "1m30s"'],
    ['a timeout longer than the interval', { metrics: { port: PortReference.fromName('metrics'), interval: '10s', scrapeTimeout: '1m' } },
      '[test/w] metrics.scrapeTimeout: "1m" is not allowed; must not be longer than the interval (10s); Prometheus rejects such a scrape config'],
    ['an interval with annotations', { metrics: { port: PortReference.fromName('metrics'), method: ScrapeMethod.ANNOTATIONS, interval: '30s' } },
      '[test/w] metrics.interval: cannot be set with ScrapeMethod.ANNOTATIONS: the prometheus.io annotations have no interval (Prometheus\' scrape config decides); remove it or use ScrapeMethod.PROMETHEUS_OPERATOR'],
    ['monitor labels with annotations', { metrics: { port: PortReference.fromName('metrics'), method: ScrapeMethod.ANNOTATIONS, monitorLabels: { release: 'x' } } },
      '[test/w] metrics.monitorLabels: cannot be set with ScrapeMethod.ANNOTATIONS: no monitor object is created; remove it or use ScrapeMethod.PROMETHEUS_OPERATOR'],
    ['a bad monitor label', { metrics: { port: PortReference.fromName('metrics'), monitorLabels: { release: 'not ok' } } },
      '[test/w] metrics.monitorLabels["release"]: "not ok" is not allowed; must be a label value'],
    ['an unknown method from another language', { metrics: { port: PortReference.fromName('metrics'), method: 'Scrape' as ScrapeMethod } },
      '[test/w] metrics.method: "Scrape" is not allowed; must be one of "PrometheusOperator", "Annotations"'],
    ['a request rate without metrics', { dashboard: { requestRateMetric: 'http_requests_total' } },
      '[test/w] dashboard.requestRateMetric: needs `metrics`: Prometheus only has the workload\'s own metrics when it scrapes them; declare the metrics endpoint or remove requestRateMetric'],
    ['a bad metric name', { metrics: { port: PortReference.fromName('metrics') }, dashboard: { requestRateMetric: 'http-requests' } },
      '[test/w] dashboard.requestRateMetric: "http-requests" is not allowed; must be a Prometheus metric name (letters, digits, "_" and ":", not starting with a digit)'],
    ['an empty title', { dashboard: { title: ' ' } }, '[test/w] dashboard.title: " " is not allowed; must not be empty'],
  ];
  test.each(cases)('%s', (_, props, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', ports: PORTS, ...props });
    expect(synthError(chart)).toContain(message);
  });

  test('a UDP metrics port is refused', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', ports: [{ name: 'stats', containerPort: 8125, protocol: 'UDP' as any }], metrics: { port: PortReference.fromName('stats') } });
    expect(synthError(chart)).toContain('[test/w] metrics.port: "stats" is not allowed; is a UDP port; Prometheus scrapes over HTTP, which needs TCP');
  });

  test('every problem of one worker is reported in one synth', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', ports: PORTS, metrics: { port: PortReference.fromName('prom'), path: 'x', interval: 'soon' } });
    const message = synthError(chart);
    expect(message).toContain('metrics.port: "prom"');
    expect(message).toContain('metrics.path: "x"');
    expect(message).toContain('metrics.interval: "soon"');
  });
});

test('the monitor and dashboard are exposed as escape hatches', () => {
  const chart = newChart();
  const w = new Worker(chart, 'w', { image: 'app', ports: PORTS, metrics: { port: PortReference.fromName('metrics') }, dashboard: {} });
  expect(w.monitor).toBeInstanceOf(ApiObject);
  expect(w.monitor!.kind).toBe('PodMonitor');
  expect(w.dashboard!.kind).toBe('ConfigMap');
});
