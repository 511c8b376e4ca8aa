import * as kplus from 'cdk8s-plus-28';
import { PersistentVolumeAccessMode, Protocol } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, portNumber, quantity } from './support';
import {
  CloudIdentity, DisruptionBudget, EnvSource, HealthCheck, KedaMetricType, NetworkPeer, NodeInclusionPolicy, NodeSelectorOperator, PortReference,
  RbacVerb, ScalingMetric, ScalingTrigger, TolerationOperator, UnhealthyPodEvictionPolicy, UnsatisfiableConstraintAction, VolumeSource,
  WorkloadServiceAccount, WorkloadVolume,
} from '../../src';

/** Arbitraries shared by the property tests of the workload constructs. */

/** Environment variables: literals and every kind of source. */
export const validEnvVar = fc.record({
  name: fc.constantFrom('LOG_LEVEL', 'PORT', 'APP_MODE', 'x.y-z'),
  value: fc.constantFrom('info', '8080', 'on', '0o17', '', 'yes'),
}).chain(e => fc.oneof(
  fc.constant(e),
  fc.constantFrom(EnvSource.fieldRef('metadata.name'), EnvSource.fieldRef("metadata.labels['team']"), EnvSource.resourceField('limits.memory', undefined, '1Mi'),
    EnvSource.configMapKey('settings', 'level'), EnvSource.secretKey('creds', 'token')).map(valueFrom => ({ name: e.name, valueFrom })),
));
export const hostileEnvVar = fc.oneof(
  fc.record({ name: hostileString, value: fc.constant('v') }),
  fc.record({ name: fc.constant('V'), value: hostileString }),
  fc.constantFrom('spec.bogus', 'status.phase', "spec.nodeName['x']", 'metadata.labels').map(p => ({ name: 'F', valueFrom: EnvSource.fieldRef(p) })),
  fc.constantFrom('limits.gpu', 'cpu').map(r => ({ name: 'R', valueFrom: EnvSource.resourceField(r) })),
  fc.tuple(hostileString, fc.constantFrom('key', 'bad key')).map(([n, k]) => ({ name: 'C', valueFrom: EnvSource.configMapKey(n, k) })),
  fc.constant({ name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }),
);

/** A health check of any handler, with valid or edge timings and ports. */
export function healthCheck(timing: fc.Arbitrary<any>, port: fc.Arbitrary<any>) {
  return fc.tuple(
    fc.constantFrom('http', 'tcp', 'command'),
    fc.record({ periodSeconds: timing, timeoutSeconds: timing, failureThreshold: timing }, { requiredKeys: [] }),
    port,
  ).map(([kind, timings, p]) => {
    const ref = PortReference.fromNumber(p);
    if (kind === 'http') return HealthCheck.fromHttpGet('/healthz', { ...timings, port: ref });
    if (kind === 'tcp') return HealthCheck.fromTcpSocket({ ...timings, port: ref });
    return HealthCheck.fromCommand(['true'], timings);
  });
}
export const validCheck = healthCheck(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 65535 }));
export const hostileCheck = healthCheck(hostileNumber, portNumber);

export const validVolume = fc.record({
  name: dnsLabel,
  mountPath: fc.constantFrom('/data', '/cache', '/etc/app', '/var/run/x'),
  source: fc.oneof(
    fc.constant(VolumeSource.emptyDir()),
    dnsLabel.map(n => VolumeSource.configMap(n)),
    dnsLabel.map(n => VolumeSource.persistentVolumeClaim(n)),
  ),
});
export const hostileVolume = fc.oneof(
  fc.record({ name: hostileString, mountPath: fc.constant('/x'), source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: hostileString, source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: fc.constant('/x'), source: fc.oneof(hostileString.map(n => VolumeSource.configMap(n)), fc.constant(VolumeSource.nfs('nfs.example.com', '/exports')), fc.constant(undefined)) }),
);


// ---- the shared workload traits (WorkloadProps) ------------------------------------

const TRAIT_KEYS = ['team', 'example.com/pool', 'kubernetes.io/os'];
const traitLabels = fc.dictionary(fc.constantFrom(...TRAIT_KEYS), dnsLabel, { minKeys: 1, maxKeys: 2 });
/** `null`, a string, a number, `{}`: what a JavaScript caller passes where an object or list belongs. */
const wrongType: fc.Arbitrary<any> = fc.constantFrom(null, 'x', 7, {}, true);

