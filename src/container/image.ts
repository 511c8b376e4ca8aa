/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull on every start. */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/** The protocol of a container port. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

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
