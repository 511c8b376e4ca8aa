import { checkKedaSchedule, isTimeZone } from './cron';
import { ENV_NAME, ENV_NAME_TEXT } from '../common/formats';
import { Problems } from '../common/validation';
import { looksLikeCredential } from '../config/hygiene';
import { ScaledObjectSpecTriggers, ScaledObjectSpecTriggersAuthenticationRefKind as AuthenticationRefKind } from '../imports/keda';

/** How KEDA turns a trigger's value into the HorizontalPodAutoscaler's target (`metricType`). */
export enum KedaMetricType {
  /** The metric divided by the number of pods (KEDA's default for every scaler but cpu/memory). */
  AVERAGE_VALUE = 'AverageValue',
  /** The metric's total. */
  VALUE = 'Value',
  /** A percentage of the pods' requests: cpu and memory triggers only. */
  UTILIZATION = 'Utilization',
}

/** The kind of object a trigger's `authenticationRef` names. */
export enum TriggerAuthenticationKind {
  /** A TriggerAuthentication in the workload's namespace. */
  TRIGGER_AUTHENTICATION = 'TriggerAuthentication',
  /** A ClusterTriggerAuthentication, shared by every namespace. */
  CLUSTER_TRIGGER_AUTHENTICATION = 'ClusterTriggerAuthentication',
}

/**
 * A KEDA TriggerAuthentication (or ClusterTriggerAuthentication) made elsewhere, by
 * name: it gives the scaler its credentials (from a Secret, a pod identity or a vault),
 * so that no password is ever written into the ScaledObject.
 */
export interface TriggerAuthenticationRef {
  /** The TriggerAuthentication's name. */
  readonly name: string;
  /**
   * Which kind of object `name` is.
   * @default TriggerAuthenticationKind.TRIGGER_AUTHENTICATION
   */
  readonly kind?: TriggerAuthenticationKind;
}

/** A KEDA trigger written as KEDA's own fields (`spec.triggers[]` of a ScaledObject). */
export interface ScalingTriggerOptions {
  /** The scaler's type, e.g. "prometheus", "aws-sqs-queue", "nats-jetstream". */
  readonly type: string;
  /**
   * The scaler's parameters, as KEDA's documentation for that scaler lists them. A key
   * that names a credential (password, token, secret, key ...) must not be here: give
   * it through `authenticationRef`, or as `<key>FromEnv` naming a variable of the
   * container where the scaler supports it.
   */
  readonly metadata: { [key: string]: string };
  /**
   * The TriggerAuthentication that gives the scaler its credentials.
   * @default - none
   */
  readonly authenticationRef?: TriggerAuthenticationRef;
  /**
   * How the value becomes the HPA's target.
   * @default - not written: KEDA's default, AverageValue (cpu and memory need it set)
   */
  readonly metricType?: KedaMetricType;
  /**
   * The trigger's name, unique in the ScaledObject (for `scalingModifiers` formulas and
   * in KEDA's status).
   * @default - none
   */
  readonly name?: string;
  /**
   * Answer the HPA from the value KEDA fetched at its last poll rather than asking the
   * scaler again (not for cpu, memory and cron).
   * @default false
   */
  readonly useCachedMetrics?: boolean;
}

/** The protocol KEDA's RabbitMQ scaler reads the queue with. */
export enum RabbitMqProtocol {
  /** From the host URL's scheme. */
  AUTO = 'auto',
  /** AMQP 0-9-1. */
  AMQP = 'amqp',
  /** The management plugin's HTTP API. */
  HTTP = 'http',
}

/** KEDA's RabbitMQ scaler in QueueLength mode (`type: rabbitmq`). */
export interface RabbitMqQueueTriggerOptions {
  /** The queue to watch. */
  readonly queueName: string;
  /** Messages waiting per replica: KEDA runs ceil(messages / queueLength) pods. */
  readonly queueLength: number;
  /**
   * Messages below which the workload stays at zero (only with `minReplicas: 0`).
   * @default - not written: KEDA's default, 0
   */
  readonly activationQueueLength?: number;
  /**
   * The name of an environment variable of the workload's container that holds the
   * broker URL (`amqp://user:password@host:5672/vhost`). Either this or
   * `authenticationRef` gives the URL; it is never written into the ScaledObject.
   * @default - the URL comes from `authenticationRef` (its `host` parameter)
   */
  readonly hostFromEnv?: string;
  /**
   * A TriggerAuthentication with the `host` parameter (and `username`/`password`, or TLS).
   * @default - none: `hostFromEnv` is required
   */
  readonly authenticationRef?: TriggerAuthenticationRef;
  /**
   * The protocol.
   * @default - not written: KEDA's default, AUTO (from the URL's scheme)
   */
  readonly protocol?: RabbitMqProtocol;
  /**
   * The virtual host, overriding the URL's.
   * @default - the URL's
   */
  readonly vhostName?: string;
  /**
   * The trigger's name.
   * @default - none
   */
  readonly name?: string;
}