const validToleration = fc.oneof(
  fc.record({
    key: fc.constantFrom('dedicated', 'example.com/gpu'),
    operator: fc.constant(TolerationOperator.EQUAL),
    value: dnsLabel,
    effect: fc.constantFrom(kplus.TaintEffect.NO_SCHEDULE, kplus.TaintEffect.PREFER_NO_SCHEDULE),
  }, { requiredKeys: ['key', 'value'] }),
  fc.record({
    key: fc.constantFrom('node.kubernetes.io/not-ready', 'spot'),
    operator: fc.constant(TolerationOperator.EXISTS),
    effect: fc.constant(kplus.TaintEffect.NO_EXECUTE),
    tolerationSeconds: fc.integer({ min: 0, max: 600 }),
  }, { requiredKeys: ['operator', 'effect'] }),
  fc.constant({ operator: TolerationOperator.EXISTS }),
);
const hostileToleration = fc.oneof(
  fc.record({ key: hostileString, operator: fc.constantFrom(TolerationOperator.EQUAL, TolerationOperator.EXISTS, 'Gt', undefined), value: hostileString }, { requiredKeys: [] }),
  fc.record({ key: fc.constant('k'), effect: fc.oneof(fc.constantFrom(kplus.TaintEffect.NO_SCHEDULE, undefined, 'NoRun'), hostileString), tolerationSeconds: hostileNumber }, { requiredKeys: [] }),
);
const nodeExpression = fc.oneof(
  fc.record({ key: fc.constantFrom('kubernetes.io/arch', 'disktype'), operator: fc.constantFrom(NodeSelectorOperator.IN, NodeSelectorOperator.NOT_IN), values: fc.array(dnsLabel, { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: fc.constantFrom('example.com/spot', 'gpu'), operator: fc.constantFrom(NodeSelectorOperator.EXISTS, NodeSelectorOperator.DOES_NOT_EXIST) }),
  fc.record({ key: fc.constant('example.com/cores'), operator: fc.constantFrom(NodeSelectorOperator.GT, NodeSelectorOperator.LT), values: fc.integer({ min: -5, max: 64 }).map(n => [String(n)]) }),
);
const hostileNodeExpression = fc.record({
  key: fc.oneof(fc.constant('disktype'), hostileString),
  operator: fc.oneof(fc.constantFrom(...Object.values(NodeSelectorOperator), 'Like'), hostileString),
  values: fc.oneof(listWithHoles(fc.oneof(dnsLabel, hostileString)), fc.constant(['1.5']), fc.constant(['1', '2'])),
}, { requiredKeys: [] });
const validAffinityTerm = fc.record(
  { topology: fc.constantFrom(kplus.Topology.HOSTNAME, kplus.Topology.ZONE), weight: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: [] },
);
const hostileAffinityTerm = fc.record({
  topology: fc.oneof(hostileString.map(k => kplus.Topology.custom(k)), wrongType), weight: hostileNumber, workload: wrongType,
}, { requiredKeys: [] });
const validSpread = fc.record({
  topology: fc.constantFrom(kplus.Topology.ZONE, kplus.Topology.HOSTNAME),
  maxSkew: fc.integer({ min: 1, max: 3 }),
  whenUnsatisfiable: fc.constantFrom(UnsatisfiableConstraintAction.DO_NOT_SCHEDULE, UnsatisfiableConstraintAction.SCHEDULE_ANYWAY),
  matchLabelKeys: fc.constant(['pod-template-hash']),
}, { requiredKeys: ['topology'] });
const hostileSpread = fc.record({
  topology: fc.oneof(hostileString.map(k => kplus.Topology.custom(k)), wrongType),
  maxSkew: hostileNumber,
  whenUnsatisfiable: fc.oneof(fc.constantFrom(UnsatisfiableConstraintAction.SCHEDULE_ANYWAY), hostileString),
  minDomains: hostileNumber,
  nodeTaintsPolicy: fc.oneof(fc.constantFrom(NodeInclusionPolicy.HONOR), hostileString),
  matchLabelKeys: listWithHoles(fc.oneof(fc.constantFrom('app.kubernetes.io/name', 'pod-template-hash'), hostileString)),
}, { requiredKeys: [] });

/**
 * Valid scheduling. No `priorityClassName`: the API server's Priority admission refuses a
 * Pod that names a PriorityClass it does not have, and the accepted apps go to a real API
 * server; the names are checked on the hostile side.
 */
const validScheduling = fc.record({
  nodeSelector: traitLabels,
  tolerations: fc.array(validToleration, { maxLength: 2 }),
  nodeAffinity: fc.record({
    required: fc.array(fc.record({ matchExpressions: fc.array(nodeExpression, { minLength: 1, maxLength: 2 }) }), { maxLength: 1 }),
    preferred: fc.array(
      fc.record({ weight: fc.integer({ min: 1, max: 100 }), matchExpressions: fc.array(nodeExpression, { minLength: 1, maxLength: 1 }) }),
      { maxLength: 1 },
    ),
  }, { requiredKeys: [] }),
  podAntiAffinity: fc.array(validAffinityTerm, { maxLength: 1 }),
  podAffinity: fc.array(validAffinityTerm.map(t => ({ ...t, weight: t.weight ?? 10 })), { maxLength: 1 }),
  topologySpread: fc.uniqueArray(validSpread, { maxLength: 2, selector: s => `${s.topology.key}|${s.whenUnsatisfiable ?? 'DoNotSchedule'}` }),
  hostAliases: fc.constant([{ ip: '10.0.0.7', hostnames: ['db.internal'] }]),
}, { requiredKeys: [] });
const hostileScheduling = fc.oneof(
  wrongType,
  fc.record({ nodeSelector: labelMap.filter(m => Object.keys(m).length > 0) }),
  fc.record({ tolerations: fc.oneof(listWithHoles(fc.oneof(validToleration, hostileToleration)), wrongType) }),
  fc.record({
    nodeAffinity: fc.oneof(wrongType, fc.record({
      required: fc.oneof(
        listWithHoles(fc.record(
          { matchExpressions: fc.oneof(listWithHoles(fc.oneof(nodeExpression, hostileNodeExpression)), wrongType) }, { requiredKeys: [] },
        )),
        wrongType,
      ),
      preferred: listWithHoles(fc.record({ weight: hostileNumber, matchExpressions: listWithHoles(nodeExpression) }, { requiredKeys: [] })),
    }, { requiredKeys: [] })),
  }),
  fc.record(
    { podAffinity: fc.oneof(listWithHoles(hostileAffinityTerm), wrongType), podAntiAffinity: listWithHoles(hostileAffinityTerm) },
    { requiredKeys: [] },
  ),
  fc.record(
    { topologySpread: fc.oneof(listWithHoles(fc.oneof(validSpread, hostileSpread)), wrongType), defaultSpread: fc.constantFrom(true, undefined) },
    { requiredKeys: [] },
  ),
  fc.record({ priorityClassName: fc.oneof(fc.constantFrom('high-priority', 'system-node-critical'), hostileString) }),
  fc.record({ hostAliases: listWithHoles(fc.record({ ip: fc.oneof(fc.constantFrom('10.0.0.1', '::1', '999.1.1.1'), hostileString), hostnames: listWithHoles(hostileString) }, { requiredKeys: [] })) }),
  fc.record({ dns: fc.oneof(wrongType, fc.record({ policy: fc.oneof(fc.constantFrom(...Object.values(kplus.DnsPolicy)), hostileString), nameservers: listWithHoles(fc.oneof(fc.constant('1.1.1.1'), hostileString), 4), searches: listWithHoles(hostileString) }, { requiredKeys: [] })) }),
);

const budgetOptions = fc.record(
  { allowBlockingDrains: fc.boolean(), unhealthyPodEvictionPolicy: fc.constantFrom(...Object.values(UnhealthyPodEvictionPolicy)) },
  { requiredKeys: [] },
);
const validBudget = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 3 }), budgetOptions).map(([n, o]) => DisruptionBudget.maxUnavailable(n, o)),
  fc.tuple(fc.integer({ min: 1, max: 100 }), budgetOptions).map(([n, o]) => DisruptionBudget.maxUnavailablePercent(n, o)),
  fc.integer({ min: 0, max: 3 }).map(n => DisruptionBudget.minAvailable(n, { allowBlockingDrains: true })),
  fc.integer({ min: 0, max: 100 }).map(n => DisruptionBudget.minAvailablePercent(n, { allowBlockingDrains: true })),
  fc.constant(DisruptionBudget.none()),
);
const hostileBudget = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      DisruptionBudget.minAvailable, DisruptionBudget.maxUnavailable, DisruptionBudget.minAvailablePercent, DisruptionBudget.maxUnavailablePercent,
    ),
    fc.oneof(hostileNumber, fc.constantFrom(101, 150, 12.5, -5)),
    fc.oneof(fc.constant(undefined), budgetOptions, fc.record({ unhealthyPodEvictionPolicy: hostileString }), wrongType)).map(([f, n, o]) => f(n, o)),
  // A budget that blocks every drain, without allowBlockingDrains.
  fc.constantFrom(
    DisruptionBudget.maxUnavailable(0), DisruptionBudget.maxUnavailablePercent(0),
    DisruptionBudget.minAvailablePercent(100), DisruptionBudget.minAvailable(50),
  ),
  wrongType,
);

