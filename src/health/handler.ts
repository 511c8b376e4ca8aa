/** How a health check probes the container. */
export enum HealthCheckHandlerKind {
  /** An HTTP GET request; 200..399 is healthy. */
  HTTP_GET = 'httpGet',
  /** A TCP connection that opens. */
  TCP_SOCKET = 'tcpSocket',
  /** A command run in the container that exits 0. */
  COMMAND = 'exec',
  /** A gRPC health-checking protocol call that answers SERVING. */
  GRPC = 'grpc',
}

/** The scheme of an HTTP check. */
export enum HttpScheme {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS; the kubelet does not verify the certificate. */
  HTTPS = 'HTTPS',
}

/** What a container's health check is for; the rules differ a little per role. */
export enum HealthCheckRole {
  /** Restarts the container when it fails. */
  LIVENESS = 'liveness',
  /** Takes the pod out of Service endpoints while it fails. */
  READINESS = 'readiness',
  /** Holds liveness and readiness back until the container has started. */
  STARTUP = 'startup',
}
