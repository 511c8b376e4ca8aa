// The container traits of issue 15 for the API server check (scripts/apiserver): a
// Worker with more app containers, init containers, a native sidecar, lifecycle hooks,
// a working directory, pod labels and annotations; a WebApp and a JobGraph sharing the
// same container model; JobGraph per-job images, resources, env and writable paths
// (the consul agent writing its -data-dir).
import { App, Chart } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import {
  ConfigMap, ContainerPilotConfig, EnvSource, HealthCheck, JobGraph, LifecycleHook, PortReference, ScrapeMethod,
  VolumeSource, WebApp, Worker, WorkloadContainer,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'containers');
  const shipperConfig = new ConfigMap(chart, 'shipper-config', { data: { 'fluent-bit.conf': '[SERVICE]\n    Flush 5\n' } });

  const proxy: WorkloadContainer = {
    name: 'proxy',
    image: 'envoyproxy/envoy:v1.30.1',
    imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    sidecar: true,
    args: ['--config-path', '/etc/envoy/envoy.yaml'],
    ports: [{ name: 'admin', containerPort: 9901 }],
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '128Mi' },
    startupProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('admin'), failureThreshold: 30 }),
    readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('admin') }),
    lifecycle: { preStop: LifecycleHook.fromHttpGet('/drain_listeners', { port: PortReference.fromName('admin') }) },
    writablePaths: ['/tmp'],
  };

  new Worker(chart, 'consumer', {
    image: 'ghcr.io/example/queue-consumer:1.4.2',
    command: ['/app/consumer'],
    args: ['--queue', 'orders'],
    workingDir: '/srv/consumer',
    cpu: '250m',
    memory: '256Mi',
    ports: [{ name: 'admin', containerPort: 8081 }],
    lifecycle: {
      postStart: LifecycleHook.fromCommand(['/app/register']),
      preStop: LifecycleHook.fromHttpGet('/drain', { port: PortReference.fromName('admin') }),
    },
    writablePaths: ['/tmp'],
    labels: { team: 'orders' },
    podLabels: { 'team': 'orders', 'sidecar.istio.io/inject': 'false' },
    podAnnotations: { 'example.com/owner': 'orders team' },
    containers: [{
      name: 'log-shipper',
      image: 'fluent/fluent-bit:3.0',
      ports: [{ name: 'shipper', containerPort: 2020 }],
      env: [{ name: 'NODE_NAME', valueFrom: EnvSource.fieldRef('spec.nodeName') }],
      volumes: [{ name: 'shipper-config', mountPath: '/fluent-bit/etc', source: shipperConfig.asVolume() }],
      requests: { cpu: '20m', memory: '32Mi' },
      livenessProbe: HealthCheck.fromHttpGet('/api/v1/health', { port: PortReference.fromName('shipper') }),
      stdin: false,
      tty: false,
    }],
    initContainers: [
      { name: 'migrate', image: 'ghcr.io/example/queue-consumer:1.4.2', command: ['/app/migrate', 'up'], requests: { cpu: '100m', memory: '64Mi' } },
      proxy,
    ],
    metrics: { port: PortReference.fromName('shipper'), method: ScrapeMethod.ANNOTATIONS },
  });

  new WebApp(chart, 'storefront', {
    containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }], writablePaths: ['/tmp'] }],
    initContainers: [proxy],
    podLabels: { 'sidecar.istio.io/inject': 'false' },
  });

  // The ContainerPilot docs' consul agent with -data-dir: per job, a writable /data.
  new JobGraph(chart, 'consul-app', {
    image: 'registry.example.com/app:1.0',
    nativeSidecars: true,
    env: [{ name: 'REGION', value: 'eu' }],
    podLabels: { 'example.com/migrated-from': 'containerpilot' },
    config: ContainerPilotConfig.fromJson5(JSON.stringify({
      jobs: [
        { name: 'consul-agent', exec: 'consul agent -data-dir=/data -config-dir=/config', restarts: 'unlimited', health: { exec: 'consul info', interval: 5, ttl: 10 } },
        { name: 'leave-consul', exec: 'consul leave', when: { source: 'consul-agent', once: 'stopping' } },
        { name: 'setup', exec: '/bin/setup' },
        { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'consul-agent', once: 'healthy' } },
        { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
        { name: 'waiter', exec: '/bin/wait', restarts: 'unlimited', when: { source: 'setup', once: 'exitSuccess' } },
      ],
    })),
    detachable: ['backup'],
    jobContainers: {
      'consul-agent': {
        image: 'hashicorp/consul:1.18',
        imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
        writablePaths: ['/data'],
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { memory: '256Mi' },
        volumes: [{ name: 'consul-config', mountPath: '/config', source: VolumeSource.configMap('consul-config', { optional: true }) }],
      },
      'setup': { env: [{ name: 'MODE', value: 'init' }], requests: { cpu: '50m' } },
      'app': { requests: { cpu: '250m', memory: '256Mi' }, env: [{ name: 'CONSUL_HTTP_ADDR', value: '127.0.0.1:8500' }] },
      'backup': { image: 'registry.example.com/backup:3.1', writablePaths: ['/var/backups'], limits: { cpu: '1', memory: '512Mi' } },
    },
  });
}
