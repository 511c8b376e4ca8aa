import * as kplus from 'cdk8s-plus-28';
import type { RenderedMount } from './pod-template';
import { Problems } from '../common/validation';

/**
 * The id of the PersistentVolumeClaim a workload creates for its `volumeClaims` entry
 * `name`: a child of the workload construct, beside the pod's workload object, so a
 * mount (`VolumeSource.volumeClaim(name)`) finds it from the pod.
 *
 * @internal
 */
export function volumeClaimId(name: string): string {
  return `VolumeClaim-${name}`;
}

/**
 * A mount of a claim the workload creates, with the claim's object name; a mount of a
 * claim the workload does not create is reported and left out (undefined). Other mounts
 * are returned as they are.
 *
 * @internal
 */
export function resolveClaim(workload: kplus.AbstractPod, m: RenderedMount, problems: Problems): RenderedMount | undefined {
  if (m.claim === undefined) return m;
  const child = workload.node.scope?.node.tryFindChild(volumeClaimId(m.claim));
  if (!(child instanceof kplus.PersistentVolumeClaim)) {
    problems.badValue(`${m.field}.source`, m.claim, 'names no claim of `volumeClaims`',
      `Add { name: ${JSON.stringify(m.claim)}, size: "..." } to volumeClaims, or mount a claim made elsewhere with VolumeSource.persistentVolumeClaim(${JSON.stringify(m.claim)})`);
    return undefined;
  }
  return { ...m, volume: { ...m.volume, persistentVolumeClaim: { ...m.volume.persistentVolumeClaim, claimName: child.name } } };
}
