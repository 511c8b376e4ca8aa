// A production shop, end to end: a WebApp behind a Gateway API HTTPRoute and a queue
// Worker that KEDA scales on RabbitMQ, with every production trait of issue 15 set:
// scheduling, disruption budgets, rollout, identity, storage, scaling and traffic, and
// on the Worker what a WebApp container has (init containers, a native sidecar, hooks).
import { App, Chart } from 'cdk8s';
import {
  DeploymentStrategy, PercentOrAbsolute, PersistentVolumeAccessMode, TaintEffect, Topology, k8s,
} from 'cdk8s-plus-28';
import {
  CloudIdentity, DisruptionBudget, EnvSource, HealthCheck, LifecycleHook, NetworkPeer, NodeSelectorOperator, PortReference,
  RbacVerb, ScalingMetric, ScalingTrigger, VolumeSource, WebApp, Worker, WorkloadServiceAccount,
} from 'cdk8s-workloads';

export function build(app: App): void {
  // The platform team's priority class: cluster-scoped, so in a chart of its own without a
  // namespace (cdk8s would write the chart's namespace on it).
  const cluster = new Chart(app, 'cluster');
  new k8s.KubePriorityClass(cluster, 'priority', {
    metadata: { name: 'shop-critical' },
    value: 100000,
    description: 'Customer-facing shop workloads',
  });

  const chart = new Chart(app, 'production', { namespace: 'shop' });

  const orders = new Worker(chart, 'order-consumer', {
    image: 'registry.example.com/shop/order-consumer:1.4.0',
    partOf: 'shop',
    args: ['--queue', 'orders'],
    cpu: '250m',
    memory: '256Mi',
    memoryLimit: '512Mi',
    ports: [{ name: 'metrics', containerPort: 9090 }],
    env: [{ name: 'RABBITMQ_URL', valueFrom: EnvSource.secretKey('rabbitmq', 'url') }],
    readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('metrics') }),
    metrics: { port: PortReference.fromName('metrics') },

    // Containers: a schema migration before start, a native sidecar (the mesh proxy,
    // started first and stopped last), a log shipper beside the consumer, and a
    // registration hook once the consumer has started.
    initContainers: [
      { name: 'migrate', image: 'registry.example.com/shop/order-consumer:1.4.0', command: ['/app/migrate', 'up'] },
      {
        name: 'proxy',
        image: 'envoyproxy/envoy:v1.30.1',
        sidecar: true,
        requests: { cpu: '50m', memory: '64Mi' },
        ports: [{ name: 'envoy-admin', containerPort: 9901 }],
        startupProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('envoy-admin') }),
      },
    ],
    containers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', requests: { cpu: '20m', memory: '32Mi' }, writablePaths: ['/fluent-bit/buffer'] }],
    lifecycle: { postStart: LifecycleHook.fromCommand(['/app/register']) },
    podLabels: { 'sidecar.istio.io/inject': 'false' },

    // Scaling: KEDA on the queue's length, with a floor of 2 in business hours and a
    // fallback when RabbitMQ cannot be read.
    eventScaling: {
      minReplicas: 2,
      maxReplicas: 30,
      pollingInterval: 15,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 4 },
      triggers: [
        ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20, hostFromEnv: 'RABBITMQ_URL' }),
        ScalingTrigger.cron({ timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 4 }),
      ],
    },

    // Scheduling: dedicated worker nodes, spread over hosts then zones (the default above
    // one pod), away from other consumers where possible.
    scheduling: {
      tolerations: [{ key: 'dedicated', value: 'workers', effect: TaintEffect.NO_SCHEDULE }],
      nodeAffinity: {
        preferred: [{ weight: 50, matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: NodeSelectorOperator.IN, values: ['m6i.large', 'm7i.large'] }] }],
      },
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      priorityClassName: 'shop-critical',
    },

    // Disruption and rollout: one pod at a time may go during a drain; a long grace
    // period lets an order in flight finish after SIGTERM.
    disruptionBudget: DisruptionBudget.maxUnavailable(1),
    rollout: { terminationGracePeriodSeconds: 120, revisionHistoryLimit: 5 },

    // Identity: its own ServiceAccount with an AWS IAM role, and a Lease for leader election.
    serviceAccount: WorkloadServiceAccount.create({
      cloudIdentity: CloudIdentity.awsIrsa('arn:aws:iam::123456789012:role/shop-order-consumer'),
      mountToken: true,
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [RbacVerb.GET, RbacVerb.CREATE, RbacVerb.UPDATE] }],
    }),

    // Storage: a spool shared by every pod (ReadWriteMany: several pods on several nodes).
    volumeClaims: [{ name: 'spool', size: '20Gi', storageClassName: 'efs', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }],
    volumes: [{ name: 'spool', mountPath: '/var/spool/orders', source: VolumeSource.volumeClaim('spool') }],
    writablePaths: ['/tmp'],

    // Traffic: nothing comes in but Prometheus; out only to RabbitMQ (and DNS).
    networkPolicy: {
      denyIngress: true,
      allowFrom: [{ peer: NetworkPeer.namespace('monitoring'), ports: [PortReference.fromName('metrics')] }],
      denyEgress: true,
      allowTo: [{ peer: NetworkPeer.namespace('rabbitmq'), ports: [PortReference.fromNumber(5672)] }],
    },
  });

  new WebApp(chart, 'shop', {
    partOf: 'shop',
    containers: [{
      name: 'shop',
      image: 'registry.example.com/shop/web:3.2.1',
      ports: [
        { name: 'http', containerPort: 8080 },
        { name: 'admin', containerPort: 9000 },
        { name: 'metrics', containerPort: 9090 },
      ],
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { memory: '1Gi' },
      writablePaths: ['/tmp'],
      livenessProbe: HealthCheck.fromHttpGet('/healthz', { port: PortReference.fromName('http') }),
      readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('http') }),
      volumes: [{ name: 'uploads', mountPath: '/srv/uploads', source: VolumeSource.volumeClaim('uploads') }],
    }],
    metrics: { port: PortReference.fromName('metrics') },

    // Scaling: CPU, and requests per second per pod from the metrics adapter.
    autoscaling: {
      minReplicas: 3,
      maxReplicas: 12,
      cpuUtilization: 70,
      metrics: [ScalingMetric.pods({ name: 'http_requests_per_second', averageValue: '100' })],
    },

    // Rollout: one extra pod at a time, never below the count; a 5 s preStop sleep so the
    // Gateway stops sending before SIGTERM.
    strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.absolute(1), maxUnavailable: PercentOrAbsolute.absolute(0) }),
    rollout: { minReadySeconds: 10, progressDeadlineSeconds: 300, revisionHistoryLimit: 5, preStopDelaySeconds: 5 },
    disruptionBudget: DisruptionBudget.minAvailable(2),

    // Scheduling: the default spread (hosts, then zones) for its 3+ pods, near the order
    // consumers' zone when possible.
    scheduling: {
      podAffinity: [{ workload: orders, topology: Topology.ZONE, weight: 50 }],
      // Two of its pods on one host only when nothing else fits.
      podAntiAffinity: [{ topology: Topology.HOSTNAME, weight: 100 }],
      priorityClassName: 'shop-critical',
      // The payment provider's sandbox by a fixed address, and fewer DNS search lookups.
      hostAliases: [{ ip: '10.20.30.40', hostnames: ['payments.sandbox.internal'] }],
      dns: { options: [{ name: 'ndots', value: '2' }] },
    },

    // Identity: GKE Workload Identity, no Kubernetes API token.
    serviceAccount: WorkloadServiceAccount.create({
      cloudIdentity: CloudIdentity.gke('shop-web@example-project.iam.gserviceaccount.com'),
    }),

    // Storage: uploads on shared storage (fsGroup 26000 is set for the non-root user).
    volumeClaims: [{ name: 'uploads', size: '50Gi', storageClassName: 'efs', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }],

    // Traffic: the public Service and an admin Service; an HTTPRoute with a 10 % canary;
    // only the Gateway's pods and Prometheus may connect.
    service: { name: 'shop', ports: [{ name: 'http', port: 80, targetPort: PortReference.fromName('http') }, { name: 'metrics', port: 9090, targetPort: PortReference.fromName('metrics') }] },
    additionalServices: [{ name: 'shop-admin', ports: [{ name: 'admin', port: 9000, targetPort: PortReference.fromName('admin') }] }],
    httpRoute: {
      parentRefs: [{ name: 'edge', namespace: 'gateways', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ servicePort: 80, weight: 90, backends: [{ serviceName: 'shop-canary', port: 80, weight: 10 }] }],
    },
    networkPolicy: {
      denyIngress: true,
      allowFrom: [
        { peer: NetworkPeer.ingressController({ namespace: 'envoy-gateway-system', podLabels: { 'app.kubernetes.io/name': 'envoy' } }), ports: [PortReference.fromName('http')] },
        { peer: NetworkPeer.namespace('monitoring'), ports: [PortReference.fromName('metrics')] },
        { peer: NetworkPeer.namespace('shop-admin-tools'), ports: [PortReference.fromName('admin')] },
      ],
    },
  });
}
