import { isIP } from 'net';
import { DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT } from '../common/formats';
import { prune } from '../common/json';
import { Problems, show } from '../common/validation';
import { ContainerPortSpec } from '../container/image';
import { PortReference } from '../container/port';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheckHandlerKind, HealthCheckRole, HttpScheme } from '../health/handler';
import { HealthCheck, HttpHeader, resolvePort } from '../health/health-check';

/**
 * Which kind of check the Deckhouse agent runs against each selected pod.
 * (The agent runs from outside the pod, so it has no command or gRPC mode.)
 */
export enum ServiceProbeMode {
  /** An HTTP request to the pod. */
  HTTP = 'HTTP',
  /** A TCP connection to the pod. */
  TCP = 'TCP',
  /** A PostgreSQL connection and a query that must answer true. */
  POSTGRESQL = 'PostgreSQL',
}

/** The request method of an HTTP probe. */
export enum ServiceProbeHttpMethod {
  /** GET. */
  GET = 'GET',
  /** HEAD: no response body. */
  HEAD = 'HEAD',
}

/**
 * The per-probe counters and timeout. The service-wide initial delay and period are
 * props of the ServiceWithHealthchecks itself.
 */
export interface ServiceProbeTimings {
  /**
   * Seconds after which one check counts as failed; an integer >= 1.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes after a failure before the pod gets traffic again; an integer >= 1.
   * @default 1
   */
  readonly successThreshold?: number;
  /**
   * Consecutive failures before the pod stops getting traffic; an integer >= 1.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** The HTTP probe fields that a container's HealthCheck does not have. */
export interface ServiceProbeHttpOptions {
  /**
   * The request method.
   * @default ServiceProbeHttpMethod.GET
   */
  readonly method?: ServiceProbeHttpMethod;
  /**
   * A PEM CA certificate to verify the pod's certificate with (HTTPS only).
   * @default - the agent's system trust store
   */
  readonly caCert?: string;
  /**
   * Skip verifying the pod's certificate chain and host name (HTTPS only).
   * @default false (not written)
   */
  readonly insecureSkipTlsVerify?: boolean;
}

/** The `http` block of a probe written in Deckhouse's own shape. */
export interface HttpServiceProbeSpec extends ServiceProbeHttpOptions {
  /** The pod port to send the request to: a number, or a name the selected workload declares. */
  readonly targetPort: PortReference;
  /** The request path; must start with "/". */
  readonly path: string;
  /**
   * The host name to connect to.
   * @default - the pod IP
   */
  readonly host?: string;
  /**
   * HTTP or HTTPS.
   * @default HttpScheme.HTTP
   */
  readonly scheme?: HttpScheme;
  /**
   * Extra request headers (repeats allowed).
   * @default - none
   */
  readonly httpHeaders?: HttpHeader[];
}

/** The `tcp` block of a probe written in Deckhouse's own shape. */
export interface TcpServiceProbeSpec {
  /** The pod port to connect to: a number, or a name the selected workload declares. */
  readonly targetPort: PortReference;
}

/** The `postgreSQL` block of a probe written in Deckhouse's own shape. */
export interface PostgreSqlServiceProbeSpec {
  /** The pod port PostgreSQL listens on: a number, or a name the selected workload declares. */
  readonly targetPort: PortReference;
  /**
   * The database to connect to.
   * @default - not written: the agent uses the user name
   */
  readonly dbName?: string;
  /**
   * The name of a Secret in the same namespace, of type
   * `network.deckhouse.io/postgresql-credentials` (see PostgreSqlCredentialsSecret), that
   * holds the login.
   * @default - not written: the agent connects without credentials
   */
  readonly authSecretName?: string;
  /**
   * The query; the pod gets traffic while it answers a single true value.
   * @default "select 1"
   */
  readonly query?: string;
}

/**
 * A probe in Deckhouse's own shape: a mode and the one handler block it names. Useful
 * when porting existing YAML; the factories `ServiceProbe.fromHealthCheck` and
 * `ServiceProbe.fromPostgreSql` cannot get mode and block out of step.
 */
export interface ServiceProbeSpec extends ServiceProbeTimings {
  /** The kind of check; exactly the block it names must be set. */
  readonly mode: ServiceProbeMode;
  /**
   * The HTTP check (mode HTTP only).
   * @default - none
   */
  readonly http?: HttpServiceProbeSpec;
  /**
   * The TCP check (mode TCP only).
   * @default - none
   */
  readonly tcp?: TcpServiceProbeSpec;
  /**
   * The PostgreSQL check (mode PostgreSQL only).
   * @default - none
   */
  readonly postgreSql?: PostgreSqlServiceProbeSpec;
}

/** Options of a PostgreSQL probe. */
export interface PostgreSqlProbeOptions extends ServiceProbeTimings {
  /**
   * The pod port PostgreSQL listens on.
   * @default - the first port the selected workload declares; an error when there is none
   */
  readonly port?: PortReference;
  /**
   * The database to connect to.
   * @default - not written: the agent uses the user name
   */
  readonly dbName?: string;
  /**
   * The name of the credentials Secret (type `network.deckhouse.io/postgresql-credentials`)
   * in the same namespace: an existing one, or `PostgreSqlCredentialsSecret.secretName`.
   * @default - not written: the agent connects without credentials
   */
  readonly authSecretName?: string;
  /**
   * The query; the pod gets traffic while it answers a single true value (TRUE, t, true,
   * y, yes or 1). `select not pg_is_in_recovery()` is true only on a primary.
   * @default "select 1"
   */
  readonly query?: string;
}

/** What a probe needs to know about where it runs. @internal */
export interface ProbeContext {
  /** The selected workload's ports, when pods are selected through a workload. */
  readonly ports?: ContainerPortSpec[];
  /** The service-wide timings a HealthCheck's own values must agree with. */
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
}

/** The default query of a PostgreSQL probe. */
const DEFAULT_QUERY = 'select 1';
/** The default per-probe timings (Deckhouse's). */
const DEFAULTS = { timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
const MODES = Object.values(ServiceProbeMode) as string[];
const BLOCK_OF: Record<string, 'http' | 'tcp' | 'postgreSql'> = {
  [ServiceProbeMode.HTTP]: 'http',
  [ServiceProbeMode.TCP]: 'tcp',
  [ServiceProbeMode.POSTGRESQL]: 'postgreSql',
};

/**
 * One probe of a ServiceWithHealthchecks: the check the Deckhouse agent runs against
 * every selected pod. A pod gets traffic only while all of its probes pass.
 */
export class ServiceProbe {
  /**
   * An HTTP or TCP check of the shared health model, so one check written once can gate
   * both a container and this Service. `initialDelaySeconds` and `periodSeconds` are
   * service-wide in Deckhouse: if the check sets them, they must equal the
   * ServiceWithHealthchecks' values. Command and gRPC checks are rejected at synth
   * (the agent probes from outside the pod), as is a TCP check with a host.
   *
   * @param check HealthCheck.fromHttpGet(...) or HealthCheck.fromTcpSocket(...)
   * @param options HTTP fields Deckhouse adds (method, caCert, insecureSkipTlsVerify)
   */
  public static fromHealthCheck(check: HealthCheck, options: ServiceProbeHttpOptions = {}): ServiceProbe {
    return new ServiceProbe({ check, httpOptions: options });
  }

  /** A PostgreSQL connection that runs `query`; the pod gets traffic while it answers true. */
  public static fromPostgreSql(options: PostgreSqlProbeOptions = {}): ServiceProbe {
    return new ServiceProbe({ postgreSql: options });
  }

  /** A probe written in Deckhouse's own shape (mode plus one handler block). */
  public static of(spec: ServiceProbeSpec): ServiceProbe {
    return new ServiceProbe({ spec });
  }

  private constructor(private readonly source: {
    check?: HealthCheck;
    httpOptions?: ServiceProbeHttpOptions;
    postgreSql?: PostgreSqlProbeOptions;
    spec?: ServiceProbeSpec;
  }) {}

  /**
   * The probe as the CRD writes it (all timings written out, numeric target ports), and
   * the problems found, with fields relative to the probe.
   *
   * @internal
   */
  public _render(ctx: ProbeContext): { probe: Record<string, unknown>; problems: Problems; targetPort?: number } {
    const problems = new Problems();
    const s = this.source;
    if (s.check) return renderCheck(s.check, s.httpOptions ?? {}, ctx, problems, false);
    if (s.postgreSql) {
      const o = s.postgreSql;
      return renderPostgreSql({ ...o, targetPort: o.port }, o, ctx, problems, false);
    }
    return renderSpec(s.spec ?? ({} as ServiceProbeSpec), ctx, problems);
  }
}

function renderSpec(spec: ServiceProbeSpec, ctx: ProbeContext, problems: Problems) {
  const blocks = (['http', 'tcp', 'postgreSql'] as const).filter(b => spec[b] !== undefined && spec[b] !== null);
  if (spec.mode === undefined) {
    problems.add('mode', `is required; set one of ${MODES.map(m => JSON.stringify(m)).join(', ')} and the matching block`);
    return { probe: {}, problems };
  }
  if (!problems.oneOf('mode', spec.mode, MODES)) return { probe: {}, problems };
  const wanted = BLOCK_OF[spec.mode];
  for (const b of blocks.filter(x => x !== wanted)) {
    problems.add(b, `is set but mode is ${show(spec.mode)}; a probe has exactly one handler block, the one its mode names (\`${wanted}\`): remove \`${b}\` or change the mode`);
  }
  if (!blocks.includes(wanted)) {
    problems.add(wanted, `is required because mode is ${show(spec.mode)}`);
    return { probe: { mode: spec.mode }, problems };
  }
  const timings = { timeoutSeconds: spec.timeoutSeconds, successThreshold: spec.successThreshold, failureThreshold: spec.failureThreshold };
  switch (spec.mode) {
    case ServiceProbeMode.HTTP: {
      const h = spec.http!;
      const check = HealthCheck.fromHttpGet(h.path, {
        port: h.targetPort, host: h.host, scheme: h.scheme, headers: h.httpHeaders, ...timings,
      });
      return renderCheck(check, h, ctx, problems, true);
    }
    case ServiceProbeMode.TCP: {
      const t = spec.tcp!;
      const check = HealthCheck.fromTcpSocket({ port: t.targetPort, ...timings });
      return renderCheck(check, {}, ctx, problems, true);
    }
    default: {
      const p = spec.postgreSql!;
      return renderPostgreSql(p, timings, ctx, problems, true);
    }
  }
}

/** Field names of the shared (container) probe renderer, as this CRD calls them. */
function crdField(field: string): string {
  return field
    .replace(/^httpGet\.port\b/, 'http.targetPort')
    .replace(/^httpGet\.httpHeaders\b/, 'http.httpHeaders')
    .replace(/^httpGet\./, 'http.')
    .replace(/^tcpSocket\.port\b/, 'tcp.targetPort');
}

function renderCheck(check: HealthCheck, extra: ServiceProbeHttpOptions, ctx: ProbeContext, problems: Problems, fromSpec: boolean) {
  if (check.kind !== HealthCheckHandlerKind.HTTP_GET && check.kind !== HealthCheckHandlerKind.TCP_SOCKET) {
    const which = check.kind === HealthCheckHandlerKind.COMMAND ? 'HealthCheck.fromCommand' : 'HealthCheck.fromGrpc';
    problems.badValue('handler', check.kind,
      `Deckhouse probes pods from outside and runs only HTTP, TCP and PostgreSQL checks, so a ${which} check cannot gate a ServiceWithHealthchecks`,
      'Use HealthCheck.fromHttpGet, HealthCheck.fromTcpSocket or ServiceProbe.fromPostgreSql');
    return { probe: {}, problems };
  }
  const isHttp = check.kind === HealthCheckHandlerKind.HTTP_GET;
  const portField = isHttp ? 'http.targetPort' : 'tcp.targetPort';

  // initialDelaySeconds and periodSeconds are service-wide in this CRD.
  for (const key of ['initialDelaySeconds', 'periodSeconds'] as const) {
    const own = check.timings[key];
    if (own !== undefined && own !== ctx[key]) {
      problems.badValue(key, own,
        `Deckhouse has one ${key} for all probes of a ServiceWithHealthchecks, and it is ${ctx[key]}`,
        `Set \`${key}: ${own}\` on the ServiceWithHealthchecks, or leave it unset on the check`);
    }
  }
  if (!isHttp && check.host !== undefined) {
    problems.badValue('tcp.host', check.host, 'Deckhouse\'s TCP probe always connects to the pod IP', 'Remove `host` from the check');
  }
  if (!isHttp) {
    for (const k of ['method', 'caCert', 'insecureSkipTlsVerify'] as const) {
      if (extra[k] !== undefined) problems.badValue(k, extra[k], 'only an HTTP probe has it; this is a TCP check');
    }
  }

  const port = portNumber(portField, check.port, ctx, problems, !fromSpec);
  const rendered = check._render(HealthCheckRole.READINESS, HealthCheckDefaults.custom({
    timings: { initialDelaySeconds: ctx.initialDelaySeconds, periodSeconds: ctx.periodSeconds, ...DEFAULTS },
  }), []);
  for (const m of rendered.problems.entries) {
    const field = crdField(m.field);
    // Ports are checked above, against the workload's ports; initial delay and period too.
    if (field === portField || field === 'initialDelaySeconds' || field === 'periodSeconds') continue;
    problems.add(field, m.message);
  }
  const p = rendered.probe as any;
  const timings = { timeoutSeconds: p.timeoutSeconds, successThreshold: p.successThreshold, failureThreshold: p.failureThreshold };

  if (!isHttp) {
    return { problems, targetPort: port, probe: { mode: ServiceProbeMode.TCP, ...timings, tcp: { targetPort: port } } };
  }

  if (check.host !== undefined && !isHostname(check.host)) {
    problems.badValue('http.host', check.host, 'must be a host name or an IP address (Deckhouse sends no Host header of its own; the request goes to this host)');
  }
  const scheme = check.scheme ?? HttpScheme.HTTP;
  const f = (k: string) => (fromSpec ? `http.${k}` : k);
  problems.oneOf(f('method'), extra.method, Object.values(ServiceProbeHttpMethod));
  if (extra.caCert !== undefined) {
    if (scheme !== HttpScheme.HTTPS) {
      problems.badValue(f('caCert'), shorten(extra.caCert), `only applies to scheme "HTTPS" (scheme is ${show(scheme)})`);
    } else if (!/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(extra.caCert.trim())) {
      problems.badValue(f('caCert'), shorten(extra.caCert), 'must be a PEM certificate ("-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----")');
    }
  }
  if (extra.insecureSkipTlsVerify !== undefined) {
    if (scheme !== HttpScheme.HTTPS) {
      problems.badValue(f('insecureSkipTlsVerify'), extra.insecureSkipTlsVerify, `only applies to scheme "HTTPS" (scheme is ${show(scheme)})`);
    } else if (extra.insecureSkipTlsVerify && extra.caCert !== undefined) {
      problems.badValue(f('insecureSkipTlsVerify'), true, 'contradicts `caCert`: either verify the certificate against caCert or skip verification, not both');
    }
  }
  const g = p.httpGet ?? {};
  return {
    problems,
    targetPort: port,
    probe: prune({
      mode: ServiceProbeMode.HTTP,
      ...timings,
      http: {
        targetPort: port,
        path: g.path,
        host: g.host,
        method: extra.method ?? ServiceProbeHttpMethod.GET,
        scheme,
        httpHeaders: g.httpHeaders,
        caCert: extra.caCert,
        insecureSkipTLSVerify: extra.insecureSkipTlsVerify,
      },
    }),
  };
}

function renderPostgreSql(p: { targetPort?: PortReference; dbName?: string; authSecretName?: string; query?: string },
  t: ServiceProbeTimings, ctx: ProbeContext, problems: Problems, fromSpec: boolean) {
  const f = (k: string) => (fromSpec ? `postgreSQL.${k}` : k);
  const timings = {
    timeoutSeconds: t.timeoutSeconds ?? DEFAULTS.timeoutSeconds,
    successThreshold: t.successThreshold ?? DEFAULTS.successThreshold,
    failureThreshold: t.failureThreshold ?? DEFAULTS.failureThreshold,
  };
  problems.integer('timeoutSeconds', timings.timeoutSeconds, 1);
  problems.integer('successThreshold', timings.successThreshold, 1);
  problems.integer('failureThreshold', timings.failureThreshold, 1);
  const port = portNumber(fromSpec ? 'postgreSQL.targetPort' : 'port', p.targetPort, ctx, problems, !fromSpec);
  const query = p.query ?? DEFAULT_QUERY;
  if (typeof query !== 'string' || query.trim() === '') {
    problems.badValue(f('query'), query, 'must be a query that answers one true value, such as "select 1" or "select not pg_is_in_recovery()"');
  }
  if (p.dbName !== undefined && (p.dbName.trim() === '' || Buffer.byteLength(p.dbName) > 63)) {
    problems.badValue(f('dbName'), p.dbName, 'must be a PostgreSQL database name: 1 to 63 bytes', 'Leave it unset to connect to the database named like the user');
  }
  if (p.authSecretName !== undefined) problems.pattern(f('authSecretName'), p.authSecretName, DNS_SUBDOMAIN, `the name of a Secret: ${DNS_SUBDOMAIN_TEXT}`);
  return {
    problems,
    targetPort: port,
    probe: prune({
      mode: ServiceProbeMode.POSTGRESQL,
      ...timings,
      postgreSQL: { targetPort: port, dbName: p.dbName, authSecretName: p.authSecretName, query },
    }),
  };
}

/**
 * A probe's target port as a number: names are resolved against the selected
 * workload's ports with the shared `resolvePort` (no reference means its first port).
 */
function portNumber(field: string, ref: PortReference | undefined, ctx: ProbeContext, problems: Problems, defaultsToFirst: boolean): number {
  if (ref === undefined && !defaultsToFirst) {
    problems.add(field, 'is required');
    return 0;
  }
  if (ctx.ports === undefined && (ref === undefined || ref.name !== undefined)) {
    if (ref === undefined) {
      problems.add(field, 'is required: the pods are selected by labels, so there is no declared port to default to; pass `PortReference.fromNumber(n)`');
    } else {
      problems.badValue(field, ref.name, 'a port name can only be resolved when the pods are selected with `workload`', 'Refer to the port by number');
    }
    return 0;
  }
  const declared = (ctx.ports ?? []).map(x => ({ name: x.name, containerPort: x.containerPort, protocol: x.protocol }));
  const resolved = resolvePort(field, ref, declared, problems);
  if (typeof resolved === 'number') return resolved;
  return declared.find(d => d.name === resolved)?.containerPort ?? 0;
}

/** A host name (RFC 1123, any case) or an IP address. @internal */
export function isHostname(value: string): boolean {
  if (isIP(value)) return true;
  return value.length <= 253 && /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/.test(value);
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
