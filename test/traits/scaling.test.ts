import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, KafkaOffsetResetPolicy, KedaMetricType, RabbitMqProtocol, ScalingMetric, ScalingTrigger,
  ScheduledScaling, TriggerAuthenticationKind, WebApp, Worker,
} from '../../src';
import { Problems } from '../../src/common/validation';
import { planScaling } from '../../src/scaling/scaling';
import { newChart, ofKind, synth } from '../support/synth';

const one = (objs: any[], kind: string) => {
  const found = ofKind(objs, kind);
  expect(found).toHaveLength(1);
  return found[0];
};
const worker = { image: 'registry.example.com/jobs/consumer:1.0', cpu: '250m', memory: '256Mi' };
const rabbit = ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20, hostFromEnv: 'RABBITMQ_URL' });

describe('metric scaling on a Worker', () => {
  test('a real cdk8s-plus HorizontalPodAutoscaler on the Deployment, which has no replicas', () => {
    const chart = newChart();
    const w = new Worker(chart, 'consumer', { ...worker, autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 60 } });
    expect(w.autoscaler).toBeInstanceOf(kplus.HorizontalPodAutoscaler);
    expect(w.autoscaler!.maxReplicas).toBe(8);
    const objs = synth(chart);
    expect(one(objs, 'Deployment').spec.replicas).toBeUndefined();
    expect(one(objs, 'HorizontalPodAutoscaler').spec).toEqual({
      minReplicas: 2,
      maxReplicas: 8,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
    });
    expect(w.scaledObject).toBeUndefined();
  });

  test('average-value targets (quantities), pods and external metrics', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', {
      image: 'registry.example.com/jobs/consumer:1.0',
      autoscaling: {
        maxReplicas: 10,
        metrics: [
          ScalingMetric.cpuAverageValue('500m'),
          ScalingMetric.memoryAverageValue('512Mi'),
          ScalingMetric.pods({ name: 'jobs_in_flight', averageValue: '5' }),
          ScalingMetric.external({ name: 'queue_messages_ready', averageValue: '30', selector: { queue: 'orders' } }),
          ScalingMetric.external({ name: 'backlog_seconds', value: '1k' }),
        ],
      },
    });
    expect(one(synth(chart), 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: 0.5 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: 536870912 } } },
      { type: 'Pods', pods: { metric: { name: 'jobs_in_flight' }, target: { type: 'AverageValue', averageValue: 5 } } },
      { type: 'External', external: { metric: { name: 'queue_messages_ready', selector: { matchLabels: { queue: 'orders' } } }, target: { type: 'AverageValue', averageValue: 30 } } },
      { type: 'External', external: { metric: { name: 'backlog_seconds' }, target: { type: 'Value', value: 1000 } } },
    ]);
  });

  test('average values need no requests', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', autoscaling: { maxReplicas: 3, metrics: [ScalingMetric.cpuAverageValue('1')] } });
    expect(() => synth(chart)).not.toThrow();
  });

  test('WebApp keeps its shorthands and gains metrics', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', requests: { cpu: '100m', memory: '64Mi' } }],
      autoscaling: { maxReplicas: 5, cpuUtilization: 70, metrics: [ScalingMetric.pods({ name: 'http_requests_per_second', averageValue: '100' })] },
    });
    expect(one(synth(chart), 'HorizontalPodAutoscaler').spec.metrics.map((m: any) => m.type)).toEqual(['Resource', 'Pods']);
  });
});

