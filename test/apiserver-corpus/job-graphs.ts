// JobGraphs with every mapping of the ContainerPilot model, for the API server check
// (scripts/apiserver): init containers, long-running containers with health checks and
// preStop hooks, a loop sidecar, CronJobs, native sidecars, Services per advertised job,
// ConfigMap and Secret consumers and monitoring.
import { App, Chart } from 'cdk8s';
import {
  ConfigMap, ContainerPilotConfig, EnvFromSource, EnvSource, JobCommand, JobEvent, JobGraph, JobRestarts,
  PortReference, Secret, VolumeSource,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'job-graphs');
  const settings = new ConfigMap(chart, 'shop-settings', { data: { 'region': 'eu', 'jobs.conf': 'x=1\n' } });
  const secret = new Secret(chart, 'shop-keys', { data: { 'signing-key': 'corpus-only-signing-key-5678' }, writeStringData: true });

  new JobGraph(chart, 'shop', {
    name: 'shop',
    instance: 'corpus',
    partOf: 'shop',
    image: 'registry.example.com/shop/shop:1.4.0',
    imagePullSecrets: ['registry'],
    replicas: 2,
    labels: { team: 'shop' },
    annotations: { 'example.com/migrated-from': 'containerpilot' },
    env: [
      { name: 'REGION', valueFrom: settings.envValue('region') },
      { name: 'SIGNING_KEY', valueFrom: secret.envValue('signing-key') },
      { name: 'POD_NAME', valueFrom: EnvSource.fieldRef('metadata.name') },
    ],
    envFrom: [EnvFromSource.configMap('shop-extra', 'EXTRA_', true)],
    volumes: [
      { name: 'conf', mountPath: '/etc/shop', source: settings.asVolume() },
      { name: 'cache', mountPath: '/var/cache/shop', source: VolumeSource.emptyDir({ sizeLimit: '256Mi' }) },
    ],
    sharedDirectories: [{ name: 'data', mountPath: '/data' }],
    writablePaths: ['/tmp'],
    detachable: ['backup', 'report'],
    loopSidecars: ['heartbeat'],
    metrics: { port: PortReference.fromNumber(9100), interval: '30s' },
    dashboard: { title: 'Shop jobs' },
    config: ContainerPilotConfig.fromJobs([
      {
        name: 'consul-agent',
        exec: JobCommand.fromString('consul agent -data-dir=/data/consul -retry-join=consul.service.consul'),
        restarts: JobRestarts.unlimited(),
        stopTimeout: '5s',
      },
      { name: 'leave-consul', exec: JobCommand.fromString('consul leave'), when: { source: 'consul-agent', once: JobEvent.STOPPING } },
      { name: 'setup', exec: JobCommand.fromString('/usr/local/bin/setup.sh --data /data') },
      { name: 'migrate', exec: JobCommand.fromArgs(['/usr/local/bin/migrate', 'up']), when: { source: 'setup', once: JobEvent.EXIT_SUCCESS } },
      {
        name: 'app',
        exec: JobCommand.fromArgs(['/usr/local/bin/shop', '--port', '8080']),
        restarts: JobRestarts.unlimited(),
        when: { source: 'migrate', once: JobEvent.EXIT_SUCCESS },
        health: { exec: JobCommand.fromString('/usr/bin/curl --fail -s http://localhost:8080/health'), interval: 5, ttl: 12, timeout: '1500ms' },
        port: 8080,
        tags: ['shop', 'prod'],
        stopTimeout: '1m30s',
      },
      { name: 'drain', exec: JobCommand.fromString('/usr/local/bin/shop-drain'), when: { source: 'app', once: JobEvent.STOPPING } },
      {
        name: 'exporter',
        exec: JobCommand.fromArgs(['/usr/local/bin/exporter', '--listen', ':9100']),
        restarts: JobRestarts.unlimited(),
        health: { exec: JobCommand.fromString('/usr/bin/curl --fail -s http://localhost:9100/metrics'), interval: 10, ttl: 30 },
        port: 9100,
      },
      { name: 'heartbeat', exec: JobCommand.fromString('/usr/local/bin/heartbeat'), when: { interval: '15s' } },
      { name: 'backup', exec: JobCommand.fromString('/usr/local/bin/backup.sh --to s3://shop-backups'), when: { interval: '60m' }, timeout: '10m' },
      { name: 'report', exec: JobCommand.fromString('/usr/local/bin/report'), when: { interval: '24h' } },
    ]),
  });

  // Native sidecars (Kubernetes' SidecarContainers feature gate): a job that others wait
  // for to be healthy.
  new JobGraph(chart, 'mesh', {
    image: 'registry.example.com/shop/mesh-app:2.0.0',
    nativeSidecars: true,
    config: ContainerPilotConfig.fromJobs([
      {
        name: 'proxy',
        exec: JobCommand.fromString('/usr/local/bin/proxy --port 15001'),
        restarts: JobRestarts.unlimited(),
        health: { exec: JobCommand.fromString('/usr/local/bin/proxy-ready'), interval: 2, ttl: 6 },
      },
      {
        name: 'app',
        exec: JobCommand.fromString('/usr/local/bin/app'),
        restarts: JobRestarts.unlimited(),
        when: { source: 'proxy', once: JobEvent.HEALTHY, timeout: '2m' },
      },
    ]),
  });

  // From a ContainerPilot file with template values.
  new JobGraph(new Chart(app, 'job-graphs-in-namespace', { namespace: 'corpus-jobs' }), 'worker', {
    image: 'registry.example.com/jobs/worker:3',
    config: ContainerPilotConfig.fromJson5(`{
        // ContainerPilot v3 file
        consul: "localhost:8500",
        jobs: [
          { name: "worker", exec: "/bin/worker --queue {{ .QUEUE }}", restarts: "unlimited" },
          { name: "cleanup", exec: ["/bin/cleanup", "--older-than", "7d"], when: { interval: "30m" }, },
        ],
      }`, { variables: { QUEUE: 'orders' }, sourceName: 'worker.json5' }),
    detachable: ['cleanup'],
  });
}
