import { ImagePullPolicy } from 'cdk8s-plus-28';
import { listEntries, listPlaces } from './checks';
import { ContainerSpec, ListPositions } from './pod-template';
import { Problems } from '../common/validation';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec } from '../container/image';
import { ResourceQuantities } from '../container/resources';
import { WorkloadVolume } from '../container/volume';
import { HealthCheck } from '../health/health-check';
import { ContainerLifecycle } from '../health/lifecycle';

/**
 * What a container's process finds around it: its environment variables and the files
 * mounted into it. Every container the library writes has these fields (a Worker's, a
 * WebApp's, a JobGraph job's).
 */
export interface ContainerEnvironment {
  /**
   * Environment variables: each a literal value or a `valueFrom` source (a ConfigMap
   * key, a Secret key, a pod field or a resource; KubeVela `env`, ACK "环境变量").
   * @default - none
   */
  readonly env?: EnvVar[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Volumes and where they are mounted: PVC, ConfigMap, Secret, emptyDir, host path, NFS
   * (KubeVela `volumes` / `volumeMounts`).
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Paths the process writes to, each mounted as an emptyDir of its own, because the
   * root filesystem is read-only.
   * @default - none
   */
  readonly writablePaths?: string[];
}

/** Resource requests and limits of a container, as quantity strings. */
export interface ContainerResources {
  /**
   * Resource requests (ACK "所需资源"). Metric scaling needs a request for each resource
   * it scales on, in every container.
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * Resource limits.
   * @default - none
   */
  readonly limits?: ResourceQuantities;
}

/**
 * The fields every app container of the library shares, declared once: Worker's props
 * (for its main container) and `WorkloadContainer` (a container of a WebApp, or one more
 * container of a Worker) extend it.
 */
export interface ContainerOptions extends ContainerEnvironment {
  /**
   * When to pull the image.
   * @default - not written: Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The command, replacing the image's entrypoint (KubeVela `cmd`, ACK "启动执行").
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
   * Ports the container listens on {name, containerPort 1..65535, protocol}. Health
   * checks, lifecycle hooks and metrics can name them; a WebApp's Service maps them.
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];
  /**
   * Restarts the container while it fails (KubeVela `livenessProbe`).
   * @default - none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * Marks the pod not ready (out of Service endpoints) while it fails (KubeVela
   * `readinessProbe`).
   * @default - none; a WebApp gives an app container that declares a TCP port a TCP check on it (`WebAppProps.defaultReadinessCheck`)
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
}

/**
 * One named container of a workload's pod: an app container of a WebApp, one more app
 * container of a Worker beside its main one, or an init container of either (with
 * `sidecar: true`, a native sidecar).
 */
export interface WorkloadContainer extends ContainerOptions, ContainerResources {
  /** The container's name: a lower-case RFC 1123 label, unique in the pod. */
  readonly name: string;
  /** The image, e.g. "nginxinc/nginx-unprivileged:1.27" or "registry/namespace/name:tag". */
  readonly image: string;
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
   * For init containers only: a native sidecar (restartPolicy Always) that starts before
   * the app containers and keeps running. Kubernetes 1.28 needs the SidecarContainers
   * feature gate (beta and on by default from 1.29).
   * @default false
   */
  readonly sidecar?: boolean;
}

/**
 * The shared fields of `ContainerOptions` as the pod code takes them.
 *
 * @internal
 */
export function optionsSpec(o: ContainerOptions) {
  return {
    imagePullPolicy: o.imagePullPolicy,
    command: o.command,
    args: o.args,
    workingDir: o.workingDir,
    env: o.env,
    envFrom: o.envFrom,
    ports: o.ports,
    volumes: o.volumes,
    writablePaths: o.writablePaths,
    liveness: o.livenessProbe,
    readiness: o.readinessProbe,
    startup: o.startupProbe,
    lifecycle: o.lifecycle,
  };
}

/**
 * One `WorkloadContainer` as the pod code takes it. `isApp` says whether it is listed
 * among the app containers, where `sidecar` is a mistake.
 *
 * @internal
 */
export function workloadContainerSpec(c: ListedContainer, isApp: boolean, problems: Problems): ContainerSpec {
  const field = c.field;
  if (isApp && c.sidecar) {
    problems.badValue(`${field}.sidecar`, true, 'is only for init containers; move the container to `initContainers` to make it a native sidecar');
  }
  return {
    ...optionsSpec(c),
    field,
    name: c.name,
    image: c.image,
    requests: c.requests,
    limits: c.limits,
    stdin: c.stdin,
    tty: c.tty,
    sidecar: isApp ? undefined : c.sidecar,
    positions: c.positions,
  };
}

/**
 * A container of a list (see `containerList`): the field that names it, and where each of
 * its kept ports was written.
 *
 * @internal
 */
export type ListedContainer = WorkloadContainer & { readonly field: string; readonly positions: ListPositions };

/**
 * A list of containers as given, with the holes in it and in each container's ports
 * (from JavaScript or a jsii host) reported once and left out. Each container keeps the
 * field that names it, and each port its place, as written (holes counted).
 *
 * @internal
 */
export function containerList(problems: Problems, field: string, list: WorkloadContainer[] | undefined): ListedContainer[] {
  return listEntries(problems, field, list, 'a container').map(([c, i]) => ({ ...c, field: `${field}[${i}]`, ...portList(problems, `${field}[${i}].ports`, c.ports) }));
}

/**
 * A list of ports with its holes reported and left out, and where each kept port was
 * written, for the messages about it.
 *
 * @internal
 */
export function portList(problems: Problems, field: string, list: ContainerPortSpec[] | undefined): {
  ports?: ContainerPortSpec[]; positions: ListPositions;
} {
  const { list: ports, places } = listPlaces(problems, field, list, PORT_ITEM);
  return { ports, positions: ports ? { ports: places } : {} };
}

/** How a hole in a list of ports is described. @internal */
export const PORT_ITEM = 'a port ({ containerPort, name, protocol })';
