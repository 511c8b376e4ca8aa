import { ApiObject } from 'cdk8s';
import { ScaledWorkload } from './autoscaling';
import { checkCronHpaSchedule } from './cron';
import { KedaSource } from './event-scaling';
import { KedaMetricType, RenderedTrigger, checkCronWindow, checkTimeZone } from './triggers';
import { DNS_LABEL, DNS_LABEL_TEXT } from '../common/formats';
import { Problems } from '../common/validation';
import { CronHorizontalPodAutoscaler } from '../imports/cronhpa';
import { listEntries } from '../pod/checks';

/** One job of ACK's CronHorizontalPodAutoscaler: at `schedule`, set the size to `targetSize`. */
export interface CronHpaJob {
  /** The job's name, unique within the object (the controller reports status per name). */
  readonly name: string;
  /**
   * When the job fires: SIX cron fields with a leading seconds field
   * (`second minute hour day-of-month month day-of-week`, e.g. "0 0 8 * * 1-5"), or a
   * descriptor (`@daily`, `@every 30m`, `@date 2025-11-11 08:00:00` ...). The controller
   * runs in its own time zone (Asia/Shanghai in ACK's default install).
   */
  readonly schedule: string;
  /**
   * The replica count to set: the Deployment's replicas, or, when metric scaling is on,
   * the HorizontalPodAutoscaler's minimum (the controller raises its maximum if needed).
   */
  readonly targetSize: number;
  /**
   * Run once, then never again.
   * @default false
   */
  readonly runOnce?: boolean;
}

/** Options of ACK's CronHorizontalPodAutoscaler (autoscaling.alibabacloud.com/v1beta1). */
export interface CronHpaOptions {
  /** The jobs, at least one. */
  readonly jobs: CronHpaJob[];
  /**
   * Days on which no job runs, each a 6-field cron expression (e.g. "* * * 1 10 *" for
   * 1 October).
   * @default - none
   */
  readonly excludeDates?: string[];
  /**
   * The object's name.
   * @default - the app's name
   */
  readonly name?: string;
}

/** One window of KEDA's cron scaler: between `start` and `end`, at least `desiredReplicas` pods. */
export interface KedaCronWindow {
  /** When the window opens: FIVE cron fields, no seconds (e.g. "0 8 * * 1-5"). */
  readonly start: string;
  /** When the window closes: five cron fields, not the same as `start`. */
  readonly end: string;
  /** The fewest pods inside the window; an integer >= 1 and <= maxReplicas. */
  readonly desiredReplicas: number;
}

/** Options of a KEDA ScaledObject (keda.sh/v1alpha1) with cron triggers. */
export interface KedaCronOptions {
  /** The IANA time zone the windows are in, e.g. "Asia/Shanghai". */
  readonly timezone: string;
  /** The windows, at least one; each becomes a cron trigger. */
  readonly windows: KedaCronWindow[];
  /**
   * The fewest pods outside every window (0 lets KEDA scale the app to zero).
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most pods. */
  readonly maxReplicas: number;
  /**
   * Also scale on average CPU utilization (% of requests), as a KEDA `cpu` trigger.
   * KEDA creates the HorizontalPodAutoscaler itself, so metric scaling goes here (or in
   * `eventScaling`'s triggers), not in the WebApp's `autoscaling`.
   * @default - no CPU trigger
   */
  readonly cpuUtilization?: number;
  /**
   * Also scale on average memory utilization (% of requests), as a KEDA `memory` trigger.
   * @default - no memory trigger
   */
  readonly memoryUtilization?: number;
  /**
   * Seconds KEDA waits after the last active trigger before scaling back to minReplicas.
   * @default - not written: KEDA's default, 300
   */
  readonly cooldownPeriod?: number;
  /**
   * The object's name.
   * @default - the app's name
   */
  readonly name?: string;
}

/** Which controller performs the scheduled scaling. */
export enum ScheduledScalingEngine {
  /** ACK's kubernetes-cronhpa-controller: CronHorizontalPodAutoscaler. */
  CRON_HPA = 'CronHorizontalPodAutoscaler',
  /** KEDA's cron scaler: ScaledObject. */
  KEDA = 'ScaledObject',
}

/**
 * Scheduled scaling: ACK's CronHorizontalPodAutoscaler, or KEDA's cron scaler as the
 * portable alternative.
 */
export class ScheduledScaling {
  /**
   * ACK's CronHorizontalPodAutoscaler. With metric scaling also on, it targets the
   * HorizontalPodAutoscaler (as the controller documents), otherwise the Deployment.
   */
  public static cronHpa(options: CronHpaOptions): ScheduledScaling {
    return new ScheduledScaling(ScheduledScalingEngine.CRON_HPA, options, undefined);
  }