/** What KEDA's Kafka scaler does for a partition without a committed offset. */
export enum KafkaOffsetResetPolicy {
  /** Count lag from the newest message. */
  LATEST = 'latest',
  /** Count lag from the oldest message. */
  EARLIEST = 'earliest',
}

/** KEDA's Kafka scaler: consumer-group lag (`type: kafka`). */
export interface KafkaConsumerLagTriggerOptions {
  /** The brokers, each "host:port". */
  readonly bootstrapServers: string[];
  /** The consumer group whose lag is measured. */
  readonly consumerGroup: string;
  /**
   * The topic.
   * @default - every topic the consumer group has committed offsets for
   */
  readonly topic?: string;
  /** Lag (messages) per replica: KEDA runs ceil(total lag / lagThreshold) pods, at most one per partition. */
  readonly lagThreshold: number;
  /**
   * Lag below which the workload stays at zero (only with `minReplicas: 0`).
   * @default - not written: KEDA's default, 0
   */
  readonly activationLagThreshold?: number;
  /**
   * Where the lag counts from for a partition without a committed offset.
   * @default - not written: KEDA's default, LATEST
   */
  readonly offsetResetPolicy?: KafkaOffsetResetPolicy;
  /**
   * A TriggerAuthentication with the SASL/TLS settings (`sasl`, `username`, `password`,
   * `tls`, `ca` ...).
   * @default - none: a broker without authentication
   */
  readonly authenticationRef?: TriggerAuthenticationRef;
  /**
   * The trigger's name.
   * @default - none
   */
  readonly name?: string;
}

/** KEDA's Redis scaler: the length of a list (`type: redis`). */
export interface RedisListLengthTriggerOptions {
  /** The list to watch. */
  readonly listName: string;
  /** Items per replica: KEDA runs ceil(length / listLength) pods. */
  readonly listLength: number;
  /**
   * Items below which the workload stays at zero (only with `minReplicas: 0`).
   * @default - not written: KEDA's default, 0
   */
  readonly activationListLength?: number;
  /**
   * The server as "host:port". One of `address`, `addressFromEnv` and `authenticationRef`
   * gives it.
   * @default - from `addressFromEnv` or `authenticationRef`
   */
  readonly address?: string;
  /**
   * The name of an environment variable of the workload's container holding "host:port".
   * @default - from `address` or `authenticationRef`
   */
  readonly addressFromEnv?: string;
  /**
   * The name of an environment variable of the workload's container holding the password.
   * @default - from `authenticationRef`, or no password
   */
  readonly passwordFromEnv?: string;
  /**
   * A TriggerAuthentication with `password` (and `address`, `username`, TLS).
   * @default - none
   */
  readonly authenticationRef?: TriggerAuthenticationRef;
  /**
   * The database number.
   * @default - not written: KEDA's default, 0
   */
  readonly databaseIndex?: number;
  /**
   * Connect with TLS.
   * @default - not written: KEDA's default, false
   */
  readonly enableTls?: boolean;
  /**
   * The trigger's name.
   * @default - none
   */
  readonly name?: string;
}

/** A window of KEDA's cron scaler: between `start` and `end`, at least `desiredReplicas` pods. */
export interface CronTriggerOptions {
  /** The IANA time zone of the window, e.g. "Europe/Berlin". */
  readonly timezone: string;
  /** When the window opens: five cron fields, no seconds (e.g. "0 8 * * 1-5"). */
  readonly start: string;
  /** When the window closes: five cron fields, not the same as `start`. */
  readonly end: string;
  /** The fewest pods inside the window; an integer >= 1 and <= maxReplicas. */
  readonly desiredReplicas: number;
  /**
   * The trigger's name.
   * @default - none
   */
  readonly name?: string;
}

