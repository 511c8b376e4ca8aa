import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePullPolicy, Protocol } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkConfigNamespaces, checkContainerRules, checkSecurityOptions, cleanContainer, entryField, listPlaces, restrictedVolumeProblem } from './checks';
import { resolveClaim } from './claims';
import { CONFIG_HASH_ANNOTATION, configConsumption } from './consumption';
import { applyPodSecurity, isWritableClaim } from './pod-security';
import { renderedPodLabels } from './selection';
import {
  DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT, ENV_NAME, ENV_NAME_TEXT, IMAGE_TEXT,
  PORT_NAME_TEXT, QUANTITY_TEXT, isImageReference, isPortName, isQuantity, isWholeQuantity,
} from '../common/formats';
import { prune } from '../common/json';
import { checkServicesSelectFromOwnNamespace } from '../common/namespace';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { looksLikeCredential, credentialLiteralMessage } from '../config/hygiene';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec } from '../container/image';
import { DeclaredPort } from '../container/port';
import { ResourceQuantities } from '../container/resources';
import { WorkloadSecurityOptions, containerSecurityContext } from '../container/security';
import { WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheckRole, HttpScheme } from '../health/handler';
import { HealthCheck, resolvePort } from '../health/health-check';
import { ContainerLifecycle, LifecycleHook } from '../health/lifecycle';

/**
 * Everything the shared code needs to know about one container. Worker, WebApp and the
 * jobs construct each map their own props onto this, so that one piece of code renders
 * and checks every container the library emits.
 *
 * @internal
 */
export interface ContainerSpec {
  /** Field prefix for messages ("" for a single-container construct, "containers[1]" ...). */
  readonly field: string;
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy?: ImagePullPolicy;
  readonly command?: string[];
  readonly args?: string[];
  readonly workingDir?: string;
  readonly env?: EnvVar[];
  readonly envFrom?: EnvFromSource[];
  readonly ports?: ContainerPortSpec[];
  readonly requests?: ResourceQuantities;
  readonly limits?: ResourceQuantities;
  readonly volumes?: WorkloadVolume[];
  readonly liveness?: HealthCheck;
  readonly readiness?: HealthCheck;
  readonly startup?: HealthCheck;
  readonly lifecycle?: ContainerLifecycle;
  readonly stdin?: boolean;
  readonly tty?: boolean;
  /** Native sidecar: an init container that keeps running (restartPolicy Always). */
  readonly sidecar?: boolean;
  /** Paths made writable with an emptyDir each (the root filesystem is read-only). */
  readonly writablePaths?: string[];
  /**
   * Set by `cleanContainer`, which leaves holes and bad entries out of the lists: where
   * each kept entry was in the list as written, so messages number it as the user did.
   */
  readonly positions?: ListPositions;
}

/** Of each cleaned list of a container, the index each kept entry had in the list as written. @internal */
export type ListPositions = { readonly [list in 'command' | 'args' | 'env' | 'envFrom' | 'ports' | 'volumes' | 'writablePaths']?: readonly number[] };

