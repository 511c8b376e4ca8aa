import { Protocol } from 'cdk8s-plus-28';
/** A port the container listens on. */
export interface ContainerPortSpec {
  /** The port number, 1..65535. */
  readonly containerPort: number;
  /**
   * The port's name (an IANA service name such as `http`), by which health checks and
   * Services can refer to it.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}
