import { EmptyDirMedium } from 'cdk8s-plus-28';
import type { ConfigOrigin } from './origin';

/** A key of a ConfigMap or Secret projected to a file. */
export interface KeyToPath {
  /** The key in the ConfigMap or Secret. */
  readonly key: string;
  /** The relative file path to write it to; no "..", not absolute. */
  readonly path: string;
  /**
   * File mode, 0..0777 (write it as an octal literal in TypeScript: 0o440).
   * @default - the volume's defaultMode
   */
  readonly mode?: number;
}

/** Options for ConfigMap and Secret volumes. */
export interface KeyedVolumeOptions {
  /**
   * Project only these keys, at these paths.
   * @default - every key, each as a file named after it
   */
  readonly items?: KeyToPath[];
  /**
   * Mode of the files, 0..0777.
   * @default 0o644 (Kubernetes' default)
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even when the ConfigMap or Secret does not exist.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * Disk or memory.
   * @default EmptyDirMedium.DEFAULT
   */
  readonly medium?: EmptyDirMedium;
  /**
   * The most the volume may hold, as a quantity ("64Mi").
   * @default - no limit
   */
  readonly sizeLimit?: string;
}

/** The type check a hostPath volume makes before mounting. */
export enum HostPathType {
  /** No check (the Kubernetes default). */
  UNSET = '',
  /** Create an empty directory (0755) if nothing exists at the path. */
  DIRECTORY_OR_CREATE = 'DirectoryOrCreate',
  /** A directory must exist. */
  DIRECTORY = 'Directory',
  /** Create an empty file (0644) if nothing exists at the path. */
  FILE_OR_CREATE = 'FileOrCreate',
  /** A file must exist. */
  FILE = 'File',
  /** A UNIX socket must exist. */
  SOCKET = 'Socket',
  /** A character device must exist. */
  CHAR_DEVICE = 'CharDevice',
  /** A block device must exist. */
  BLOCK_DEVICE = 'BlockDevice',
}

/**
 * What backs a volume: one kind per volume, by construction. The kinds are
 * KubeVela's (pvc, configMap, secret, emptyDir, hostPath) and ACK's (plus NFS).
 */
export class VolumeSource {
  /** An existing PersistentVolumeClaim. */
  public static persistentVolumeClaim(claimName: string, readOnly?: boolean): VolumeSource {
    return new VolumeSource('persistentVolumeClaim', { claimName, readOnly });
  }

  /**
   * A PersistentVolumeClaim the workload creates: the entry of its `volumeClaims` with
   * this name (the claim object is named `<workload>-<name>`). A name `volumeClaims` does
   * not list is a synth error; a claim made elsewhere is `persistentVolumeClaim(claimName)`.
   * @param name the `name` of the `volumeClaims` entry
   */
  public static volumeClaim(name: string, readOnly?: boolean): VolumeSource {
    return new VolumeSource('persistentVolumeClaim', { claimName: name, readOnly }, undefined, name);
  }

  /** A ConfigMap's keys as files. */
  public static configMap(configMapName: string, options: KeyedVolumeOptions = {}): VolumeSource {
    return new VolumeSource('configMap', { name: configMapName, ...keyed(options) });
  }

  /** A Secret's keys as files. */
  public static secret(secretName: string, options: KeyedVolumeOptions = {}): VolumeSource {
    return new VolumeSource('secret', { secretName, ...keyed(options) });
  }

  /** A scratch directory that lives as long as the pod. */
  public static emptyDir(options: EmptyDirOptions = {}): VolumeSource {
    return new VolumeSource('emptyDir', { medium: options.medium || undefined, sizeLimit: options.sizeLimit });
  }

  /**
   * A path on the node. The restricted Pod Security Standard forbids it: a workload
   * that uses one must opt out of `restricted` (see the construct's security props).
   * @param path the path on the node
   * @param hostPathType the Kubernetes `hostPath.type` check (named so because `type` is
   * a reserved word in Go)
   */
  public static hostPath(path: string, hostPathType?: HostPathType): VolumeSource {
    return new VolumeSource('hostPath', { path, type: hostPathType || undefined });
  }

  /** An NFS export. */
  public static nfs(server: string, path: string, readOnly?: boolean): VolumeSource {
    return new VolumeSource('nfs', { server, path, readOnly });
  }

  /**
   * A ConfigMap or Secret created in this app, as files (see `ConfigMap.asVolume`).
   * @internal
   */
  public static _fromOrigin(origin: ConfigOrigin, options: KeyedVolumeOptions = {}): VolumeSource {
    return origin.kind === 'Secret'
      ? new VolumeSource('secret', { secretName: origin.name, ...keyed(options) }, origin)
      : new VolumeSource('configMap', { name: origin.name, ...keyed(options) }, origin);
  }

  /** The volume kind as Kubernetes names it (`configMap`, `emptyDir` ...). */
  public readonly kind: string;
  /** The ConfigMap or Secret created in this app that this volume reads, if any. @internal */
  public readonly _origin?: ConfigOrigin;
  /** The `volumeClaims` entry this volume mounts, for a claim the workload creates. @internal */
  public readonly _claim?: string;
  private readonly spec: Record<string, any>;

  private constructor(kind: string, spec: Record<string, any>, origin?: ConfigOrigin, claim?: string) {
    this.kind = kind;
    this.spec = spec;
    this._origin = origin;
    this._claim = claim;
  }

  /** The volume source object as written under the volume's `kind` key. @internal */
  public _spec(): Record<string, any> {
    return { ...this.spec };
  }
}

function keyed(o: KeyedVolumeOptions): Record<string, unknown> {
  return {
    items: o.items?.map(i => ({ key: i.key, path: i.path, mode: i.mode })),
    defaultMode: o.defaultMode,
    optional: o.optional,
  };
}

/**
 * A volume mounted into the container (KubeVela's `volumes[]` / `volumeMounts`):
 * the volume's name, where it is mounted, and what backs it.
 */
export interface WorkloadVolume {
  /** The volume's name, unique in the pod: a lower-case RFC 1123 label. */
  readonly name: string;
  /** The absolute path in the container. */
  readonly mountPath: string;
  /** What backs the volume. */
  readonly source: VolumeSource;
  /**
   * Mount only this sub-path of the volume.
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * Mount read-only.
   * @default - false, except ConfigMap and Secret volumes, which Kubernetes always mounts read-only
   */
  readonly readOnly?: boolean;
}