/** A volume a container mounts: the volume as written in the pod, and the mount. @internal */
export interface RenderedMount {
  readonly volume: Record<string, any>;
  /** The field of the mount, for messages. */
  readonly field?: string;
  /** The `volumeClaims` entry it mounts (`VolumeSource.volumeClaim`), resolved to the claim's name by `applyPodTemplate`. */
  readonly claim?: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

/** One container, checked, as cdk8s-plus takes it. @internal */
export interface RenderedContainer {
  readonly props: kplus.ContainerProps;
  readonly env: [string, kplus.EnvValue][];
  readonly envFrom: kplus.EnvFrom[];
  readonly mounts: RenderedMount[];
  readonly ports: DeclaredPort[];
  /** Requests and limits exactly as written, for Patches.resources. */
  readonly resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** @internal */
export interface PodTemplateSpec {
  readonly containers: ContainerSpec[];
  readonly initContainers?: ContainerSpec[];
  readonly imagePullSecrets?: string[];
  readonly security?: WorkloadSecurityOptions;
  readonly healthDefaults: HealthCheckDefaults;
  /** JSON pointer of the pod spec inside the object, e.g. "/spec/template/spec". */
  readonly podSpecPath: string;
  /**
   * Annotate the pod template with the hash of the data its containers read from
   * ConfigMaps and Secrets created in this app (`checksum/config`), so that a change
   * rolls the pods. Default true; a workload's opt-out prop maps onto this.
   */
  readonly configHash?: boolean;
  /**
   * Refuse a port that two containers running side by side declare (default true); a
   * construct that reports it in its own terms (JobGraph: two jobs on one port) opts out.
   */
  readonly portsAcrossContainers?: boolean;
}

/**
 * Checks the containers and adds them to a cdk8s-plus workload through its API: image,
 * command, args, working directory, ports, env and envFrom, volumes and mounts, probes,
 * lifecycle hooks and security context. What cdk8s-plus cannot express is written by the
 * patches of `common/patches.ts`. Returns the problems found.
 *
 * @internal
 */
export function applyPodTemplate(workload: kplus.Workload, apiObject: ApiObject, spec: PodTemplateSpec): Problems {
  const problems = new Problems();
  const security = spec.security ?? {};
  checkSecurityOptions(problems, security);
  // Holes and foreign objects in the lists (from JavaScript or a jsii host) are reported, then left out.
  const containers = spec.containers.map(c => cleanContainer(c, problems));
  const initContainers = (spec.initContainers ?? []).map(c => cleanContainer(c, problems));
  const namespace = apiObject.metadata.namespace ?? Chart.of(apiObject).namespace;
  for (const c of [...containers, ...initContainers]) checkConfigNamespaces(c, namespace, problems);
  checkServicesSelectFromOwnNamespace(workload, () => renderedPodLabels(workload, spec.podSpecPath), namespace);
  const volumes = new Map<string, { json: string; field: string; volume: kplus.Volume }>();
  const containerNames = new Set<string>();
  // Ports of the containers that run side by side (app containers, native sidecars): they share one network namespace.
  const listening = new Map<string, string>();
  let writableClaims = false;

  const each = (list: ContainerSpec[], kind: 'containers' | 'initContainers') => {
    list.forEach((c, i) => {
      const field = (f: string) => (c.field ? `${c.field}.${f}` : f);
      if (containerNames.has(c.name)) problems.badValue(field('name'), c.name, 'must be unique among the pod\'s containers');
      containerNames.add(c.name);
      const rendered = renderContainer(c, kind === 'initContainers' && !c.sidecar, spec.healthDefaults, security, problems);

      if (spec.portsAcrossContainers !== false && (kind === 'containers' || c.sidecar)) {
        const own = new Set<string>();
        rendered.ports.forEach((p, j) => {
          const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
          const other = listening.get(key);
          if (other !== undefined && !own.has(key)) {
            problems.badValue(`${entryField(c, 'ports', j)}.containerPort`, p.containerPort, `is also declared by container ${JSON.stringify(other)} (${p.protocol ?? 'TCP'}); the containers of a pod share one network namespace, so only one of them can listen on it`);
          }
          own.add(key);
          if (other === undefined) listening.set(key, c.name);
        });
      }
      const container = kind === 'containers' ? workload.addContainer(rendered.props) : workload.addInitContainer(rendered.props);
      for (const [name, value] of rendered.env) container.env.addVariable(name, value);
      for (const from of rendered.envFrom) container.env.copyFrom(from);
      for (const rm of rendered.mounts) {
        const m = resolveClaim(workload, rm, problems);
        if (!m) continue;
        if (isWritableClaim(m)) writableClaims = true;
        const json = JSON.stringify(m.volume);
        const seen = volumes.get(m.volume.name);
        if (seen && seen.json !== json) {
          problems.badValue(field('volumes.name'), m.volume.name, `is already used for a different volume (at ${seen.field}); volume names must be unique in the pod`);
          continue;
        }
        const volume = seen?.volume ?? renderedVolume(workload, m.volume);
        if (!seen) volumes.set(m.volume.name, { json, field: field('volumes'), volume });
        container.mount(m.mountPath, volume, { readOnly: m.readOnly, subPath: m.subPath });
      }
      for (const volumeKind of new Set(rendered.mounts.map(m => Object.keys(m.volume).find(k => k !== 'name')!))) {
        const forbidden = restrictedVolumeProblem(volumeKind, security);
        if (forbidden) problems.add(field('volumes'), forbidden);
      }

      const path = `${spec.podSpecPath}/${kind}/${i}`;
      if (c.imagePullPolicy === undefined) Patches.removeImagePullPolicy(apiObject, path);
      if (rendered.resources) Patches.resources(apiObject, path, rendered.resources);
      Patches.stdinTty(apiObject, path, c.stdin, c.tty);
      (c.envFrom ?? []).forEach((e, j) => {
        if (e.optional !== undefined) Patches.envFromOptional(apiObject, path, j, e.kind, e.optional);
      });
    });
  };
  each(containers, 'containers');
  each(initContainers, 'initContainers');
  applyPodSecurity(workload, apiObject, spec.podSpecPath, security, writableClaims, problems);

  // ConfigMaps and Secrets created in this app: consumed keys must exist, and the pods
  // carry the hash of exactly the data they read.
  const config = configConsumption([...containers, ...initContainers]);
  problems.merge('', config.problems);
  if (config.hash !== undefined && spec.configHash !== false) {
    workload.podMetadata.addAnnotation(CONFIG_HASH_ANNOTATION, config.hash);
  }

  const { list: secrets = [], at } = listPlaces(problems, 'imagePullSecrets', spec.imagePullSecrets, 'the name of a Secret');
  secrets.forEach((s, i) => problems.pattern(`imagePullSecrets[${at(i)}]`, s, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT));
  if (secrets.length > 0) Patches.imagePullSecrets(apiObject, spec.podSpecPath, secrets);
  return problems;
}

/**
 * A cdk8s-plus Volume rendering exactly the volume source given. cdk8s-plus's factories
 * cannot express every field as written (an emptyDir's sizeLimit becomes Mi, NFS and
 * items options differ), so the Volume is built with the source object itself; it is a
 * real Volume, mounted through `container.mount`, and listed by the pod.
 */
function renderedVolume(scope: Construct, json: Record<string, any>): kplus.Volume {
  const { name, ...source } = json;
  const typed = source.emptyDir?.sizeLimit !== undefined
    ? { ...source, emptyDir: { ...source.emptyDir, sizeLimit: { value: source.emptyDir.sizeLimit } } }
    : source;
  const VolumeClass = kplus.Volume as unknown as new (scope: Construct, id: string, name: string, config: unknown) => kplus.Volume;
  return new VolumeClass(scope, `Volume-${name}`, name, typed);
}

/** A cdk8s-plus Probe that renders exactly the probe given (named ports, every handler). */
function renderedProbe(json: Record<string, any>): kplus.Probe {
  const typed = { ...json, httpGet: typedPort(json.httpGet), tcpSocket: typedPort(json.tcpSocket) };
  return Object.assign(Object.create(kplus.Probe.prototype), { _toKube: () => typed });
}

/** A cdk8s-plus Handler that renders exactly the lifecycle hook given. */
function renderedHandler(json: Record<string, any> | undefined): kplus.Handler | undefined {
  if (!json) return undefined;
  const typed = { ...json, httpGet: typedPort(json.httpGet) };
  return Object.assign(Object.create(kplus.Handler.prototype), { _toKube: () => typed });
}

/** The typed imports read an int-or-string port as `{ value }`. */
function typedPort(handler: any) {
  return handler?.port !== undefined ? { ...handler, port: { value: handler.port } } : handler;
}

/** An environment variable's value as a cdk8s-plus EnvValue. */
function envValue(e: EnvVar): kplus.EnvValue {
  if (!e.valueFrom) return kplus.EnvValue.fromValue(e.value as string);
  const ref = e.valueFrom._ref() as Record<string, any>;
  const named = (name: string) => ({ name }) as any;
  switch (e.valueFrom.kind) {
    case 'secretKeyRef':
      return kplus.EnvValue.fromSecretValue({ secret: named(ref.name), key: ref.key }, { optional: ref.optional });
    case 'configMapKeyRef':
      return kplus.EnvValue.fromConfigMap(named(ref.name), ref.key, { optional: ref.optional });
    case 'resourceFieldRef':
      return kplus.EnvValue.fromResource(ref.resource, {
        divisor: ref.divisor,
        container: ref.containerName !== undefined ? named(ref.containerName) : undefined,
      });
    default:
      // cdk8s-plus refuses a bare `metadata.labels` (it wants a key); Kubernetes decides.
      return Object.assign(Object.create(kplus.EnvValue.prototype), { value: undefined, valueFrom: e.valueFrom._toKube() });
  }
}

/**
 * Checks one container and renders it as cdk8s-plus container props, env values,
 * envFrom sources and mounts, plus the fields only a patch can write.
 *
 * @internal
 */
export function renderContainer(
  c: ContainerSpec, isInit: boolean, defaults: HealthCheckDefaults, security: WorkloadSecurityOptions, problems: Problems,
): RenderedContainer {
  const field = (f: string) => (c.field ? `${c.field}.${f}` : f);

  problems.pattern(field('name'), c.name, DNS_LABEL, DNS_LABEL_TEXT);
  if (typeof c.image !== 'string' || !isImageReference(c.image)) {
    problems.badValue(field('image'), c.image, `must be ${IMAGE_TEXT}`);
  }
  problems.oneOf(field('imagePullPolicy'), c.imagePullPolicy, Object.values(ImagePullPolicy));
  if (c.command && c.command.length === 0) problems.badValue(field('command'), c.command, 'must not be empty; leave it unset to use the image\'s entrypoint');
  checkContainerRules(c, problems);

  // Ports
  const ports: DeclaredPort[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  const kplusPorts: kplus.ContainerPort[] = [];
  (c.ports ?? []).forEach((p, i) => {
    const f = entryField(c, 'ports', i);
    problems.requiredInteger(`${f}.containerPort`, p.containerPort, 1, 65535, 'the port number the container listens on, 1..65535');
    problems.oneOf(`${f}.protocol`, p.protocol, Object.values(Protocol));
    if (p.name !== undefined) {
      if (!isPortName(p.name)) problems.badValue(`${f}.name`, p.name, `must be ${PORT_NAME_TEXT}`);
      else problems.yamlSafe(`${f}.name`, p.name);
      if (names.has(p.name)) problems.badValue(`${f}.name`, p.name, 'must be unique among the container\'s ports');
      names.add(p.name);
    }
    const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
    const twice = numbers.has(key) || (p.name !== undefined && kplusPorts.some(k => k.name === p.name));
    if (numbers.has(key)) problems.badValue(`${f}.containerPort`, p.containerPort, `is declared twice for ${p.protocol ?? 'TCP'}`);
    numbers.add(key);
    ports.push({ name: p.name, containerPort: p.containerPort, protocol: p.protocol });
    // cdk8s-plus throws on a repeated port; the problem above reports it instead.
    if (!twice) kplusPorts.push({ number: p.containerPort, name: p.name, protocol: p.protocol as unknown as kplus.Protocol });
  });

  // Env
  const envNames = new Set<string>();
  const env = (c.env ?? []).map((e, i) => {
    const f = entryField(c, 'env', i);
    if (typeof e.name !== 'string' || !ENV_NAME.test(e.name)) problems.badValue(`${f}.name`, e.name, `must be ${ENV_NAME_TEXT}`);
    else if (envNames.has(e.name)) problems.badValue(`${f}.name`, e.name, 'is set twice; each variable may appear once');
    envNames.add(e.name);
    if (e.value !== undefined && e.valueFrom !== undefined) {
      problems.add(f, `${JSON.stringify(e.name)} has both a value and a valueFrom source; give one or the other`);
    } else if (e.value && e.allowLiteralCredential !== true && typeof e.name === 'string' && looksLikeCredential(e.name)) {
      problems.add(`${f}.value`, credentialLiteralMessage(e.name));
    }
    return [e.name, envValue(e)] as [string, kplus.EnvValue];
  });
  const envFrom = (c.envFrom ?? []).map((e, i) => {
    problems.pattern(`${entryField(c, 'envFrom', i)}.name`, e.sourceName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    const source = { name: e.sourceName } as any;
    return e.kind === 'secretRef' ? new kplus.EnvFrom(undefined, e.prefix, source) : new kplus.EnvFrom(source, e.prefix, undefined);
  });

  // Resources
  // A bad value given once for both request and limit (KubeVela's cpu/memory) is reported once.
  const reported = new Set<string>();
  const quantities = (q: ResourceQuantities | undefined, kind: string) => {
    if (!q) return undefined;
    const out: Record<string, string> = {};
    for (const [key, name] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage']] as const) {
      const v = q[key];
      if (v === undefined) continue;
      out[name] = v;
      if (reported.has(`${key}=${v}`)) continue;
      const problem = typeof v !== 'string' || !isQuantity(v) ? `must be ${QUANTITY_TEXT}`
        : /^-/.test(v) || Number.parseFloat(v) === 0 ? 'must be greater than zero'
          // the API server refuses a fractional byte value ("250m" of memory is a quarter byte)
          : name !== 'cpu' && !isWholeQuantity(v) ? 'must be a whole number of bytes (such as "256Mi" or "1Gi"): the API server refuses a fractional byte value' : undefined;
      if (problem) {
        problems.badValue(field(`${kind}.${key}`), v, problem);
        reported.add(`${key}=${v}`);
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const requests = quantities(c.requests, 'requests');
  const limits = quantities(c.limits, 'limits');

  // Volumes and mounts
  const mounts: RenderedMount[] = [];
  const mountPaths = new Set<string>();
  (c.volumes ?? []).forEach((v, i) => {
    const f = entryField(c, 'volumes', i);
    if (v.name === undefined) problems.add(`${f}.name`, `is required: the volume's name, ${DNS_LABEL_TEXT}`);
    else problems.pattern(`${f}.name`, v.name, DNS_LABEL, DNS_LABEL_TEXT);
    // cdk8s-plus cannot make a Volume without a string name; the problem above is enough.
    if (typeof v.name !== 'string') return;
    checkMountPath(`${f}.mountPath`, v.mountPath, mountPaths, problems);
    if (v.subPath !== undefined && (v.subPath.startsWith('/') || v.subPath.split('/').includes('..'))) {
      problems.badValue(`${f}.subPath`, v.subPath, 'must be a relative path without ".."');
    }
    const src = v.source._spec();
    checkVolumeSource(`${f}`, v.source.kind, src, problems);
    mounts.push({
      volume: { name: v.name, [v.source.kind]: prune(src) },
      mountPath: v.mountPath,
      subPath: v.subPath,
      readOnly: v.readOnly,
      field: f,
      claim: v.source._claim,
    });
  });
  (c.writablePaths ?? []).forEach((p, i) => {
    const name = writableVolumeName(c.name, p);
    checkMountPath(entryField(c, 'writablePaths', i), p, mountPaths, problems);
    mounts.push({ volume: { name, emptyDir: {} }, mountPath: p });
  });

  // Health checks: init containers that run to completion cannot have any.
  const probe = (check: HealthCheck | undefined, role: HealthCheckRole, key: string) => {
    if (!check) return undefined;
    if (isInit) {
      problems.add(field(key), 'an init container that runs to completion cannot have health checks; make it a sidecar or move the check to an app container');
      return undefined;
    }
    const r = check._render(role, defaults, ports);
    problems.merge(field(key), r.problems);
    return renderedProbe(prune(r.probe));
  };

  if (isInit && c.lifecycle && (c.lifecycle.postStart || c.lifecycle.preStop)) {
    problems.add(field('lifecycle'), 'an init container that runs to completion cannot have lifecycle hooks (the API server refuses them); make it a sidecar or move the hooks to an app container');
  }
  const postStart = c.lifecycle ? renderHook(field('lifecycle.postStart'), c.lifecycle.postStart, ports, problems) : undefined;
  const preStop = c.lifecycle ? renderHook(field('lifecycle.preStop'), c.lifecycle.preStop, ports, problems) : undefined;
  const sc = containerSecurityContext(security);

  return {
    ports,
    env,
    envFrom,
    mounts,
    resources: requests || limits ? prune({ requests, limits }) : undefined,
    props: {
      name: c.name,
      image: c.image,
      imagePullPolicy: c.imagePullPolicy as unknown as kplus.ImagePullPolicy,
      command: c.command,
      args: c.args,
      workingDir: c.workingDir,
      ports: kplusPorts,
      // No hidden requests: resources are written exactly as given (Patches.resources).
      resources: {},
      liveness: probe(c.liveness, HealthCheckRole.LIVENESS, 'livenessProbe'),
      readiness: probe(c.readiness, HealthCheckRole.READINESS, 'readinessProbe'),
      startup: probe(c.startup, HealthCheckRole.STARTUP, 'startupProbe'),
      lifecycle: postStart || preStop ? { postStart: renderedHandler(prune(postStart)), preStop: renderedHandler(prune(preStop)) } : undefined,
      restartPolicy: c.sidecar ? kplus.ContainerRestartPolicy.ALWAYS : undefined,
      securityContext: {
        ensureNonRoot: sc.runAsNonRoot,
        user: sc.runAsUser,
        group: sc.runAsGroup,
        readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
        allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
        privileged: sc.privileged,
        capabilities: sc.capabilities as unknown as kplus.ContainerSecutiryContextCapabilities,
        seccompProfile: sc.seccompProfile as unknown as kplus.SeccompProfile,
      },
    },
  };
}

function renderHook(field: string, hook: LifecycleHook | undefined, ports: DeclaredPort[], problems: Problems) {
  if (!hook) return undefined;
  if (hook.kind === 'exec') {
    if (!hook.command || hook.command.length === 0 || hook.command[0].trim() === '') {
      problems.badValue(`${field}.exec.command`, hook.command ?? [], 'must name a program to run');
    }
    return { exec: { command: hook.command } };
  }
  const o = hook.httpOptions ?? {};
  if (!hook.path?.startsWith('/')) problems.badValue(`${field}.httpGet.path`, hook.path, 'must start with "/"');
  problems.oneOf(`${field}.httpGet.scheme`, o.scheme, Object.values(HttpScheme));
  const port = resolvePort(`${field}.httpGet.port`, o.port, ports, problems);
  return { httpGet: { path: hook.path, port, scheme: o.scheme, host: o.host, httpHeaders: o.headers?.map(h => ({ name: h.name, value: h.value })) } };
}

function checkMountPath(field: string, path: string, seen: Set<string>, problems: Problems) {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    problems.badValue(field, path, 'must be an absolute path (starting with "/")');
  } else if (path.includes(':')) {
    problems.badValue(field, path, 'must not contain ":"');
  } else if (seen.has(path)) {
    problems.badValue(field, path, 'is mounted twice in the same container');
  }
  seen.add(path);
}

function checkVolumeSource(field: string, kind: string, src: Record<string, any>, problems: Problems) {
  const mode = (f: string, m: number | undefined) => problems.integer(f, m, 0, 0o777);
  switch (kind) {
    case 'persistentVolumeClaim':
      problems.pattern(`${field}.claimName`, src.claimName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
      break;
    case 'configMap':
    case 'secret': {
      const nameField = kind === 'configMap' ? 'name' : 'secretName';
      problems.pattern(`${field}.${kind}.${nameField}`, src[nameField], DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
      mode(`${field}.${kind}.defaultMode`, src.defaultMode);
      (src.items ?? []).forEach((it: any, j: number) => {
        if (!it.key) problems.badValue(`${field}.${kind}.items[${j}].key`, it.key, 'must not be empty');
        if (!it.path || it.path.startsWith('/') || it.path.split('/').includes('..')) {
          problems.badValue(`${field}.${kind}.items[${j}].path`, it.path, 'must be a relative file path without ".."');
        }
        mode(`${field}.${kind}.items[${j}].mode`, it.mode);
      });
      break;
    }
    case 'emptyDir':
      if (src.sizeLimit !== undefined && !isQuantity(src.sizeLimit)) problems.badValue(`${field}.emptyDir.sizeLimit`, src.sizeLimit, `must be ${QUANTITY_TEXT}`);
      problems.oneOf(`${field}.emptyDir.medium`, src.medium, ['', 'Memory']);
      break;
    case 'hostPath':
      if (typeof src.path !== 'string' || !src.path.startsWith('/')) problems.badValue(`${field}.hostPath.path`, src.path, 'must be an absolute path on the node');
      break;
    case 'nfs':
      if (!src.server) problems.badValue(`${field}.nfs.server`, src.server, 'must name the NFS server (host name or IP)');
      if (typeof src.path !== 'string' || !src.path.startsWith('/')) problems.badValue(`${field}.nfs.path`, src.path, 'must be the absolute path of the export');
      break;
  }
}

/** A stable volume name for a writable path: "rw-" + the path as a DNS label. @internal */
export function writableVolumeName(container: string, path: string): string {
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
  return `${container}-rw-${slug}`.slice(0, 63).replace(/-+$/, '');
}
