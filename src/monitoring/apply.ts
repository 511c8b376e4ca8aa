import { ApiObject, ApiObjectMetadataDefinition, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ControllerKind, dashboardJson } from './dashboard';
import { GrafanaDashboardOptions, MetricsEndpoint, ScrapeMethod } from './metrics';
import { checkLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { DeclaredPort } from '../container/port';
import { HttpScheme } from '../health/handler';
import { resolvePort } from '../health/health-check';
import { PodMonitor, PodMonitorSpecPodMetricsEndpointsScheme } from '../imports/podmonitor';
import { ServiceMonitor, ServiceMonitorSpecEndpointsScheme, ServiceMonitorSpecEndpointsTargetPort } from '../imports/servicemonitor';
import { ISelectableWorkload } from '../pod/selectable';

/** The label the Grafana dashboard sidecar looks for. */
export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

/**
 * A Service in front of a workload, as the monitoring code needs it: the labels that
 * select it (for a ServiceMonitor) and its ports.
 *
 * @internal
 */
export interface MonitoredService {
  /** Labels of the Service object that select it and no other Service. */
  readonly selectorLabels: { [key: string]: string };
  /** Its ports: the Service port's name, and the container port it targets (number or name). */
  readonly ports: { name?: string; port: number; targetPort: number | string }[];
}

/**
 * What a workload hands to `applyMonitoring`: itself, its pod template metadata, the
 * labels for generated objects and, when it has one, its Service.
 *
 * @internal
 */
export interface MonitoringTarget {
  /** The workload: name, pod selector labels and declared container ports. */
  readonly workload: ISelectableWorkload;
  /** The kind of controller that runs the pods (for the dashboard's pod name pattern). */
  readonly kind: ControllerKind;
  /** The metadata of the pod template (annotations go there). */
  readonly podMetadata: ApiObjectMetadataDefinition;
  /** The recommended labels of the workload, put on the generated objects. */
  readonly labels: { [key: string]: string };
  /** The names of the app containers (for the dashboard's queries). */
  readonly containerNames: string[];
  /** The workload's Service, if it has one. */
  readonly service?: MonitoredService;
}

/** What `applyMonitoring` made, for escape hatches and tests. @internal */
export interface MonitoringObjects {
  readonly monitor?: ApiObject;
  readonly dashboard?: ApiObject;
  readonly problems: Problems;
}

const DURATION = /^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/;
const DURATION_TEXT = 'a Prometheus duration greater than zero, such as "15s", "1m" or "1m30s"';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Adds a workload's monitoring, opt-in: for a metrics endpoint, a ServiceMonitor (the
 * workload has a Service exposing the port), a PodMonitor, or `prometheus.io/*` pod
 * annotations; for dashboard options, a Grafana dashboard ConfigMap. Objects are created
 * as children of `scope` with the ids "Monitor" and "Dashboard". Fields in the returned
 * problems are "metrics.*" and "dashboard.*".
 *
 * @internal
 */