const validRule = fc.record({
  apiGroups: fc.constantFrom([''], ['apps']),
  resources: fc.constantFrom(['configmaps'], ['pods', 'pods/log']),
  verbs: fc.subarray([RbacVerb.GET, RbacVerb.LIST, RbacVerb.WATCH], { minLength: 1 }),
  resourceNames: fc.constantFrom(undefined, ['settings']),
}, { requiredKeys: ['resources', 'verbs'] });
const hostileRule = fc.record({
  apiGroups: listWithHoles(fc.oneof(fc.constantFrom('', '*', 'apps'), hostileString)),
  resources: fc.oneof(fc.constant([]), listWithHoles(fc.oneof(fc.constantFrom('*', 'pods', 'secrets'), hostileString)), wrongType),
  verbs: fc.oneof(fc.constant([]), listWithHoles(fc.oneof(fc.constantFrom(...Object.values(RbacVerb), '*', 'GET'), hostileString)), wrongType),
  resourceNames: listWithHoles(hostileString),
  allowWildcards: fc.boolean(),
}, { requiredKeys: [] });
const validCloud = fc.constantFrom(
  CloudIdentity.awsIrsa('arn:aws:iam::123456789012:role/reports-writer'),
  CloudIdentity.gke('reports@project-1.iam.gserviceaccount.com'),
  CloudIdentity.azure('00000000-0000-0000-0000-000000000001', { tenantId: '00000000-0000-0000-0000-000000000002' }),
  CloudIdentity.alibabaRrsa('reports-writer'),
);
const hostileCloud = fc.oneof(
  hostileString.map(s => CloudIdentity.awsIrsa(s)), hostileString.map(s => CloudIdentity.gke(s)),
  fc.tuple(hostileString, fc.oneof(fc.constant(undefined), fc.record({ tenantId: hostileString }), wrongType))
    .map(([s, o]) => CloudIdentity.azure(s, o)),
  hostileString.map(s => CloudIdentity.alibabaRrsa(s)), wrongType,
);
/** A new ServiceAccount only: the API server refuses a Pod naming one that does not exist (the existing ones are hostile). */
const validServiceAccount = fc.record({
  name: dnsLabel,
  annotations: fc.constant({ 'example.com/owner': 'team-a' }),
  mountToken: fc.boolean(),
  rules: fc.array(validRule, { minLength: 1, maxLength: 2 }),
  cloudIdentity: validCloud,
}, { requiredKeys: [] }).map(o => WorkloadServiceAccount.create(o.rules ? { ...o, mountToken: true } : o));
const hostileServiceAccount = fc.oneof(
  fc.record({
    name: hostileString,
    annotations: labelMap,
    rules: fc.oneof(listWithHoles(fc.oneof(validRule, hostileRule)), wrongType),
    clusterRules: listWithHoles(hostileRule),
    cloudIdentity: hostileCloud,
  }, { requiredKeys: [] })
    .map(o => WorkloadServiceAccount.create(o)),
  fc.tuple(
    fc.oneof(dnsLabel, hostileString),
    fc.record(
      { rules: listWithHoles(fc.oneof(validRule, hostileRule)), azureWorkloadIdentity: fc.boolean(), mountToken: fc.boolean() }, { requiredKeys: [] },
    ),
  )
    .map(([n, o]) => WorkloadServiceAccount.existing(n, o)),
  fc.constant(WorkloadServiceAccount.create(null as any)),
  wrongType,
);

