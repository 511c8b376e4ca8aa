import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT, QUANTITY_TEXT, isQuantity, isWholeQuantity } from '../common/formats';
import { Patches } from '../common/patches';
import { Problems, show } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { volumeClaimId } from '../pod/claims';

/**
 * A PersistentVolumeClaim the workload creates (KubeVela's storage trait `pvc`,
 * app-template's `persistence`). Containers mount it with `VolumeSource.volumeClaim(name)`.
 */
export interface VolumeClaimOptions {
  /**
   * The claim's name in the workload, which mounts refer to; the claim object is named
   * `<workload>-<name>`. A lower-case RFC 1123 label.
   */
  readonly name: string;
  /** The storage requested, as a quantity ("10Gi", "500Mi"). */
  readonly size: string;
  /**
   * The StorageClass that provisions the volume; `""` asks for a pre-created volume of
   * no class.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * How the volume may be attached. ReadWriteOnce and ReadWriteOncePod attach to one
   * node (one pod) at a time, so a Deployment that mounts one must never run two pods at
   * once: one replica, no autoscaler, and `DeploymentStrategy.recreate()` (the library
   * refuses anything else at synth).
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: PersistentVolumeAccessMode[];
}

/** The props of the storage trait, shared by every workload. */
export interface StorageProps {
  /**
   * PersistentVolumeClaims the workload creates, each mounted by
   * `VolumeSource.volumeClaim(name)` in a container's volumes. A claim no container
   * mounts, or a mount naming a claim not listed here, is a synth error. The pod's
   * security context then gets an fsGroup (see `security.fsGroup`) so the non-root user
   * can write the volume.
   * @default - none
   */
  readonly volumeClaims?: VolumeClaimOptions[];
}

const SINGLE_NODE: readonly string[] = [PersistentVolumeAccessMode.READ_WRITE_ONCE, PersistentVolumeAccessMode.READ_WRITE_ONCE_POD];

/**
 * The storage trait: checks `volumeClaims`, creates the claims (children of `scope`, so
 * the pod's mounts find them), and checks at synth, on the objects as they are then,
 * that each claim is mounted and that a single-node claim is never wanted by two pods at
 * once.
 *
 * @internal
 */
export function applyStorage(
  scope: Construct, props: StorageProps, workloadName: string, problems: Problems, replicaFloor: number,
): kplus.PersistentVolumeClaim[] {
  const claims: { field: string; options: VolumeClaimOptions; pvc: kplus.PersistentVolumeClaim; modes: string[] }[] = [];
  const names = new Set<string>();
  const list = props.volumeClaims;
  if (list !== undefined && list !== null && !Array.isArray(list)) problems.badValue('volumeClaims', list, 'must be a list of claims ({ name, size })');
  // Indexes of the list as given, holes included, so a message names the entry the user wrote.
  (Array.isArray(list) ? list : []).forEach((c, i) => {
    const f = `volumeClaims[${i}]`;
    if (typeof c !== 'object' || c === null) {
      problems.badValue(f, c, 'must be a claim ({ name, size, storageClassName, accessModes }); remove the empty entry');
      return;
    }
    if (c.name === undefined) {
      problems.add(`${f}.name`, `is required: the claim's name, ${DNS_LABEL_TEXT}; the claim is named "<workload>-<name>" and mounted with VolumeSource.volumeClaim(name)`);
      return;
    }
    if (!problems.pattern(`${f}.name`, c.name, DNS_LABEL, DNS_LABEL_TEXT)) return;
    if (names.has(c.name)) {
      problems.badValue(`${f}.name`, c.name, 'must be unique among volumeClaims');
      return;
    }
    names.add(c.name);
    const name = `${workloadName}-${c.name}`;
    if (!DNS_SUBDOMAIN.test(name)) problems.badValue(`${f}.name`, c.name, `names the claim "<workload>-<name>" (${show(name)}), which must be ${DNS_SUBDOMAIN_TEXT}`);
    if (c.size === undefined || c.size === null) {
      problems.add(`${f}.size`, 'is required: the storage to request, as a quantity such as "10Gi"');
    } else if (typeof c.size !== 'string' || !isQuantity(c.size)) {
      problems.badValue(`${f}.size`, c.size, `must be ${QUANTITY_TEXT}`);
    } else if (/^-/.test(c.size) || Number.parseFloat(c.size) === 0) {
      problems.badValue(`${f}.size`, c.size, 'must be greater than zero');
    } else if (!isWholeQuantity(c.size)) {
      problems.badValue(`${f}.size`, c.size, 'must be a whole number of bytes (such as "500Mi" or "10Gi")');
    }
    if (c.storageClassName !== undefined && c.storageClassName !== '') {
      problems.pattern(`${f}.storageClassName`, c.storageClassName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    }
    const given = c.accessModes ?? [PersistentVolumeAccessMode.READ_WRITE_ONCE];
    if (!Array.isArray(given)) problems.badValue(`${f}.accessModes`, given, 'must be a list of access modes');
    const modes = Array.isArray(given) ? given : [];
    if (Array.isArray(given) && modes.length === 0) problems.badValue(`${f}.accessModes`, modes, 'must list at least one access mode; leave it unset for ReadWriteOnce');
    modes.forEach((m, j) => {
      if (m === undefined || m === null) problems.badValue(`${f}.accessModes[${j}]`, m, 'must be an access mode; remove the empty entry');
      else problems.oneOf(`${f}.accessModes[${j}]`, m, Object.values(PersistentVolumeAccessMode));
    });
    if (modes.includes(PersistentVolumeAccessMode.READ_WRITE_ONCE_POD) && modes.length > 1) {
      problems.badValue(`${f}.accessModes`, modes, 'may not combine ReadWriteOncePod with other access modes (the API server refuses it)');
    }
    const pvc = new kplus.PersistentVolumeClaim(scope, volumeClaimId(c.name), {
      metadata: { name },
      accessModes: [...modes],
      storageClassName: c.storageClassName,
    });
    if (typeof c.size === 'string') Patches.claimStorage(ApiObject.of(pvc), c.size);
    claims.push({ field: f, options: c, pvc, modes: [...modes] });
  });
  const created = claims.map(c => c.pvc);
  if (claims.length === 0) return created;

  // On the objects as synth finds them, so a strategy, replicas or volume set through
  // cdk8s-plus counts too.
  WholeApp.addValidation(scope, () => {
    const out = new Problems();
    const pods = scope.node.findAll().filter((c): c is kplus.AbstractPod => c instanceof kplus.AbstractPod);
    for (const c of claims) {
      const mounting = pods.filter(p => podVolumes(p).some(v => claimNameOf(v) === c.pvc.name));
      if (mounting.length === 0) {
        out.add(`${c.field}.name`, `${show(c.options.name)} is created but no container mounts it; mount it with VolumeSource.volumeClaim(${show(c.options.name)}), or remove it`);
        continue;
      }
      if (!c.modes.every(m => SINGLE_NODE.includes(m))) continue;
      const why = twoPodsAtOnce(mounting, replicaFloor);
      if (why) {
        out.badValue(`${c.field}.accessModes`, c.modes,
          `the volume attaches to one node at a time, and ${why}: a pod scheduled on another node never starts (Multi-Attach error)`,
          mounting.length > 1
            ? 'Use ReadWriteMany on storage that supports it (a JobGraph mounts its volumes in its CronJobs too)'
            : 'Use strategy DeploymentStrategy.recreate() with one replica and no autoscaler, or ReadWriteMany on storage that supports it');
      }
    }
    return out.messages;
  });
  return created;
}

/** The pod's volumes: those it lists and those its containers mount (cdk8s-plus adds those at synth). */
function podVolumes(p: kplus.AbstractPod): kplus.Volume[] {
  return [...p.volumes, ...[...p.containers, ...p.initContainers].flatMap(c => c.mounts.map(m => m.volume))];
}

function claimNameOf(v: kplus.Volume): string | undefined {
  return (v as unknown as { _toKube(): { persistentVolumeClaim?: { claimName?: string } } })._toKube().persistentVolumeClaim?.claimName;
}

/** Why these pod templates may run two pods at once, or undefined. */
function twoPodsAtOnce(pods: kplus.AbstractPod[], replicaFloor: number): string | undefined {
  if (pods.length > 1) return `${pods.length} pod templates of the workload mount it (${pods.map(p => `${ApiObject.of(p).kind} ${p.name}`).join(', ')})`;
  const d = pods[0];
  if (!(d instanceof kplus.Deployment)) return undefined;
  if (d.hasAutoscaler || d.replicas === undefined) return 'an autoscaler may run more than one pod';
  const replicas = Math.max(d.replicas, replicaFloor);
  if (replicas > 1) return `the Deployment runs ${replicas} pods`;
  const strategy = (d.strategy as unknown as { _toKube(): { type?: string; rollingUpdate?: { maxSurge?: { value: unknown } } } })._toKube();
  if (strategy.type === 'RollingUpdate') {
    const surge = strategy.rollingUpdate?.maxSurge?.value ?? '25%';
    if (surge !== 0 && surge !== '0%') return `a rolling update with maxSurge ${show(surge)} starts the new pod before the old one stops`;
  }
  return undefined;
}
