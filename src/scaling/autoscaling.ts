import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ScalingMetric } from './metric';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { ResourceQuantities } from '../container/resources';

/**
 * Metric scaling: a HorizontalPodAutoscaler (autoscaling/v2) on the workload's
 * Deployment, on CPU and memory utilization (the shorthands) and/or any `metrics`.
 */
export interface AutoscalingOptions {
  /**
   * The fewest pods; an integer >= 1.
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most pods; an integer >= minReplicas. */
  readonly maxReplicas: number;
  /**
   * Scale out when the pods' average CPU use passes this percentage of their CPU
   * requests (ACK's "CPU usage" trigger); the same as `ScalingMetric.cpuUtilization`.
   * Every container needs a CPU request.
   * @default - not scaled on CPU utilization
   */
  readonly cpuUtilization?: number;
  /**
   * Scale out when the pods' average memory use passes this percentage of their memory
   * requests; the same as `ScalingMetric.memoryUtilization`. Every container needs a
   * memory request.
   * @default - not scaled on memory utilization
   */
  readonly memoryUtilization?: number;
  /**
   * More metrics: CPU or memory as an average value (`ScalingMetric.cpuAverageValue("500m")`),
   * per-pod custom metrics (`ScalingMetric.pods`) and external metrics
   * (`ScalingMetric.external`). The HPA scales to the largest count any metric asks for.
   * @default - only the utilization shorthands
   */
  readonly metrics?: ScalingMetric[];
}

/** What the scaling builders read from a workload. @internal */
export interface ScaledWorkload {
  readonly scope: Construct;
  readonly name: string;
  readonly deployment: kplus.Deployment;
  readonly labels: Record<string, string>;
}

/**
 * Metric scaling: a HorizontalPodAutoscaler on the Deployment, without cdk8s-plus's own
 * behavior. Returns the HPA and the resources scaled on utilization (which need requests).
 *
 * @internal
 */
export function buildAutoscaler(
  w: ScaledWorkload, o: AutoscalingOptions, problems: Problems,
): { autoscaler?: kplus.HorizontalPodAutoscaler; utilization: string[] } {
  const min = o.minReplicas ?? 1;
  let ok = problems.integer('autoscaling.minReplicas', min, 1);
  ok = problems.requiredInteger('autoscaling.maxReplicas', o.maxReplicas, 1, undefined, 'the most pods the autoscaler may run') && ok;
  if (ok && min > o.maxReplicas) {
    problems.badValue('autoscaling.minReplicas', min, `must not exceed maxReplicas (${o.maxReplicas})`);
    ok = false;
  }
  const metrics: kplus.Metric[] = [];
  const utilization: string[] = [];
  const given: [ScalingMetric, string][] = [
    ...(o.cpuUtilization !== undefined ? [[ScalingMetric.cpuUtilization(o.cpuUtilization), 'autoscaling.cpuUtilization'] as [ScalingMetric, string]] : []),
    ...(o.memoryUtilization !== undefined ? [[ScalingMetric.memoryUtilization(o.memoryUtilization), 'autoscaling.memoryUtilization'] as [ScalingMetric, string]] : []),
    ...instancesOf(problems, 'autoscaling.metrics', o.metrics, ScalingMetric, 'a ScalingMetric (ScalingMetric.cpuAverageValue("500m"), ScalingMetric.pods({ ... }) ...)'),
  ];
  for (const [m, field] of given) {
    const metric = m._toKplus(field, problems);
    if (metric) metrics.push(metric);
    const resource = m._utilizationOf();
    if (resource) utilization.push(resource);
  }
  if (given.length === 0) {
    problems.add('autoscaling', 'scales on nothing; set cpuUtilization and/or memoryUtilization (a percentage of the requests), or metrics (ScalingMetric.cpuAverageValue, .pods, .external ...)');
    ok = false;
  }
  if (!ok || metrics.length !== given.length) return { utilization };
  const autoscaler = new kplus.HorizontalPodAutoscaler(w.scope, 'Autoscaler', {
    metadata: { name: w.name, labels: w.labels },
    target: w.deployment,
    minReplicas: min,
    maxReplicas: o.maxReplicas,
    metrics,
  });
  Patches.removeHpaBehavior(ApiObject.of(autoscaler));
  return { autoscaler, utilization };
}

/** One container the utilization rule looks at: where its requests are written, and them. @internal */
export interface ScaledContainer {
  /** Field prefix of the container ("" for a single-container construct, "containers[1]" ...). */
  readonly field: string;
  readonly requests?: ResourceQuantities;
  /** A native sidecar counts; an init container that runs to completion does not. */
  readonly sidecar?: boolean;
}

/**
 * ACK: "you must set the resources, or autoscaling does not work". Utilization is
 * measured against requests, of every container in the pod, sidecars included; pass the
 * app containers and the init containers (only the sidecars among them are checked).
 *
 * @internal
 */
export function checkScaledRequests(
  resourcesScaled: string[], containers: ScaledContainer[], initContainers: ScaledContainer[], problems: Problems,
): void {
  const scaled = [...containers, ...initContainers.filter(c => c.sidecar)];
  for (const resource of [...new Set(resourcesScaled)]) {
    for (const c of scaled) {
      if (c.requests?.[resource as 'cpu' | 'memory'] === undefined) {
        problems.add(`${c.field ? `${c.field}.` : ''}requests.${resource}`, `is not set, but the app scales on ${resource} utilization; every container (sidecars too) needs a ${resource} request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)`);
      }
    }
  }
}

/**
 * The entries of a list that are instances of `cls`, each with its field; holes and
 * plain objects (from JavaScript or another jsii language) are reported and left out.
 *
 * @internal
 */
export function instancesOf<T>(problems: Problems, field: string, list: T[] | undefined, cls: Function, what: string): [T, string][] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.badValue(field, list, `must be a list of ${what}`);
    return [];
  }
  const out: [T, string][] = [];
  list.forEach((x, i) => {
    if (x instanceof cls) out.push([x, `${field}[${i}]`]);
    else problems.badValue(`${field}[${i}]`, x, `must be ${what}`);
  });
  return out;
}
