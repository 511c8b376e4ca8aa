import { Chart, Testing } from 'cdk8s';
import {
  ContainerPilotConfig, JobCommand, JobGraph, JobRestarts, KedaMetricType, ScalingMetric, ScalingTrigger, ScheduledScaling,
  TriggerAuthenticationKind, WebApp, WebAppProps, Worker, WorkerProps,
} from '../../src';
import { newChart, synthError } from '../support/synth';

const w: WorkerProps = { image: 'registry.example.com/jobs/consumer:1.0', cpu: '250m', memory: '256Mi' };
const rabbit = ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20, hostFromEnv: 'RABBITMQ_URL' });
const keda = (o: Partial<NonNullable<WorkerProps['eventScaling']>>): WorkerProps => ({ ...w, eventScaling: { maxReplicas: 10, triggers: [rabbit], ...o } });
const hpa = (o: Partial<NonNullable<WorkerProps['autoscaling']>>): WorkerProps => ({ ...w, autoscaling: { maxReplicas: 10, ...o } });
const custom = (o: Partial<Parameters<typeof ScalingTrigger.custom>[0]>) => keda({
  triggers: [ScalingTrigger.custom({ type: 'prometheus', metadata: { serverAddress: 'http://prometheus:9090', query: 'up', threshold: '1' }, ...o })],
});

