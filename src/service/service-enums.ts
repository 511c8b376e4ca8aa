/**
 * The Service enums shared by the constructs that emit a Service (WebApp) or a
 * Service-like resource (ServiceWithHealthchecks), with the Kubernetes string values.
 */

/** How a Service is exposed (its `type`). */
export enum ServiceType {
  /** A virtual IP inside the cluster. */
  CLUSTER_IP = 'ClusterIP',
  /** ClusterIP plus a port on every node. */
  NODE_PORT = 'NodePort',
  /** NodePort plus an external load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A DNS alias (CNAME) for `externalName`; no proxying. */
  EXTERNAL_NAME = 'ExternalName',
}

/** Where nodes send traffic they receive for the Service. */
export enum ServiceTrafficPolicy {
  /** To every ready endpoint in the cluster. */
  CLUSTER = 'Cluster',
  /** Only to endpoints on the receiving node (keeps the client source IP for external traffic). */
  LOCAL = 'Local',
}

/** An IP family of the Service. */
export enum ServiceIpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/** Single or dual stack. */
export enum ServiceIpFamilyPolicy {
  /** One IP family. */
  SINGLE_STACK = 'SingleStack',
  /** Two families on a dual-stack cluster, one otherwise. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Two families; fails on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** Session stickiness. */
export enum ServiceSessionAffinity {
  /** No stickiness. */
  NONE = 'None',
  /** The same client IP goes to the same pod. */
  CLIENT_IP = 'ClientIP',
}

/** A preference for which endpoints get traffic. */
export enum ServiceTrafficDistribution {
  /** Prefer topologically close endpoints (the same zone). */
  PREFER_CLOSE = 'PreferClose',
}