  /**
   * A KEDA ScaledObject with one cron trigger per window (plus cpu/memory triggers when
   * asked). KEDA creates its own HorizontalPodAutoscaler, so it cannot be combined with
   * the WebApp's `autoscaling`. With `eventScaling` also set, the windows join its
   * triggers in the one ScaledObject (name, minReplicas and maxReplicas must agree).
   */
  public static keda(options: KedaCronOptions): ScheduledScaling {
    return new ScheduledScaling(ScheduledScalingEngine.KEDA, undefined, options);
  }

  /** The controller. */
  public readonly engine: ScheduledScalingEngine;
  /** The CronHPA options, for `cronHpa()`. */
  public readonly cronHpaOptions?: CronHpaOptions;
  /** The KEDA options, for `keda()`. */
  public readonly kedaOptions?: KedaCronOptions;

  private constructor(engine: ScheduledScalingEngine, cron: CronHpaOptions | undefined, keda: KedaCronOptions | undefined) {
    this.engine = engine;
    this.cronHpaOptions = cron;
    this.kedaOptions = keda;
  }
}

/** Scheduled scaling with ACK's CronHorizontalPodAutoscaler. @internal */
export function buildCronHpa(w: ScaledWorkload, o: CronHpaOptions, targetHpa: boolean, problems: Problems): ApiObject {
  const name = o.name ?? w.name;
  problems.pattern('scheduledScaling.name', name, DNS_LABEL, DNS_LABEL_TEXT);
  const jobEntries = listEntries(problems, 'scheduledScaling.jobs', o.jobs, 'a job ({ name, schedule, targetSize })');
  const jobs = jobEntries.map(([j]) => j);
  if (jobs.length === 0) problems.add('scheduledScaling.jobs', 'is empty; give at least one job');
  const names = new Set<string>();
  jobEntries.forEach(([j, i]) => {
    const f = `scheduledScaling.jobs[${i}]`;
    if (typeof j.name !== 'string' || !/^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/.test(j.name)) {
      problems.badValue(`${f}.name`, j.name, 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
    } else if (names.has(j.name)) {
      problems.badValue(`${f}.name`, j.name, 'must be unique among the jobs (the controller reports status per job name)');
    }
    names.add(j.name);
    const bad = checkCronHpaSchedule(j.schedule);
    if (bad) problems.badValue(`${f}.schedule`, j.schedule, bad);
    problems.integer(`${f}.targetSize`, j.targetSize, targetHpa ? 1 : 0, 2147483647);
  });
  (o.excludeDates ?? []).forEach((d, i) => {
    const bad = checkCronHpaSchedule(d);
    if (bad) problems.badValue(`scheduledScaling.excludeDates[${i}]`, d, bad);
  });
  const scaleTargetRef = targetHpa
    ? { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: w.name }
    : { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name };
  return new CronHorizontalPodAutoscaler(w.scope, 'CronHpa', {
    metadata: { name, labels: w.labels },
    spec: {
      scaleTargetRef,
      excludeDates: o.excludeDates && o.excludeDates.length ? [...o.excludeDates] : undefined,
      jobs: jobs.map(j => ({ name: j.name, schedule: j.schedule, targetSize: j.targetSize, runOnce: j.runOnce })),
    },
  });
}

/** The KEDA cron windows of `ScheduledScaling.keda`, as triggers of the workload's ScaledObject. @internal */
export function kedaCronSource(o: KedaCronOptions): KedaSource {
  return {
    field: 'scheduledScaling',
    name: o.name,
    minReplicas: o.minReplicas,
    maxReplicas: o.maxReplicas,
    cooldownPeriod: o.cooldownPeriod,
    besideHpa: '`ScheduledScaling.keda({ cpuUtilization, memoryUtilization, ... })`',
    triggers: problems => {
      checkTimeZone('scheduledScaling.timezone', o.timezone, problems);
      const windows = listEntries(problems, 'scheduledScaling.windows', o.windows, 'a window ({ start, end, desiredReplicas })');
      if (windows.length === 0) problems.add('scheduledScaling.windows', 'is empty; give at least one window');
      const triggers: RenderedTrigger[] = windows.map(([w, i]) => {
        checkCronWindow(`scheduledScaling.windows[${i}]`, w, { maxReplicas: o.maxReplicas }, problems);
        return { trigger: { type: 'cron', metadata: { timezone: o.timezone, start: w.start, end: w.end, desiredReplicas: String(w.desiredReplicas) } } };
      });
      for (const [resource, value] of [['cpu', o.cpuUtilization], ['memory', o.memoryUtilization]] as const) {
        if (value === undefined) continue;
        problems.integer(`scheduledScaling.${resource}Utilization`, value, 1);
        triggers.push({ resource, trigger: { type: resource, metricType: KedaMetricType.UTILIZATION, metadata: { value: String(value) } } });
      }
      return triggers;
    },
  };
}