/**
 * The claims of `volumeClaims` and what the containers mount of them: a workload test
 * turns it into the `volumeClaims` prop and `VolumeSource.volumeClaim` mounts with
 * `claimMounts`, so a valid claim is always mounted and a hostile plan may mount a claim
 * that does not exist, or leave one unmounted.
 */
export interface ClaimPlan {
  readonly claims: any;
  /** The claim names the first container mounts. */
  readonly mounts: any[];
}
const validClaim = fc.record({
  name: fc.constantFrom('data', 'cache', 'index'),
  size: fc.constantFrom('1Gi', '500Mi', '20Gi'),
  storageClassName: fc.constantFrom(undefined, 'fast-ssd', ''),
  // ReadWriteMany: a single-node claim is refused next to a rolling update or replicas, which the other fields choose.
  accessModes: fc.constant([PersistentVolumeAccessMode.READ_WRITE_MANY]),
}, { requiredKeys: ['name', 'size', 'accessModes'] });
const hostileClaim = fc.record({
  name: fc.oneof(fc.constantFrom('data', 'x'.repeat(62)), hostileString),
  size: fc.oneof(fc.constantFrom('0', '-1Gi', '1.5', '1e3'), quantity),
  storageClassName: hostileString,
  accessModes: fc.oneof(
    fc.constant([]), fc.constant([PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, PersistentVolumeAccessMode.READ_ONLY_MANY]),
    listWithHoles(fc.oneof(fc.constantFrom(...Object.values(PersistentVolumeAccessMode)), hostileString)),
  ),
}, { requiredKeys: [] });
const validClaims: fc.Arbitrary<ClaimPlan> = fc.uniqueArray(validClaim, { maxLength: 2, selector: c => c.name })
  .map(claims => ({ claims, mounts: claims.map(c => c.name) }));
