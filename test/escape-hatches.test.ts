// The children a construct exposes (`deployment`, `service`, `autoscaler`, `cronJobs` ...)
// are cdk8s-plus objects that carry what the construct renders: reading them gives the
// truth, and what a user adds through the cdk8s-plus API lands in the YAML next to what
// the construct wrote. Each JSON patch of common/patches.ts is shown here to keep a
// user's addition to the same object.
import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ServiceType } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ContainerPilotConfig, EnvFromSource, HealthCheck, JobGraph, NetworkPeer, PortReference, ServiceTrafficPolicy, VolumeSource, WebApp, Worker,
} from '../src';
import { newChart, ofKind, synth } from './support/synth';

const SELECTOR = { 'app.kubernetes.io/instance': 'mailer', 'app.kubernetes.io/name': 'mailer' };

function worker(chart: Chart): Worker {
  return new Worker(chart, 'mailer', {
    image: 'mailer:1.0',
    env: [{ name: 'A', value: '1' }],
    envFrom: [EnvFromSource.configMap('settings', 'S_', true)],
    ports: [{ name: 'http', containerPort: 8080 }],
    cpu: '0.5',
    memory: '1Gi',
    volumes: [{ name: 'cache', mountPath: '/cache', source: VolumeSource.emptyDir({ sizeLimit: '64Mi' }) }],
    readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('http') }),
  });
}

const podSpec = (d: any) => d.spec.template.spec;
const only = (objs: any[], kind: string) => {
  const list = ofKind(objs, kind);
  expect(list).toHaveLength(1);
  return list[0];
};

