// The apps the benchmark synthesizes, twice: once with this library, once hand-written
// with cdk8s-plus-28 directly (and a plain ApiObject for the ServiceWithHealthchecks
// custom resource). Both sides describe the same objects; `normalize` (below) removes
// the differences the library makes on purpose, so `compareSides` can check that they do.
import { createHash } from 'crypto';
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  EnvVar, HealthCheck, HttpScheme, PortReference, Secret, ServiceProbe, ServiceWithHealthchecks, Worker, WebApp, WorkloadVolume,
} from 'cdk8s-workloads';

/**
 * Which apps a run synthesizes: the mix (Worker, WebApp, Worker + SWH in turn), only
 * WebApps, or the credentials mix: the same apps as the mix, each with a Secret of its own
 * that its workload consumes as an environment variable and as files (both sides: it is
 * compared with the mix, to show what the Secrets and the secret checks cost, and the
 * hand-written side shows what the same bigger output costs without the library), or
 * `secrets`: N Secrets, each consumed by a Worker of its own (library side only: the
 * shape that made the secret-leak check quadratic).
 */
export type Mix = 'mix' | 'webapp' | 'credentials' | 'secrets';
/** Which side builds them. */
export type Side = 'library' | 'hand';

/** The kind of app number `i` in a mix. */
export function kindOf(mix: Mix, i: number): 'worker' | 'webapp' | 'swh' {
  if (mix === 'webapp') return 'webapp';
  if (mix === 'secrets') return 'worker';
  return (['worker', 'webapp', 'swh'] as const)[i % 3];
}

/**
 * How the apps are laid out: all in one chart (cdk8s renders and validates once), or
 * one chart per app (cdk8s 2.70 re-validates the whole app for every chart it renders,
 * so that layout is quadratic in N whoever builds the objects).
 */
export type Layout = 'one-chart' | 'chart-per-app';

/** Adds app number `i` under `scope`. */
export function addApp(scope: Construct, side: Side, mix: Mix, i: number): void {
  const kind = kindOf(mix, i);
  const app = new Construct(scope, `app-${i}`);
  if (mix === 'secrets') {
    if (side !== 'library') throw new Error(`the ${mix} mix has a library side only`);
    LIBRARY[kind](app, i, credentials(app, i));
  } else if (mix === 'credentials') {
    if (side === 'library') LIBRARY[kind](app, i, credentials(app, i));
    else HAND_WRITTEN[kind](app, i, handCredentials(app, i));
  } else {
    (side === 'library' ? LIBRARY[kind] : HAND_WRITTEN[kind])(app, i);
  }
}

/** Builds N apps in a fresh App writing to `outdir`. */
export function buildApp(side: Side, mix: Mix, n: number, outdir: string, layout: Layout = 'one-chart'): App {
  const app = new App({ outdir });
  const shared = layout === 'one-chart' ? new Chart(app, 'apps') : undefined;
  for (let i = 0; i < n; i++) addApp(shared ?? new Chart(app, `chart-${i}`), side, mix, i);
  return app;
}

/** What a workload of the credentials mix adds: its Secret as an env var and as files. */
interface Credentials {
  readonly env: EnvVar[];
  readonly volumes: WorkloadVolume[];
}

/** The Secret data of app number `i` of the credentials mix (both sides). */
function credentialsData(i: number): Record<string, string> {
  return { 'password': `pw-${i}-correct-horse-battery`, 'tls.key': `-----BEGIN PRIVATE KEY-----\nkey-${i}\n-----END PRIVATE KEY-----\n` };
}

function credentials(scope: Construct, i: number): Credentials {
  const secret = new Secret(scope, 'credentials', { name: `app-${i}-credentials`, data: credentialsData(i) });
  return {
    env: [{ name: 'DB_PASSWORD', valueFrom: secret.envValue('password') }],
    volumes: [{ name: 'credentials', mountPath: '/etc/credentials', source: secret.asVolume() }],
  };
}

type Builder = (scope: Construct, i: number, creds?: Credentials) => void;
type HandBuilder = (scope: Construct, i: number, creds?: HandCredentials) => void;

// ---------------------------------------------------------------------------------------
// The library side: what a user of cdk8s-workloads writes.
// ---------------------------------------------------------------------------------------