const hostileClaims: fc.Arbitrary<ClaimPlan> = fc.oneof(
  listWithHoles(fc.oneof(validClaim, hostileClaim), 2).map(claims => ({ claims, mounts: claims.map(c => c?.name).filter(n => typeof n === 'string' && n !== '') })),
  validClaims.map(p => ({ claims: p.claims, mounts: [] })),
  validClaims.map(p => ({ claims: p.claims, mounts: ['missing'] })),
  // Single-node claims, mounted by a Deployment that may run two pods at once.
  fc.constant({ claims: [{ name: 'data', size: '1Gi' }], mounts: ['data'] }),
  wrongType.map(claims => ({ claims, mounts: [] })),
);

/** The `volumeClaims` prop of a plan, and the mounts a container lists in its `volumes`. */
export function claimMounts(plan: ClaimPlan | undefined): { volumeClaims: any; volumes: WorkloadVolume[] } {
  if (plan === undefined) return { volumeClaims: undefined, volumes: [] };
  return {
    volumeClaims: plan.claims,
    volumes: plan.mounts.map((n, i) => ({ name: `claim-${i}`, mountPath: `/claims/${i}`, source: VolumeSource.volumeClaim(n) })),
  };
}

const validRollout = fc.record({
  minReadySeconds: fc.integer({ min: 0, max: 30 }),
  progressDeadlineSeconds: fc.integer({ min: 60, max: 900 }),
  revisionHistoryLimit: fc.integer({ min: 0, max: 10 }),
  preStopDelaySeconds: fc.integer({ min: 1, max: 10 }),
}, { requiredKeys: [] });
const hostileRollout = fc.oneof(
  fc.record({
    minReadySeconds: hostileNumber,
    progressDeadlineSeconds: hostileNumber,
    revisionHistoryLimit: hostileNumber,
    terminationGracePeriodSeconds: hostileNumber,
    preStopDelaySeconds: hostileNumber,
  }, { requiredKeys: [] }),
  // A deadline at or below minReadySeconds, and a grace period within the preStop sleep.
  fc.constant({ minReadySeconds: 700 }), fc.constant({ minReadySeconds: 30, progressDeadlineSeconds: 30 }),
  fc.constant({ preStopDelaySeconds: 10, terminationGracePeriodSeconds: 5 }),
  wrongType,
);

