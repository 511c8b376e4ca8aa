import { ApiObject, ApiObjectMetadataDefinition, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { checkConfigNamespaces, checkContainerRules, checkSecurityOptions, cleanContainer, listOf, restrictedVolumeProblem } from './checks';
import { EnvFromSource, EnvVar } from './env';
import { ContainerPortSpec, ImagePullPolicy, Protocol } from './image';
import { ContainerLifecycle, LifecycleHook } from './lifecycle';
import { DeclaredPort } from './port';
import { ResourceQuantities } from './resources';
import { WorkloadSecurityOptions, containerSecurityContext } from './security';
import { WorkloadVolume } from './volume';
import {
  DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT, ENV_NAME, ENV_NAME_TEXT, IMAGE_TEXT,
  PORT_NAME_TEXT, QUANTITY_TEXT, isImageReference, isPortName, isQuantity,
} from '../common/formats';
import { prune } from '../common/json';
import { checkServicesSelectFromOwnNamespace } from '../common/namespace';
import { Problems } from '../common/validation';
import { CONFIG_HASH_ANNOTATION, configConsumption } from '../config/consumption';
import { looksLikeCredential, credentialLiteralMessage } from '../config/hygiene';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheckRole, HttpScheme } from '../health/handler';
import { HealthCheck, resolvePort } from '../health/health-check';

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
  /** Extra pod-level volumes (already rendered), e.g. from another shared piece. */
  readonly extraVolumes?: Record<string, unknown>[];
  /**
   * Annotate the pod template with the hash of the data its containers read from
   * ConfigMaps and Secrets created in this app (`checksum/config`), so that a change
   * rolls the pods. Default true; a workload's opt-out prop maps onto this.
   */
  readonly configHash?: boolean;
}

/**
 * Adds the containers to a cdk8s-plus workload and writes, as JSON patches on its
 * ApiObject, the fields cdk8s-plus cannot express exactly (quantity strings as given,
 * probes with every timing and named ports, env sources, every volume kind, pull
 * secrets) or fills with hidden defaults (1 CPU / 512Mi requests, `imagePullPolicy:
 * Always`, an implicit TCP startup probe). Returns the problems found.
 *
 * @internal
 */
export function applyPodTemplate(
  workload: kplus.AbstractPod | kplus.Workload | kplus.CronJob, apiObject: ApiObject, spec: PodTemplateSpec,
): Problems {
  const problems = new Problems();
  const security = spec.security ?? {};
  checkSecurityOptions(problems, security);
  // Holes and foreign objects in the lists (from JavaScript or a jsii host) are reported, then left out.
  const containers = spec.containers.map(c => cleanContainer(c, problems));
  const initContainers = (spec.initContainers ?? []).map(c => cleanContainer(c, problems));
  const namespace = apiObject.metadata.namespace ?? Chart.of(apiObject).namespace;
  for (const c of [...containers, ...initContainers]) checkConfigNamespaces(c, namespace, problems);
  checkServicesSelectFromOwnNamespace(workload, () => podMetadataOf(workload).toJson().labels ?? {}, namespace);
  const volumes = new Map<string, { json: Record<string, unknown>; field: string }>();
  const containerNames = new Set<string>();

  for (const v of spec.extraVolumes ?? []) volumes.set(v.name as string, { json: v, field: 'volumes' });

  const each = (list: ContainerSpec[], kind: 'containers' | 'initContainers') => {
    list.forEach((c, i) => {
      const field = (f: string) => (c.field ? `${c.field}.${f}` : f);
      if (containerNames.has(c.name)) problems.badValue(field('name'), c.name, 'must be unique among the pod\'s containers');
      containerNames.add(c.name);
      const rendered = renderContainer(c, kind === 'initContainers' && !c.sidecar, spec.healthDefaults, security, problems);

      for (const v of rendered.volumes) {
        const seen = volumes.get(v.name as string);
        if (seen && JSON.stringify(seen.json) !== JSON.stringify(v)) {
          problems.badValue(field('volumes.name'), v.name, `is already used for a different volume (at ${seen.field}); volume names must be unique in the pod`);
        }
        volumes.set(v.name as string, { json: v, field: field('volumes') });
      }
      for (const volumeKind of new Set(rendered.volumes.map(v => Object.keys(v).find(k => k !== 'name')!))) {
        const forbidden = restrictedVolumeProblem(volumeKind, security);
        if (forbidden) problems.add(field('volumes'), forbidden);
      }

      const props: kplus.ContainerProps = {
        name: c.name,
        image: c.image,
        command: c.command,
        args: c.args,
        workingDir: c.workingDir,
        // No implicit requests: resources are patched in exactly as given.
        resources: {},
        securityContext: { ensureNonRoot: true }, // replaced as a whole below
        restartPolicy: c.sidecar ? kplus.ContainerRestartPolicy.ALWAYS : undefined,
      };
      if (kind === 'containers') addContainer(workload, props);
      else addInitContainer(workload, props);
      const base = `${spec.podSpecPath}/${kind}/${i}`;
      apiObject.addJsonPatch(JsonPatch.remove(`${base}/imagePullPolicy`));
      for (const [key, value] of Object.entries(encodeForTypedImport(rendered.fields))) {
        if (value !== undefined) apiObject.addJsonPatch(JsonPatch.add(`${base}/${key}`, value));
      }
    });
  };
  each(containers, 'containers');
  each(initContainers, 'initContainers');

  // ConfigMaps and Secrets created in this app: consumed keys must exist, and the pods
  // carry the hash of exactly the data they read.
  const config = configConsumption([...containers, ...initContainers]);
  problems.merge('', config.problems);
  if (config.hash !== undefined && spec.configHash !== false) {
    podMetadataOf(workload).addAnnotation(CONFIG_HASH_ANNOTATION, config.hash);
  }

  if (volumes.size > 0) {
    const list = [...volumes.values()].map(v => v.json as Record<string, any>).map(v =>
      (v.emptyDir?.sizeLimit !== undefined ? { ...v, emptyDir: { ...v.emptyDir, sizeLimit: { value: v.emptyDir.sizeLimit } } } : v));
    apiObject.addJsonPatch(JsonPatch.add(`${spec.podSpecPath}/volumes`, list));
  }
  // cdk8s-plus labels pods with their construct path, which changes (and rolls the
  // pods) when a construct is moved or renamed; our selector does not need it.
  apiObject.addJsonPatch(JsonPatch.remove(`${templateMetadataPath(spec.podSpecPath)}/labels/cdk8s.io~1metadata.addr`));
  const secrets = listOf(problems, 'imagePullSecrets', spec.imagePullSecrets, 'the name of a Secret') ?? [];
  secrets.forEach((s, i) => problems.pattern(`imagePullSecrets[${i}]`, s, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT));
  if (secrets.length > 0) {
    apiObject.addJsonPatch(JsonPatch.add(`${spec.podSpecPath}/imagePullSecrets`, secrets.map(name => ({ name }))));
  }
  return problems;
}