function libraryWorker(chart: Construct, i: number, creds?: Credentials): Worker {
  return new Worker(chart, 'worker', {
    name: `worker-${i}`,
    image: `ghcr.io/example/worker-${i}:1.0`,
    command: ['run', '--queue', `q${i}`],
    cpu: '250m',
    memory: '256Mi',
    ports: [{ name: 'metrics', containerPort: 9090 }],
    env: [{ name: 'QUEUE', value: `q${i}` }, ...creds?.env ?? []],
    volumes: creds?.volumes,
    livenessProbe: HealthCheck.fromHttpGet('/healthz', { port: PortReference.fromName('metrics'), scheme: HttpScheme.HTTP }),
    writablePaths: ['/tmp'],
  });
}

function libraryWebApp(chart: Construct, i: number, creds?: Credentials): WebApp {
  return new WebApp(chart, 'web', {
    name: `web-${i}`,
    containers: [{
      name: 'web',
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ name: 'http', containerPort: 8080 }],
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
      env: creds?.env,
      volumes: creds?.volumes,
      writablePaths: ['/tmp'],
      livenessProbe: HealthCheck.fromHttpGet('/', { port: PortReference.fromName('http'), scheme: HttpScheme.HTTP }),
      // readiness: the WebApp's default TCP check on "http".
    }],
    service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
    ingress: { rules: [{ host: `web-${i}.example.com`, path: '/' }] },
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
  });
}

/**
 * The third kind of app: an HTTP API Worker behind a ServiceWithHealthchecks whose probe
 * is the container's readiness check (the service-with-healthchecks example's pattern).
 */
function libraryWorkerBehindSwh(chart: Construct, i: number, creds?: Credentials): void {
  const ready = HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('http'), scheme: HttpScheme.HTTP });
  const api = new Worker(chart, 'api', {
    name: `api-${i}`,
    image: `registry.example.com/shop/api-${i}:2.3.1`,
    replicas: 3,
    ports: [{ name: 'http', containerPort: 8080 }],
    cpu: '250m',
    memory: '256Mi',
    env: creds?.env,
    volumes: creds?.volumes,
    readinessProbe: ready,
  });
  new ServiceWithHealthchecks(chart, 'svc', {
    name: `api-${i}`,
    workload: api,
    ports: [{ name: 'http', port: 80, targetPort: PortReference.fromName('http') }],
    probes: [ServiceProbe.fromHealthCheck(ready)],
  });
}

const LIBRARY: Record<'worker' | 'webapp' | 'swh', Builder> = {
  worker: libraryWorker,
  webapp: libraryWebApp,
  swh: libraryWorkerBehindSwh,
};

// ---------------------------------------------------------------------------------------
// The hand-written side: the same objects with cdk8s-plus-28, written the way its docs
// show, with every default the library writes spelled out by hand.
// ---------------------------------------------------------------------------------------

const SECONDS = (s: number) => Duration.seconds(s);

function labels(name: string, component: string) {
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  return {
    selector,
    all: { ...selector, 'app.kubernetes.io/component': component, 'app.kubernetes.io/managed-by': 'cdk8s-workloads' },
  };
}

/**
 * What a workload of the credentials mix adds, hand-written: the Secret, and what its
 * workload needs to read it (an env var, a volume mounted at /etc/credentials, and the
 * rollout hash annotation).
 */
interface HandCredentials {
  readonly env: Record<string, kplus.EnvValue>;
  readonly mount: kplus.VolumeMount;
  readonly podAnnotations: Record<string, string>;
}

/**
 * The credentials of app number `i` as a careful cdk8s-plus user writes them to get the
 * library's output: the Secret as a `KubeSecret`, because `kplus.Secret` writes only
 * `stringData` and no `type` (the library writes base64 `data`, `type: Opaque` and its
 * recommended labels), referenced by name for the env var and the volume.
 */
function handCredentials(scope: Construct, i: number): HandCredentials {
  const name = `app-${i}-credentials`;
  const data = credentialsData(i);
  new kplus.k8s.KubeSecret(scope, 'credentials', {
    metadata: { name, labels: labels(name, 'secret').all },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    type: 'Opaque',
  });
  const secret = kplus.Secret.fromSecretName(scope, 'credentials-ref', name);
  return {
    env: { DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }) },
    mount: { path: '/etc/credentials', volume: kplus.Volume.fromSecret(scope, 'credentials-volume', secret, { name: 'credentials' }) },
    // The env var reads "password"; the volume reads every key, so the hash covers all of them.
    podAnnotations: { 'checksum/config': configHash('Secret', name, data, Object.keys(data)) },
  };
}

