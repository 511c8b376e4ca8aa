import { Chart } from 'cdk8s';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  EnvFromSource, EnvSource, HealthCheck, ISelectableWorkload, LifecycleHook, PortReference, ScheduledScaling,
  VolumeSource, WebApp, WorkloadContainer, ServiceTrafficPolicy, WebAppIngressPathType,
} from '../../src';
import { sharedReference, validateManifest } from '../support/manifests';
import { newChart, ofKind, synth } from '../support/synth';

const web: WorkloadContainer = {
  name: 'web',
  image: 'nginxinc/nginx-unprivileged:1.27',
  ports: [{ name: 'http', containerPort: 8080 }],
  requests: { cpu: '100m', memory: '64Mi' },
};

function one(objs: any[], kind: string): any {
  const list = ofKind(objs, kind);
  expect(list).toHaveLength(1);
  return list[0];
}
const podSpec = (objs: any[]) => one(objs, 'Deployment').spec.template.spec;

describe('Deployment', () => {
  test('has 1 replica by default, and the given count without autoscaling', () => {
    const chart = newChart();
    new WebApp(chart, 'a', { containers: [web] });
    new WebApp(chart, 'b', { containers: [web], replicas: 3 });
    const deployments = ofKind(synth(chart), 'Deployment');
    expect(deployments.map(d => d.spec.replicas)).toEqual([1, 3]);
  });

  test('has no replicas field when metric scaling is on', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], autoscaling: { maxReplicas: 5, cpuUtilization: 60 } });
    expect(one(synth(chart), 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('has no replicas field when only scheduled scaling is on', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule: '0 0 8 * * *', targetSize: 3 }] }),
    });
    expect(one(synth(chart), 'Deployment').spec).not.toHaveProperty('replicas');
  });

  test('carries workload and pod labels and annotations beside the recommended labels', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      labels: { team: 'shop' },
      annotations: { 'example.com/owner': 'shop' },
      podLabels: { tier: 'frontend' },
      podAnnotations: { 'example.com/scrape': 'false' },
    });
    const d = one(synth(chart), 'Deployment');
    expect(d.metadata.labels).toMatchObject({ 'team': 'shop', 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/component': 'web-app' });
    expect(d.metadata.annotations).toEqual({ 'example.com/owner': 'shop' });
    expect(d.spec.template.metadata.labels).toMatchObject({ 'tier': 'frontend', 'app.kubernetes.io/instance': 'app' });
    expect(d.spec.template.metadata.labels).not.toHaveProperty('team');
    expect(d.spec.template.metadata.annotations).toEqual({ 'example.com/scrape': 'false' });
  });

  test('leaks no cdk8s-plus defaults: no pull policy, no implicit resources or startup probe, restricted security', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27' }] });
    const c = podSpec(synth(chart)).containers[0];
    expect(c).not.toHaveProperty('imagePullPolicy');
    expect(c).not.toHaveProperty('resources');
    expect(c).not.toHaveProperty('startupProbe');
    expect(c.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 25000,
      runAsGroup: 26000,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('containers', () => {
  test('several app containers, an init container and a native sidecar, in order', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web, { name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],
      initContainers: [
        { name: 'migrate', image: 'ghcr.io/example/migrate:1', command: ['migrate', 'up'] },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.30', sidecar: true },
      ],
    });
    const spec = podSpec(synth(chart));
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web', 'log-shipper']);
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['migrate', undefined], ['proxy', 'Always']]);
  });

  test('image pull policy, pull secrets, stdin/tty, command/args, lifecycle hooks', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      imagePullSecrets: ['acr-credentials'],
      containers: [{
        ...web,
        imagePullPolicy: undefined,
        command: ['nginx'],
        args: ['-g', 'daemon off;'],
        stdin: true,
        tty: true,
        lifecycle: {
          postStart: LifecycleHook.fromCommand(['sh', '-c', 'echo started']),
          preStop: LifecycleHook.fromCommand(['nginx', '-s', 'quit']),
        },
      }],
    });
    const spec = podSpec(synth(chart));
    const c = spec.containers[0];
    expect(spec.imagePullSecrets).toEqual([{ name: 'acr-credentials' }]);
    expect([c.command, c.args, c.stdin, c.tty]).toEqual([['nginx'], ['-g', 'daemon off;'], true, true]);
    expect(c.lifecycle).toEqual({
      postStart: { exec: { command: ['sh', '-c', 'echo started'] } },
      preStop: { exec: { command: ['nginx', '-s', 'quit'] } },
    });
  });

  test('every env source: literal, ConfigMap key, Secret key, field, resource, whole ConfigMap and Secret', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [{
        ...web,
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'LEVEL', valueFrom: EnvSource.configMapKey('settings', 'level') },
          { name: 'TOKEN', valueFrom: EnvSource.secretKey('api', 'token') },
          { name: 'POD_IP', valueFrom: EnvSource.fieldRef('status.podIP') },
          { name: 'CPU', valueFrom: EnvSource.resourceField('requests.cpu') },
        ],
        envFrom: [EnvFromSource.configMap('settings'), EnvFromSource.secret('api', 'API_')],
      }],
    });
    const c = podSpec(synth(chart)).containers[0];
    expect(c.env.map((e: any) => Object.keys(e.valueFrom ?? { value: 1 })[0])).toEqual(['value', 'configMapKeyRef', 'secretKeyRef', 'fieldRef', 'resourceFieldRef']);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'settings' } }, { prefix: 'API_', secretRef: { name: 'api' } }]);
  });

  test('every volume kind, with writable paths as emptyDir mounts', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      security: { allowHostPath: true, allowNfs: true },
      containers: [{
        ...web,
        volumes: [
          { name: 'node-log', mountPath: '/host/log', source: VolumeSource.hostPath('/var/log') },
          { name: 'scratch', mountPath: '/scratch', source: VolumeSource.emptyDir() },
          { name: 'data', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('app-data') },
          { name: 'nas', mountPath: '/nas', source: VolumeSource.nfs('nas.example.com', '/exports/app') },
          { name: 'conf', mountPath: '/etc/app', source: VolumeSource.configMap('settings') },
          { name: 'certs', mountPath: '/etc/certs', source: VolumeSource.secret('certs') },
        ],
        writablePaths: ['/tmp'],
      }],
    });
    const spec = podSpec(synth(chart));
    expect(spec.volumes.map((v: any) => Object.keys(v).find(k => k !== 'name'))).toEqual(
      ['hostPath', 'emptyDir', 'persistentVolumeClaim', 'nfs', 'configMap', 'secret', 'emptyDir']);
    expect(spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/host/log', '/scratch', '/data', '/nas', '/etc/app', '/etc/certs', '/tmp']);
  });
});