/** What a trigger's check knows of the ScaledObject it is in. @internal */
export interface TriggerContext {
  readonly maxReplicas: number;
}

/** A trigger checked and rendered. @internal */
export interface RenderedTrigger {
  readonly trigger: ScaledObjectSpecTriggers;
  /** The resource it measures as utilization of the requests (cpu/memory), if any. */
  readonly resource?: string;
}

type Check = (field: string, problems: Problems, ctx: TriggerContext) => void;

/**
 * A KEDA trigger of a ScaledObject: the generic form (any of KEDA's scalers, with its
 * own `type` and `metadata`) or a typed helper for the common queue scalers, cron windows
 * and cpu/memory utilization. Credentials go through a TriggerAuthentication
 * (`authenticationRef`) or `...FromEnv` variables, never into the ScaledObject.
 */
export class ScalingTrigger {
  /** Any KEDA scaler, written as KEDA's fields. */
  public static custom(options: ScalingTriggerOptions): ScalingTrigger {
    return new ScalingTrigger({
      type: options.type,
      metadata: options.metadata,
      authenticationRef: options.authenticationRef,
      metricType: options.metricType,
      name: options.name,
      useCachedMetrics: options.useCachedMetrics,
    }, ['type', 'metadata', 'authenticationRef', 'metricType', 'name', 'useCachedMetrics']);
  }

  /** RabbitMQ queue length: one replica per `queueLength` waiting messages. */
  public static rabbitMqQueueLength(options: RabbitMqQueueTriggerOptions): ScalingTrigger {
    const o = options;
    return new ScalingTrigger({
      type: 'rabbitmq',
      metadata: {
        queueName: o.queueName,
        mode: 'QueueLength',
        value: num(o.queueLength),
        activationValue: num(o.activationQueueLength),
        protocol: o.protocol,
        vhostName: o.vhostName,
        hostFromEnv: o.hostFromEnv,
      },
      authenticationRef: o.authenticationRef,
      name: o.name,
    }, ['queueName', 'queueLength', 'activationQueueLength', 'protocol', 'vhostName', 'hostFromEnv', 'authenticationRef', 'name'], (field, problems) => {
      required(problems, `${field}.queueName`, o.queueName, 'the queue to watch');
      positive(problems, `${field}.queueLength`, o.queueLength, false);
      positive(problems, `${field}.activationQueueLength`, o.activationQueueLength, true);
      problems.oneOf(`${field}.protocol`, o.protocol, Object.values(RabbitMqProtocol));
      envName(problems, `${field}.hostFromEnv`, o.hostFromEnv);
      if (o.hostFromEnv === undefined && o.authenticationRef === undefined) {
        problems.add(field, 'needs the broker URL: set `hostFromEnv` (a variable of the container holding amqp://user:password@host:5672/vhost) or `authenticationRef` (a TriggerAuthentication whose `host` parameter holds it); the URL carries the password, so it is never written into the ScaledObject');
      }
    });
  }

  /** Kafka consumer-group lag: one replica per `lagThreshold` messages of lag. */
  public static kafkaConsumerLag(options: KafkaConsumerLagTriggerOptions): ScalingTrigger {
    const o = options;
    return new ScalingTrigger({
      type: 'kafka',
      metadata: {
        bootstrapServers: Array.isArray(o.bootstrapServers) ? o.bootstrapServers.join(',') : (o.bootstrapServers as any),
        consumerGroup: o.consumerGroup,
        topic: o.topic,
        lagThreshold: num(o.lagThreshold),
        activationLagThreshold: num(o.activationLagThreshold),
        offsetResetPolicy: o.offsetResetPolicy,
      },
      authenticationRef: o.authenticationRef,
      name: o.name,
    }, ['bootstrapServers', 'consumerGroup', 'topic', 'lagThreshold', 'activationLagThreshold', 'offsetResetPolicy', 'authenticationRef', 'name'], (field, problems) => {
      const servers = o.bootstrapServers;
      if (!Array.isArray(servers) || servers.length === 0) {
        problems.badValue(`${field}.bootstrapServers`, servers, 'must be a list of at least one broker, each "host:port"');
      } else {
        servers.forEach((s, i) => {
          const port = typeof s === 'string' ? /^[^\s,/@]+:(\d{1,5})$/.exec(s) : null;
          if (!port || Number(port[1]) < 1 || Number(port[1]) > 65535) {
            problems.badValue(`${field}.bootstrapServers[${i}]`, s, 'must be "host:port" with a port from 1 to 65535 (no scheme, no credentials, no comma)');
          }
        });
      }
      required(problems, `${field}.consumerGroup`, o.consumerGroup, 'the consumer group whose lag is measured');
      problems.requiredInteger(`${field}.lagThreshold`, o.lagThreshold, 1, undefined, 'the lag (messages) per replica');
      problems.integer(`${field}.activationLagThreshold`, o.activationLagThreshold, 0);
      problems.oneOf(`${field}.offsetResetPolicy`, o.offsetResetPolicy, Object.values(KafkaOffsetResetPolicy));
    });
  }

