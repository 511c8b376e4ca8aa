import { ApiObject } from 'cdk8s';
import { ScaledWorkload, instancesOf } from './autoscaling';
import { RenderedTrigger, ScalingTrigger } from './triggers';
import { DNS_LABEL, DNS_LABEL_TEXT } from '../common/formats';
import { Problems } from '../common/validation';
import { ScaledObject } from '../imports/keda';
import { objectOf } from '../pod/checks';

/**
 * What KEDA does when a trigger's scaler keeps failing (it cannot reach the queue):
 * after `failureThreshold` failed polls in a row it runs `replicas` pods until the
 * scaler answers again.
 */
export interface ScalingFallbackOptions {
  /** Failed polls in a row before the fallback applies; an integer >= 0. */
  readonly failureThreshold: number;
  /** The pods to run meanwhile; an integer from 0 to maxReplicas. */
  readonly replicas: number;
}

/**
 * Event-driven scaling with KEDA: a ScaledObject (keda.sh/v1alpha1) on the workload's
 * Deployment, scaling on queue length, consumer lag, cron windows or any of KEDA's
 * scalers, down to zero pods when allowed. KEDA creates the HorizontalPodAutoscaler
 * itself, so `autoscaling` cannot be set beside it.
 */
export interface EventScalingOptions {
  /** The triggers, at least one; KEDA runs as many pods as the most demanding one asks for. */
  readonly triggers: ScalingTrigger[];
  /** The most pods; an integer >= 1. */
  readonly maxReplicas: number;
  /**
   * The fewest pods; 0 lets KEDA scale the workload to zero while every trigger is idle
   * (not with cpu/memory triggers alone, which cannot wake it).
   * @default 1 (KEDA's own default is 0; the library writes 1 so scale to zero is a choice)
   */
  readonly minReplicas?: number;
  /**
   * Seconds between two polls of the triggers; an integer >= 1.
   * @default - not written: KEDA's default, 30
   */
  readonly pollingInterval?: number;
  /**
   * Seconds KEDA waits after the last active trigger before scaling to zero (only with
   * `minReplicas: 0`; between 1 and maxReplicas the HPA's own stabilization applies).
   * @default - not written: KEDA's default, 300
   */
  readonly cooldownPeriod?: number;
  /**
   * The pods to run when a scaler keeps failing.
   * @default - none: KEDA keeps the current count
   */
  readonly fallback?: ScalingFallbackOptions;
  /**
   * The ScaledObject's name; at most 54 characters, because KEDA names its
   * HorizontalPodAutoscaler "keda-hpa-<name>", a label value of at most 63.
   * @default - the workload's name
   */
  readonly name?: string;
}

/**
 * One group of triggers for the workload's single ScaledObject, with the replica range
 * and name it asks for: `eventScaling`, or WebApp's `ScheduledScaling.keda` windows.
 *
 * @internal
 */
export interface KedaSource {
  /** The prop the group comes from ("eventScaling", "scheduledScaling"). */
  readonly field: string;
  readonly name?: string;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly cooldownPeriod?: number;
  /** Where the targets of an `autoscaling` beside it belong instead (for the message). */
  readonly besideHpa: string;
  /** Checks and renders the group's triggers (the source's maxReplicas caps cron windows). */
  readonly triggers: (problems: Problems) => RenderedTrigger[];
}

/** The source of `eventScaling`. @internal */
export function eventScalingSource(o: EventScalingOptions): KedaSource {
  return {
    field: 'eventScaling',
    name: o.name,
    minReplicas: o.minReplicas,
    maxReplicas: o.maxReplicas,
    cooldownPeriod: o.cooldownPeriod,
    besideHpa: '`eventScaling` as triggers (`ScalingTrigger.cpuUtilization(70)`, `ScalingTrigger.memoryUtilization(80)`)',
    triggers: problems => {
      const triggers = instancesOf(problems, 'eventScaling.triggers', o.triggers, ScalingTrigger,
        'a ScalingTrigger (ScalingTrigger.rabbitMqQueueLength({ ... }), ScalingTrigger.custom({ ... }) ...)');
      if (Array.isArray(o.triggers) && o.triggers.length === 0) problems.add('eventScaling.triggers', 'is empty; give at least one trigger');
      return triggers.map(([t, f]) => t._render(f, problems, { maxReplicas: o.maxReplicas }));
    },
  };
}

/**
 * The workload's ScaledObject: the triggers of every source in one object (KEDA allows
 * one ScaledObject per workload), with the replica range they agree on. Returns the
 * object and the resources its triggers scale on as utilization (which need requests).
 *
 * @internal
 */