describe('health checks', () => {
  test('a container serving a TCP port gets a TCP readiness check on it, with ACK\'s TCP timings', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web] });
    expect(podSpec(synth(chart)).containers[0].readinessProbe).toEqual({
      tcpSocket: { port: 'http' }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
    });
  });

  test('the default readiness check uses the port number when the port is unnamed, and skips UDP-only containers', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [
        { ...web, ports: [{ containerPort: 8080 }] },
        { name: 'dns', image: 'coredns/coredns:1.11.1', ports: [{ name: 'dns', containerPort: 5353, protocol: Protocol.UDP }] },
      ],
      service: { ports: [{ port: 80, targetPort: PortReference.fromNumber(8080) }] },
    });
    const [a, b] = podSpec(synth(chart)).containers;
    expect(a.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(b).not.toHaveProperty('readinessProbe');
  });

  test('defaultReadinessCheck: false leaves the container without one', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], defaultReadinessCheck: false });
    expect(podSpec(synth(chart)).containers[0]).not.toHaveProperty('readinessProbe');
  });

  test('a given readiness check replaces the default; ACK delays: HTTP 3, command 5', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [{
        ...web,
        readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('http') }),
        livenessProbe: HealthCheck.fromCommand(['cat', '/tmp/alive']),
      }],
    });
    const c = podSpec(synth(chart)).containers[0];
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(c.readinessProbe.initialDelaySeconds).toBe(3);
    expect(c.livenessProbe.initialDelaySeconds).toBe(5);
  });

  test('no default readiness check on init containers or sidecars', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', sidecar: true, ports: [{ name: 'admin', containerPort: 9901 }] }],
    });
    expect(podSpec(synth(chart)).initContainers[0]).not.toHaveProperty('readinessProbe');
  });
});