  /** Redis list length: one replica per `listLength` items. */
  public static redisListLength(options: RedisListLengthTriggerOptions): ScalingTrigger {
    const o = options;
    return new ScalingTrigger({
      type: 'redis',
      metadata: {
        listName: o.listName,
        listLength: num(o.listLength),
        activationListLength: num(o.activationListLength),
        address: o.address,
        addressFromEnv: o.addressFromEnv,
        passwordFromEnv: o.passwordFromEnv,
        databaseIndex: num(o.databaseIndex),
        enableTLS: o.enableTls === undefined ? undefined : String(o.enableTls),
      },
      authenticationRef: o.authenticationRef,
      name: o.name,
    }, ['listName', 'listLength', 'activationListLength', 'address', 'addressFromEnv', 'passwordFromEnv', 'databaseIndex', 'enableTls', 'authenticationRef', 'name'], (field, problems) => {
      required(problems, `${field}.listName`, o.listName, 'the list to watch');
      problems.requiredInteger(`${field}.listLength`, o.listLength, 1, undefined, 'the items per replica');
      problems.integer(`${field}.activationListLength`, o.activationListLength, 0);
      problems.integer(`${field}.databaseIndex`, o.databaseIndex, 0);
      envName(problems, `${field}.addressFromEnv`, o.addressFromEnv);
      envName(problems, `${field}.passwordFromEnv`, o.passwordFromEnv);
      if (o.address !== undefined && o.addressFromEnv !== undefined) {
        problems.add(`${field}.addressFromEnv`, 'is set beside `address`; give the server one way');
      }
      if (o.address !== undefined && (typeof o.address !== 'string' || !/^[^\s/@]+:\d{1,5}$/.test(o.address))) {
        problems.badValue(`${field}.address`, o.address, 'must be "host:port" (no scheme, no credentials: a password goes in `passwordFromEnv` or the TriggerAuthentication)');
      }
      if (o.address === undefined && o.addressFromEnv === undefined && o.authenticationRef === undefined) {
        problems.add(field, 'needs the server: set `address` ("host:port"), `addressFromEnv` or `authenticationRef` (a TriggerAuthentication with `address`)');
      }
    });
  }

  /** A cron window: at least `desiredReplicas` pods between `start` and `end`. */
  public static cron(options: CronTriggerOptions): ScalingTrigger {
    const o = options;
    return new ScalingTrigger({
      type: 'cron',
      metadata: { timezone: o.timezone, start: o.start, end: o.end, desiredReplicas: num(o.desiredReplicas) },
      name: o.name,
    }, ['timezone', 'start', 'end', 'desiredReplicas', 'name'], (field, problems, ctx) => {
      checkTimeZone(`${field}.timezone`, o.timezone, problems);
      checkCronWindow(field, o, ctx, problems);
    });
  }

  /** Average CPU use as a percentage of the requests (every container needs a CPU request). */
  public static cpuUtilization(percent: number): ScalingTrigger {
    return utilizationTrigger('cpu', percent);
  }

  /** Average memory use as a percentage of the requests (every container needs a memory request). */
  public static memoryUtilization(percent: number): ScalingTrigger {
    return utilizationTrigger('memory', percent);
  }

  /** The scaler's type. */
  public readonly type: string;
  private readonly spec: TriggerSpec;
  private readonly fields: string[];
  private readonly check?: Check;