export function buildScaledObject(
  w: ScaledWorkload, sources: KedaSource[], extra: { pollingInterval?: number; fallback?: ScalingFallbackOptions },
  problems: Problems,
): { scaledObject: ApiObject; utilization: string[] } {
  const [first] = sources;
  const name = first.name ?? w.name;
  const min = first.minReplicas ?? 1;
  for (const s of sources) {
    const sName = s.name ?? w.name;
    if (problems.pattern(`${s.field}.name`, sName, DNS_LABEL, DNS_LABEL_TEXT) && sName.length > 54) {
      problems.badValue(`${s.field}.name`, sName, `must be at most 54 characters${s.name === undefined ? ' (it is the workload\'s name unless set)' : ''}: KEDA names its HorizontalPodAutoscaler "keda-hpa-<name>", a label value of at most 63`);
    }
    const sMin = s.minReplicas ?? 1;
    let range = problems.integer(`${s.field}.minReplicas`, sMin, 0);
    range = problems.requiredInteger(`${s.field}.maxReplicas`, s.maxReplicas, 1, undefined, 'the most pods KEDA may run') && range;
    if (range && sMin > s.maxReplicas) {
      problems.badValue(`${s.field}.minReplicas`, sMin, `must not exceed maxReplicas (${s.maxReplicas})`);
    }
    problems.integer(`${s.field}.cooldownPeriod`, s.cooldownPeriod, 0);
    if (s === first) continue;
    // One ScaledObject has one name and one replica range: the sources must agree.
    const agree = (prop: string, mine: unknown, theirs: unknown) => {
      if (mine !== theirs) {
        problems.badValue(`${s.field}.${prop}`, mine, `must equal ${first.field}.${prop} (${JSON.stringify(theirs)}): both become triggers of the workload's one ScaledObject, which has one ${prop}`);
      }
    };
    agree('name', sName, name);
    agree('minReplicas', sMin, min);
    agree('maxReplicas', s.maxReplicas, first.maxReplicas);
    if (s.cooldownPeriod !== undefined && first.cooldownPeriod !== undefined) agree('cooldownPeriod', s.cooldownPeriod, first.cooldownPeriod);
  }
  problems.integer('eventScaling.pollingInterval', extra.pollingInterval, 1);

  const rendered = sources.flatMap(s => s.triggers(problems));
  const names = new Set<string>();
  for (const r of rendered) {
    const n = r.trigger.name;
    if (n === undefined) continue;
    if (names.has(n)) problems.badValue('eventScaling.triggers', n, 'is the name of two triggers; trigger names must be unique in the ScaledObject (KEDA refuses it)');
    names.add(n);
  }
  const onlyResources = rendered.length > 0 && rendered.every(r => r.trigger.type === 'cpu' || r.trigger.type === 'memory');
  if (onlyResources && min === 0) {
    problems.add(`${first.field}.minReplicas`, 'is 0, but every trigger is cpu or memory, which cannot wake a workload at zero pods (KEDA refuses it); add a trigger on an event source, or set minReplicas to 1 or more');
  }
  const fallback = objectOf(problems, 'eventScaling.fallback', extra.fallback, 'an object ({ failureThreshold, replicas })');
  if (fallback !== undefined) {
    problems.requiredInteger('eventScaling.fallback.failureThreshold', fallback.failureThreshold, 0, undefined, 'failed polls in a row before the fallback applies');
    if (problems.requiredInteger('eventScaling.fallback.replicas', fallback.replicas, 0, undefined, 'the pods to run while the scaler fails')
      && Number.isInteger(first.maxReplicas) && fallback.replicas > first.maxReplicas) {
      problems.badValue('eventScaling.fallback.replicas', fallback.replicas, `must not exceed maxReplicas (${first.maxReplicas}); the HorizontalPodAutoscaler would cap it silently`);
    }
    if (onlyResources) {
      problems.add('eventScaling.fallback', 'needs a trigger other than cpu and memory: KEDA applies a fallback to the triggers of event sources only, and refuses it otherwise');
    }
  }

  const cooldownPeriod = sources.map(s => s.cooldownPeriod).find(c => c !== undefined);
  const scaledObject = new ScaledObject(w.scope, 'ScaledObject', {
    metadata: { name, labels: w.labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name },
      minReplicaCount: min,
      maxReplicaCount: first.maxReplicas,
      pollingInterval: extra.pollingInterval,
      cooldownPeriod,
      fallback: fallback ? { failureThreshold: fallback.failureThreshold, replicas: fallback.replicas } : undefined,
      triggers: rendered.map(r => r.trigger),
    },
  });
  return { scaledObject, utilization: rendered.flatMap(r => (r.resource ? [r.resource] : [])) };
}
