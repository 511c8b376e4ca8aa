import { Protocol } from '../container/image';
import { PortReference } from '../container/port';
import { ServiceTrafficPolicy, ServiceType } from '../service/service-enums';

/** One port mapping of the Service: service port to a container port. */
export interface WebAppServicePort {
  /** The Service's port, 1..65535. */
  readonly port: number;
  /**
   * The container port, by number or by the name a container declares; it must be a
   * port an app container declares.
   * @default - the container port with the same number as `port`
   */
  readonly targetPort?: PortReference;
  /**
   * The port's name (required when the Service has several ports).
   * @default - the target container port's name, if it has one
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The node port (NodePort and LoadBalancer only).
   * @default - allocated by the cluster
   */
  readonly nodePort?: number;
}

/** The Service in front of the app (ACK's "服务" dialog). */
export interface WebAppServiceOptions {
  /**
   * The Service's name.
   * @default - the app's name
   */
  readonly name?: string;
  /**
   * How the Service is exposed.
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * A headless Service (`clusterIP: None`): DNS returns the pod IPs. ClusterIP only.
   * @default false
   */
  readonly headless?: boolean;
  /**
   * The port mappings.
   * @default - one per port the app containers declare, each mapped to itself
   */
  readonly ports?: WebAppServicePort[];
  /**
   * Where external traffic goes; NodePort and LoadBalancer only.
   * @default - not written (Kubernetes uses Cluster)
   */
  readonly externalTrafficPolicy?: ServiceTrafficPolicy;
  /**
   * Labels of the Service (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Service, e.g. ACK's load balancer settings
   * (`service.beta.kubernetes.io/alibaba-cloud-loadbalancer-bandwidth`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** How an Ingress path matches. */
export enum WebAppIngressPathType {
  /** By path prefix, element by element. */
  PREFIX = 'Prefix',
  /** The exact path. */
  EXACT = 'Exact',
  /** As the ingress controller decides. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/** One Ingress rule: host + path to a port of the app's Service. */
export interface WebAppIngressRule {
  /**
   * The host name (a DNS name; "*." allowed as the first label).
   * @default - every host
   */
  readonly host?: string;
  /**
   * The path.
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path matches.
   * @default WebAppIngressPathType.PREFIX
   */
  readonly pathType?: WebAppIngressPathType;
  /**
   * The Service port to send to.
   * @default - the Service's only port (required when it has several)
   */
  readonly servicePort?: number;
}

/** TLS for some of the Ingress hosts. */
export interface WebAppIngressTls {
  /** The hosts the certificate covers; each must be a host of a rule. */
  readonly hosts: string[];
  /** The Secret (type kubernetes.io/tls) with the certificate and key. */
  readonly secretName: string;
}

/**
 * A weighted canary backend (ingress-nginx canary annotations, ACK's "灰度发布" with the
 * community edition): a second Ingress with the same rules sends `weight` out of
 * `weightTotal` requests to another Service.
 */
export interface WebAppIngressCanary {
  /** The canary Service (e.g. the new version's). */
  readonly serviceName: string;
  /** The canary Service's port. */
  readonly servicePort: number;
  /** The share of requests it gets, 0..weightTotal. */
  readonly weight: number;
  /**
   * What the weights add up to.
   * @default 100
   */
  readonly weightTotal?: number;
}

/** The Ingress in front of the Service (ACK's "路由" dialog). */
export interface WebAppIngressOptions {
  /**
   * The Ingress's name.
   * @default - the app's name
   */
  readonly name?: string;
  /** The rules, at least one. */
  readonly rules: WebAppIngressRule[];
  /**
   * TLS: a certificate Secret per list of hosts.
   * @default - none
   */
  readonly tls?: WebAppIngressTls[];
  /**
   * The IngressClass (e.g. "nginx", "alb").
   * @default - the cluster's default class
   */
  readonly ingressClassName?: string;
  /**
   * Labels of the Ingress (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Ingress.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * A weighted canary backend, rendered as a second Ingress named `<name>-canary`.
   * @default - none
   */
  readonly canary?: WebAppIngressCanary;
}