const workerCases: [string, WorkerProps, string][] = [
  ['a fallback that is not an object (plain JavaScript; null threw a TypeError)', keda({ fallback: 3 as any }),
    'eventScaling.fallback: 3 is not allowed; must be an object ({ failureThreshold, replicas })'],
  ['replicas beside the HPA', { ...hpa({ cpuUtilization: 70 }), replicas: 3 },
    'replicas: 3 is not allowed; must not be set when `autoscaling` or `eventScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply. Remove `replicas` (set minReplicas on the autoscaler for the floor)'],
  ['replicas beside KEDA', { ...keda({}), replicas: 2 },
    'replicas: 2 is not allowed; must not be set when `autoscaling` or `eventScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply. Remove `replicas` (set minReplicas on the autoscaler for the floor)'],
  ['the HPA beside KEDA', { ...keda({}), autoscaling: { maxReplicas: 5, cpuUtilization: 70 } },
    'eventScaling: a KEDA ScaledObject creates its own HorizontalPodAutoscaler for the Deployment, so it cannot run beside the one from `autoscaling` (the two would fight over the replica count); remove `autoscaling` and give its CPU/memory targets to `eventScaling` as triggers (`ScalingTrigger.cpuUtilization(70)`, `ScalingTrigger.memoryUtilization(80)`)'],
  ['CPU utilization without a CPU request', { ...hpa({ cpuUtilization: 70 }), cpu: undefined },
    'requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['a memory utilization metric without a memory request', { ...hpa({ metrics: [ScalingMetric.memoryUtilization(80)] }), memory: undefined },
    'requests.memory: is not set, but the app scales on memory utilization; every container (sidecars too) needs a memory request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['a KEDA cpu trigger without a CPU request', { ...keda({ triggers: [ScalingTrigger.cpuUtilization(60), rabbit] }), cpu: undefined },
    'requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['HPA min above max', hpa({ minReplicas: 4, maxReplicas: 2, cpuUtilization: 70 }),
    'autoscaling.minReplicas: 4 is not allowed; must not exceed maxReplicas (2)'],
  ['HPA on nothing', hpa({}),
    'autoscaling: scales on nothing; set cpuUtilization and/or memoryUtilization (a percentage of the requests), or metrics (ScalingMetric.cpuAverageValue, .pods, .external ...)'],
  ['an average value that is not a quantity', hpa({ metrics: [ScalingMetric.cpuAverageValue('half')] }),
    'autoscaling.metrics[0]: "half" is not allowed; must be a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"'],
  ['an average value of zero', hpa({ metrics: [ScalingMetric.memoryAverageValue('0Mi')] }),
    'autoscaling.metrics[0]: "0Mi" is not allowed; must be greater than zero (the API server refuses a target of zero or less)'],
  ['a utilization metric of 0', hpa({ metrics: [ScalingMetric.cpuUtilization(0)] }),
    'autoscaling.metrics[0]: 0 is not allowed; must be an integer >= 1'],
  ['a pods metric name with a slash', hpa({ metrics: [ScalingMetric.pods({ name: 'requests/second', averageValue: '10' })] }),
    'autoscaling.metrics[0].name: "requests/second" is not allowed; must be a metric name usable in a URL path: not "." or "..", without "/" or "%"'],
  ['a pods metric without a name', hpa({ metrics: [ScalingMetric.pods({ name: '', averageValue: '10' })] }),
    'autoscaling.metrics[0].name: is required: the metric\'s name, as the metrics API serves it'],
  ['an external metric with both targets', hpa({ metrics: [ScalingMetric.external({ name: 'queue_depth', value: '100', averageValue: '10' })] }),
    'autoscaling.metrics[0]: needs exactly one of `value` (a target for the total) and `averageValue` (a target per pod)'],
  ['an external metric with a bad selector value', hpa({ metrics: [ScalingMetric.external({ name: 'queue_depth', averageValue: '10', selector: { queue: 'orders queue' } })] }),
    'autoscaling.metrics[0].selector["queue"]: "orders queue" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit'],
  ['a plain object as a metric', hpa({ metrics: [{ kind: 'Resource' } as any] }),
    'autoscaling.metrics[0]: {"kind":"Resource"} is not allowed; must be a ScalingMetric (ScalingMetric.cpuAverageValue("500m"), ScalingMetric.pods({ ... }) ...)'],
  ['KEDA without triggers', keda({ triggers: [] }),
    'eventScaling.triggers: is empty; give at least one trigger'],
  ['KEDA min above max', keda({ minReplicas: 5, maxReplicas: 3 }),
    'eventScaling.minReplicas: 5 is not allowed; must not exceed maxReplicas (3)'],
  ['KEDA without maxReplicas', keda({ maxReplicas: undefined as any }),
    'eventScaling.maxReplicas: is required: the most pods KEDA may run'],
  ['a polling interval of 0', keda({ pollingInterval: 0 }),
    'eventScaling.pollingInterval: 0 is not allowed; must be an integer >= 1'],
  ['a negative cooldown', keda({ cooldownPeriod: -1 }),
    'eventScaling.cooldownPeriod: -1 is not allowed; must be an integer >= 0'],
  ['a name KEDA cannot name its HPA after', { ...keda({}), name: 'order-consumers-for-the-european-warehouses-and-returns' },
    'eventScaling.name: "order-consumers-for-the-european-warehouses-and-returns" is not allowed; must be at most 54 characters (it is the workload\'s name unless set): KEDA names its HorizontalPodAutoscaler "keda-hpa-<name>", a label value of at most 63'],
  ['scale to zero on cpu alone', keda({ minReplicas: 0, triggers: [ScalingTrigger.cpuUtilization(60)] }),
    'eventScaling.minReplicas: is 0, but every trigger is cpu or memory, which cannot wake a workload at zero pods (KEDA refuses it); add a trigger on an event source, or set minReplicas to 1 or more'],
  ['a fallback on cpu alone', keda({ fallback: { failureThreshold: 3, replicas: 2 }, triggers: [ScalingTrigger.cpuUtilization(60)] }),
    'eventScaling.fallback: needs a trigger other than cpu and memory: KEDA applies a fallback to the triggers of event sources only, and refuses it otherwise'],
  ['a fallback above maxReplicas', keda({ fallback: { failureThreshold: 3, replicas: 20 } }),
    'eventScaling.fallback.replicas: 20 is not allowed; must not exceed maxReplicas (10); the HorizontalPodAutoscaler would cap it silently'],
  ['two triggers of one name', keda({
    triggers: [
      ScalingTrigger.rabbitMqQueueLength({ queueName: 'a', queueLength: 5, hostFromEnv: 'AMQP_URL', name: 'queue' }),
      ScalingTrigger.rabbitMqQueueLength({ queueName: 'b', queueLength: 5, hostFromEnv: 'AMQP_URL', name: 'queue' }),
    ],
  }),
  'eventScaling.triggers: "queue" is not allowed; is the name of two triggers; trigger names must be unique in the ScaledObject (KEDA refuses it)'],
  ['RabbitMQ without the broker URL', keda({ triggers: [ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20 })] }),
    'eventScaling.triggers[0]: needs the broker URL: set `hostFromEnv` (a variable of the container holding amqp://user:password@host:5672/vhost) or `authenticationRef` (a TriggerAuthentication whose `host` parameter holds it); the URL carries the password, so it is never written into the ScaledObject'],
  ['RabbitMQ queue length 0', keda({ triggers: [ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 0, hostFromEnv: 'AMQP_URL' })] }),
    'eventScaling.triggers[0].queueLength: 0 is not allowed; must be a number > 0'],
  ['RabbitMQ hostFromEnv not a variable name', keda({ triggers: [ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 5, hostFromEnv: 'amqp://rabbit:5672' })] }),
    'eventScaling.triggers[0].hostFromEnv: "amqp://rabbit:5672" is not allowed; must be the name of an environment variable of the container (letters, digits, "_", "-" and ".", not starting with a digit)'],
  ['Kafka broker with a scheme', keda({ triggers: [ScalingTrigger.kafkaConsumerLag({ bootstrapServers: ['kafka://kafka:9092'], consumerGroup: 'g', lagThreshold: 10 })] }),
    'eventScaling.triggers[0].bootstrapServers[0]: "kafka://kafka:9092" is not allowed; must be "host:port" with a port from 1 to 65535 (no scheme, no credentials, no comma)'],
  ['Kafka without brokers', keda({ triggers: [ScalingTrigger.kafkaConsumerLag({ bootstrapServers: [], consumerGroup: 'g', lagThreshold: 10 })] }),
    'eventScaling.triggers[0].bootstrapServers: [] is not allowed; must be a list of at least one broker, each "host:port"'],
  ['Kafka lag threshold 0', keda({ triggers: [ScalingTrigger.kafkaConsumerLag({ bootstrapServers: ['kafka:9092'], consumerGroup: 'g', lagThreshold: 0 })] }),
    'eventScaling.triggers[0].lagThreshold: 0 is not allowed; must be an integer >= 1'],
  ['Kafka without a consumer group', keda({ triggers: [ScalingTrigger.kafkaConsumerLag({ bootstrapServers: ['kafka:9092'], consumerGroup: '', lagThreshold: 10 })] }),
    'eventScaling.triggers[0].consumerGroup: "" is not allowed; must be the consumer group whose lag is measured, not empty'],
  ['Redis without a server', keda({ triggers: [ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 5 })] }),
    'eventScaling.triggers[0]: needs the server: set `address` ("host:port"), `addressFromEnv` or `authenticationRef` (a TriggerAuthentication with `address`)'],
  ['Redis address with a password', keda({ triggers: [ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 5, address: ':hunter2@redis:6379' })] }),
    'eventScaling.triggers[0].address: ":hunter2@redis:6379" is not allowed; must be "host:port" (no scheme, no credentials: a password goes in `passwordFromEnv` or the TriggerAuthentication)'],
  ['Redis with two addresses', keda({ triggers: [ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 5, address: 'redis:6379', addressFromEnv: 'REDIS_ADDR' })] }),
    'eventScaling.triggers[0].addressFromEnv: is set beside `address`; give the server one way'],
  ['a password in a trigger\'s metadata', custom({ type: 'redis', metadata: { address: 'redis:6379', listName: 'jobs', password: 'hunter2' } }),
    'eventScaling.triggers[0].metadata.password: "password" names a credential, so its value must not be written into the ScaledObject (the value is not shown here); give it through a TriggerAuthentication (`authenticationRef: { name: \'<trigger-authentication>\' }`, its parameter "password" read from a Secret), or as "passwordFromEnv" naming a variable of the container where the scaler supports it'],
  ['an access key in camel case', custom({ type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsSecretAccessKey: 'abc' } }),
    'eventScaling.triggers[0].metadata.awsSecretAccessKey: "awsSecretAccessKey" names a credential, so its value must not be written into the ScaledObject (the value is not shown here); give it through a TriggerAuthentication (`authenticationRef: { name: \'<trigger-authentication>\' }`, its parameter "awsSecretAccessKey" read from a Secret), or as "awsSecretAccessKeyFromEnv" naming a variable of the container where the scaler supports it'],
  ['a URL with a password in a trigger\'s metadata', custom({ type: 'rabbitmq', metadata: { host: 'amqp://guest:guest@rabbit:5672/', queueName: 'q', mode: 'QueueLength', value: '5' } }),
    'eventScaling.triggers[0].metadata.host: holds a URL with a password in it (the value is not shown here), which would be written into the ScaledObject in plain text; give the URL through a TriggerAuthentication (`authenticationRef`) or a `...FromEnv` variable of the container'],
  ['Utilization on an event scaler', custom({ metricType: KedaMetricType.UTILIZATION }),
    'eventScaling.triggers[0].metricType: "Utilization" is not allowed; must be AverageValue or Value: KEDA supports Utilization for cpu and memory triggers only, not "prometheus"'],
  ['Value on a cpu trigger', custom({ type: 'cpu', metricType: KedaMetricType.VALUE, metadata: { value: '60' } }),
    'eventScaling.triggers[0].metricType: "Value" is not allowed; must be Utilization or AverageValue for a cpu trigger (KEDA refuses any other, and has no default for it)'],
  ['a number in a trigger\'s metadata', custom({ metadata: { serverAddress: 'http://prometheus:9090', query: 'up', threshold: 5 as any } }),
    'eventScaling.triggers[0].metadata.threshold: 5 is not allowed; must be a string (KEDA reads every parameter as a string: write "5", not 5)'],
  ['an empty trigger type', custom({ type: '' }),
    'eventScaling.triggers[0].type: "" is not allowed; must be the name of a KEDA scaler, such as "prometheus" or "aws-sqs-queue"'],
  ['cached metrics on a cron trigger', custom({ type: 'cron', useCachedMetrics: true, metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: '2' } }),
    'eventScaling.triggers[0].useCachedMetrics: is not supported for a "cron" trigger (KEDA refuses the ScaledObject)'],
  ['an authenticationRef that is not a name', keda({ triggers: [ScalingTrigger.rabbitMqQueueLength({ queueName: 'q', queueLength: 5, authenticationRef: { name: 'Rabbit Auth' } })] }),
    'eventScaling.triggers[0].authenticationRef.name: "Rabbit Auth" is not allowed; must be the name of a TriggerAuthentication: a lower-case RFC 1123 subdomain'],
  ['an authenticationRef of another kind', keda({ triggers: [ScalingTrigger.rabbitMqQueueLength({ queueName: 'q', queueLength: 5, authenticationRef: { name: 'auth', kind: 'Secret' as TriggerAuthenticationKind } })] }),
    'eventScaling.triggers[0].authenticationRef.kind: "Secret" is not allowed; must be one of "TriggerAuthentication", "ClusterTriggerAuthentication"'],
  ['a cron trigger in an unknown time zone', keda({ triggers: [ScalingTrigger.cron({ timezone: 'Berlin', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 2 })] }),
    'eventScaling.triggers[0].timezone: "Berlin" is not allowed; must be an IANA time zone name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"'],
  ['a cron window above maxReplicas', keda({ maxReplicas: 3, triggers: [ScalingTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 5 })] }),
    'eventScaling.triggers[0].desiredReplicas: 5 is not allowed; must not exceed maxReplicas (3); KEDA would cap it silently'],
  ['a plain object as a trigger', keda({ triggers: [{ type: 'cron' } as any] }),
    'eventScaling.triggers[0]: {"type":"cron"} is not allowed; must be a ScalingTrigger (ScalingTrigger.rabbitMqQueueLength({ ... }), ScalingTrigger.custom({ ... }) ...)'],
];