describe('Worker.deployment tells the truth and keeps what is added through it', () => {
  test('the container reports the image, env, envFrom, ports and mounts the construct rendered', () => {
    const w = worker(newChart());
    const c = w.deployment.containers[0];
    expect(c.image).toBe('mailer:1.0');
    expect(Object.keys(c.env.variables)).toEqual(['A']);
    expect(c.env.variables.A.value).toBe('1');
    expect(c.env.sources).toHaveLength(1);
    expect(c.ports).toEqual([{ number: 8080, name: 'http', protocol: undefined }]);
    expect(c.mounts.map(m => [m.path, m.volume.name])).toEqual([['/cache', 'cache']]);
  });

  test('an env var, an envFrom source, a port and a volume added through the container land next to the construct\'s (with the resources, envFrom optional and imagePullPolicy patches)', () => {
    const chart = newChart();
    const c = worker(chart).deployment.containers[0];
    c.env.addVariable('B', kplus.EnvValue.fromValue('2'));
    c.env.copyFrom(kplus.Env.fromSecret(kplus.Secret.fromSecretName(chart, 'creds', 'creds')));
    c.addPort({ number: 9090, name: 'admin' });
    c.mount('/data', kplus.Volume.fromEmptyDir(chart, 'data', 'data', { sizeLimit: Size.mebibytes(10) }));
    const d = only(synth(chart), 'Deployment');
    const rendered = podSpec(d).containers[0];
    expect(rendered.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(rendered.envFrom).toEqual([
      { prefix: 'S_', configMapRef: { name: 'settings', optional: true } },
      { secretRef: { name: 'creds' } },
    ]);
    expect(rendered.ports).toEqual([{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9090 }]);
    expect(rendered.volumeMounts).toEqual([{ name: 'cache', mountPath: '/cache' }, { name: 'data', mountPath: '/data' }]);
    expect(podSpec(d).volumes).toEqual([
      { name: 'cache', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'data', emptyDir: { sizeLimit: '10Mi' } },
    ]);
    // Patched fields of the same container: quantities exactly as written, no pull policy.
    expect(rendered.resources).toEqual({ requests: { cpu: '0.5', memory: '1Gi' }, limits: { cpu: '0.5', memory: '1Gi' } });
    expect(rendered.imagePullPolicy).toBeUndefined();
    expect(rendered.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
  });

  test('a plain cdk8s-plus Service with `selector: worker.deployment` selects the worker\'s pods', () => {
    const chart = newChart();
    const w = worker(chart);
    new kplus.Service(chart, 'svc', { selector: w.deployment, ports: [{ port: 80, targetPort: 8080 }] });
    const objs = synth(chart);
    expect(only(objs, 'Service').spec.selector).toEqual(SELECTOR);
    expect(only(objs, 'Deployment').spec.template.metadata.labels).toMatchObject(SELECTOR);
  });

  test('exposeViaService takes the container ports the construct declared', () => {
    const chart = newChart();
    worker(chart).deployment.exposeViaService({ name: 'mailer-svc' });
    const svc = only(synth(chart), 'Service');
    expect(svc.spec.selector).toEqual(SELECTOR);
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080 }]);
  });

  test('scheduling.spread() keeps replicas apart by the worker\'s own labels', () => {
    const chart = newChart();
    worker(chart).deployment.scheduling.spread();
    const affinity = podSpec(only(synth(chart), 'Deployment')).affinity;
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: SELECTOR }, topologyKey: 'kubernetes.io/hostname' },
    ]);
  });

  test('scheduling.colocate() with another worker selects that worker\'s pods', () => {
    const chart = newChart();
    const w = worker(chart);
    const cache = new Worker(chart, 'cache', { image: 'redis:7' });
    w.deployment.scheduling.colocate(cache.deployment);
    const d = ofKind(synth(chart), 'Deployment').find(o => o.metadata.name === 'mailer');
    expect(podSpec(d).affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector)
      .toEqual({ matchLabels: cache.selectorLabels });
  });

  test('connections.isolate() and allowFrom() write NetworkPolicies that select the worker\'s pods', () => {
    const chart = newChart();
    const w = worker(chart);
    const client = new Worker(chart, 'client', { image: 'client:1' });
    w.deployment.connections.isolate();
    w.deployment.connections.allowFrom(client.deployment);
    const policies = ofKind(synth(chart), 'NetworkPolicy');
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const p of policies.filter(x => x.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'mailer')) {
      expect(p.spec.podSelector).toEqual({ matchLabels: SELECTOR });
    }
    const ingress = policies.flatMap(p => p.spec.ingress ?? []).flatMap((i: any) => i.from ?? []);
    expect(ingress).toContainEqual({ podSelector: { matchLabels: client.selectorLabels } });
  });

  test('a Pods query by the selector labels and the PodMonitor select the same pods', () => {
    const chart = newChart();
    const w = new Worker(chart, 'mailer', {
      image: 'mailer:1.0',
      ports: [{ name: 'metrics', containerPort: 9100 }],
      metrics: { port: PortReference.fromName('metrics') },
    });
    const pods = kplus.Pods.select(chart, 'pods', { labels: w.selectorLabels });
    w.deployment.connections.allowFrom(pods);
    const objs = synth(chart);
    expect(objs.find(o => o.kind === 'PodMonitor').spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(w.deployment.toPodSelectorConfig().labelSelector.isEmpty()).toBe(false);
  });

  test('moving the construct changes neither the selector nor the pod template', () => {
    const a = newChart();
    new Worker(a, 'mailer', { image: 'mailer:1.0' });
    const b = newChart();
    const group = new Construct(b, 'moved');
    new Worker(group, 'mailer', { image: 'mailer:1.0' });
    const da = only(synth(a), 'Deployment');
    const db = ofKind(synth(b), 'Deployment')[0];
    expect(db.spec.selector).toEqual(da.spec.selector);
    expect(db.spec.template).toEqual(da.spec.template);
    expect(JSON.stringify(da)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('a rolling-update strategy with int-or-string values (the `strategy` prop)', () => {
    const chart = newChart();
    new Worker(chart, 'mailer', {
      image: 'mailer:1.0',
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.percent(0),
      }),
    });
    expect(only(synth(chart), 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } });
  });

  test('an extended resource through a JSON patch on the child: values in the `{ value }` form of the typed imports', () => {
    const chart = newChart();
    const w = worker(chart);
    ApiObject.of(w.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', { value: 1 }));
    const rendered = podSpec(only(synth(chart), 'Deployment')).containers[0];
    expect(rendered.resources.limits).toEqual({ 'cpu': '0.5', 'memory': '1Gi', 'nvidia.com/gpu': 1 });
  });
});

