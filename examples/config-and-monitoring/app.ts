// The Kubernetes workload checklist in one app: a ConfigMap (plain configuration, as
// files) and a Secret (sensitive data, as env vars) shared by two consumers; pods that
// roll when the data they read changes; Prometheus Operator monitoring and a Grafana
// dashboard.
//
// `storefront` is a WebApp: it has a Service, so its `metrics` becomes a ServiceMonitor;
// the Workers have none, so theirs become PodMonitors.
import { App, Chart } from 'cdk8s';
import {
  ConfigMap, HealthCheck, PortReference, Secret, WebApp, Worker, WorkerProps,
} from 'cdk8s-workloads';

/** What a test may change to watch the rollout hash follow the data. */
export interface ExampleOptions {
  /** The `logLevel` key of the shared ConfigMap. */
  readonly logLevel?: string;
  /** The `from` key of the mailer's own ConfigMap. */
  readonly mailFrom?: string;
}

export function build(app: App, options: ExampleOptions = {}): void {
  const chart = new Chart(app, 'config-and-monitoring', { namespace: 'shop' });

  // Plain configuration, read by both consumers as files under /etc/shop.
  const settings = new ConfigMap(chart, 'shop-settings', {
    partOf: 'shop',
    data: {
      'logLevel': options.logLevel ?? 'info',
      'shop.yaml': 'currency: EUR\nqueue: orders\n',
    },
  });

  // Sensitive data: written only into the Secret (base64 is an encoding, not
  // encryption). A real app reads the value from its environment or a secret store
  // when it is synthesized; this fixed value keeps the example's output stable.
  const db = new Secret(chart, 'shop-db', {
    partOf: 'shop',
    data: { password: 'example-only-change-me' },
  });

  // What both consumers share: the settings as files, the password as one env var.
  const shared: Partial<WorkerProps> = {
    partOf: 'shop',
    volumes: [{ name: 'settings', mountPath: '/etc/shop', source: settings.asVolume() }],
    env: [
      { name: 'DB_HOST', value: 'postgres.shop.svc' },
      { name: 'DB_PASSWORD', valueFrom: db.envValue('password') },
    ],
    ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
    cpu: '100m',
    memory: '128Mi',
  };

  // Consumer 1: a queue worker with a PodMonitor and a dashboard.
  new Worker(chart, 'orders-worker', {
    ...shared,
    image: 'ghcr.io/example/orders-worker:2.3.0',
    replicas: 2,
    metrics: { port: PortReference.fromName('metrics'), interval: '30s', monitorLabels: { release: 'kube-prometheus-stack' } },
    dashboard: { title: 'Orders worker', folder: 'Shop' },
  });

  // Consumer 2: the storefront, a WebApp with a Service and a ServiceMonitor.
  storefront(chart, shared);

  // Not a consumer of shop-settings: its own ConfigMap, so its hash only follows that one.
  const mail = new ConfigMap(chart, 'mailer-settings', { partOf: 'shop', data: { from: options.mailFrom ?? 'shop@example.com' } });
  new Worker(chart, 'mailer', {
    partOf: 'shop',
    image: 'ghcr.io/example/mailer:1.0.4',
    env: [{ name: 'MAIL_FROM', valueFrom: mail.envValue('from') }],
    metrics: { port: PortReference.fromNumber(9090) },
    ports: [{ name: 'metrics', containerPort: 9090 }],
  });
}

/**
 * The second consumer. It needs a minute to warm its caches, so a startup check holds the
 * liveness check back instead of a long initial delay (see the README's "Liveness,
 * readiness and startup").
 */
function storefront(chart: Chart, shared: Partial<WorkerProps>): void {
  const http = PortReference.fromName('http');
  new WebApp(chart, 'storefront', {
    partOf: 'shop',
    autoscaling: { minReplicas: 3, maxReplicas: 6, cpuUtilization: 75 },
    containers: [{
      name: 'storefront',
      image: 'ghcr.io/example/storefront:5.1.0',
      volumes: shared.volumes,
      env: shared.env,
      ports: shared.ports,
      requests: { cpu: shared.cpu, memory: shared.memory },
      startupProbe: HealthCheck.fromHttpGet('/healthz', { port: http, initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 24 }),
      livenessProbe: HealthCheck.fromHttpGet('/healthz', { port: http, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 }),
      readinessProbe: HealthCheck.fromHttpGet('/ready', { port: http, initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 2 }),
    }],
    metrics: { port: PortReference.fromName('metrics'), interval: '15s', monitorLabels: { release: 'kube-prometheus-stack' } },
    dashboard: { title: 'Storefront', folder: 'Shop', requestRateMetric: 'http_requests_total' },
  });
}