describe('Service', () => {
  test('by default a ClusterIP Service named after the app maps each declared port to itself', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [{ ...web, ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }] });
    const svc = one(synth(chart), 'Service');
    expect(svc.metadata.name).toBe('app');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec).not.toHaveProperty('externalIPs');
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP', targetPort: 'http' },
      { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics' },
    ]);
  });

  test('no Service when no container declares a port, or with createService: false', () => {
    const chart = newChart();
    const a = new WebApp(chart, 'a', { containers: [{ name: 'worker', image: 'busybox', command: ['sleep', '1000'] }] });
    const b = new WebApp(chart, 'b', { containers: [web], createService: false });
    expect(ofKind(synth(chart), 'Service')).toEqual([]);
    expect([a.service, b.service]).toEqual([undefined, undefined]);
  });

  test('selects the pods by the stable selector labels', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'app', { containers: [web] });
    expect(one(synth(chart), 'Service').spec.selector).toEqual(app.selectorLabels);
    expect(app.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/instance': 'app' });
  });

  test('LoadBalancer with externalTrafficPolicy Local, a named target port, labels and annotations', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      service: {
        name: 'nginx-svc',
        type: ServiceType.LOAD_BALANCER,
        externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
        ports: [{ port: 80, targetPort: PortReference.fromName('http') }],
        labels: { exposure: 'public' },
        annotations: { 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-bandwidth': '20' },
      },
    });
    const svc = one(synth(chart), 'Service');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    expect(svc.metadata.labels.exposure).toBe('public');
    expect(svc.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-bandwidth': '20' });
  });

  test('NodePort with a fixed node port and a numeric target', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      service: {
        type: ServiceType.NODE_PORT,
        externalTrafficPolicy: ServiceTrafficPolicy.CLUSTER,
        ports: [{ port: 80, targetPort: PortReference.fromNumber(8080), nodePort: 30080 }],
      },
    });
    expect(one(synth(chart), 'Service').spec).toMatchObject({
      type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, name: 'http' }],
    });
  });

  test('headless: clusterIP None', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], service: { headless: true } });
    expect(one(synth(chart), 'Service').spec.clusterIP).toBe('None');
  });
});

describe('Ingress', () => {
  test('a host rule defaults to path "/" (Prefix) and the Service\'s only port; TLS, class, labels and annotations', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      ingress: {
        name: 'nginx-ingress',
        rules: [{ host: 'foo.bar.com' }, { host: 'foo.bar.com', path: '/api', pathType: WebAppIngressPathType.EXACT }],
        tls: [{ hosts: ['foo.bar.com'], secretName: 'foo-tls' }],
        ingressClassName: 'nginx',
        labels: { exposure: 'public' },
        annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
      },
    });
    const ing = one(synth(chart), 'Ingress');
    expect(ing.metadata.name).toBe('nginx-ingress');
    expect(ing.metadata.labels.exposure).toBe('public');
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules).toEqual([{
      host: 'foo.bar.com',
      http: {
        paths: [
          { path: '/', pathType: 'Prefix', backend: { service: { name: 'app', port: { number: 8080 } } } },
          { path: '/api', pathType: 'Exact', backend: { service: { name: 'app', port: { number: 8080 } } } },
        ],
      },
    }]);
    expect(ing.spec.tls).toEqual([{ hosts: ['foo.bar.com'], secretName: 'foo-tls' }]);
  });

  test('a weighted canary is a second Ingress with the ingress-nginx canary annotations and the same rules', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'app', {
      containers: [web],
      ingress: { rules: [{ host: 'foo.bar.com' }], ingressClassName: 'nginx', canary: { serviceName: 'app-v2', servicePort: 80, weight: 20 } },
    });
    const canary = ofKind(synth(chart), 'Ingress').find(i => i.metadata.name === 'app-canary');
    expect(app.canaryIngress).toBeDefined();
    expect(canary.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '20' });
    expect(canary.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'app-v2', port: { number: 80 } } } }] } }],
    });
  });

  test('a canary weight total other than 100 is written out', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], ingress: { rules: [{ host: 'foo.bar.com' }], canary: { serviceName: 'app-v2', servicePort: 80, weight: 5, weightTotal: 1000 } } });
    const canary = ofKind(synth(chart), 'Ingress').find(i => i.metadata.name === 'app-canary');
    expect(canary.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight-total']).toBe('1000');
  });
});

describe('metric scaling', () => {
  test('an autoscaling/v2 HPA on CPU and memory utilization, without cdk8s-plus\'s behavior policies', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 } });
    const hpa = one(synth(chart), 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      minReplicas: 2,
      maxReplicas: 10,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  test('minReplicas defaults to 1', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], autoscaling: { maxReplicas: 3, cpuUtilization: 50 } });
    expect(one(synth(chart), 'HorizontalPodAutoscaler').spec.minReplicas).toBe(1);
  });
});

