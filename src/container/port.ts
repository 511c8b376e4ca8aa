/**
 * A reference to a container port, by number or by the name the container gives it.
 * Health checks, Services and monitoring endpoints use it; a name is resolved to the
 * container's port (and checked to exist) at synth.
 */
export class PortReference {
  /** A port number, 1..65535. */
  public static fromNumber(port: number): PortReference {
    return new PortReference(port, undefined);
  }

  /** The name of a port the container declares (an IANA service name such as `http`). */
  public static fromName(name: string): PortReference {
    return new PortReference(undefined, name);
  }

  /** The port number, when the reference is by number. */
  public readonly number?: number;
  /** The port name, when the reference is by name. */
  public readonly name?: string;

  private constructor(num: number | undefined, name: string | undefined) {
    this.number = num;
    this.name = name;
  }

  /** `8080` or `"http"`: the value as it is written in a manifest. */
  public toString(): string {
    return this.name !== undefined ? this.name : String(this.number);
  }
}

/** A port a container declares, as the shared validation sees it. @internal */
export interface DeclaredPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
}
