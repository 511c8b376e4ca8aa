import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AutoscalingOptions, ScaledContainer, ScaledWorkload, buildAutoscaler, checkScaledRequests } from './autoscaling';
import { EventScalingOptions, KedaSource, buildScaledObject, eventScalingSource } from './event-scaling';
import { Problems } from '../common/validation';

/**
 * The scaling props every workload shares: metric scaling with a HorizontalPodAutoscaler,
 * or event-driven scaling with a KEDA ScaledObject (not both: KEDA makes its own HPA).
 */
export interface ScalingProps {
  /**
   * Metric scaling: a HorizontalPodAutoscaler (autoscaling/v2) on CPU/memory utilization
   * or average value, per-pod or external metrics. `replicas` must not be set beside it.
   * @default - none
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Event-driven scaling with KEDA: a ScaledObject with queue, lag, cron or any KEDA
   * triggers, down to zero pods with `minReplicas: 0`. `replicas` and `autoscaling` must
   * not be set beside it.
   * @default - none
   */
  readonly eventScaling?: EventScalingOptions;
}

/** How many pods the Deployment asks for, and the fewest it runs. @internal */
export interface ScalingPlan {
  /** The Deployment's `replicas`, or undefined when an autoscaler owns the count. */
  readonly replicas?: number;
  /** The fewest pods in normal operation (WorkloadDeploymentOptions.replicaFloor). */
  readonly replicaFloor: number;
}

/**
 * Decides the Deployment's replicas before it is made (cdk8s-plus's HPA refuses a target
 * with a fixed count): none when an autoscaler is on, and then `replicas` is an error.
 * `other` are the workload's own scalers (WebApp's `scheduledScaling`): their prop name,
 * whether they are on, and the least replica counts they may set.
 *
 * @internal
 */
export function planScaling(
  props: ScalingProps & { readonly replicas?: number }, problems: Problems, other?: { field: string; on: boolean; floors: number[] },
): ScalingPlan {
  const floors: number[] = [];
  if (props.autoscaling) floors.push(props.autoscaling.minReplicas ?? 1);
  if (props.eventScaling) floors.push(props.eventScaling.minReplicas ?? 1);
  const scaled = floors.length > 0 || other?.on === true;
  floors.push(...(other?.floors ?? []));
  if (scaled && props.replicas !== undefined) {
    const names = ['autoscaling', 'eventScaling', ...(other ? [other.field] : [])].map(n => `\`${n}\``);
    const list = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    problems.badValue('replicas', props.replicas, `must not be set when ${list} is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply`,
      'Remove `replicas` (set minReplicas on the autoscaler for the floor)');
  }
  const valid = floors.filter(f => Number.isInteger(f) && f >= 0);
  return scaled
    ? { replicas: undefined, replicaFloor: valid.length > 0 ? Math.min(...valid) : 1 }
    : { replicas: props.replicas ?? 1, replicaFloor: props.replicas ?? 1 };
}

/** The scalers a workload made. @internal */
export interface Scalers {
  readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  readonly scaledObject?: ApiObject;
}

/**
 * Builds the workload's HorizontalPodAutoscaler and/or KEDA ScaledObject (one, holding
 * the triggers of `eventScaling` and of `kedaSources`), checks that they do not run side
 * by side, and that every container has a request for each resource scaled on as
 * utilization.
 *
 * @internal
 */
export function applyScaling(
  w: ScaledWorkload, props: ScalingProps, plan: ScalingPlan, problems: Problems,
  pod: { containers: ScaledContainer[]; initContainers?: ScaledContainer[] }, kedaSources: KedaSource[] = [],
): Scalers {
  const utilization: string[] = [];
  const sources = [...(props.eventScaling ? [eventScalingSource(props.eventScaling)] : []), ...kedaSources];
  let autoscaler: kplus.HorizontalPodAutoscaler | undefined;
  if (props.autoscaling) {
    for (const s of sources) {
      problems.add(s.field, `a KEDA ScaledObject creates its own HorizontalPodAutoscaler for the Deployment, so it cannot run beside the one from \`autoscaling\` (the two would fight over the replica count); remove \`autoscaling\` and give its CPU/memory targets to ${s.besideHpa}`);
    }
    const built = buildAutoscaler(w, props.autoscaling, problems);
    autoscaler = built.autoscaler;
    utilization.push(...built.utilization);
  }
  let scaledObject: ApiObject | undefined;
  if (sources.length > 0) {
    const extra = { pollingInterval: props.eventScaling?.pollingInterval, fallback: props.eventScaling?.fallback };
    const built = buildScaledObject(w, sources, extra, problems);
    scaledObject = built.scaledObject;
    utilization.push(...built.utilization);
  }
  checkScaledRequests(utilization, pod.containers, pod.initContainers ?? [], problems);
  // cdk8s-plus writes `replicas: 2` for a Deployment without a count unless it knows of an autoscaler.
  if (plan.replicas === undefined) w.deployment.markHasAutoscaler();
  return { autoscaler, scaledObject };
}