describe('event-driven scaling with KEDA', () => {
  test('a Worker on a RabbitMQ queue, scaled to zero, with polling, cooldown and fallback', () => {
    const chart = newChart();
    const w = new Worker(chart, 'consumer', {
      ...worker,
      eventScaling: {
        minReplicas: 0,
        maxReplicas: 20,
        pollingInterval: 15,
        cooldownPeriod: 120,
        fallback: { failureThreshold: 3, replicas: 4 },
        triggers: [ScalingTrigger.rabbitMqQueueLength({
          queueName: 'orders',
          queueLength: 20,
          activationQueueLength: 1,
          protocol: RabbitMqProtocol.AMQP,
          vhostName: 'shop',
          authenticationRef: { name: 'rabbitmq-auth' },
        })],
      },
    });
    const objs = synth(chart);
    expect(one(objs, 'Deployment').spec.replicas).toBeUndefined();
    expect(ofKind(objs, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(w.autoscaler).toBeUndefined();
    expect(w.scaledObject).toBeDefined();
    const so = one(objs, 'ScaledObject');
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.metadata.name).toBe('consumer');
    expect(so.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer' },
      minReplicaCount: 0,
      maxReplicaCount: 20,
      pollingInterval: 15,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 4 },
      triggers: [{
        type: 'rabbitmq',
        metadata: { queueName: 'orders', mode: 'QueueLength', value: '20', activationValue: '1', protocol: 'amqp', vhostName: 'shop' },
        authenticationRef: { name: 'rabbitmq-auth' },
      }],
    });
  });

  test('Kafka consumer lag and Redis list length, with cluster-wide and environment credentials', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', {
      ...worker,
      eventScaling: {
        maxReplicas: 12,
        triggers: [
          ScalingTrigger.kafkaConsumerLag({
            bootstrapServers: ['kafka-0.kafka:9092', 'kafka-1.kafka:9092'],
            consumerGroup: 'billing',
            topic: 'invoices',
            lagThreshold: 50,
            activationLagThreshold: 5,
            offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST,
            authenticationRef: { name: 'kafka-sasl', kind: TriggerAuthenticationKind.CLUSTER_TRIGGER_AUTHENTICATION },
          }),
          ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 10, address: 'redis.cache:6379', passwordFromEnv: 'REDIS_PASSWORD', databaseIndex: 2, enableTls: true }),
        ],
      },
    });
    expect(one(synth(chart), 'ScaledObject').spec.triggers).toEqual([
      {
        type: 'kafka',
        metadata: {
          bootstrapServers: 'kafka-0.kafka:9092,kafka-1.kafka:9092',
          consumerGroup: 'billing',
          topic: 'invoices',
          lagThreshold: '50',
          activationLagThreshold: '5',
          offsetResetPolicy: 'earliest',
        },
        authenticationRef: { name: 'kafka-sasl', kind: 'ClusterTriggerAuthentication' },
      },
      {
        type: 'redis',
        metadata: { listName: 'jobs', listLength: '10', address: 'redis.cache:6379', passwordFromEnv: 'REDIS_PASSWORD', databaseIndex: '2', enableTLS: 'true' },
      },
    ]);
  });

  test('minReplicas defaults to 1, written out (KEDA\'s own default is 0)', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', { ...worker, eventScaling: { maxReplicas: 5, triggers: [rabbit] } });
    expect(one(synth(chart), 'ScaledObject').spec.minReplicaCount).toBe(1);
  });

  test('a generic trigger, a cron window and cpu utilization', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', {
      ...worker,
      eventScaling: {
        maxReplicas: 6,
        triggers: [
          ScalingTrigger.custom({
            type: 'prometheus',
            name: 'backlog',
            metricType: KedaMetricType.VALUE,
            useCachedMetrics: true,
            metadata: { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(backlog)', threshold: '100' },
          }),
          ScalingTrigger.cron({ timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 2 }),
          ScalingTrigger.cpuUtilization(75),
        ],
      },
    });
    expect(one(synth(chart), 'ScaledObject').spec.triggers).toEqual([
      {
        type: 'prometheus',
        name: 'backlog',
        metricType: 'Value',
        useCachedMetrics: true,
        metadata: { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(backlog)', threshold: '100' },
      },
      { type: 'cron', metadata: { timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: '2' } },
      { type: 'cpu', metricType: 'Utilization', metadata: { value: '75' } },
    ]);
  });

  test('parameters that say where a credential is (an env variable, a URL, a name) are not credentials', () => {
    const chart = newChart();
    const metadata = { passwordFromEnv: 'DB_PASSWORD', tokenUrl: 'https://auth.example.com/token', secretName: 'db', query: 'SELECT 1', targetQueryValue: '5' };
    new Worker(chart, 'consumer', { ...worker, eventScaling: { maxReplicas: 3, triggers: [ScalingTrigger.custom({ type: 'postgresql', metadata })] } });
    expect(one(synth(chart), 'ScaledObject').spec.triggers[0].metadata).toEqual(metadata);
  });

  test('WebApp: the KEDA cron windows and eventScaling\'s triggers share one ScaledObject', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'shop', {
      containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', requests: { cpu: '100m', memory: '64Mi' } }],
      scheduledScaling: ScheduledScaling.keda({
        timezone: 'Asia/Shanghai', maxReplicas: 10, windows: [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 4 }],
      }),
      eventScaling: { maxReplicas: 10, triggers: [rabbit] },
    });
    const so = one(synth(chart), 'ScaledObject');
    expect(so.spec.triggers.map((t: any) => t.type)).toEqual(['rabbitmq', 'cron']);
    expect(so.spec.maxReplicaCount).toBe(10);
    expect(app.scaledObject).toBe(app.scheduledScaler);
  });

  test('JobGraph: the whole process set scales with the pod', () => {
    const chart = newChart();
    const graph = new JobGraph(chart, 'app', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/bin/app'), restarts: JobRestarts.unlimited() }]),
      eventScaling: { maxReplicas: 4, triggers: [ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 10, addressFromEnv: 'REDIS_ADDR' })] },
    });
    const objs = synth(chart);
    expect(one(objs, 'Deployment').spec.replicas).toBeUndefined();
    expect(one(objs, 'ScaledObject').spec.scaleTargetRef.name).toBe('app');
    expect(graph.scaledObject).toBeDefined();
  });
});

