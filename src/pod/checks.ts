import type { ContainerSpec, ListPositions } from './pod-template';
import {
  DNS_SUBDOMAIN_TEXT, ENV_NAME_TEXT, INT32_MAX, compareQuantities, fieldPathProblem, isDnsSubdomain, isEnvVarName,
  resourceDivisorProblem, resourceFieldProblem,
} from '../common/formats';
import { showNamespace } from '../common/namespace';
import { Problems, show } from '../common/validation';
import type { EnvFromSource, EnvVar } from '../container/env';
import { EnvSource } from '../container/env';
import type { ConfigOrigin } from '../container/origin';
import type { ResourceQuantities } from '../container/resources';
import type { WorkloadSecurityOptions } from '../container/security';
import { VolumeSource } from '../container/volume';
import { HealthCheck } from '../health/health-check';

/**
 * The checks of one container that the API server or the kubelet would otherwise be
 * the first to make, and the guards against what JavaScript callers (and jsii hosts)
 * can pass that the types do not allow. Pure functions over the container's props, so
 * any construct that renders containers can call them.
 *
 * @internal
 */

/**
 * The list at `field`, without holes: each `null`/`undefined` entry (and a value that is
 * not a list at all) is a problem, and what remains is returned.
 */
export function listOf<T>(problems: Problems, field: string, list: T[] | undefined, what: string): T[] | undefined {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) {
    problems.badValue(field, list, `must be a list of ${what}`);
    return undefined;
  }
  if (!list.some(x => x === undefined || x === null)) return list;
  list.forEach((x, i) => {
    if (x === undefined || x === null) problems.badValue(`${field}[${i}]`, x, `must be ${what}; remove the empty entry`);
  });
  return list.filter(x => x !== undefined && x !== null);
}

/**
 * The entries of the list at `field` as `listOf` checks it, each with its index in the
 * list as given (holes counted), so a message about an entry after a hole names that
 * entry and not the one before it. Empty when the list is unset or not a list.
 */
export function listEntries<T>(problems: Problems, field: string, list: T[] | undefined, what: string): [T, number][] {
  if (listOf(problems, field, list, what) === undefined) return [];
  return (list as T[]).flatMap((x, i): [T, number][] => (x === undefined || x === null ? [] : [[x, i]]));
}

/**
 * `listOf` (the list without its holes, undefined when unset or not a list), with the
 * index each of its entries had in the list as written (`places`, holes counted) and
 * `at(i)` to read it, for messages about an entry.
 */
export function listPlaces<T>(problems: Problems, field: string, list: T[] | undefined, what: string): {
  list?: T[]; places: number[]; at: (i: number) => number;
} {
  const entries = listEntries(problems, field, list, what);
  const places = entries.map(([, i]) => i);
  return { list: Array.isArray(list) ? entries.map(([x]) => x) : undefined, places, at: i => places[i] ?? i };
}

/**
 * The options object at `field`: `null` is read as unset, as `listOf` reads a `null`
 * list, and a value that is not an object (a string, a number, a list) is a problem and
 * read as unset, so the checks after it never meet a property of `null` or of a string.
 */
export function objectOf<T extends object>(problems: Problems, field: string, value: T | undefined, what: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.badValue(field, value, `must be ${what}`);
    return undefined;
  }
  return value;
}

/**
 * A container's props with every list cleaned (see `listOf`) and every value that must
 * be an object of this library (an EnvSource, a VolumeSource, a HealthCheck) checked, so
 * that rendering never meets a hole or a plain object where it expects a class.
 */