/**
 * The cdk8s-plus objects render through the typed `k8s` imports, which read quantities
 * and int-or-string ports as `{ value }` wrappers after our patches are applied. So a
 * patch writes those fields in that form; the YAML shows the plain values.
 */
function encodeForTypedImport(fields: Record<string, any>): Record<string, any> {
  const wrap = (v: unknown) => (v === undefined ? undefined : { value: v });
  const wrapAll = (o?: Record<string, unknown>) => (o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, wrap(v)])) : undefined);
  const portOf = (handler: any) => (handler?.port !== undefined ? { ...handler, port: wrap(handler.port) } : handler);
  const probe = (p: any) => (p ? { ...p, httpGet: portOf(p.httpGet), tcpSocket: portOf(p.tcpSocket) } : undefined);
  const hook = (h: any) => (h ? { ...h, httpGet: portOf(h.httpGet) } : undefined);
  return {
    ...fields,
    resources: fields.resources ? { requests: wrapAll(fields.resources.requests), limits: wrapAll(fields.resources.limits) } : undefined,
    env: fields.env?.map((e: any) => (e.valueFrom?.resourceFieldRef?.divisor !== undefined
      ? { ...e, valueFrom: { resourceFieldRef: { ...e.valueFrom.resourceFieldRef, divisor: wrap(e.valueFrom.resourceFieldRef.divisor) } } }
      : e)),
    livenessProbe: probe(fields.livenessProbe),
    readinessProbe: probe(fields.readinessProbe),
    startupProbe: probe(fields.startupProbe),
    lifecycle: fields.lifecycle ? { postStart: hook(fields.lifecycle.postStart), preStop: hook(fields.lifecycle.preStop) } : undefined,
  };
}

/** The metadata of the pods a workload makes (or of the pod itself). @internal */
export function podMetadataOf(workload: kplus.AbstractPod | kplus.Workload | kplus.CronJob): ApiObjectMetadataDefinition {
  // A Workload is an AbstractPod too: its own metadata is the controller's, not the pods'.
  return workload instanceof kplus.Workload ? workload.podMetadata : workload.metadata;
}

/** "/spec/template/spec" -> "/spec/template/metadata". */
function templateMetadataPath(podSpecPath: string): string {
  return podSpecPath.replace(/\/spec$/, '/metadata');
}

function addContainer(w: any, props: kplus.ContainerProps): kplus.Container {
  return w.addContainer(props);
}
function addInitContainer(w: any, props: kplus.ContainerProps): kplus.Container {
  return w.addInitContainer(props);
}

/**
 * Checks one container and renders the fields the shared code owns.
 *
 * @internal
 */
