import { Problems } from '../common/validation';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec, ImagePullPolicy, Protocol } from '../container/image';
import { PortReference } from '../container/port';
import { ResourceQuantities } from '../container/resources';
import { WorkloadVolume } from '../container/volume';
import { HealthCheck } from '../health/health-check';
import { ContainerLifecycle } from '../health/lifecycle';
import { ContainerSpec } from '../pod/pod-template';

/** One container of a WebApp (ACK's "容器配置" tab). */
export interface WebAppContainer {
  /** The container's name: a lower-case RFC 1123 label, unique in the pod. */
  readonly name: string;
  /** The image, e.g. "nginxinc/nginx-unprivileged:1.27" or "registry/namespace/name:tag". */
  readonly image: string;
  /**
   * When to pull the image.
   * @default - not written (ACK's default): Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The command, replacing the image's entrypoint (ACK lifecycle "启动执行").
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments to the command.
   * @default - the image's default arguments
   */
  readonly args?: string[];
  /**
   * The working directory.
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * Environment variables: literal, ConfigMap key, Secret key, pod field or resource reference.
   * @default - none
   */
  readonly env?: EnvVar[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Ports {name, containerPort 1..65535, protocol TCP|UDP}.
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];
  /**
   * Resource requests as quantity strings (ACK "所需资源"). Metric scaling needs a
   * request for each resource it scales on, in every container.
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * Resource limits as quantity strings.
   * @default - none
   */
  readonly limits?: ResourceQuantities;
  /**
   * Keep stdin open (ACK "stdin").
   * @default false
   */
  readonly stdin?: boolean;
  /**
   * Allocate a TTY (ACK "tty").
   * @default false
   */
  readonly tty?: boolean;
  /**
   * Volumes and where they are mounted: host path, emptyDir, PVC, NFS, ConfigMap, Secret.
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Paths the app writes to, each an emptyDir (the root filesystem is read-only).
   * @default - none
   */
  readonly writablePaths?: string[];
  /**
   * Restarts the container while it fails.
   * @default - none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * Keeps the pod out of the Service while it fails.
   * @default - a TCP check on the container's first TCP port, when it declares one (see `defaultReadinessCheck`)
   */
  readonly readinessProbe?: HealthCheck;
  /**
   * Holds the other checks back until the app has started.
   * @default - none
   */
  readonly startupProbe?: HealthCheck;
  /**
   * postStart and preStop hooks (ACK "启动后处理", "停止前处理").
   * @default - none
   */
  readonly lifecycle?: ContainerLifecycle;
  /**
   * For init containers only: a native sidecar (restartPolicy Always) that starts before
   * the app containers and keeps running. Kubernetes 1.28 needs the SidecarContainers
   * feature gate (beta and on by default from 1.29).
   * @default false
   */
  readonly sidecar?: boolean;
}

/**
 * One container of the WebApp as the shared pod code takes it, with the default TCP
 * readiness check on the first TCP port of an app container that has none.
 *
 * @internal
 */
export function containerSpec(c: WebAppContainer, field: string, isApp: boolean, defaultReadiness: boolean, problems: Problems): ContainerSpec {
  let readiness = c.readinessProbe;
  if (isApp && readiness === undefined && defaultReadiness) {
    const tcp = (c.ports ?? []).find(p => (p.protocol ?? Protocol.TCP) === Protocol.TCP);
    if (tcp) {
      readiness = HealthCheck.fromTcpSocket({
        port: tcp.name !== undefined ? PortReference.fromName(tcp.name) : PortReference.fromNumber(tcp.containerPort),
      });
    }
  }
  if (isApp && c.sidecar) {
    problems.badValue(`${field}.sidecar`, true, 'is only for init containers; move the container to `initContainers` to make it a native sidecar');
  }
  return {
    field,
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command,
    args: c.args,
    workingDir: c.workingDir,
    env: c.env,
    envFrom: c.envFrom,
    ports: c.ports,
    requests: c.requests,
    limits: c.limits,
    volumes: c.volumes,
    writablePaths: c.writablePaths,
    liveness: c.livenessProbe,
    readiness,
    startup: c.startupProbe,
    lifecycle: c.lifecycle,
    stdin: c.stdin,
    tty: c.tty,
    sidecar: isApp ? undefined : c.sidecar,
  };
}
