// Workers with every feature, for the API server check (scripts/apiserver): each prop the
// construct has, the opt-outs it documents, and a chart with a namespace.
import { App, Chart } from 'cdk8s';
import { EmptyDirMedium, ImagePullPolicy, Protocol } from 'cdk8s-plus-28';
import {
  ConfigMap, EnvFromSource, EnvSource, HealthCheck, HealthCheckDefaults, HostPathType, HttpScheme,
  PortReference, ScrapeMethod, Secret, VolumeSource, Worker,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'workers');

  new Worker(chart, 'minimal', { image: 'busybox' });

  const settings = new ConfigMap(chart, 'settings', { data: { 'level': 'debug', 'app.toml': 'a = 1\n' } });
  const creds = new Secret(chart, 'creds', { data: { token: 'corpus-only-token-value-1234' } });
  new Worker(chart, 'everything', {
    name: 'everything',
    instance: 'corpus',
    partOf: 'apiserver-corpus',
    image: 'registry.example.com/team/everything:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    imagePullSecrets: ['registry-credentials'],
    command: ['/app/bin/everything'],
    args: ['--listen', ':8080', '--metrics', ':9090'],
    env: [
      { name: 'PLAIN', value: 'value with spaces: and colons' },
      { name: 'EMPTY', value: '' },
      { name: 'LEVEL', valueFrom: settings.envValue('level') },
      { name: 'API_TOKEN', valueFrom: creds.envValue('token') },
      { name: 'EXTERNAL', valueFrom: EnvSource.secretKey('made-elsewhere', 'key', true) },
      { name: 'EXTERNAL_CM', valueFrom: EnvSource.configMapKey('cm-elsewhere', 'key', true) },
      { name: 'POD_IP', valueFrom: EnvSource.fieldRef('status.podIP') },
      { name: 'NODE', valueFrom: EnvSource.fieldRef('spec.nodeName') },
      { name: 'LABEL', valueFrom: EnvSource.fieldRef("metadata.labels['app.kubernetes.io/name']") },
      { name: 'CPU_LIMIT', valueFrom: EnvSource.resourceField('limits.cpu', undefined, '1m') },
      { name: 'MEM_REQUEST', valueFrom: EnvSource.resourceField('requests.memory', 'everything', '1Mi') },
    ],
    envFrom: [settings.envFrom('CFG_'), creds.envFrom(), EnvFromSource.configMap('cm-elsewhere', 'EXT_', true), EnvFromSource.secret('secret-elsewhere')],
    cpu: '250m',
    memory: '256Mi',
    cpuLimit: '1',
    memoryLimit: '1Gi',
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'metrics', containerPort: 9090, protocol: Protocol.TCP },
      { name: 'dns', containerPort: 5353, protocol: Protocol.UDP },
      { name: 'sctp', containerPort: 9999, protocol: Protocol.SCTP },
      { containerPort: 7070 },
    ],
    volumes: [
      { name: 'data', mountPath: '/var/lib/everything', source: VolumeSource.persistentVolumeClaim('everything-data') },
      { name: 'ro-data', mountPath: '/srv/ro', source: VolumeSource.persistentVolumeClaim('shared-data', true), readOnly: true },
      { name: 'settings', mountPath: '/etc/everything', source: settings.asVolume({ defaultMode: 0o440 }) },
      { name: 'one-key', mountPath: '/etc/everything-level', subPath: 'level', source: settings.asVolume({ items: [{ key: 'level', path: 'level', mode: 0o400 }] }) },
      { name: 'token', mountPath: '/var/run/token', readOnly: true, source: creds.asVolume({ items: [{ key: 'token', path: 'token' }] }) },
      { name: 'external', mountPath: '/etc/external', source: VolumeSource.secret('secret-elsewhere', { optional: true, defaultMode: 0o400 }) },
      { name: 'external-cm', mountPath: '/etc/external-cm', source: VolumeSource.configMap('cm-elsewhere', { optional: true }) },
      { name: 'scratch', mountPath: '/scratch', source: VolumeSource.emptyDir({ medium: EmptyDirMedium.MEMORY, sizeLimit: '64Mi' }) },
      { name: 'cache', mountPath: '/cache', source: VolumeSource.emptyDir({ sizeLimit: '1Gi' }) },
    ],
    writablePaths: ['/tmp', '/var/run/everything'],
    livenessProbe: HealthCheck.fromHttpGet('/healthz', {
      port: PortReference.fromName('http'),
      scheme: HttpScheme.HTTP,
      headers: [{ name: 'X-Probe', value: 'liveness' }],
      initialDelaySeconds: 5,
      periodSeconds: 20,
      timeoutSeconds: 3,
      failureThreshold: 5,
    }),
    readinessProbe: HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(8080), periodSeconds: 5, successThreshold: 2 }),
    startupProbe: HealthCheck.fromCommand(['cat', '/tmp/started'], { failureThreshold: 30, periodSeconds: 2 }),
    healthCheckDefaults: HealthCheckDefaults.ack(),
    replicas: 3,
    labels: { 'team': 'platform', 'example.com/tier': 'backend' },
    annotations: { 'example.com/owner': 'platform team <platform@example.com>' },
    podAnnotations: { 'example.com/scrape-note': 'see ServiceMonitor' },
    metrics: {
      port: PortReference.fromName('metrics'),
      path: '/internal/metrics',
      interval: '30s',
      scrapeTimeout: '10s',
      scheme: HttpScheme.HTTPS,
      monitorLabels: { release: 'kube-prometheus-stack' },
    },
    dashboard: { title: 'Everything', folder: 'Corpus' },
  });

  // Probes: gRPC and HTTPS, on an unnamed port; metrics as annotations.
  new Worker(chart, 'grpc', {
    image: 'ghcr.io/example/grpc-server:0.9.0',
    ports: [{ name: 'grpc', containerPort: 50051 }, { containerPort: 9102 }],
    livenessProbe: HealthCheck.fromGrpc({ port: PortReference.fromNumber(50051), service: 'liveness' }),
    readinessProbe: HealthCheck.fromGrpc({ port: PortReference.fromName('grpc') }),
    healthCheckDefaults: HealthCheckDefaults.custom({
      timings: { initialDelaySeconds: 1, periodSeconds: 7, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 4 },
      grpcInitialDelaySeconds: 3,
    }),
    metrics: { port: PortReference.fromNumber(9102), method: ScrapeMethod.ANNOTATIONS },
    rolloutOnConfigChange: false,
    replicas: 0,
  });

  // Security settings that stay within "restricted".
  new Worker(chart, 'image-user', { image: 'nginxinc/nginx-unprivileged:1.27', security: { useImageUser: true }, writablePaths: ['/tmp'] });
  new Worker(chart, 'custom-ids', { image: 'ghcr.io/example/app:1', security: { user: 1000, group: 3000 } });
  new Worker(chart, 'low-port', {
    image: 'ghcr.io/example/app:1',
    ports: [{ name: 'http', containerPort: 80 }],
    security: { addCapabilities: ['NET_BIND_SERVICE'], readOnlyRootFilesystem: false },
  });

  // The documented opt-outs that leave "restricted".
  new Worker(chart, 'runs-as-root', { image: 'nginx:1.27', security: { runAsNonRoot: false, useImageUser: true } });
  new Worker(chart, 'host-path', {
    image: 'ghcr.io/example/log-shipper:3',
    volumes: [
      { name: 'logs', mountPath: '/var/log/host', readOnly: true, source: VolumeSource.hostPath('/var/log', HostPathType.DIRECTORY) },
      { name: 'socket', mountPath: '/run/app.sock', source: VolumeSource.hostPath('/run/app.sock') },
    ],
    security: { allowHostPath: true },
  });

  // A chart with a namespace.
  const ns = new Chart(app, 'workers-in-namespace', { namespace: 'corpus-team' });
  new Worker(ns, 'queue', { image: 'ghcr.io/example/queue:4', cpu: '0.5', memory: '1G', cpuLimit: '1500m', memoryLimit: '1.5Gi' });
}