export function cleanContainer(c: ContainerSpec, problems: Problems): ContainerSpec {
  const field = (f: string) => (c.field ? `${c.field}.${f}` : f);
  const positions: { -readonly [list in keyof ListPositions]: number[] } = {};
  // The entries of a list that are kept: no hole, and `ok` (which reports what it refuses);
  // each one's index as written is kept too.
  type Ok<T> = (x: T, f: string) => boolean;
  const kept = <T>(list: keyof ListPositions, given: T[] | undefined, what: string, ok: Ok<T> = () => true): T[] | undefined => {
    const entries = listEntries(problems, field(list), given, what).filter(([x, i]) => ok(x, field(`${list}[${i}]`)));
    if (!Array.isArray(given)) return undefined;
    // Composed with the positions the list came with (containerList has left out the holes of ports already).
    positions[list] = entries.map(([, i]) => c.positions?.[list]?.[i] ?? i);
    return entries.map(([x]) => x);
  };
  const isString = (s: unknown, f: string) => typeof s === 'string' || (problems.badValue(f, s, 'must be a string'), false);
  const env = kept<EnvVar>('env', c.env, 'an environment variable ({ name, value } or { name, valueFrom })', (e, f) => {
    if (typeof e !== 'object') {
      problems.badValue(f, e, 'must be an environment variable ({ name, value } or { name, valueFrom })');
      return false;
    }
    if (e.valueFrom !== undefined && !(e.valueFrom instanceof EnvSource)) {
      problems.badValue(`${f}.valueFrom`, e.valueFrom, 'must be made with EnvSource.secretKey/configMapKey/fieldRef/resourceField, or ConfigMap/Secret.envValue');
      return false;
    }
    if (e.value !== undefined && typeof e.value !== 'string') {
      problems.badValue(`${f}.value`, e.value, 'must be a string; write numbers and booleans as strings, such as "8080" or "true"');
      return false;
    }
    return true;
  });
  const volumes = kept('volumes', c.volumes, 'a volume ({ name, mountPath, source })', (v, f) => {
    if (typeof v !== 'object' || !(v.source instanceof VolumeSource)) {
      problems.badValue(`${f}.source`, typeof v === 'object' ? v.source : v, 'must be made with VolumeSource.* or ConfigMap/Secret.asVolume');
      return false;
    }
    return true;
  });
  const check = (f: string, h: HealthCheck | undefined) => {
    if (h === undefined || h === null || h instanceof HealthCheck) return h ?? undefined;
    problems.badValue(field(f), h, 'must be made with HealthCheck.fromHttpGet/fromTcpSocket/fromCommand/fromGrpc');
    return undefined;
  };
  return {
    ...c,
    command: kept('command', c.command, 'a string', isString),
    args: kept('args', c.args, 'a string', isString),
    env,
    envFrom: kept<EnvFromSource>('envFrom', c.envFrom, 'made with EnvFromSource.configMap/secret or ConfigMap/Secret.envFrom'),
    ports: kept('ports', c.ports, 'a port ({ containerPort, name, protocol })'),
    volumes,
    writablePaths: kept('writablePaths', c.writablePaths, 'a string', isString),
    liveness: check('livenessProbe', c.liveness),
    readiness: check('readinessProbe', c.readiness),
    startup: check('startupProbe', c.startup),
    positions,
  };
}

/**
 * The field of entry `i` of a container's list `list` (as `cleanContainer` left it),
 * numbered as the user wrote the list, holes and refused entries counted.
 *
 * @internal
 */
export function entryField(c: ContainerSpec, list: keyof ListPositions, i: number): string {
  const f = `${list}[${c.positions?.[list]?.[i] ?? i}]`;
  return c.field ? `${c.field}.${f}` : f;
}

/**
 * The rules the API server applies to a container's env, envFrom and resources that
 * the rendering does not already check: fieldRef paths and resourceFieldRef resources
 * (and divisors) as the server allows them, referenced ConfigMap and Secret names,
 * envFrom prefixes, and limits that are not below their requests.
 */
export function checkContainerRules(c: ContainerSpec, problems: Problems): void {
  const field = (f: string) => (c.field ? `${c.field}.${f}` : f);
  (c.env ?? []).forEach((e, i) => {
    const from = e.valueFrom;
    if (!from) return;
    const f = `${entryField(c, 'env', i)}.valueFrom.${from.kind}`;
    const ref = from._ref() as { name?: string; key?: string; fieldPath?: string; resource?: string; divisor?: string };
    if (from.kind === 'fieldRef') {
      const bad = fieldPathProblem(ref.fieldPath);
      if (bad) problems.badValue(`${f}.fieldPath`, ref.fieldPath, bad);
    } else if (from.kind === 'resourceFieldRef') {
      const bad = resourceFieldProblem(ref.resource);
      if (bad) {problems.badValue(`${f}.resource`, ref.resource, bad);} else {
        const badDivisor = resourceDivisorProblem(ref.resource!, ref.divisor);
        if (badDivisor) problems.badValue(`${f}.divisor`, ref.divisor, badDivisor);
      }
    } else if (!isDnsSubdomain(ref.name)) {
      problems.badValue(`${f}.name`, ref.name, `must be ${DNS_SUBDOMAIN_TEXT}: the name of the ${from.kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'}`);
    } else {
      problems.yamlSafe(`${f}.name`, ref.name);
    }
  });
  (c.envFrom ?? []).forEach((e, i) => {
    if (e.prefix !== undefined && e.prefix !== '' && !isEnvVarName(e.prefix)) {
      problems.badValue(`${entryField(c, 'envFrom', i)}.prefix`, e.prefix, `must be a valid start of a variable name: ${ENV_NAME_TEXT}`);
    }
  });
  checkLimitsNotBelowRequests(problems, field, c.requests, c.limits);
}