const web = { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', requests: { cpu: '100m', memory: '64Mi' } };
const windows = [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 4 }];
const webAppCases: [string, WebAppProps, string][] = [
  ['KEDA cron windows and eventScaling with two ranges', {
    containers: [web],
    scheduledScaling: ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 8, windows }),
    eventScaling: { maxReplicas: 10, triggers: [rabbit] },
  }, 'scheduledScaling.maxReplicas: 8 is not allowed; must equal eventScaling.maxReplicas (10): both become triggers of the workload\'s one ScaledObject, which has one maxReplicas'],
  ['KEDA cron windows and eventScaling with two floors', {
    containers: [web],
    scheduledScaling: ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 10, windows }),
    eventScaling: { minReplicas: 0, maxReplicas: 10, triggers: [rabbit] },
  }, 'scheduledScaling.minReplicas: 1 is not allowed; must equal eventScaling.minReplicas (0): both become triggers of the workload\'s one ScaledObject, which has one minReplicas'],
  ['KEDA cron windows and eventScaling with two names', {
    containers: [web],
    scheduledScaling: ScheduledScaling.keda({ timezone: 'UTC', maxReplicas: 10, windows, name: 'web-cron' }),
    eventScaling: { maxReplicas: 10, triggers: [rabbit] },
  }, 'scheduledScaling.name: "web-cron" is not allowed; must equal eventScaling.name ("app"): both become triggers of the workload\'s one ScaledObject, which has one name'],
  ['CronHPA beside eventScaling', {
    containers: [web],
    scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule: '0 0 8 * * *', targetSize: 4 }] }),
    eventScaling: { maxReplicas: 10, triggers: [rabbit] },
  }, 'scheduledScaling: ACK\'s CronHorizontalPodAutoscaler cannot run beside the KEDA ScaledObject of `eventScaling`: it would set the replica count that KEDA\'s HorizontalPodAutoscaler owns; use `ScheduledScaling.keda({ windows, ... })`, whose windows join the ScaledObject as cron triggers'],
  ['replicas beside eventScaling', { containers: [web], replicas: 2, eventScaling: { maxReplicas: 10, triggers: [rabbit] } },
    'replicas: 2 is not allowed; must not be set when `autoscaling`, `eventScaling` or `scheduledScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply. Remove `replicas` (set minReplicas on the autoscaler for the floor)'],
];

