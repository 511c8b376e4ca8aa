/** Metric scaling: a HorizontalPodAutoscaler (autoscaling/v2) on CPU and/or memory. */
export interface WebAppAutoscalingOptions {
  /**
   * The fewest pods; an integer >= 1.
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most pods; an integer >= minReplicas. */
  readonly maxReplicas: number;
  /**
   * Scale out when the pods' average CPU use passes this percentage of their CPU
   * requests (ACK's "CPU usage" trigger). Every container needs a CPU request.
   * @default - not scaled on CPU
   */
  readonly cpuUtilization?: number;
  /**
   * Scale out when the pods' average memory use passes this percentage of their memory
   * requests. Every container needs a memory request.
   * @default - not scaled on memory
   */
  readonly memoryUtilization?: number;
}

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
   * KEDA creates the HorizontalPodAutoscaler itself, so metric scaling goes here, not in
   * the WebApp's `autoscaling`.
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
   * the WebApp's `autoscaling`.
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
