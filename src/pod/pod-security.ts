import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { FsGroupChangePolicy } from 'cdk8s-plus-28';
import type { RenderedMount } from './pod-template';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { DEFAULT_GROUP, WorkloadSecurityOptions } from '../container/security';

/** A mount of a PersistentVolumeClaim the container may write. @internal */
export function isWritableClaim(m: RenderedMount): boolean {
  const claim = m.volume.persistentVolumeClaim;
  return claim !== undefined && m.readOnly !== true && claim.readOnly !== true;
}

/**
 * The pod-level part of the security options: the group that owns the volumes
 * (`fsGroup`, defaulted to the pod's group when a claim is mounted writable, because a
 * new PersistentVolume belongs to root and the non-root default user could not write
 * it), when the kubelet changes ownership, and the supplemental groups.
 *
 * cdk8s-plus takes the pod security context only when the workload is constructed, and
 * the default depends on the mounts, known once the containers are added; so the
 * fields are set on cdk8s-plus's own `PodSecurityContext` object, which then reads true
 * (`deployment.securityContext.fsGroup`) and renders them. cdk8s-plus has no
 * `supplementalGroups`: that one is a patch.
 *
 * @internal
 */
export function applyPodSecurity(
  workload: kplus.AbstractPod, apiObject: ApiObject, podSpecPath: string,
  security: WorkloadSecurityOptions, writableClaims: boolean, problems: Problems,
): void {
  const groupOk = (field: string, v: number | undefined) => problems.integer(field, v, 0);
  groupOk('security.fsGroup', security.fsGroup);
  problems.oneOf('security.fsGroupChangePolicy', security.fsGroupChangePolicy, Object.values(FsGroupChangePolicy));
  const supplemental = security.supplementalGroups ?? [];
  supplemental.forEach((g, i) => groupOk(`security.supplementalGroups[${i}]`, g));

  const fsGroup = security.fsGroup ?? (writableClaims ? security.group ?? DEFAULT_GROUP : undefined);
  if (fsGroup === undefined && security.fsGroupChangePolicy !== undefined) {
    problems.badValue('security.fsGroupChangePolicy', security.fsGroupChangePolicy,
      'only applies with an fsGroup, and there is none (no fsGroup given, and no container mounts a PersistentVolumeClaim writable)', 'Set fsGroup, or remove it');
  }
  if (fsGroup !== undefined) {
    Object.assign(workload.securityContext, {
      fsGroup,
      fsGroupChangePolicy: security.fsGroupChangePolicy ?? FsGroupChangePolicy.ON_ROOT_MISMATCH,
    });
  }
  if (supplemental.length > 0) Patches.podSupplementalGroups(apiObject, podSpecPath, [...supplemental]);
}