describe('WebApp children', () => {
  function app(chart: Chart): WebApp {
    return new WebApp(chart, 'shop', {
      containers: [{
        name: 'web',
        image: 'shop:1.0',
        ports: [{ name: 'http', containerPort: 8080 }],
        requests: { cpu: '250m', memory: '128Mi' },
        stdin: true,
        tty: true,
      }],
      imagePullSecrets: ['registry'],
      service: {
        type: ServiceType.NODE_PORT,
        externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
        ports: [{ port: 80, targetPort: PortReference.fromName('http'), name: 'http' }],
      },
      autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 },
    });
  }

  test('a volume and a port added to the container survive the stdin/tty, resources and imagePullSecrets patches', () => {
    const chart = newChart();
    const w = app(chart);
    const c = w.deployment.containers[0];
    c.mount('/tmp', kplus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
    c.addPort({ number: 9000, name: 'admin' });
    w.deployment.addVolume(kplus.Volume.fromEmptyDir(chart, 'spare', 'spare'));
    const spec = podSpec(only(synth(chart), 'Deployment'));
    expect(spec.containers[0]).toMatchObject({
      stdin: true,
      tty: true,
      resources: { requests: { cpu: '250m', memory: '128Mi' } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }],
    });
    expect(spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['tmp', 'spare']);
  });

  test('a port bound on the Service survives the named targetPort, externalIPs and externalTrafficPolicy patches', () => {
    const chart = newChart();
    const w = app(chart);
    w.service!.bind(9000, { name: 'admin', targetPort: 9000 });
    const svc = only(synth(chart), 'Service');
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ]);
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
    expect(svc.spec.externalIPs).toBeUndefined();
    expect(svc.spec.selector).toEqual(w.selectorLabels);
  });

  test('the autoscaler targets the Deployment, without cdk8s-plus\'s own behavior', () => {
    const chart = newChart();
    const w = app(chart);
    expect(w.autoscaler!.target).toBe(w.deployment);
    const hpa = only(synth(chart), 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' });
    expect(hpa.spec.behavior).toBeUndefined();
  });

  test('an ingress rule added to the child Ingress routes to the app\'s Service', () => {
    const chart = newChart();
    const w = new WebApp(chart, 'shop', {
      containers: [{ name: 'web', image: 'shop:1.0', ports: [{ name: 'http', containerPort: 8080 }] }],
      ingress: { rules: [{ host: 'shop.example.com' }] },
    });
    w.ingress!.addHostRule('admin.example.com', '/', kplus.IngressBackend.fromService(w.service!, { port: 8080 }));
    const ing = only(synth(chart), 'Ingress');
    expect(ing.spec.rules.map((r: any) => r.host)).toEqual(['shop.example.com', 'admin.example.com']);
  });
});

describe('JobGraph children', () => {
  const config = ContainerPilotConfig.fromJson5(JSON.stringify({
    jobs: [
      { name: 'web', exec: '/bin/web', restarts: 'unlimited', port: 8080, health: { exec: '/bin/check', interval: 5, ttl: 10 } },
      { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
    ],
  }));

  test('an env var added to the CronJob\'s container survives the startingDeadlineSeconds removal; its Service selects the pods', () => {
    const chart = newChart();
    const g = new JobGraph(chart, 'shop', { image: 'shop:1.0', config, detachable: ['backup'] });
    g.cronJobs[0].containers[0].env.addVariable('B', kplus.EnvValue.fromValue('2'));
    g.deployment.containers[0].env.addVariable('C', kplus.EnvValue.fromValue('3'));
    const objs = synth(chart);
    const cron = only(objs, 'CronJob');
    expect(cron.spec.startingDeadlineSeconds).toBeUndefined();
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].env).toContainEqual({ name: 'B', value: '2' });
    expect(podSpec(only(objs, 'Deployment')).containers[0].env).toContainEqual({ name: 'C', value: '3' });
    expect(only(objs, 'Service').spec.selector).toEqual(g.selectorLabels);
    expect(JSON.stringify(cron)).not.toContain('cdk8s.io/metadata.addr');
  });
});

describe('one set of Service rules for every construct', () => {
  test('WebApp and ServiceWithHealthchecks agree on a Service port name: a lower-case RFC 1123 label, so "metrics-endpoint1" is allowed', () => {
    const chart = newChart();
    const w = new WebApp(chart, 'shop', {
      containers: [{ name: 'web', image: 'shop:1.0', ports: [{ name: 'http', containerPort: 8080 }] }],
      service: { ports: [{ port: 80, name: 'metrics-endpoint1', targetPort: PortReference.fromName('http') }] },
    });
    expect(only(synth(chart), 'Service').spec.ports[0].name).toBe('metrics-endpoint1');
    expect(w.service).toBeDefined();
  });
});

describe('NetworkPolicy child', () => {
  test('a rule added through the child keeps the construct\'s named port (networkPolicyNamedPort patch) and lands after it', () => {
    const chart = newChart();
    const w = new Worker(chart, 'mailer', {
      image: 'mailer:1.0',
      ports: [{ name: 'http', containerPort: 8080 }],
      networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.namespace('edge'), ports: [PortReference.fromName('http')] }] },
    });
    w.networkPolicy!.addIngressRule(kplus.Pods.select(chart, 'Scraper', { labels: { app: 'scraper' } }), [kplus.NetworkPolicyPort.tcp(8080)]);
    const policy = only(synth(chart), 'NetworkPolicy');
    expect(policy.spec.podSelector).toEqual({ matchLabels: SELECTOR });
    expect(policy.spec.ingress.map((r: any) => r.ports)).toEqual([[{ port: 'http', protocol: 'TCP' }], [{ port: 8080, protocol: 'TCP' }]]);
  });
});