  private constructor(spec: TriggerSpec, fields: string[], check?: Check) {
    this.type = spec.type;
    this.spec = spec;
    this.fields = fields;
    this.check = check;
  }

  /** Checks the trigger and renders it for the ScaledObject. @internal */
  public _render(field: string, problems: Problems, ctx: TriggerContext): RenderedTrigger {
    const s = this.spec;
    this.check?.(field, problems, ctx);
    const typed = this.check !== undefined;
    if (!typed) checkCustom(field, s, problems);
    checkAuthenticationRef(`${field}.authenticationRef`, s.authenticationRef, problems);
    checkMetadataHygiene(field, s.metadata, typed ? this.fields : undefined, problems);
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.metadata ?? {})) if (v !== undefined && v !== null) metadata[k] = v;
    const ref = s.authenticationRef;
    const resource = (s.type === 'cpu' || s.type === 'memory') && s.metricType === KedaMetricType.UTILIZATION ? s.type : undefined;
    return {
      resource,
      trigger: {
        type: s.type,
        name: s.name,
        metricType: s.metricType,
        useCachedMetrics: s.useCachedMetrics,
        metadata,
        authenticationRef: ref ? { name: ref.name, kind: ref.kind as string as AuthenticationRefKind | undefined } : undefined,
      },
    };
  }
}

interface TriggerSpec {
  readonly type: string;
  readonly metadata: { [key: string]: string | undefined };
  readonly authenticationRef?: TriggerAuthenticationRef;
  readonly metricType?: KedaMetricType;
  readonly name?: string;
  readonly useCachedMetrics?: boolean;
}

function utilizationTrigger(resource: 'cpu' | 'memory', percent: number): ScalingTrigger {
  return ScalingTrigger.custom({ type: resource, metricType: KedaMetricType.UTILIZATION, metadata: { value: num(percent)! } });
}

/**
 * A cron window, as `ScalingTrigger.cron` and WebApp's `ScheduledScaling.keda` windows
 * write it. @internal
 */
export function checkCronWindow(
  field: string, w: { start: string; end: string; desiredReplicas: number }, ctx: TriggerContext, problems: Problems,
): void {
  const badStart = checkKedaSchedule(w.start);
  if (badStart) problems.badValue(`${field}.start`, w.start, badStart);
  const badEnd = checkKedaSchedule(w.end);
  if (badEnd) problems.badValue(`${field}.end`, w.end, badEnd);
  if (!badStart && !badEnd && w.start.trim() === w.end.trim()) {
    problems.badValue(`${field}.end`, w.end, 'is the same as start; KEDA rejects a window that opens and closes at once');
  }
  if (problems.integer(`${field}.desiredReplicas`, w.desiredReplicas, 1) && Number.isInteger(ctx.maxReplicas) && w.desiredReplicas > ctx.maxReplicas) {
    problems.badValue(`${field}.desiredReplicas`, w.desiredReplicas, `must not exceed maxReplicas (${ctx.maxReplicas}); KEDA would cap it silently`);
  }
}

/** The time zone of KEDA's cron scaler (Go's time.LoadLocation). @internal */
export function checkTimeZone(field: string, timezone: string, problems: Problems): void {
  if (!isTimeZone(timezone)) {
    problems.badValue(field, timezone, 'must be an IANA time zone name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"');
  }
}

