// Scaling for the API server check (scripts/apiserver): HPAs with every metric kind on a
// Worker and a JobGraph, KEDA ScaledObjects with every typed trigger (scale to zero,
// fallback, polling and cooldown), and a WebApp whose KEDA cron windows join its event
// triggers in one ScaledObject.
import { App, Chart } from 'cdk8s';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, KafkaOffsetResetPolicy, KedaMetricType, RabbitMqProtocol,
  ScalingMetric, ScalingTrigger, ScheduledScaling, TriggerAuthenticationKind, WebApp, Worker,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'scaling');
  const image = 'registry.example.com/jobs/consumer:1.0';

  new Worker(chart, 'hpa-worker', {
    image,
    cpu: '250m',
    memory: '256Mi',
    autoscaling: {
      minReplicas: 2,
      maxReplicas: 10,
      cpuUtilization: 70,
      memoryUtilization: 80,
      metrics: [
        ScalingMetric.cpuAverageValue('500m'),
        ScalingMetric.memoryAverageValue('1.5Gi'),
        ScalingMetric.pods({ name: 'jobs_in_flight', averageValue: '5', selector: { queue: 'orders' } }),
        ScalingMetric.external({ name: 'queue_messages_ready', averageValue: '30', selector: { queue: 'orders' } }),
        ScalingMetric.external({ name: 'backlog_seconds', value: '1k' }),
      ],
    },
  });

  new Worker(chart, 'rabbit-worker', {
    image,
    env: [{ name: 'RABBITMQ_URL', value: 'amqp://rabbitmq.queues:5672/shop' }],
    eventScaling: {
      minReplicas: 0,
      maxReplicas: 20,
      pollingInterval: 15,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 4 },
      triggers: [
        ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20, activationQueueLength: 1, hostFromEnv: 'RABBITMQ_URL', protocol: RabbitMqProtocol.AMQP }),
        ScalingTrigger.rabbitMqQueueLength({ queueName: 'refunds', queueLength: 5, authenticationRef: { name: 'rabbitmq-auth' }, vhostName: 'shop', name: 'refunds' }),
      ],
    },
  });

  new Worker(chart, 'stream-worker', {
    image,
    cpu: '500m',
    memory: '512Mi',
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
        ScalingTrigger.custom({
          type: 'prometheus',
          name: 'backlog',
          metricType: KedaMetricType.VALUE,
          useCachedMetrics: true,
          metadata: { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(backlog)', threshold: '100' },
        }),
        ScalingTrigger.cron({ timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 2, name: 'office-hours' }),
        ScalingTrigger.cpuUtilization(75),
        ScalingTrigger.memoryUtilization(85),
      ],
    },
  });

  new WebApp(chart, 'shop', {
    containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }], requests: { cpu: '100m', memory: '64Mi' } }],
    scheduledScaling: ScheduledScaling.keda({
      timezone: 'Asia/Shanghai', maxReplicas: 10, cpuUtilization: 60, windows: [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 4 }],
    }),
    eventScaling: {
      maxReplicas: 10,
      triggers: [ScalingTrigger.redisListLength({ listName: 'checkout', listLength: 20, addressFromEnv: 'REDIS_ADDR' })],
    },
  });

  new JobGraph(chart, 'graph', {
    image,
    config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/bin/app'), restarts: JobRestarts.unlimited() }]),
    autoscaling: { maxReplicas: 4, metrics: [ScalingMetric.pods({ name: 'http_requests_per_second', averageValue: '100' })] },
  });
}
