import { HttpScheme } from './handler';
import { HttpHeader } from './health-check';
import { PortReference } from '../container/port';

/** Options of an HTTP lifecycle hook. */
export interface HttpLifecycleOptions {
  /**
   * The port, by number or by a name the container declares.
   * @default - the container's first declared port
   */
  readonly port?: PortReference;
  /**
   * HTTP or HTTPS.
   * @default HttpScheme.HTTP
   */
  readonly scheme?: HttpScheme;
  /**
   * Host to connect to.
   * @default - the pod IP
   */
  readonly host?: string;
  /**
   * Extra request headers.
   * @default - none
   */
  readonly headers?: HttpHeader[];
}

/** A container lifecycle hook (postStart or preStop): a command or an HTTP GET. */
export class LifecycleHook {
  /** Run a command in the container (not through a shell). */
  public static fromCommand(command: string[]): LifecycleHook {
    return new LifecycleHook('exec', { command: [...command] });
  }

  /** Send an HTTP GET to the container. */
  public static fromHttpGet(path: string, options: HttpLifecycleOptions = {}): LifecycleHook {
    return new LifecycleHook('httpGet', { path, ...options });
  }

  /** `exec` or `httpGet`. */
  public readonly kind: string;
  /** For a command hook: the command. */
  public readonly command?: string[];
  /** For an HTTP hook: the path. */
  public readonly path?: string;
  /** For an HTTP hook: the options. */
  public readonly httpOptions?: HttpLifecycleOptions;

  private constructor(kind: string, spec: { command?: string[]; path?: string } & HttpLifecycleOptions) {
    this.kind = kind;
    this.command = spec.command;
    this.path = spec.path;
    if (kind === 'httpGet') {
      this.httpOptions = { port: spec.port, scheme: spec.scheme, host: spec.host, headers: spec.headers };
    }
  }
}

/** postStart and preStop hooks of a container. */
export interface ContainerLifecycle {
  /**
   * Runs right after the container starts; the container is not Running until it ends.
   * @default - none
   */
  readonly postStart?: LifecycleHook;
  /**
   * Runs before the container is stopped; counts against terminationGracePeriodSeconds.
   * @default - none
   */
  readonly preStop?: LifecycleHook;
}
