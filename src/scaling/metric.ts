import * as kplus from 'cdk8s-plus-28';
import { QUANTITY_TEXT, isQuantity } from '../common/formats';
import { checkLabels } from '../common/labels';
import { Problems } from '../common/validation';

/** Options of a per-pod custom metric (HorizontalPodAutoscaler `Pods` source). */
export interface PodsMetricOptions {
  /** The metric's name, as the custom metrics API serves it (e.g. "http_requests_per_second"). */
  readonly name: string;
  /**
   * The target average of the metric over the pods, as a quantity ("100", "500m", "1k").
   */
  readonly averageValue: string;
  /**
   * Labels that narrow the metric's series (`metric.selector.matchLabels`).
   * @default - no selector
   */
  readonly selector?: { [key: string]: string };
}

/** Options of a metric from outside the cluster (HorizontalPodAutoscaler `External` source). */
export interface ExternalMetricOptions {
  /** The metric's name, as the external metrics API serves it (e.g. "queue_messages_ready"). */
  readonly name: string;
  /**
   * The target of the metric's total value, as a quantity: the HPA scales so that the
   * value stays at it. Exactly one of `value` and `averageValue`.
   * @default - not a total target
   */
  readonly value?: string;
  /**
   * The target of the metric divided by the number of pods, as a quantity (e.g. "30"
   * messages per pod). Exactly one of `value` and `averageValue`.
   * @default - not a per-pod target
   */
  readonly averageValue?: string;
  /**
   * Labels that narrow the metric's series (`metric.selector.matchLabels`).
   * @default - no selector
   */
  readonly selector?: { [key: string]: string };
}

/** The kind of a scaling metric. */
export enum ScalingMetricKind {
  /** A resource of the pods (cpu, memory), averaged over them. */
  RESOURCE = 'Resource',
  /** A custom metric of each pod, averaged over them. */
  PODS = 'Pods',
  /** A metric from outside the cluster. */
  EXTERNAL = 'External',
}

/**
 * A metric the HorizontalPodAutoscaler scales on (autoscaling/v2 `metrics[]`), rendered
 * with cdk8s-plus-28's `Metric` and `MetricTarget`: CPU or memory utilization (a
 * percentage of the requests), CPU or memory average value (a quantity, no requests
 * needed), a per-pod custom metric, or an external metric.
 */
