import { HealthCheckHandlerKind } from './handler';

/** The five probe timings, all required: what a defaults profile supplies. */
export interface HealthCheckTimings {
  /** Seconds after the container starts before the first check. */
  readonly initialDelaySeconds: number;
  /** Seconds between checks. */
  readonly periodSeconds: number;
  /** Seconds after which one check counts as failed. */
  readonly timeoutSeconds: number;
  /** Consecutive successes that count as healthy after a failure. */
  readonly successThreshold: number;
  /** Consecutive failures that count as unhealthy. */
  readonly failureThreshold: number;
}

/** Options for a custom defaults profile. */
export interface HealthCheckDefaultsProps {
  /** The timings every check gets unless it sets its own. */
  readonly timings: HealthCheckTimings;
  /**
   * initialDelaySeconds for HTTP GET checks, when it differs from `timings`.
   * @default - timings.initialDelaySeconds
   */
  readonly httpGetInitialDelaySeconds?: number;
  /**
   * initialDelaySeconds for TCP socket checks, when it differs from `timings`.
   * @default - timings.initialDelaySeconds
   */
  readonly tcpSocketInitialDelaySeconds?: number;
  /**
   * initialDelaySeconds for command checks, when it differs from `timings`.
   * @default - timings.initialDelaySeconds
   */
  readonly commandInitialDelaySeconds?: number;
  /**
   * initialDelaySeconds for gRPC checks, when it differs from `timings`.
   * @default - timings.initialDelaySeconds
   */
  readonly grpcInitialDelaySeconds?: number;
}

/**
 * A defaults profile: the timings a construct writes out for every check field the
 * user leaves unset. Each construct names its profile (Worker: KubeVela's; WebApp:
 * ACK's), so the YAML always carries all five timings.
 */
export class HealthCheckDefaults {
  /**
   * KubeVela's worker/webservice defaults: initialDelaySeconds 0, periodSeconds 10,
   * timeoutSeconds 1, successThreshold 1, failureThreshold 3.
   */
  public static kubeVela(): HealthCheckDefaults {
    return new HealthCheckDefaults({
      timings: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    });
  }

  /**
   * The Alibaba Cloud ACK console's defaults: initialDelaySeconds 3 for HTTP (and gRPC),
   * 15 for TCP, 5 for a command; periodSeconds 10, timeoutSeconds 1, successThreshold 1,
   * failureThreshold 3.
   */
  public static ack(): HealthCheckDefaults {
    return new HealthCheckDefaults({
      timings: { initialDelaySeconds: 3, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
      tcpSocketInitialDelaySeconds: 15,
      commandInitialDelaySeconds: 5,
    });
  }

  /** A profile of your own. */
  public static custom(props: HealthCheckDefaultsProps): HealthCheckDefaults {
    return new HealthCheckDefaults(props);
  }

  private constructor(private readonly props: HealthCheckDefaultsProps) {}

  /** The timings this profile gives a check of the given handler kind. */
  public timingsFor(kind: HealthCheckHandlerKind): HealthCheckTimings {
    // From JavaScript `custom({})` arrives without timings: the missing ones stay
    // undefined and the check that uses them reports it at synth.
    const props: Partial<HealthCheckDefaultsProps> = this.props ?? {};
    const t = props.timings ?? ({} as HealthCheckTimings);
    const delay = {
      [HealthCheckHandlerKind.HTTP_GET]: props.httpGetInitialDelaySeconds,
      [HealthCheckHandlerKind.TCP_SOCKET]: props.tcpSocketInitialDelaySeconds,
      [HealthCheckHandlerKind.COMMAND]: props.commandInitialDelaySeconds,
      [HealthCheckHandlerKind.GRPC]: props.grpcInitialDelaySeconds,
    }[kind];
    return { ...t, initialDelaySeconds: delay ?? t.initialDelaySeconds };
  }
}