/**
 * The `checksum/config` pod annotation, computed as the library computes it
 * (src/pod/consumption.ts): SHA-256, in hex, of the JSON of the sorted list of
 * [JSON of [kind, name, key], value] pairs, for exactly the keys the pod reads.
 */
function configHash(kind: string, name: string, data: Record<string, string>, keys: string[]): string {
  const material = keys.map(k => [JSON.stringify([kind, name, k]), data[k]] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

/** The restricted-PSS container security context the library writes by default. */
const RESTRICTED: kplus.ContainerSecurityContextProps = {
  ensureNonRoot: true,
  user: 25000,
  group: 26000,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
};

/**
 * The library's default spread for a workload of more than one pod (hosts, then zones,
 * ScheduleAnyway), as a cdk8s-plus user writes it: a JSON patch, since cdk8s-plus has no
 * topology spread constraints.
 */
function handSpread(deployment: kplus.Deployment, selector: Record<string, string>): void {
  const constraint = (topologyKey: string) => ({ labelSelector: { matchLabels: selector }, maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway' });
  ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints',
    [constraint('kubernetes.io/hostname'), constraint('topology.kubernetes.io/zone')]));
}

function handWorker(chart: Construct, i: number, creds?: HandCredentials): kplus.Deployment {
  const name = `worker-${i}`;
  const l = labels(name, 'worker');
  const deployment = new kplus.Deployment(chart, 'worker', {
    metadata: { name, labels: l.all },
    podMetadata: { labels: l.all, annotations: creds?.podAnnotations },
    replicas: 1,
    select: false,
    securityContext: { ensureNonRoot: true },
    containers: [{
      name,
      image: `ghcr.io/example/worker-${i}:1.0`,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: ['run', '--queue', `q${i}`],
      ports: [{ name: 'metrics', number: 9090 }],
      envVariables: { QUEUE: kplus.EnvValue.fromValue(`q${i}`), ...creds?.env },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(250) },
        memory: { request: cdk8sSize(256), limit: cdk8sSize(256) },
      },
      liveness: kplus.Probe.fromHttpGet('/healthz', {
        port: 9090,
        initialDelaySeconds: SECONDS(0),
        periodSeconds: SECONDS(10),
        timeoutSeconds: SECONDS(1),
        successThreshold: 1,
        failureThreshold: 3,
      }),
      securityContext: RESTRICTED,
      volumeMounts: [...creds ? [creds.mount] : [], { path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'tmp', `${name}-rw-tmp`) }],
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: l.selector }));
  return deployment;
}

function handWebApp(chart: Construct, i: number, creds?: HandCredentials): void {
  const name = `web-${i}`;
  const l = labels(name, 'web-app');
  const deployment = new kplus.Deployment(chart, 'Deployment', {
    metadata: { name, labels: l.all },
    podMetadata: { labels: l.all, annotations: creds?.podAnnotations },
    select: false,
    securityContext: { ensureNonRoot: true },
    containers: [{
      name: 'web',
      image: 'nginxinc/nginx-unprivileged:1.27',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ name: 'http', number: 8080 }],
      envVariables: creds?.env,
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
        memory: { request: cdk8sSize(128), limit: cdk8sSize(256) },
      },
      liveness: kplus.Probe.fromHttpGet('/', {
        port: 8080,
        initialDelaySeconds: SECONDS(3),
        periodSeconds: SECONDS(10),
        timeoutSeconds: SECONDS(1),
        successThreshold: 1,
        failureThreshold: 3,
      }),
      readiness: kplus.Probe.fromTcpSocket({
        port: 8080,
        initialDelaySeconds: SECONDS(15),
        periodSeconds: SECONDS(10),
        timeoutSeconds: SECONDS(1),
        successThreshold: 1,
        failureThreshold: 3,
      }),
      securityContext: RESTRICTED,
      volumeMounts: [...creds ? [creds.mount] : [], { path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'tmp', 'web-rw-tmp') }],
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: l.selector }));
  handSpread(deployment, l.selector);
  handBudget(chart, name, l);

  const service = new kplus.Service(chart, 'Service', {
    metadata: { name, labels: l.all },
    type: kplus.ServiceType.CLUSTER_IP,
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: kplus.Protocol.TCP }],
  });
  for (const [k, v] of Object.entries(l.selector)) service.selectLabel(k, v);

  const ingress = new kplus.Ingress(chart, 'Ingress', { metadata: { name, labels: l.all } });
  ingress.addHostRule(`web-${i}.example.com`, '/', kplus.IngressBackend.fromService(service, { port: 80 }), kplus.HttpIngressPathType.PREFIX);

  new kplus.HorizontalPodAutoscaler(chart, 'Autoscaler', {
    metadata: { name, labels: l.all },
    target: deployment,
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  });
}