const cpuMetric = fc.integer({ min: 10, max: 90 });
const validMetric = fc.oneof(
  cpuMetric.map(n => ScalingMetric.memoryUtilization(n)),
  fc.constantFrom('200m', '1').map(q => ScalingMetric.cpuAverageValue(q)),
  fc.constant(ScalingMetric.pods({ name: 'requests_per_second', averageValue: '100' })),
  fc.constant(ScalingMetric.external({ name: 'queue_messages_ready', averageValue: '30', selector: { queue: 'orders' } })),
);
const hostileMetric = fc.oneof(
  hostileNumber.map(n => ScalingMetric.cpuUtilization(n)), hostileNumber.map(n => ScalingMetric.memoryUtilization(n)),
  quantity.map(q => ScalingMetric.memoryAverageValue(q)),
  fc.record({ name: fc.oneof(fc.constant('rps'), hostileString), averageValue: quantity, selector: labelMap }, { requiredKeys: [] }).map(o => ScalingMetric.pods(o as any)),
  fc.record({ name: fc.oneof(fc.constant('lag'), hostileString), value: quantity, averageValue: quantity }, { requiredKeys: [] }).map(o => ScalingMetric.external(o as any)),
  wrongType,
);
/** Metric scaling; requests for the utilization targets are up to the other fields (missing ones are a refusal). */
export const validAutoscaling = fc.record({
  minReplicas: fc.integer({ min: 1, max: 3 }),
  maxReplicas: fc.integer({ min: 3, max: 10 }),
  cpuUtilization: cpuMetric,
  metrics: fc.array(validMetric, { minLength: 1, maxLength: 2 }),
}, { requiredKeys: ['maxReplicas'] }).filter(a => a.cpuUtilization !== undefined || a.metrics !== undefined);
export const hostileAutoscaling = fc.oneof(
  fc.record({
    minReplicas: hostileNumber,
    maxReplicas: hostileNumber,
    cpuUtilization: hostileNumber,
    memoryUtilization: hostileNumber,
    metrics: fc.oneof(listWithHoles(fc.oneof(validMetric, hostileMetric)), wrongType),
  }, { requiredKeys: [] }),
  fc.constant({ minReplicas: 5, maxReplicas: 2 }),
  wrongType,
);