describe('JobGraph metric scaling', () => {
  test('an HPA on a per-pod metric, as the autoscaler child', () => {
    const chart = newChart();
    const graph = new JobGraph(chart, 'app', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/bin/app'), restarts: JobRestarts.unlimited() }]),
      autoscaling: { maxReplicas: 4, metrics: [ScalingMetric.pods({ name: 'http_requests_per_second', averageValue: '100' })] },
    });
    expect(graph.autoscaler).toBeInstanceOf(kplus.HorizontalPodAutoscaler);
    const objs = synth(chart);
    expect(one(objs, 'Deployment').spec.replicas).toBeUndefined();
    expect(one(objs, 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' });
  });
});

describe('the replica floor follows the autoscalers', () => {
  const floor = (props: Parameters<typeof planScaling>[0]) => planScaling(props, new Problems());
  test.each([
    ['replicas', { replicas: 3 }, 3, 3],
    ['nothing', {}, 1, 1],
    ['an HPA', { autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 50 } }, undefined, 2],
    ['KEDA scaling to zero', { eventScaling: { minReplicas: 0, maxReplicas: 5, triggers: [rabbit] } }, undefined, 0],
    ['KEDA by default', { eventScaling: { maxReplicas: 5, triggers: [rabbit] } }, undefined, 1],
  ])('%s', (_name, props, replicas, replicaFloor) => {
    expect(floor(props as any)).toEqual({ replicas, replicaFloor });
  });
});

describe('the scalers are children a user can reach', () => {
  test('a behavior patched onto the Worker\'s HPA survives the library\'s removal of cdk8s-plus\'s own', () => {
    const chart = newChart();
    const w = new Worker(chart, 'consumer', { ...worker, autoscaling: { maxReplicas: 4, cpuUtilization: 60 } });
    expect(w.autoscaler!.target).toBe(w.deployment);
    ApiObject.of(w.autoscaler!).addJsonPatch(JsonPatch.add('/spec/behavior', { scaleDown: { stabilizationWindowSeconds: 600 } }));
    expect(one(synth(chart), 'HorizontalPodAutoscaler').spec.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 600 } });
  });

  test('KEDA fields the props do not have reach the ScaledObject through the child, valid against the CRD', () => {
    const chart = newChart();
    const w = new Worker(chart, 'consumer', { ...worker, eventScaling: { maxReplicas: 4, triggers: [rabbit] } });
    w.scaledObject!.addJsonPatch(JsonPatch.add('/spec/advanced', { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } }));
    expect(one(synth(chart), 'ScaledObject').spec.advanced).toEqual({ horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
  });
});

describe('the traits that read the replica floor follow the autoscaler', () => {
  test('an HPA with minReplicas 2 gives the Worker the default disruption budget; KEDA scaled to zero gives none', () => {
    const chart = newChart();
    new Worker(chart, 'hpa', { ...worker, autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 60 } });
    new Worker(chart, 'keda', { ...worker, eventScaling: { minReplicas: 0, maxReplicas: 6, triggers: [rabbit] } });
    const budgets = ofKind(synth(chart), 'PodDisruptionBudget');
    expect(budgets.map(b => [b.metadata.name, b.spec.maxUnavailable])).toEqual([['hpa', 1]]);
  });
});