/**
 * The third kind of app, hand-written (see `libraryWorkerBehindSwh`): the Worker's
 * Deployment with cdk8s-plus, and the ServiceWithHealthchecks as a plain ApiObject, which
 * is how a cdk8s user writes a custom resource without generated types.
 */
function handWorkerBehindSwh(chart: Construct, i: number, creds?: HandCredentials): void {
  const name = `api-${i}`;
  const l = labels(name, 'worker');
  const deployment = new kplus.Deployment(chart, 'api', {
    metadata: { name, labels: l.all },
    podMetadata: { labels: l.all, annotations: creds?.podAnnotations },
    replicas: 3,
    select: false,
    securityContext: { ensureNonRoot: true },
    containers: [{
      name,
      image: `registry.example.com/shop/api-${i}:2.3.1`,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ name: 'http', number: 8080 }],
      envVariables: creds?.env,
      volumeMounts: creds ? [creds.mount] : undefined,
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(250) },
        memory: { request: cdk8sSize(256), limit: cdk8sSize(256) },
      },
      readiness: kplus.Probe.fromHttpGet('/ready', {
        port: 8080,
        initialDelaySeconds: SECONDS(0),
        periodSeconds: SECONDS(10),
        timeoutSeconds: SECONDS(1),
        successThreshold: 1,
        failureThreshold: 3,
      }),
      securityContext: RESTRICTED,
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: l.selector }));
  handSpread(deployment, l.selector);
  handBudget(chart, name, l);
  new ApiObject(chart, 'svc', {
    apiVersion: 'network.deckhouse.io/v1alpha1',
    kind: 'ServiceWithHealthchecks',
    metadata: { name, labels: labels(name, 'service').all },
    spec: {
      type: 'ClusterIP',
      selector: l.selector,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      healthcheck: {
        initialDelaySeconds: 10,
        periodSeconds: 10,
        probes: [{
          mode: 'HTTP',
          http: { targetPort: 8080, path: '/ready', method: 'GET', scheme: 'HTTP' },
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        }],
      },
    },
  });
}

/**
 * The PodDisruptionBudget the library writes by default for a workload of 2 or more
 * replicas (or an autoscaler minimum of 2 or more): maxUnavailable 1, unhealthy pods
 * always evictable, selecting the workload's pods. cdk8s-plus-28 has no class for it.
 */