const validTrigger = fc.oneof(
  fc.constant(ScalingTrigger.kafkaConsumerLag({ bootstrapServers: ['kafka-0.kafka:9092', 'kafka-1.kafka:9092'], consumerGroup: 'orders', topic: 'orders', lagThreshold: 50 })),
  fc.constant(ScalingTrigger.redisListLength({ listName: 'jobs', listLength: 10, address: 'redis.default.svc:6379' })),
  fc.constant(ScalingTrigger.cron({ timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 2 })),
  fc.constant(ScalingTrigger.rabbitMqQueueLength({ queueName: 'orders', queueLength: 20, authenticationRef: { name: 'rabbitmq-auth' } })),
  fc.constant(ScalingTrigger.custom({ type: 'prometheus', metadata: { serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: '5' } })),
);
const hostileTrigger = fc.oneof(
  fc.record({ bootstrapServers: listWithHoles(fc.oneof(fc.constant('kafka:9092'), hostileString)), consumerGroup: hostileString, lagThreshold: hostileNumber, activationLagThreshold: hostileNumber, offsetResetPolicy: hostileString }, { requiredKeys: [] })
    .map(o => ScalingTrigger.kafkaConsumerLag(o as any)),
  fc.record({
    listName: hostileString, listLength: hostileNumber, address: hostileString, addressFromEnv: hostileString, databaseIndex: hostileNumber,
  }, { requiredKeys: [] })
    .map(o => ScalingTrigger.redisListLength(o as any)),
  fc.record({ timezone: fc.oneof(fc.constantFrom('UTC', 'Mars/Olympus'), hostileString), start: fc.oneof(fc.constantFrom('0 8 * * *', '61 * * * *'), hostileString), end: hostileString, desiredReplicas: hostileNumber }, { requiredKeys: [] })
    .map(o => ScalingTrigger.cron(o as any)),
  fc.record({ queueName: hostileString, queueLength: hostileNumber, hostFromEnv: fc.oneof(fc.constant('RABBITMQ_URL'), hostileString), vhostName: hostileString }, { requiredKeys: [] })
    .map(o => ScalingTrigger.rabbitMqQueueLength(o as any)),
  hostileNumber.map(n => ScalingTrigger.cpuUtilization(n)),
  fc.record({
    type: hostileString,
    metadata: fc.oneof(labelMap, wrongType),
    metricType: fc.oneof(fc.constantFrom(...Object.values(KedaMetricType)), hostileString),
    name: hostileString,
  }, { requiredKeys: [] })
    .map(o => ScalingTrigger.custom(o as any)),
  wrongType,
);
/**
 * Event scaling writes a KEDA ScaledObject: the API server check installs KEDA's CRD
 * (shared/reference/keda.sh_scaledobjects.yaml), so accepted apps with one are valid there.
 */
export const validEventScaling = fc.record({
  triggers: fc.array(validTrigger, { minLength: 1, maxLength: 2 }),
  minReplicas: fc.integer({ min: 0, max: 2 }),
  maxReplicas: fc.integer({ min: 2, max: 20 }),
  pollingInterval: fc.integer({ min: 5, max: 60 }),
  cooldownPeriod: fc.integer({ min: 30, max: 600 }),
  fallback: fc.constant({ failureThreshold: 3, replicas: 2 }),
}, { requiredKeys: ['triggers', 'maxReplicas'] });
export const hostileEventScaling = fc.oneof(
  fc.record({
    triggers: fc.oneof(fc.constant([]), listWithHoles(fc.oneof(validTrigger, hostileTrigger)), wrongType),
    minReplicas: hostileNumber,
    maxReplicas: hostileNumber,
    pollingInterval: hostileNumber,
    cooldownPeriod: hostileNumber,
    name: hostileString,
    fallback: fc.oneof(wrongType, fc.record({ failureThreshold: hostileNumber, replicas: hostileNumber }, { requiredKeys: [] })),
  }, { requiredKeys: [] }),
  fc.constant({ triggers: [ScalingTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: 2 })], minReplicas: 4, maxReplicas: 3 }),
  wrongType,
);

const validPeer = fc.oneof(
  dnsLabel.map(n => NetworkPeer.namespace(n)),
  fc.constant(NetworkPeer.ingressController({ namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } })),
  fc.constantFrom(NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']), NetworkPeer.ipBlock('192.168.0.0/24'), NetworkPeer.ipBlock('fd00::/8')),
);
const hostilePeer = fc.oneof(
  hostileString.map(n => NetworkPeer.namespace(n)),
  fc.tuple(hostileString, labelMap).map(([namespace, podLabels]) => NetworkPeer.ingressController({ namespace, podLabels })),
  fc.tuple(fc.oneof(fc.constantFrom('10.0.0.0/33', '10.0.0.1/8', '::/0', '300.0.0.0/8'), hostileString), listWithHoles(fc.oneof(fc.constantFrom('11.0.0.0/16', '10.0.0.0/8'), hostileString)))
    .map(([c, e]) => NetworkPeer.ipBlock(c, e)),
  wrongType,
);
const policyRule = (peer: fc.Arbitrary<any>, port: fc.Arbitrary<any>, minPorts = 0) =>
  fc.record({ peer, ports: fc.array(port, { minLength: minPorts, maxLength: 1 }), protocol: fc.constantFrom(undefined, Protocol.TCP) }, { requiredKeys: ['peer'] });
