import { HealthCheckDefaults } from './defaults';
import { HealthCheckHandlerKind, HealthCheckRole, HttpScheme } from './handler';
import { HTTP_TOKEN, HTTP_TOKEN_TEXT, PORT_NAME_TEXT, isPortName } from '../common/formats';
import { Problems, show } from '../common/validation';
import { DeclaredPort, PortReference } from '../container/port';

/** A probe as it appears in a manifest (plain JSON). @internal */
export type ProbeJson = Record<string, unknown>;

/**
 * Timings of a check. Each one left unset comes from the construct's defaults
 * profile, and all five are always written into the YAML.
 */
export interface HealthCheckOptions {
  /**
   * Seconds after the container starts before the first check; an integer >= 0.
   * @default - from the construct's defaults profile
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between checks; an integer >= 1.
   * @default - from the construct's defaults profile
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which one check counts as failed; an integer >= 1.
   * @default - from the construct's defaults profile
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes after a failure that count as healthy; an integer >= 1,
   * and exactly 1 for liveness and startup checks.
   * @default - from the construct's defaults profile
   */
  readonly successThreshold?: number;
  /**
   * Consecutive failures that count as unhealthy; an integer >= 1.
   * @default - from the construct's defaults profile
   */
  readonly failureThreshold?: number;
}

/** One HTTP header sent with an HTTP check. */
export interface HttpHeader {
  /** Header name: an HTTP token. */
  readonly name: string;
  /** Header value. */
  readonly value: string;
}

/** Where a port-based check connects. */
export interface PortHealthCheckOptions extends HealthCheckOptions {
  /**
   * The port to probe, by number or by a name the container declares.
   * @default - the container's first declared port; an error when it declares none
   */
  readonly port?: PortReference;
}

/** Options of an HTTP GET check. */
export interface HttpGetHealthCheckOptions extends PortHealthCheckOptions {
  /**
   * HTTP or HTTPS.
   * @default HttpScheme.HTTP
   */
  readonly scheme?: HttpScheme;
  /**
   * The Host to connect to (and send as the Host header).
   * @default - the pod IP
   */
  readonly host?: string;
  /**
   * Extra request headers.
   * @default - none
   */
  readonly headers?: HttpHeader[];
}

/** Options of a TCP socket check. */
export interface TcpSocketHealthCheckOptions extends PortHealthCheckOptions {
  /**
   * The host to connect to.
   * @default - the pod IP
   */
  readonly host?: string;
}

/** Options of a gRPC check. */
export interface GrpcHealthCheckOptions extends PortHealthCheckOptions {
  /**
   * The service name passed in the gRPC HealthCheckRequest.
   * @default - the server's overall health ("")
   */
  readonly service?: string;
}

/**
 * One health check (a Kubernetes probe): exactly one handler, by construction, and
 * timings that fall back to the construct's defaults profile. The same object can
 * serve as a container's liveness, readiness or startup check, and as the probe of a
 * Deckhouse ServiceWithHealthchecks.
 */
