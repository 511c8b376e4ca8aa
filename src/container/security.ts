import { FsGroupChangePolicy } from 'cdk8s-plus-28';

/**
 * How locked down the pods run. The defaults meet the Pod Security Standard
 * "restricted": non-root, no privilege escalation, every capability dropped,
 * RuntimeDefault seccomp and a read-only root filesystem. Each opt-out is explicit.
 */
export interface WorkloadSecurityOptions {
  /**
   * Require a non-root user (`runAsNonRoot`). Set false only for images that must run
   * as root (the official nginx image, for example); the pods then no longer meet
   * "restricted".
   * @default true
   */
  readonly runAsNonRoot?: boolean;
  /**
   * The UID the containers run as. Images such as busybox default to root, so a
   * non-root UID is set unless you ask for the image's own user with
   * `useImageUser: true`.
   * @default 25000 (the same arbitrary non-system UID cdk8s-plus uses)
   */
  readonly user?: number;
  /**
   * The GID the containers run as.
   * @default 26000
   */
  readonly group?: number;
  /**
   * Run as the user the image declares instead of `user`/`group` (the image must then
   * declare a non-root user while `runAsNonRoot` is true).
   * @default false
   */
  readonly useImageUser?: boolean;
  /**
   * Mount the root filesystem read-only. Paths the app writes to go in
   * `writablePaths` (each becomes an emptyDir).
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Allow a process to gain more privileges than its parent (setuid binaries).
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Linux capabilities to add back after dropping ALL. "restricted" allows only
   * NET_BIND_SERVICE; anything else is an opt-out of "restricted".
   * @default - none
   */
  readonly addCapabilities?: string[];
  /**
   * Allow host-path volumes, which "restricted" and "baseline" forbid.
   * @default false
   */
  readonly allowHostPath?: boolean;
  /**
   * Allow NFS volumes, which "restricted" forbids (it allows only configMap, csi,
   * downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret
   * volumes); the namespace must then enforce "baseline" or less.
   * @default false
   */
  readonly allowNfs?: boolean;
  /**
   * The group that owns the pod's volumes (`fsGroup`): the kubelet makes a volume's files
   * group-owned and group-writable by it, and adds it to every process's groups. A
   * freshly provisioned PersistentVolume is owned by root, so a non-root app cannot write
   * it without one.
   * @default - the pod's group (`group`, 26000) when a container mounts a PersistentVolumeClaim writable; otherwise none
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes the volumes' ownership to `fsGroup`: `ON_ROOT_MISMATCH`
   * only when the volume's root directory does not match (fast on large volumes),
   * `ALWAYS` at every mount (Kubernetes' default, slow on large volumes). Needs an
   * `fsGroup` (given or defaulted).
   * @default FsGroupChangePolicy.ON_ROOT_MISMATCH when there is an fsGroup
   */
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
  /**
   * More groups for every process of the pod (`supplementalGroups`), such as the group
   * that owns an NFS export or a shared device.
   * @default - none
   */
  readonly supplementalGroups?: number[];
}

/** The GID the containers run as unless `group` says otherwise. @internal */
export const DEFAULT_GROUP = 26000;

/** The security context written into every container, from the options. @internal */
export function containerSecurityContext(o: WorkloadSecurityOptions = {}) {
  const own = !o.useImageUser;
  return {
    runAsNonRoot: o.runAsNonRoot ?? true,
    runAsUser: own ? (o.user ?? 25000) : undefined,
    runAsGroup: own ? (o.group ?? DEFAULT_GROUP) : undefined,
    readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? true,
    allowPrivilegeEscalation: o.allowPrivilegeEscalation ?? false,
    privileged: false,
    capabilities: { drop: ['ALL'], add: o.addCapabilities && o.addCapabilities.length ? [...o.addCapabilities] : undefined },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