function handBudget(chart: Construct, name: string, l: ReturnType<typeof labels>): void {
  new kplus.k8s.KubePodDisruptionBudget(chart, 'DisruptionBudget', {
    metadata: { name, labels: l.all },
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: l.selector }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
}

const HAND_WRITTEN: Record<'worker' | 'webapp' | 'swh', HandBuilder> = {
  worker: handWorker,
  webapp: handWebApp,
  swh: handWorkerBehindSwh,
};

/** A cdk8s Size in MiB, which renders as "<n>Mi". */
function cdk8sSize(mebibytes: number): Size {
  return Size.mebibytes(mebibytes);
}

// ---------------------------------------------------------------------------------------
// The fairness check
// ---------------------------------------------------------------------------------------

/**
 * The differences the library makes on purpose, each removed from BOTH sides before
 * they are compared. Everything else must be equal, field for field.
 */
export const INTENDED_DIFFERENCES: { what: string; why: string }[] = [
  {
    what: 'pod template label "cdk8s.io/metadata.addr"',
    why: 'cdk8s-plus labels pods with their construct path; the library removes it, because moving or renaming a construct would otherwise change the pod template and roll every pod',
  },
  {
    what: 'container imagePullPolicy',
    why: 'cdk8s-plus always writes one (its default is Always); the library writes none unless asked, so Kubernetes\' own default applies (Always for :latest, IfNotPresent otherwise). Hand-written code cannot omit it, so it is dropped from both sides',
  },
  {
    what: 'named ports in probes and Service targetPort',
    why: 'the library keeps the port name the user wrote ("http"), so the probe follows the container port if its number changes; cdk8s-plus probes and Service ports take numbers only. Names are resolved to the container port number on both sides',
  },
  {
    what: 'Service spec.externalIPs: []',
    why: 'cdk8s-plus always writes an empty list; the library removes it',
  },
  {
    what: 'HorizontalPodAutoscaler spec.behavior',
    why: 'cdk8s-plus writes scale-up/scale-down policies of its own; the library removes them so the Kubernetes defaults apply, as in ACK',
  },
];

/** One object with the intended differences removed (see INTENDED_DIFFERENCES). */
export function normalize(obj: any): any {
  const o = JSON.parse(JSON.stringify(obj));
  const podSpec = o.spec?.template?.spec;
  if (podSpec) {
    delete o.spec.template.metadata?.labels?.['cdk8s.io/metadata.addr'];
    for (const c of [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])]) {
      delete c.imagePullPolicy;
      const byName = new Map<string, number>((c.ports ?? []).filter((p: any) => p.name).map((p: any) => [p.name, p.containerPort]));
      for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
        const handler = probe?.httpGet ?? probe?.tcpSocket;
        if (handler && typeof handler.port === 'string' && byName.has(handler.port)) handler.port = byName.get(handler.port);
      }
    }
  }
  if (o.kind === 'Service' && o.apiVersion === 'v1') {
    if (Array.isArray(o.spec.externalIPs) && o.spec.externalIPs.length === 0) delete o.spec.externalIPs;
  }
  if (o.kind === 'HorizontalPodAutoscaler') delete o.spec.behavior;
  return o;
}

/** Named Service target ports, resolved against the Deployments of the same app. */
function resolveServiceTargets(objects: any[]): any[] {
  const portsByName = new Map<string, number>();
  for (const o of objects) {
    for (const c of o.spec?.template?.spec?.containers ?? []) {
      for (const p of c.ports ?? []) if (p.name) portsByName.set(`${o.metadata.name}/${p.name}`, p.containerPort);
    }
  }
  for (const o of objects) {
    if (o.kind !== 'Service' || o.apiVersion !== 'v1') continue;
    const app = o.spec.selector?.['app.kubernetes.io/name'];
    for (const p of o.spec.ports ?? []) {
      const n = portsByName.get(`${app}/${p.targetPort}`);
      if (typeof p.targetPort === 'string' && n !== undefined) p.targetPort = n;
    }
  }
  return objects;
}

/** Every object of one app, normalized, in a stable order. */
export function normalizedObjects(app: App): any[] {
  const objs = app.charts.flatMap(c => c.toJson()).map(normalize);
  resolveServiceTargets(objs);
  const key = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
  return objs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Builds N apps on both sides and returns the differences left after normalization, as
 * readable lines (empty when the two sides produce the same objects).
 */
export function compareSides(mix: Mix, n: number, layout: Layout = 'one-chart'): { objects: number; differences: string[] } {
  const lib = normalizedObjects(buildApp('library', mix, n, '/dev/null', layout));
  const hand = normalizedObjects(buildApp('hand', mix, n, '/dev/null', layout));
  const differences: string[] = [];
  if (lib.length !== hand.length) differences.push(`object count: library ${lib.length}, hand-written ${hand.length}`);
  for (let i = 0; i < Math.max(lib.length, hand.length); i++) {
    diff(`${lib[i]?.kind ?? hand[i]?.kind}/${lib[i]?.metadata?.name ?? hand[i]?.metadata?.name}`, lib[i], hand[i], differences);
  }
  return { objects: lib.length, differences };
}

function diff(path: string, a: any, b: any, out: string[]): void {
  if (out.length > 50) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(`${path}.${k}`, a[k], b[k], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: library ${JSON.stringify(a)}, hand-written ${JSON.stringify(b)}`);
}