describe('scheduled scaling', () => {
  const jobs = [
    { name: 'up', schedule: '0 0 8 * * 1-5', targetSize: 6 },
    { name: 'launch', schedule: '@date 2030-11-11 00:00:00', targetSize: 8, runOnce: true },
  ];

  test('CronHPA alone targets the Deployment, with jobs and excluded dates', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], scheduledScaling: ScheduledScaling.cronHpa({ jobs, excludeDates: ['* * * 1 10 *'] }) });
    const objs = synth(chart);
    const cron = one(objs, 'CronHorizontalPodAutoscaler');
    expect(cron.apiVersion).toBe('autoscaling.alibabacloud.com/v1beta1');
    expect(cron.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
      excludeDates: ['* * * 1 10 *'],
      jobs: [
        { name: 'up', schedule: '0 0 8 * * 1-5', targetSize: 6 },
        { name: 'launch', schedule: '@date 2030-11-11 00:00:00', targetSize: 8, runOnce: true },
      ],
    });
    expect(ofKind(objs, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('CronHPA beside metric scaling targets the HPA, as the controller documents', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [web],
      autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
      scheduledScaling: ScheduledScaling.cronHpa({ jobs: [jobs[0]] }),
    });
    expect(one(synth(chart), 'CronHorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'app',
    });
  });

  test('KEDA: a ScaledObject with a cron trigger per window (string metadata) and cpu/memory triggers, and no HPA of ours', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'app', {
      containers: [web],
      scheduledScaling: ScheduledScaling.keda({
        timezone: 'Asia/Shanghai',
        minReplicas: 2,
        maxReplicas: 10,
        cooldownPeriod: 120,
        cpuUtilization: 70,
        memoryUtilization: 80,
        windows: [{ start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: 6 }],
      }),
    });
    const objs = synth(chart);
    const so = one(objs, 'ScaledObject');
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
      minReplicaCount: 2,
      maxReplicaCount: 10,
      cooldownPeriod: 120,
      triggers: [
        { type: 'cron', metadata: { timezone: 'Asia/Shanghai', start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '6' } },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
        { type: 'memory', metricType: 'Utilization', metadata: { value: '80' } },
      ],
    });
    expect(ofKind(objs, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(app.scheduledScaler).toBeDefined();
    expect(app.autoscaler).toBeUndefined();
  });

  test('KEDA minReplicas defaults to 1 and may be 0 (scale to zero outside the windows)', () => {
    const chart = newChart();
    const windows = [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 2 }];
    new WebApp(chart, 'a', { containers: [web], scheduledScaling: ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 4, windows }) });
    new WebApp(chart, 'b', { containers: [web], scheduledScaling: ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 4, minReplicas: 0, windows }) });
    expect(ofKind(synth(chart), 'ScaledObject').map(s => s.spec.minReplicaCount)).toEqual([1, 0]);
  });

  test.each([
    ['0 */5 * * * *'], ['0 0 8 ? * MON-FRI'], ['@every 1h30m'], ['@daily'], ['30 15 10 1,15 JAN-MAR *'],
  ])('CronHPA accepts %s', (schedule) => {
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'j', schedule, targetSize: 2 }] }) });
    expect(one(synth(chart), 'CronHorizontalPodAutoscaler').spec.jobs[0].schedule).toBe(schedule);
  });
});

describe('ISelectableWorkload', () => {
  test('exposes name, selector labels and the app containers\' ports (not init containers\')', () => {
    const chart = newChart();
    const app: ISelectableWorkload = new WebApp(chart, 'app', {
      name: 'shop',
      containers: [web, { name: 'metrics', image: 'prom/statsd-exporter:v0.26.0', ports: [{ name: 'metrics', containerPort: 9102 }] }],
      initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', sidecar: true, ports: [{ name: 'admin', containerPort: 9901 }] }],
    });
    synth(chart);
    expect(app.name).toBe('shop');
    expect(app.ports.map(p => p.name)).toEqual(['http', 'metrics']);
  });

  test('the selector does not change when the construct moves', () => {
    const chart1 = newChart();
    const chart2 = newChart();
    new WebApp(chart1, 'app', { name: 'shop', containers: [web] });
    new WebApp(new Construct(chart2 as Chart, 'nested'), 'renamed', { name: 'shop', containers: [web] });
    const sel = (c: Chart) => one(synth(c), 'Deployment').spec.selector;
    expect(sel(chart1)).toEqual(sel(chart2));
    expect(one(synth(chart2), 'Deployment').spec.template.metadata.labels).not.toHaveProperty('cdk8s.io/metadata.addr');
  });
});

describe('CRD schema validation of the scheduled-scaling objects', () => {
  const cases: [string, string, () => ScheduledScaling][] = [
    ['CronHorizontalPodAutoscaler', 'alibaba-cronhpa-crd.yaml', () => ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule: '0 0 8 * * *', targetSize: 3, runOnce: true }] })],
    ['ScaledObject', 'keda.sh_scaledobjects.yaml', () => ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 4, cpuUtilization: 50, windows: [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 2 }] })],
  ];
  test.each(cases)('%s validates against its CRD, and the same object with an unknown field does not', (kind, file, scaling) => {
    if (!sharedReference(file)) {
      console.warn(`skipped: ../shared/reference/${file} is missing`);
      return;
    }
    const chart = newChart();
    new WebApp(chart, 'app', { containers: [web], scheduledScaling: scaling() });
    const obj = one(synth(chart), kind);
    expect(validateManifest(obj)).toEqual({ status: 'valid', errors: [] });
    expect(validateManifest({ ...obj, spec: { ...obj.spec, timezone: 'UTC' } }).status).toBe('invalid');
  });
});