/** Each limit at least its request (the API server's rule). */
export function checkLimitsNotBelowRequests(
  problems: Problems, field: (f: string) => string, requests?: ResourceQuantities, limits?: ResourceQuantities,
): void {
  for (const key of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    const request = requests?.[key];
    const limit = limits?.[key];
    if (typeof request !== 'string' || typeof limit !== 'string') continue;
    const cmp = compareQuantities(limit, request);
    if (cmp !== undefined && cmp < 0) {
      problems.badValue(field(`limits.${key}`), limit, `must be at least the request (${show(request)}): Kubernetes rejects a limit below its request`, 'Raise the limit or lower the request');
    }
  }
}

/** The pod's user and group ids, and `runAsNonRoot` against a root user. */
export function checkSecurityOptions(problems: Problems, security: WorkloadSecurityOptions): void {
  for (const key of ['user', 'group'] as const) {
    problems.integer(`security.${key}`, security[key], 0, INT32_MAX);
  }
  if (security.user === 0 && (security.runAsNonRoot ?? true) && !security.useImageUser) {
    problems.badValue('security.user', 0, 'is root, but runAsNonRoot is true (the default): the kubelet refuses to start such a container', 'Use a non-zero UID, or set `runAsNonRoot: false` to run as root knowingly');
  }
}

/** The volume kinds the "restricted" Pod Security Standard allows. */
const RESTRICTED_VOLUME_KINDS = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/**
 * Why a volume kind is not allowed under the workload's security options, or undefined.
 * hostPath needs `allowHostPath`, NFS needs `allowNfs`.
 */
export function restrictedVolumeProblem(kind: string, security: WorkloadSecurityOptions): string | undefined {
  if (RESTRICTED_VOLUME_KINDS.includes(kind)) return undefined;
  if (kind === 'hostPath') {
    return security.allowHostPath === true ? undefined
      : 'a hostPath volume is forbidden by the "restricted" and "baseline" Pod Security Standards; set `security: { allowHostPath: true }` to opt out knowingly';
  }
  if (kind === 'nfs') {
    return security.allowNfs === true ? undefined
      : `an nfs volume is forbidden by the "restricted" Pod Security Standard, which allows only ${RESTRICTED_VOLUME_KINDS.join(', ')} volumes; set \`security: { allowNfs: true }\` to opt out knowingly (the namespace must then allow "baseline")`;
  }
  return `a ${kind} volume is forbidden by the "restricted" Pod Security Standard, which allows only ${RESTRICTED_VOLUME_KINDS.join(', ')} volumes`;
}

/**
 * Every ConfigMap and Secret of this library that the container reads must be in the
 * pod's namespace: a pod cannot read another namespace's, and would not start.
 */
export function checkConfigNamespaces(c: ContainerSpec, podNamespace: string | undefined, problems: Problems): void {
  const check = (f: string, origin: ConfigOrigin | undefined) => {
    if (!origin || origin.namespace === podNamespace) return;
    problems.badValue(f, origin.name,
      `the ${origin.kind} ${JSON.stringify(origin.name)} (created at ${origin.path}) is in ${showNamespace(origin.namespace)}, but this workload is in ${showNamespace(podNamespace)}: a pod can only read ConfigMaps and Secrets of its own namespace`,
      `Create the ${origin.kind} in the workload's namespace (in the same chart, or a chart with the same namespace)`);
  };
  (c.env ?? []).forEach((e, i) => e.valueFrom && check(`${entryField(c, 'env', i)}.valueFrom.${e.valueFrom.kind}.name`, e.valueFrom._origin));
  (c.envFrom ?? []).forEach((e, i) => check(`${entryField(c, 'envFrom', i)}.${e.kind}.name`, e._origin));
  (c.volumes ?? []).forEach((v, i) => check(`${entryField(c, 'volumes', i)}.${v.source.kind}`, v.source._origin));
}