function expectLine(chart: Chart, path: string, message: string) {
  expect(synthError(chart).split('\n').map(l => l.trim())).toContain(`[${path}] ${message}`);
}

describe('scaling rejects bad input at synth, naming the path, field and value', () => {
  test.each(workerCases)('Worker: %s', (_name, props, message) => {
    const chart = newChart();
    new Worker(chart, 'w', props);
    expectLine(chart, 'test/w', message);
  });

  test.each(webAppCases)('WebApp: %s', (_name, props, message) => {
    const chart = newChart();
    new WebApp(chart, 'app', props);
    expectLine(chart, 'test/app', message);
  });

  test('JobGraph: utilization needs a request in every job\'s container', () => {
    const chart = newChart();
    new JobGraph(chart, 'graph', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/bin/app'), restarts: JobRestarts.unlimited() }]),
      autoscaling: { maxReplicas: 4, cpuUtilization: 70 },
    });
    expectLine(chart, 'test/graph', 'job[app].requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)');
  });

  test('a null fallback reads as unset (plain JavaScript; it threw a TypeError)', () => {
    const chart = newChart();
    new Worker(chart, 'w', keda({ fallback: null as any }));
    const scaled = Testing.synth(chart).find(o => o.kind === 'ScaledObject');
    expect(scaled.spec.fallback).toBeUndefined();
    expect(scaled.spec.maxReplicaCount).toBe(10);
  });

  test('every problem of the scaling props is reported in one synth', () => {
    const chart = newChart();
    new Worker(chart, 'w', { ...hpa({ minReplicas: 4, maxReplicas: 2, metrics: [ScalingMetric.cpuAverageValue('half')] }), replicas: 1 });
    const error = synthError(chart);
    expect(error).toContain('replicas: 1 is not allowed');
    expect(error).toContain('autoscaling.minReplicas: 4 is not allowed');
    expect(error).toContain('autoscaling.metrics[0]: "half" is not allowed');
  });
});