export class HealthCheck {
  /**
   * An HTTP GET request to `path`; a 200..399 answer is healthy.
   * @param path the request path; must start with "/"
   */
  public static fromHttpGet(path: string, options: HttpGetHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckHandlerKind.HTTP_GET, options, {
      path, port: options.port, scheme: options.scheme, host: options.host, headers: options.headers,
    });
  }

  /** A TCP connection to the port; healthy when it opens. */
  public static fromTcpSocket(options: TcpSocketHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckHandlerKind.TCP_SOCKET, options, { port: options.port, host: options.host });
  }

  /**
   * A command run inside the container; healthy when it exits 0.
   * @param command the program and its arguments; not run through a shell
   */
  public static fromCommand(command: string[], options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckHandlerKind.COMMAND, options, { command });
  }

  /** A call of the gRPC health-checking protocol; healthy when it answers SERVING. */
  public static fromGrpc(options: GrpcHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckHandlerKind.GRPC, options, { port: options.port, service: options.service });
  }

  /** The handler this check uses. */
  public readonly kind: HealthCheckHandlerKind;
  /** The timings the user set (unset ones come from the construct's profile). */
  public readonly timings: HealthCheckOptions;
  /** HTTP: the request path. */
  public readonly path?: string;
  /** HTTP, TCP, gRPC: the port, when given. */
  public readonly port?: PortReference;
  /** HTTP: the scheme, when given. */
  public readonly scheme?: HttpScheme;
  /** HTTP, TCP: the host, when given. */
  public readonly host?: string;
  /** HTTP: extra headers, when given. */
  public readonly headers?: HttpHeader[];
  /** Command: the program and its arguments. */
  public readonly command?: string[];
  /** gRPC: the service name, when given. */
  public readonly service?: string;

  private constructor(kind: HealthCheckHandlerKind, timings: HealthCheckOptions, handler: {
    path?: string;
    port?: PortReference;
    scheme?: HttpScheme;
    host?: string;
    headers?: HttpHeader[];
    command?: string[];
    service?: string;
  }) {
    this.kind = kind;
    // Copy only the timing fields, so handler options do not ride along.
    this.timings = {
      initialDelaySeconds: timings.initialDelaySeconds,
      periodSeconds: timings.periodSeconds,
      timeoutSeconds: timings.timeoutSeconds,
      successThreshold: timings.successThreshold,
      failureThreshold: timings.failureThreshold,
    };
    this.path = handler.path;
    this.port = handler.port;
    this.scheme = handler.scheme;
    this.host = handler.host;
    this.headers = handler.headers ? [...handler.headers] : undefined;
    this.command = handler.command ? [...handler.command] : undefined;
    this.service = handler.service;
  }

  /**
   * The probe as Kubernetes writes it, with all five timings filled in, and the problems
   * found. Port names are resolved against `ports` only to check that they exist: the
   * probe keeps the name, as Kubernetes allows (except for gRPC, which needs a number).
   *
   * @internal
   */
  public _render(role: HealthCheckRole, defaults: HealthCheckDefaults, ports: DeclaredPort[]): { probe: ProbeJson; problems: Problems } {
    const problems = new Problems();
    const t = { ...defaults.timingsFor(this.kind) };
    for (const [key, value] of Object.entries(this.timings)) {
      if (value !== undefined) (t as any)[key] = value;
    }
    for (const key of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const) {
      if (t[key] === undefined) problems.add(key, 'is set neither by the check nor by the construct\'s healthCheckDefaults (HealthCheckDefaults.custom needs all five timings)');
    }
    problems.integer('initialDelaySeconds', t.initialDelaySeconds, 0);
    problems.integer('periodSeconds', t.periodSeconds, 1);
    problems.integer('timeoutSeconds', t.timeoutSeconds, 1);
    problems.integer('failureThreshold', t.failureThreshold, 1);
    if (problems.integer('successThreshold', t.successThreshold, 1) && role !== HealthCheckRole.READINESS && t.successThreshold !== undefined && t.successThreshold !== 1) {
      problems.badValue('successThreshold', t.successThreshold, `must be 1 for a ${role} check (Kubernetes rejects anything else)`);
    }

    const timings = {
      initialDelaySeconds: t.initialDelaySeconds,
      periodSeconds: t.periodSeconds,
      timeoutSeconds: t.timeoutSeconds,
      successThreshold: t.successThreshold,
      failureThreshold: t.failureThreshold,
    };

    switch (this.kind) {
      case HealthCheckHandlerKind.HTTP_GET: {
        if (typeof this.path !== 'string' || !this.path.startsWith('/')) {
          problems.badValue('httpGet.path', this.path, 'must start with "/"', 'Write the path as it appears in the URL, e.g. "/healthz"');
        }
        for (const h of this.headers ?? []) {
          if (!HTTP_TOKEN.test(h.name ?? '')) problems.badValue('httpGet.httpHeaders.name', h.name, `must be ${HTTP_TOKEN_TEXT}`);
        }
        problems.oneOf('httpGet.scheme', this.scheme, Object.values(HttpScheme));
        const port = resolvePort('httpGet.port', this.port, ports, problems);
        return {
          problems,
          probe: {
            httpGet: {
              path: this.path,
              port,
              scheme: this.scheme,
              host: this.host,
              httpHeaders: this.headers?.map(h => ({ name: h.name, value: h.value })),
            },
            ...timings,
          },
        };
      }
      case HealthCheckHandlerKind.TCP_SOCKET: {
        const port = resolvePort('tcpSocket.port', this.port, ports, problems);
        return { problems, probe: { tcpSocket: { port, host: this.host }, ...timings } };
      }
      case HealthCheckHandlerKind.COMMAND: {
        if (!this.command || this.command.length === 0 || this.command[0].trim() === '') {
          problems.badValue('exec.command', this.command ?? [], 'must name a program to run (a non-empty list whose first item is not blank)');
        }
        return { problems, probe: { exec: { command: this.command }, ...timings } };
      }
      case HealthCheckHandlerKind.GRPC: {
        const port = resolvePort('grpc.port', this.port, ports, problems);
        // Kubernetes' grpc.port is an int32: a name is resolved to its number here.
        const num = typeof port === 'string' ? ports.find(p => p.name === port)?.containerPort : port;
        return { problems, probe: { grpc: { port: num ?? 0, service: this.service }, ...timings } };
      }
    }
    throw new Error(`unknown health check handler ${show(this.kind)}`);
  }
}

/**
 * Checks a port reference against the container's declared ports and returns what to
 * write: the number, or the (declared) name. With no reference, the first declared port.
 *
 * @internal
 */
export function resolvePort(field: string, ref: PortReference | undefined, ports: DeclaredPort[], problems: Problems): number | string {
  if (ref === undefined) {
    if (ports.length === 0) {
      problems.add(field, 'is required because the container declares no ports; pass `port: PortReference.fromNumber(n)`');
      return 0;
    }
    return ports[0].containerPort;
  }
  if (ref.name !== undefined) {
    if (!isPortName(ref.name)) {
      problems.badValue(field, ref.name, `must be a port number or ${PORT_NAME_TEXT}`);
    } else if (!ports.some(p => p.name === ref.name)) {
      const declared = ports.filter(p => p.name).map(p => JSON.stringify(p.name));
      problems.badValue(field, ref.name, declared.length
        ? `the container declares no port of that name (it declares ${declared.join(', ')})`
        : 'the container declares no named ports', 'Declare the port on the container or refer to it by number');
    }
    return ref.name;
  }
  problems.integer(field, ref.number, 1, 65535);
  return ref.number ?? 0;
}
