import { PortReference } from '../container/port';
import { HttpScheme } from '../health/handler';

/** How Prometheus finds a workload's metrics endpoint. */
export enum ScrapeMethod {
  /**
   * A Prometheus Operator object (monitoring.coreos.com/v1): a ServiceMonitor when the
   * workload has a Service that exposes the metrics port, otherwise a PodMonitor.
   */
  PROMETHEUS_OPERATOR = 'PrometheusOperator',
  /**
   * `prometheus.io/scrape`, `prometheus.io/port`, `prometheus.io/path` (and
   * `prometheus.io/scheme`) pod annotations, for clusters without the operator whose
   * Prometheus uses the common annotation-based pod discovery.
   */
  ANNOTATIONS = 'Annotations',
}

/**
 * The HTTP endpoint a workload serves Prometheus metrics on. Declaring it is opt-in:
 * a workload without it gets no monitoring objects.
 */
export interface MetricsEndpoint {
  /**
   * The port, by the name or number a container of the workload declares. A port the
   * containers do not declare is a synth error.
   */
  readonly port: PortReference;
  /**
   * The HTTP path of the metrics.
   * @default "/metrics"
   */
  readonly path?: string;
  /**
   * How often Prometheus scrapes, as a Prometheus duration ("30s", "1m").
   * @default - Prometheus' global scrape interval (not written)
   */
  readonly interval?: string;
  /**
   * How long one scrape may take, as a Prometheus duration; at most `interval`.
   * @default - Prometheus' global scrape timeout (not written)
   */
  readonly scrapeTimeout?: string;
  /**
   * HTTP or HTTPS.
   * @default HttpScheme.HTTP (not written)
   */
  readonly scheme?: HttpScheme;
  /**
   * How Prometheus discovers the endpoint.
   * @default ScrapeMethod.PROMETHEUS_OPERATOR
   */
  readonly method?: ScrapeMethod;
  /**
   * Labels for the ServiceMonitor or PodMonitor, such as the `release` label a
   * kube-prometheus-stack Prometheus selects monitors by.
   * @default - the recommended labels only
   */
  readonly monitorLabels?: { [key: string]: string };
}

/**
 * A Grafana dashboard for a workload's standard signals (CPU, memory, container
 * restarts, ready pods, and the request rate when the workload exports it), written as
 * a ConfigMap labelled `grafana_dashboard: "1"` for the Grafana dashboard sidecar (as
 * kube-prometheus-stack runs it). The CPU and memory panels read cAdvisor metrics and
 * the restart and readiness panels read kube-state-metrics.
 */
export interface GrafanaDashboardOptions {
  /**
   * The dashboard's title.
   * @default - the workload's name
   */
  readonly title?: string;
  /**
   * The name of a request counter the workload exports (such as
   * "http_requests_total"); the dashboard then shows its rate per pod. Needs `metrics`,
   * since Prometheus only has the counter when it scrapes the workload.
   * @default - no request rate panel
   */
  readonly requestRateMetric?: string;
  /**
   * The Grafana folder, written as the `grafana_folder` annotation (the sidecar's
   * `folderAnnotation`).
   * @default - the sidecar's default folder
   */
  readonly folder?: string;
}