export class ScalingMetric {
  /**
   * Average CPU use as a percentage of the pods' CPU requests (every container needs a
   * CPU request).
   * @param percent an integer >= 1, e.g. 70
   */
  public static cpuUtilization(percent: number): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.RESOURCE, { resource: 'cpu', utilization: percent });
  }

  /**
   * Average memory use as a percentage of the pods' memory requests (every container
   * needs a memory request).
   * @param percent an integer >= 1, e.g. 80
   */
  public static memoryUtilization(percent: number): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.RESOURCE, { resource: 'memory', utilization: percent });
  }

  /**
   * Average CPU use per pod as a quantity of cores ("500m", "1.5"); needs no requests.
   * @param quantity a positive Kubernetes quantity
   */
  public static cpuAverageValue(quantity: string): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.RESOURCE, { resource: 'cpu', averageValue: quantity });
  }

  /**
   * Average memory use per pod as a quantity of bytes ("512Mi", "1Gi"); needs no requests.
   * @param quantity a positive Kubernetes quantity
   */
  public static memoryAverageValue(quantity: string): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.RESOURCE, { resource: 'memory', averageValue: quantity });
  }

  /** A custom metric of each pod (from a custom metrics adapter such as prometheus-adapter), averaged over the pods. */
  public static pods(options: PodsMetricOptions): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.PODS, {
      name: options.name, averageValue: options.averageValue, selector: options.selector,
    });
  }

  /** A metric from outside the cluster (from an external metrics adapter), as a total or a per-pod target. */
  public static external(options: ExternalMetricOptions): ScalingMetric {
    return new ScalingMetric(ScalingMetricKind.EXTERNAL, {
      name: options.name, value: options.value, averageValue: options.averageValue, selector: options.selector,
    });
  }

  /** The metric's kind. */
  public readonly kind: ScalingMetricKind;
  private readonly spec: MetricSpecInput;

  private constructor(kind: ScalingMetricKind, spec: MetricSpecInput) {
    this.kind = kind;
    this.spec = spec;
  }

  /** The resource whose utilization this metric measures against the requests, if any. @internal */
  public _utilizationOf(): string | undefined {
    return this.spec.utilization !== undefined ? this.spec.resource : undefined;
  }

  /**
   * Checks the metric and returns it as a cdk8s-plus Metric, or undefined when it is
   * wrong (the problems say why).
   *
   * @internal
   */
  public _toKplus(field: string, problems: Problems): kplus.Metric | undefined {
    const s = this.spec;
    if (this.kind === ScalingMetricKind.RESOURCE) {
      const cpu = s.resource === 'cpu';
      if (s.utilization !== undefined) {
        if (!problems.integer(field, s.utilization, 1)) return undefined;
        const target = kplus.MetricTarget.averageUtilization(s.utilization);
        return cpu ? kplus.Metric.resourceCpu(target) : kplus.Metric.resourceMemory(target);
      }
      const n = positiveQuantity(field, s.averageValue, problems);
      if (n === undefined) return undefined;
      const target = kplus.MetricTarget.averageValue(n);
      return cpu ? kplus.Metric.resourceCpu(target) : kplus.Metric.resourceMemory(target);
    }
    const before = problems.size;
    metricName(`${field}.name`, s.name, problems);
    checkLabels(problems, `${field}.selector`, s.selector);
    const ok = problems.size === before;
    const labelSelector = s.selector && Object.keys(s.selector).length > 0 ? kplus.LabelSelector.of({ labels: { ...s.selector } }) : undefined;
    if (this.kind === ScalingMetricKind.PODS) {
      const n = positiveQuantity(`${field}.averageValue`, s.averageValue, problems);
      if (n === undefined || !ok) return undefined;
      return kplus.Metric.pods({ name: s.name!, labelSelector, target: kplus.MetricTarget.averageValue(n) });
    }
    if ((s.value === undefined) === (s.averageValue === undefined)) {
      problems.add(field, 'needs exactly one of `value` (a target for the total) and `averageValue` (a target per pod)');
      return undefined;
    }
    const perPod = s.averageValue !== undefined;
    const n = positiveQuantity(`${field}.${perPod ? 'averageValue' : 'value'}`, perPod ? s.averageValue : s.value, problems);
    if (n === undefined || !ok) return undefined;
    const target = perPod ? kplus.MetricTarget.averageValue(n) : kplus.MetricTarget.value(n);
    return kplus.Metric.external({ name: s.name!, labelSelector, target });
  }
}

interface MetricSpecInput {
  readonly resource?: string;
  readonly utilization?: number;
  readonly name?: string;
  readonly value?: string;
  readonly averageValue?: string;
  readonly selector?: { [key: string]: string };
}

/** The metric name rule of the API server (a path segment: not "." or "..", no "/" or "%"). */
function metricName(field: string, name: string | undefined, problems: Problems): void {
  if (typeof name !== 'string' || name === '') {
    problems.add(field, 'is required: the metric\'s name, as the metrics API serves it');
  } else if (name === '.' || name === '..' || /[/%]/.test(name)) {
    problems.badValue(field, name, 'must be a metric name usable in a URL path: not "." or "..", without "/" or "%"');
  }
}

/**
 * A positive quantity as the number cdk8s-plus's MetricTarget takes. Decimal suffixes
 * go through the exponent and binary ones through exact powers of two, so the number
 * is the quantity's value (the API server writes it back in canonical form, "0.5" as
 * "500m", 536870912 as "512Mi").
 */
function positiveQuantity(field: string, q: string | undefined, problems: Problems): number | undefined {
  if (typeof q !== 'string' || !isQuantity(q)) {
    problems.badValue(field, q, `must be ${QUANTITY_TEXT}`);
    return undefined;
  }
  const n = quantityValue(q);
  if (!(n > 0)) {
    problems.badValue(field, q, 'must be greater than zero (the API server refuses a target of zero or less)');
    return undefined;
  }
  return n;
}

const DECIMAL: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function quantityValue(q: string): number {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/.exec(q);
  if (!m) return NaN;
  const [, num, suffix = ''] = m;
  if (/^[eE]/.test(suffix)) return Number(`${num}${suffix}`);
  if (suffix in BINARY) return Number(num) * 2 ** BINARY[suffix];
  return Number(`${num}e${DECIMAL[suffix]}`);
}