export function applyMonitoring(
  scope: Construct, target: MonitoringTarget, metrics?: MetricsEndpoint, dashboard?: GrafanaDashboardOptions,
): MonitoringObjects {
  const problems = new Problems();
  const name = target.workload.name;
  const declared: DeclaredPort[] = target.workload.ports.map(p => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  let monitor: ApiObject | undefined;

  if (metrics) {
    const method = metrics.method ?? ScrapeMethod.PROMETHEUS_OPERATOR;
    problems.oneOf('metrics.method', method, Object.values(ScrapeMethod));
    problems.oneOf('metrics.scheme', metrics.scheme, Object.values(HttpScheme));
    const path = metrics.path ?? '/metrics';
    if (typeof path !== 'string' || !path.startsWith('/')) problems.badValue('metrics.path', path, 'must start with "/"');
    const interval = duration(problems, 'metrics.interval', metrics.interval);
    const timeout = duration(problems, 'metrics.scrapeTimeout', metrics.scrapeTimeout);
    if (interval !== undefined && timeout !== undefined && timeout > interval) {
      problems.badValue('metrics.scrapeTimeout', metrics.scrapeTimeout, `must not be longer than the interval (${metrics.interval}); Prometheus rejects such a scrape config`);
    }
    checkLabels(problems, 'metrics.monitorLabels', metrics.monitorLabels);
    const port = metricsPort(problems, metrics, declared);
    const scheme = metrics.scheme === HttpScheme.HTTPS ? 'https' : undefined;

    if (method === ScrapeMethod.ANNOTATIONS) {
      if (metrics.interval !== undefined) problems.add('metrics.interval', 'cannot be set with ScrapeMethod.ANNOTATIONS: the prometheus.io annotations have no interval (Prometheus\' scrape config decides); remove it or use ScrapeMethod.PROMETHEUS_OPERATOR');
      if (metrics.scrapeTimeout !== undefined) problems.add('metrics.scrapeTimeout', 'cannot be set with ScrapeMethod.ANNOTATIONS: the prometheus.io annotations have no timeout; remove it or use ScrapeMethod.PROMETHEUS_OPERATOR');
      if (metrics.monitorLabels !== undefined) problems.add('metrics.monitorLabels', 'cannot be set with ScrapeMethod.ANNOTATIONS: no monitor object is created; remove it or use ScrapeMethod.PROMETHEUS_OPERATOR');
      target.podMetadata.addAnnotation('prometheus.io/scrape', 'true');
      if (port) target.podMetadata.addAnnotation('prometheus.io/port', String(port.containerPort));
      target.podMetadata.addAnnotation('prometheus.io/path', path);
      if (scheme) target.podMetadata.addAnnotation('prometheus.io/scheme', scheme);
    } else {
      const endpoint = { path, interval: metrics.interval, scrapeTimeout: metrics.scrapeTimeout };
      const metadata = { name, labels: { ...metrics.monitorLabels, ...target.labels } };
      const servicePort = port && target.service?.ports.find(sp =>
        sp.targetPort === port.containerPort || (port.name !== undefined && sp.targetPort === port.name));
      if (target.service && servicePort) {
        const targetPort = port!.name ?? port!.containerPort;
        monitor = new ServiceMonitor(scope, 'Monitor', {
          metadata,
          spec: {
            selector: { matchLabels: { ...target.service.selectorLabels } },
            endpoints: [servicePort.name !== undefined
              ? { port: servicePort.name, ...endpoint, scheme: scheme as ServiceMonitorSpecEndpointsScheme | undefined }
              : {
                targetPort: typeof targetPort === 'number' ? ServiceMonitorSpecEndpointsTargetPort.fromNumber(targetPort) : ServiceMonitorSpecEndpointsTargetPort.fromString(targetPort),
                ...endpoint,
                scheme: scheme as ServiceMonitorSpecEndpointsScheme | undefined,
              }],
          },
        });
      } else {
        const podScheme = scheme as PodMonitorSpecPodMetricsEndpointsScheme | undefined;
        monitor = new PodMonitor(scope, 'Monitor', {
          metadata,
          spec: {
            selector: { matchLabels: { ...target.workload.selectorLabels } },
            // A named port works with every operator version; portNumber needs 0.72+.
            podMetricsEndpoints: [port?.name !== undefined
              ? { port: port.name, ...endpoint, scheme: podScheme }
              : { portNumber: port?.containerPort ?? 0, ...endpoint, scheme: podScheme }],
          },
        });
      }
    }
  }

  let dashboardObject: ApiObject | undefined;
  if (dashboard) {
    const title = dashboard.title ?? name;
    if (typeof title !== 'string' || title.trim() === '') problems.badValue('dashboard.title', title, 'must not be empty');
    if (dashboard.requestRateMetric !== undefined) {
      problems.pattern('dashboard.requestRateMetric', dashboard.requestRateMetric, METRIC_NAME, 'a Prometheus metric name (letters, digits, "_" and ":", not starting with a digit)');
      if (!metrics) problems.add('dashboard.requestRateMetric', 'needs `metrics`: Prometheus only has the workload\'s own metrics when it scrapes them; declare the metrics endpoint or remove requestRateMetric');
    }
    const json = dashboardJson({
      name,
      kind: target.kind,
      containers: target.containerNames,
      title,
      namespace: Chart.of(scope).namespace,
      requestRateMetric: dashboard.requestRateMetric,
    });
    dashboardObject = new ApiObject(scope, 'Dashboard', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `${name}-dashboard`,
        labels: { ...target.labels, [GRAFANA_DASHBOARD_LABEL]: '1' },
        annotations: dashboard.folder !== undefined ? { grafana_folder: dashboard.folder } : undefined,
      },
      data: { [`${name}.json`]: JSON.stringify(json, undefined, 2) },
    } as any);
  }
  return { monitor, dashboard: dashboardObject, problems };
}

/** The declared port the endpoint names; an undeclared port is a problem. */
function metricsPort(problems: Problems, metrics: MetricsEndpoint, declared: DeclaredPort[]): DeclaredPort | undefined {
  const field = 'metrics.port';
  if (!metrics.port) {
    problems.add(field, 'is required: the name or number of the port the metrics are served on (PortReference.fromName("metrics"))');
    return undefined;
  }
  const before = problems.size;
  resolvePort(field, metrics.port, declared, problems);
  if (problems.size > before) return undefined;
  const port = metrics.port.name !== undefined
    ? declared.find(p => p.name === metrics.port.name)
    : declared.find(p => p.containerPort === metrics.port.number && (p.protocol ?? 'TCP') === 'TCP');
  if (!port) {
    const numbers = declared.map(p => p.containerPort);
    problems.badValue(field, metrics.port.number, numbers.length
      ? `the containers declare no TCP port ${metrics.port.number} (they declare ${numbers.join(', ')})`
      : 'the containers declare no ports', 'Declare the metrics port in the workload\'s `ports` so Prometheus can reach it');
    return undefined;
  }
  if ((port.protocol ?? 'TCP') !== 'TCP') {
    problems.badValue(field, metrics.port.name, `is a ${port.protocol} port; Prometheus scrapes over HTTP, which needs TCP`);
    return undefined;
  }
  return port;
}

/** Milliseconds of a Prometheus duration, or undefined (with a problem when malformed). */
function duration(problems: Problems, field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' && value !== '' ? DURATION.exec(value) : null;
  const units = [365 * 86400e3, 7 * 86400e3, 86400e3, 3600e3, 60e3, 1e3, 1];
  const ms = m ? units.reduce((sum, u, i) => sum + Number(m[2 * i + 2] ?? 0) * u, 0) : 0;
  if (!m || ms <= 0) {
    problems.badValue(field, value, `must be ${DURATION_TEXT}`);
    return undefined;
  }
  return ms;
}
