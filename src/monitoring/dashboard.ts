import { createHash } from 'crypto';

/** The kind of controller whose pods a dashboard shows; it fixes the pod name pattern. @internal */
export type ControllerKind = 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';

/**
 * The Grafana dashboard JSON for one workload's standard signals.
 *
 * @internal
 */
export function dashboardJson(o: {
  name: string;
  kind: ControllerKind;
  containers: string[];
  title: string;
  namespace?: string;
  requestRateMetric?: string;
}): Record<string, unknown> {
  const pods = podNamePattern(o.kind, o.name);
  const containers = o.containers.map(escapeRegex).join('|');
  const sel = `namespace="$namespace", pod=~"${pods}"`;
  const datasource = { type: 'prometheus', uid: '${datasource}' };
  const signals: { title: string; unit: string; expr: string; legend: string; description: string }[] = [];
  if (o.requestRateMetric) {
    signals.push({
      title: 'Request rate',
      unit: 'reqps',
      expr: `sum by (pod) (rate(${o.requestRateMetric}{${sel}}[$__rate_interval]))`,
      legend: '{{pod}}',
      description: `Rate of ${o.requestRateMetric}, per pod.`,
    });
  }
  signals.push(
    {
      title: 'CPU usage',
      unit: 'short',
      expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${sel}, container=~"${containers}"}[$__rate_interval]))`,
      legend: '{{pod}}',
      description: 'CPU cores used, per pod (cAdvisor).',
    },
    {
      title: 'Memory working set',
      unit: 'bytes',
      expr: `sum by (pod) (container_memory_working_set_bytes{${sel}, container=~"${containers}"})`,
      legend: '{{pod}}',
      description: 'Memory that counts against the limit, per pod (cAdvisor).',
    },
    {
      title: 'Container restarts (last hour)',
      unit: 'short',
      expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${sel}, container=~"${containers}"}[1h]))`,
      legend: '{{pod}}',
      description: 'Restarts in the last hour, per pod (kube-state-metrics): liveness failures and crashes.',
    },
    {
      title: 'Ready pods',
      unit: 'short',
      expr: `sum(kube_pod_status_ready{${sel}, condition="true"})`,
      legend: 'ready',
      description: 'Pods whose readiness check passes (kube-state-metrics).',
    },
  );
  const panels = signals.map((s, i) => ({
    id: i + 1,
    type: 'timeseries',
    title: s.title,
    description: s.description,
    datasource,
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    fieldConfig: { defaults: { unit: s.unit }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'none' } },
    targets: [{ refId: 'A', datasource, expr: s.expr, legendFormat: s.legend }],
  }));
  const namespaceQuery = 'label_values(kube_pod_info, namespace)';
  return {
    uid: dashboardUid(o.namespace, o.name),
    title: o.title,
    tags: ['cdk8s-workloads', o.name],
    editable: true,
    schemaVersion: 39,
    version: 1,
    timezone: 'browser',
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', hide: 0 },
        {
          name: 'namespace',
          label: 'Namespace',
          type: 'query',
          datasource,
          definition: namespaceQuery,
          query: { query: namespaceQuery, refId: 'namespace' },
          refresh: 1,
          hide: 0,
          ...(o.namespace ? { current: { text: o.namespace, value: o.namespace } } : {}),
        },
      ],
    },
    panels,
  };
}

/** The names of a controller's pods, as a Prometheus (anchored) regex. */
function podNamePattern(kind: ControllerKind, name: string): string {
  const n = escapeRegex(name);
  switch (kind) {
    case 'Deployment': return `${n}-[a-z0-9]+-[a-z0-9]{5}`;
    case 'StatefulSet': return `${n}-[0-9]+`;
    case 'Job': return `${n}-[a-z0-9]{5}`;
    case 'CronJob': return `${n}-[0-9]+-[a-z0-9]{5}`;
  }
}

/** A regex-safe name; PromQL strings need the backslash itself escaped. */
function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
}

/** A stable dashboard uid (Grafana allows at most 40 characters). */
function dashboardUid(namespace: string | undefined, name: string): string {
  return `cdk8s-${createHash('sha256').update(`${namespace ?? ''}/${name}`).digest('hex').slice(0, 20)}`;
}