export function renderContainer(
  c: ContainerSpec, isInit: boolean, defaults: HealthCheckDefaults, security: WorkloadSecurityOptions, problems: Problems,
): { fields: Record<string, unknown>; volumes: Record<string, any>[]; ports: DeclaredPort[] } {
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
  (c.ports ?? []).forEach((p, i) => {
    const f = field(`ports[${i}]`);
    problems.requiredInteger(`${f}.containerPort`, p.containerPort, 1, 65535, 'the port number the container listens on, 1..65535');
    problems.oneOf(`${f}.protocol`, p.protocol, Object.values(Protocol));
    if (p.name !== undefined) {
      if (!isPortName(p.name)) problems.badValue(`${f}.name`, p.name, `must be ${PORT_NAME_TEXT}`);
      else problems.yamlSafe(`${f}.name`, p.name);
      if (names.has(p.name)) problems.badValue(`${f}.name`, p.name, 'must be unique among the container\'s ports');
      names.add(p.name);
    }
    const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
    if (numbers.has(key)) problems.badValue(`${f}.containerPort`, p.containerPort, `is declared twice for ${p.protocol ?? 'TCP'}`);
    numbers.add(key);
    ports.push({ name: p.name, containerPort: p.containerPort, protocol: p.protocol });
  });

  // Env
  const envNames = new Set<string>();
  const env = (c.env ?? []).map((e, i) => {
    const f = field(`env[${i}]`);
    if (typeof e.name !== 'string' || !ENV_NAME.test(e.name)) problems.badValue(`${f}.name`, e.name, `must be ${ENV_NAME_TEXT}`);
    else if (envNames.has(e.name)) problems.badValue(`${f}.name`, e.name, 'is set twice; each variable may appear once');
    envNames.add(e.name);
    if (e.value !== undefined && e.valueFrom !== undefined) {
      problems.add(f, `${JSON.stringify(e.name)} has both a value and a valueFrom source; give one or the other`);
    } else if (e.value && e.allowLiteralCredential !== true && typeof e.name === 'string' && looksLikeCredential(e.name)) {
      problems.add(`${f}.value`, credentialLiteralMessage(e.name));
    }
    return { name: e.name, value: e.value, valueFrom: e.valueFrom?._toKube() };
  });
  const envFrom = (c.envFrom ?? []).map((e, i) => {
    problems.pattern(field(`envFrom[${i}].name`), e.sourceName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    return { prefix: e.prefix, [e.kind]: { name: e.sourceName, optional: e.optional } };
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
        : /^-/.test(v) || Number.parseFloat(v) === 0 ? 'must be greater than zero' : undefined;
      if (problem) {
        problems.badValue(field(`${kind}.${key}`), v, problem);
        reported.add(`${key}=${v}`);
      }
    }
    return out;
  };
  const requests = quantities(c.requests, 'requests');
  const limits = quantities(c.limits, 'limits');

  // Volumes and mounts
  const volumes: Record<string, any>[] = [];
  const mounts: Record<string, unknown>[] = [];
  const mountPaths = new Set<string>();
  (c.volumes ?? []).forEach((v, i) => {
    const f = field(`volumes[${i}]`);
    problems.pattern(`${f}.name`, v.name, DNS_LABEL, DNS_LABEL_TEXT);
    checkMountPath(`${f}.mountPath`, v.mountPath, mountPaths, problems);
    if (v.subPath !== undefined && (v.subPath.startsWith('/') || v.subPath.split('/').includes('..'))) {
      problems.badValue(`${f}.subPath`, v.subPath, 'must be a relative path without ".."');
    }
    const src = v.source._spec();
    checkVolumeSource(`${f}`, v.source.kind, src, problems);
    volumes.push({ name: v.name, [v.source.kind]: prune(src) });
    mounts.push({ name: v.name, mountPath: v.mountPath, subPath: v.subPath, readOnly: v.readOnly });
  });
  (c.writablePaths ?? []).forEach((p, i) => {
    const name = writableVolumeName(c.name, p);
    checkMountPath(field(`writablePaths[${i}]`), p, mountPaths, problems);
    volumes.push({ name, emptyDir: {} });
    mounts.push({ name, mountPath: p });
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
    return r.probe;
  };

  const lifecycle = c.lifecycle ? {
    postStart: renderHook(field('lifecycle.postStart'), c.lifecycle.postStart, ports, problems),
    preStop: renderHook(field('lifecycle.preStop'), c.lifecycle.preStop, ports, problems),
  } : undefined;

  return {
    ports,
    volumes,
    fields: prune({
      imagePullPolicy: c.imagePullPolicy,
      ports: ports.length ? ports.map(p => ({ containerPort: p.containerPort, name: p.name, protocol: p.protocol })) : undefined,
      env: env.length ? env : undefined,
      envFrom: envFrom.length ? envFrom : undefined,
      resources: requests || limits ? { requests, limits } : undefined,
      volumeMounts: mounts.length ? mounts : undefined,
      livenessProbe: probe(c.liveness, HealthCheckRole.LIVENESS, 'livenessProbe'),
      readinessProbe: probe(c.readiness, HealthCheckRole.READINESS, 'readinessProbe'),
      startupProbe: probe(c.startup, HealthCheckRole.STARTUP, 'startupProbe'),
      lifecycle,
      stdin: c.stdin || undefined,
      tty: c.tty || undefined,
      securityContext: containerSecurityContext(security),
    }),
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
