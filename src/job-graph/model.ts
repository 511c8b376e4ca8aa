/**
 * ContainerPilot's job model, typed. Field names are ContainerPilot's, so a job reads
 * the same here as in a containerpilot.json5 file.
 */

/** The events of ContainerPilot's jobs (what `when.once` and `when.each` wait for). */
export enum JobEvent {
  /** Published to every job when ContainerPilot has started. */
  STARTUP = 'startup',
  /** Published to every job when ContainerPilot shuts down. */
  SHUTDOWN = 'shutdown',
  /** The source job's health check passed. */
  HEALTHY = 'healthy',
  /** The source job's health check failed. */
  UNHEALTHY = 'unhealthy',
  /** The source job's process exited with code 0. */
  EXIT_SUCCESS = 'exitSuccess',
  /** The source job's process exited with a non-zero code. */
  EXIT_FAILED = 'exitFailed',
  /** The source job was asked to stop and has not stopped yet. */
  STOPPING = 'stopping',
  /** The source job has stopped. */
  STOPPED = 'stopped',
  /** A watch saw the source's Consul service change. */
  CHANGED = 'changed',
  /** The container was put into maintenance mode. */
  ENTER_MAINTENANCE = 'enterMaintenance',
  /** The container left maintenance mode. */
  EXIT_MAINTENANCE = 'exitMaintenance',
}

/**
 * A job's (or a health check's) `exec`: a command line split on spaces, or the
 * program and its arguments as a list. Neither goes through a shell.
 */
export class JobCommand {
  /** A command line, split on spaces as ContainerPilot does ("consul leave"). */
  public static fromString(commandLine: string): JobCommand {
    return new JobCommand(commandLine);
  }

  /** The program and its arguments (["/usr/bin/curl", "--fail", "http://localhost/"]). */
  public static fromArgs(args: string[]): JobCommand {
    return new JobCommand([...args]);
  }

  private constructor(private readonly value: string | string[]) {}

  /** The value as ContainerPilot's file would hold it. @internal */
  public _raw(): unknown {
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

/** How often ContainerPilot restarts a job's process when it exits (`restarts`). */
export class JobRestarts {
  /** Restart every time it exits ("unlimited"; a periodic job's default). */
  public static unlimited(): JobRestarts {
    return new JobRestarts('unlimited');
  }

  /** Never restart ("never", ContainerPilot's default for a job that is not periodic). */
  public static never(): JobRestarts {
    return new JobRestarts('never');
  }

  /** Restart at most `count` times (an integer >= 0). */
  public static times(count: number): JobRestarts {
    return new JobRestarts(count);
  }

  private constructor(private readonly value: string | number) {}

  /** The value as ContainerPilot's file would hold it. @internal */
  public _raw(): unknown {
    return this.value;
  }
}

/** When a job runs (`when`): after an event of another job, or every `interval`. */
export interface JobWhen {
  /**
   * The job whose event starts this one.
   * @default - none (only `startup` needs no source)
   */
  readonly source?: string;
  /**
   * Start the job the first time the event happens.
   * @default - not set
   */
  readonly once?: JobEvent;
  /**
   * Start the job every time the event happens.
   * @default - not set
   */
  readonly each?: JobEvent;
  /**
   * Run the job periodically, this Go duration apart ("60s", "1h"; a bare integer is
   * seconds). Excludes `once` and `each`.
   * @default - not periodic
   */
  readonly interval?: string;
  /**
   * How long to wait for the event before giving up (a Go duration).
   * @default - wait forever
   */
  readonly timeout?: string;
}

/** A job's health check (`health`). */
export interface JobHealth {
  /** The check command; it passes when it exits 0. */
  readonly exec: JobCommand;
  /** Seconds between checks: a whole number >= 1. */
  readonly interval: number;
  /** Seconds a passing check stays valid: a whole number >= 1. */
  readonly ttl: number;
  /**
   * How long a check may run before it is killed (a Go duration).
   * @default - the job's timeout (Kubernetes: the interval)
   */
  readonly timeout?: string;
}

/** Consul-only settings of a job (`consul`). Kubernetes has no equivalent. */
export interface JobConsulOptions {
  /**
   * Let external agents change the service's tags in the catalog.
   * @default false
   */
  readonly enableTagOverride?: boolean;
  /**
   * Deregister the service after its check has been critical this long.
   * @default - never
   */
  readonly deregisterCriticalServiceAfter?: string;
}

/** One ContainerPilot job. */
export interface JobDefinition {
  /**
   * The job's name. ContainerPilot requires `^[a-z][a-zA-Z0-9\-]+$` only of a job with a
   * `port`; Kubernetes objects take the name mapped to a lower-case label (`preStart` ->
   * `pre-start`, docs/job-graph.md).
   */
  readonly name: string;
  /**
   * The process to run.
   * @default - none: a job with a `port` then only advertises a Service (its health check
   * runs in another container of the pod); any other job without exec is an error
   */
  readonly exec?: JobCommand;
  /**
   * When the job runs.
   * @default - at startup
   */
  readonly when?: JobWhen;
  /**
   * How long a run may take before it is killed (a Go duration).
   * @default - no limit (for a periodic job: its interval)
   */
  readonly timeout?: string;
  /**
   * How long the job waits, once asked to stop, for the job its `stopping` event
   * starts: that preStop hook's budget in the grace period (a Go duration; "0s" is no
   * limit). Without a stopping job it has no effect, as in ContainerPilot.
   * @default - no limit: the preStop hook gets Kubernetes' default 30 s
   */
  readonly stopTimeout?: string;
  /**
   * Restarts when the process exits; for a periodic job, the runs after the first.
   * @default - JobRestarts.never(), or JobRestarts.unlimited() for a periodic job (ContainerPilot's defaults)
   */
  readonly restarts?: JobRestarts;
  /**
   * The health check.
   * @default - none
   */
  readonly health?: JobHealth;
  /**
   * The port the job's service listens on (advertised; requires `health`).
   * @default - not advertised
   */
  readonly port?: number;
  /**
   * Tags of the advertised service.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Interface specs for the advertised IP. Kubernetes has no equivalent.
   * @default - none
   */
  readonly interfaces?: string[];
  /**
   * Consul-only settings. Kubernetes has no equivalent.
   * @default - none
   */
  readonly consul?: JobConsulOptions;
}

/** Folder shared by the containers of the pod (an emptyDir). */
export interface SharedDirectory {
  /** The volume's name: a lower-case RFC 1123 label. */
  readonly name: string;
  /** Where every container of the pod mounts it. */
  readonly mountPath: string;
}
