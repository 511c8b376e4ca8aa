// KubeVela's `app-worker` example as cdk8s-workloads Workers.
import { App, Chart } from 'cdk8s';
import { Protocol } from 'cdk8s-plus-28';
import {
  EnvSource, HealthCheck, HostPathType, PortReference, VolumeSource, Worker,
} from 'cdk8s-workloads';

export function build(app: App): void {
  const chart = new Chart(app, 'worker');

  // The component of KubeVela's example, field for field:
  //   type: worker, properties: { image: busybox, cmd: [sleep, '1000'] }
  new Worker(chart, 'myworker', {
    image: 'busybox',
    command: ['sleep', '1000'],
  });

  // A second worker with env from a Secret key, every volume kind and health checks.
  new Worker(chart, 'queue-consumer', {
    image: 'ghcr.io/example/queue-consumer:1.4.2',
    imagePullSecrets: ['ghcr-credentials'],
    args: ['--queue', 'orders', '--metrics-port', '9090'],
    cpu: '250m',
    memory: '256Mi',
    memoryLimit: '512Mi',
    replicas: 2,
    ports: [{ name: 'metrics', containerPort: 9090, protocol: Protocol.TCP }],
    env: [
      { name: 'QUEUE_URL', value: 'amqp://rabbitmq.messaging:5672' },
      { name: 'QUEUE_PASSWORD', valueFrom: EnvSource.secretKey('rabbitmq-credentials', 'password') },
      { name: 'LOG_LEVEL', valueFrom: EnvSource.configMapKey('consumer-settings', 'logLevel') },
      { name: 'POD_NAME', valueFrom: EnvSource.fieldRef('metadata.name') },
    ],
    volumes: [
      { name: 'state', mountPath: '/var/lib/consumer', source: VolumeSource.persistentVolumeClaim('consumer-state') },
      { name: 'settings', mountPath: '/etc/consumer', source: VolumeSource.configMap('consumer-settings', { defaultMode: 0o440 }) },
      {
        name: 'tls',
        mountPath: '/etc/consumer/tls',
        readOnly: true,
        source: VolumeSource.secret('consumer-tls', {
          items: [{ key: 'tls.crt', path: 'client.crt' }, { key: 'tls.key', path: 'client.key', mode: 0o400 }],
        }),
      },
      { name: 'scratch', mountPath: '/scratch', source: VolumeSource.emptyDir({ sizeLimit: '1Gi' }) },
      { name: 'node-logs', mountPath: '/host/log', readOnly: true, source: VolumeSource.hostPath('/var/log', HostPathType.DIRECTORY) },
    ],
    writablePaths: ['/tmp'],
    // hostPath is forbidden by the "restricted" Pod Security Standard: this worker reads
    // the node's logs, so it opts out of that one rule, knowingly.
    security: { allowHostPath: true },
    livenessProbe: HealthCheck.fromCommand(['cat', '/tmp/alive']),
    readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('metrics'), periodSeconds: 5 }),
  });
}