/** Valid policies: ingress rules on every port (a port must be one the containers declare, and each construct declares its own), egress to any peer. */
export const validNetworkPolicy = fc.record({
  denyIngress: fc.constant(true),
  allowFrom: fc.array(fc.record({ peer: validPeer }), { maxLength: 2 }),
  denyEgress: fc.boolean(),
  labels: fc.constant({ 'example.com/policy': 'default' }),
}, { requiredKeys: ['denyIngress'] }).chain(p => (p.denyEgress
  ? fc.record(
    { allowTo: fc.array(policyRule(validPeer, fc.constant(PortReference.fromNumber(443)), 1), { maxLength: 1 }), allowDns: fc.boolean() },
    { requiredKeys: [] },
  )
    .map(e => ({ ...p, ...e }))
  : fc.constant(p)));
export const hostileNetworkPolicy = fc.oneof(
  fc.record({
    name: hostileString,
    denyIngress: fc.constantFrom(true, false, undefined),
    denyEgress: fc.constantFrom(true, false, undefined),
    allowFrom: fc.oneof(listWithHoles(policyRule(fc.oneof(validPeer, hostilePeer), fc.oneof(fc.constant(PortReference.fromName('nope')), portNumber.map(p => PortReference.fromNumber(p))))), wrongType),
    allowTo: listWithHoles(policyRule(hostilePeer, fc.constant(PortReference.fromNumber(443)))),
    allowDns: fc.boolean(),
    dnsServer: fc.oneof(validPeer, hostilePeer),
    labels: labelMap,
  }, { requiredKeys: [] }),
  fc.constant({}),
  wrongType,
);

/**
 * The shared workload traits (WorkloadProps), in the style of `workerFields`: each
 * field's valid and hostile values. `volumeClaims` holds a ClaimPlan, which a test turns
 * into props with `claimMounts`. Both `autoscaling` and `eventScaling` set is an error
 * the docs name, so the valid side never sets both (`oneScaler`), and the hostile side of
 * `autoscaling` sometimes brings `eventScaling` along (`withBothScalers`).
 */
export const traitFields = {
  podLabels: [fc.dictionary(fc.constantFrom('team', 'example.com/tier'), dnsLabel, { maxKeys: 2 }), labelMap],
  podAnnotations: [fc.dictionary(fc.constantFrom('example.com/note', 'team'), fc.constantFrom('yes', 'a b', '1.5'), { maxKeys: 2 }), labelMap],
  scheduling: [validScheduling, hostileScheduling],
  disruptionBudget: [validBudget, hostileBudget],
  serviceAccount: [validServiceAccount, hostileServiceAccount],
  volumeClaims: [validClaims, hostileClaims],
  rollout: [validRollout, hostileRollout],
  autoscaling: [validAutoscaling, hostileAutoscaling],
  eventScaling: [validEventScaling, hostileEventScaling],
  networkPolicy: [validNetworkPolicy, hostileNetworkPolicy],
} as const;

/**
 * Both scalers is a refusal the docs name, and so is `replicas` beside one: valid props
 * keep one scaler and drop `replicas` beside it, except when `both` (drawn 0-9) is 0,
 * so the refusal is still seen now and then.
 */
export function oneScaler<P extends Record<string, any>>(p: P, both: number): P {
  if (both === 0) return p;
  const out: Record<string, any> = { ...p };
  if (out.autoscaling !== undefined && out.eventScaling !== undefined) delete out.eventScaling;
  if (out.autoscaling !== undefined || out.eventScaling !== undefined) delete out.replicas;
  return out as P;
}

/** `props` with `oneScaler` applied. */
export function withOneScaler(props: fc.Arbitrary<Record<string, any>>): fc.Arbitrary<Record<string, any>> {
  return fc.tuple(props, fc.nat(9)).map(([p, n]) => oneScaler(p, n));
}

/**
 * Whether an accepted input's traits can go to the API server check: not with a
 * ServiceAccount made elsewhere or a PriorityClass, which that server does not have (its
 * ServiceAccount and Priority admission refuse the Pod for a missing object, not for a
 * mistake of the library).
 */
export function traitsWritable(p: Record<string, any>): boolean {
  const sa = p.serviceAccount;
  return !(sa instanceof WorkloadServiceAccount && sa._existingName !== undefined) && p.scheduling?.priorityClassName === undefined;
}