/** The rules KEDA applies to a trigger given as its own fields. */
function checkCustom(field: string, s: TriggerSpec, problems: Problems): void {
  if (typeof s.type !== 'string' || s.type.trim() === '') {
    problems.badValue(`${field}.type`, s.type, 'must be the name of a KEDA scaler, such as "prometheus" or "aws-sqs-queue"');
  }
  if (s.metadata === undefined || s.metadata === null || typeof s.metadata !== 'object' || Array.isArray(s.metadata)) {
    problems.badValue(`${field}.metadata`, s.metadata, 'must be a map of the scaler\'s parameters (strings), as KEDA\'s documentation for the scaler lists them');
  } else {
    for (const [k, v] of Object.entries(s.metadata)) {
      if (typeof v !== 'string') problems.badValue(`${field}.metadata.${k}`, v, 'must be a string (KEDA reads every parameter as a string: write "5", not 5)');
    }
  }
  if (problems.oneOf(`${field}.metricType`, s.metricType, Object.values(KedaMetricType))) {
    const resource = s.type === 'cpu' || s.type === 'memory';
    if (resource && s.metricType !== KedaMetricType.UTILIZATION && s.metricType !== KedaMetricType.AVERAGE_VALUE) {
      problems.badValue(`${field}.metricType`, s.metricType, `must be Utilization or AverageValue for a ${s.type} trigger (KEDA refuses any other, and has no default for it)`);
    } else if (!resource && s.metricType === KedaMetricType.UTILIZATION) {
      problems.badValue(`${field}.metricType`, s.metricType, `must be AverageValue or Value: KEDA supports Utilization for cpu and memory triggers only, not "${s.type}"`);
    }
  }
  if (s.useCachedMetrics && ['cpu', 'memory', 'cron'].includes(s.type)) {
    problems.add(`${field}.useCachedMetrics`, `is not supported for a "${s.type}" trigger (KEDA refuses the ScaledObject)`);
  }
}

function checkAuthenticationRef(field: string, ref: TriggerAuthenticationRef | undefined, problems: Problems): void {
  if (ref === undefined) return;
  if (typeof ref.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(ref.name) || ref.name.length > 253) {
    problems.badValue(`${field}.name`, ref.name, 'must be the name of a TriggerAuthentication: a lower-case RFC 1123 subdomain');
  }
  problems.oneOf(`${field}.kind`, ref.kind, Object.values(TriggerAuthenticationKind));
}

/**
 * The credential-hygiene rule for trigger parameters: a key that names a credential
 * (password, token, secret, key ...) must not carry a literal, and no value may be a URL
 * with a password in it. A `...FromEnv` key names a variable, not a value.
 */
function checkMetadataHygiene(
  field: string, metadata: { [key: string]: string | undefined } | undefined, typedFields: string[] | undefined, problems: Problems,
): void {
  if (!metadata || typeof metadata !== 'object') return;
  for (const [k, v] of Object.entries(metadata)) {
    if (v === undefined || v === null || typeof v !== 'string') continue;
    // A typed helper reports under its own prop name; the generic trigger under metadata.<key>.
    const f = typedFields ? `${field}.${typedFields.find(t => t.toLowerCase() === k.toLowerCase()) ?? k}` : `${field}.metadata.${k}`;
    if (namesCredential(k) && v !== '') {
      problems.add(f, `${JSON.stringify(k)} names a credential, so its value must not be written into the ScaledObject (the value is not shown here); give it through a TriggerAuthentication (\`authenticationRef: { name: '<trigger-authentication>' }\`, its parameter "${k}" read from a Secret), or as "${k}FromEnv" naming a variable of the container where the scaler supports it`);
    } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v)) {
      problems.add(f, 'holds a URL with a password in it (the value is not shown here), which would be written into the ScaledObject in plain text; give the URL through a TriggerAuthentication (`authenticationRef`) or a `...FromEnv` variable of the container');
    }
  }
}

/**
 * A parameter whose value is a credential: its name, split at camel case, looks like one
 * (`password`, `apiKey`, `awsSecretAccessKey`), unless it names where the credential is
 * rather than holding it (`passwordFromEnv`, `tokenUrl`, `secretName`).
 */
function namesCredential(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split('_');
  if (['ENV', 'URL', 'URI', 'ENDPOINT', 'NAME', 'PATH', 'FILE', 'TYPE'].includes(words[words.length - 1])) return false;
  return looksLikeCredential(words.join('_'));
}

function required(problems: Problems, field: string, value: string | undefined, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') problems.badValue(field, value, `must be ${what}, not empty`);
}

function positive(problems: Problems, field: string, value: number | undefined, zeroAllowed: boolean): void {
  if (value === undefined && zeroAllowed) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    problems.badValue(field, value, zeroAllowed ? 'must be a number >= 0' : 'must be a number > 0');
  }
}

function envName(problems: Problems, field: string, name: string | undefined): void {
  problems.pattern(field, name, ENV_NAME, `the name of an environment variable of the container (${ENV_NAME_TEXT})`);
}

function num(n: number | undefined): string | undefined {
  return n === undefined || n === null ? undefined : String(n);
}
