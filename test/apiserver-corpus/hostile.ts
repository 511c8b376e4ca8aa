// Inputs that the API server (or the kubelet, through Pod Security) refuses, from issue
// 17's list. Each case is an app of its own (scripts/apiserver/synth-corpus.ts): the
// library must refuse it at synth, naming the construct path and the field. A case that
// still synthesizes goes to the API server, and its rejection fails the check unless
// scripts/apiserver/known-rejections.json lists it as a known gap of the library.
import { App, Chart } from 'cdk8s';
import { DeploymentStrategy, DnsPolicy, PercentOrAbsolute, PersistentVolumeAccessMode, TaintEffect, Topology } from 'cdk8s-plus-28';
import type { HostileCase } from '../../scripts/apiserver/synth-corpus';
import {
  EnvFromSource, EnvSource, HealthCheck, JobCommand, ContainerPilotConfig, JobGraph, JobRestarts, LifecycleHook, NetworkPeer, PortReference,
  RbacVerb, ScalingMetric, ScalingTrigger, ServiceProbe, ServiceWithHealthchecks, VolumeSource, WebApp, WebAppHttpRouteOptions, Worker, WorkerProps,
  WorkloadServiceAccount, DisruptionBudget, NodeSelectorOperator, TolerationOperator, UnsatisfiableConstraintAction,
} from '../../src';

const INT32_OVERFLOW = 2 ** 31;

function worker(props: Partial<WorkerProps>): (app: App) => void {
  return app => new Worker(new Chart(app, 'hostile'), 'w', { image: 'busybox:1.36', ...props });
}

export const HOSTILE_CASES: Record<string, HostileCase> = {
  'worker-cpu-limit-below-request': {
    description: 'a Worker limit below its request',
    build: worker({ cpu: '500m', cpuLimit: '100m' }),
  },
  'webapp-memory-limit-below-request': {
    description: 'a WebApp limit below its request',
    build: app => new WebApp(new Chart(app, 'hostile'), 'web', {
      containers: [{ name: 'web', image: 'busybox:1.36', requests: { memory: '512Mi' }, limits: { memory: '256Mi' } }],
    }),
  },
  'part-of-with-space': {
    description: 'a label value from partOf that is not a label value',
    build: worker({ partOf: 'has space' }),
  },
  'instance-64-characters': {
    description: 'an instance of 64 characters (it lands in the selector)',
    build: worker({ instance: 'a'.repeat(64) }),
  },
  'field-ref-bogus': {
    description: "EnvSource.fieldRef('spec.bogus')",
    build: worker({ env: [{ name: 'X', valueFrom: EnvSource.fieldRef('spec.bogus') }] }),
  },
  'resource-field-gpu': {
    description: "EnvSource.resourceField('limits.gpu')",
    build: worker({ env: [{ name: 'X', valueFrom: EnvSource.resourceField('limits.gpu') }] }),
  },
  'config-map-key-bad-name': {
    description: "a reference to an object whose name is not a DNS subdomain (configMapKey('Bad_CM', 'k'))",
    build: worker({ env: [{ name: 'X', valueFrom: EnvSource.configMapKey('Bad_CM', 'k') }] }),
  },
  'env-from-bad-prefix': {
    description: 'an envFrom prefix that is not a valid variable name',
    build: worker({ envFrom: [EnvFromSource.configMap('settings', 'BAD PREFIX=')] }),
  },
  'user-0-with-run-as-non-root': {
    description: 'security.user 0 next to runAsNonRoot: true (the kubelet refuses the pod)',
    build: worker({ security: { user: 0 } }),
  },
  'user-negative': {
    description: 'a negative user id',
    build: worker({ security: { user: -1 } }),
  },
  'group-fractional': {
    description: 'a non-integer group id',
    build: worker({ security: { group: 1000.5 } }),
  },
  'webapp-named-1web': {
    description: 'a WebApp named 1web (its Service name must be an RFC 1035 label)',
    build: app => new WebApp(new Chart(app, 'hostile'), '1web', {
      containers: [{ name: 'web', image: 'busybox:1.36', ports: [{ name: 'http', containerPort: 8080 }] }],
    }),
  },
  'replicas-beyond-int32': {
    description: 'replicas beyond int32',
    build: worker({ replicas: INT32_OVERFLOW }),
  },
  'replicas-wrapping-beyond-int32': {
    description: 'replicas of 2^32 + 1, which the server stores as 1 without an error',
    build: worker({ replicas: 2 ** 32 + 1 }),
  },
  'probe-period-beyond-int32': {
    description: 'a probe timing beyond int32',
    build: worker({ livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: INT32_OVERFLOW }) }),
  },
  'job-graph-health-interval-beyond-int32': {
    description: 'a JobGraph health interval and ttl beyond int32',
    build: app => new JobGraph(new Chart(app, 'hostile'), 'jobs', {
      image: 'busybox:1.36',
      config: ContainerPilotConfig.fromJobs([{
        name: 'app',
        exec: JobCommand.fromString('/app'),
        restarts: JobRestarts.unlimited(),
        health: { exec: JobCommand.fromString('/check'), interval: INT32_OVERFLOW, ttl: INT32_OVERFLOW * 2 },
      }]),
    }),
  },
  'port-without-number': {
    description: "a port entry without its number ({ name: 'metrics' }, as plain JS may pass)",
    build: worker({ ports: [{ name: 'metrics' } as any] }),
  },
  'service-with-healthchecks-port-without-port': {
    description: 'a ServiceWithHealthchecks port without port',
    build: app => new ServiceWithHealthchecks(new Chart(app, 'hostile'), 'svc', {
      selector: { app: 'x' },
      ports: [{ name: 'http', targetPort: PortReference.fromNumber(8080) } as any],
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(8080) }))],
    }),
  },
  'nfs-volume-under-restricted': {
    description: 'an NFS volume under the default "restricted" profile (nfs has no opt-out)',
    build: worker({ volumes: [{ name: 'share', mountPath: '/share', source: VolumeSource.nfs('nfs.example.com', '/exports/share') }] }),
  },
  'host-path-without-opt-out': {
    description: 'a hostPath volume without security.allowHostPath (refused at synth already)',
    build: worker({ volumes: [{ name: 'logs', mountPath: '/logs', source: VolumeSource.hostPath('/var/log') }] }),
  },
  'hpa-average-value-zero': {
    description: 'an HPA average-value target of zero (the server wants a positive quantity)',
    build: worker({ autoscaling: { maxReplicas: 3, metrics: [ScalingMetric.cpuAverageValue('0')] } }),
  },
  'hpa-pods-metric-name-with-slash': {
    description: 'a pods metric whose name is not a path segment',
    build: worker({ autoscaling: { maxReplicas: 3, metrics: [ScalingMetric.pods({ name: 'requests/s', averageValue: '10' })] } }),
  },
  'hpa-external-metric-two-targets': {
    description: 'an external metric with both a value and an averageValue target',
    build: worker({ autoscaling: { maxReplicas: 3, metrics: [ScalingMetric.external({ name: 'depth', value: '10', averageValue: '1' })] } }),
  },
  'scaled-object-min-above-max': {
    description: 'a ScaledObject whose minReplicaCount exceeds maxReplicaCount (the CRD\'s CEL rule)',
    build: worker({ eventScaling: { minReplicas: 5, maxReplicas: 2, triggers: [ScalingTrigger.redisListLength({ listName: 'l', listLength: 5, address: 'redis:6379' })] } }),
  },
  'scaled-object-polling-zero': {
    description: 'a ScaledObject with pollingInterval 0 (the CRD\'s minimum is 1)',
    build: worker({ eventScaling: { pollingInterval: 0, maxReplicas: 2, triggers: [ScalingTrigger.redisListLength({ listName: 'l', listLength: 5, address: 'redis:6379' })] } }),
  },
  'scaled-object-trigger-without-type': {
    description: 'a KEDA trigger with an empty type (the CRD\'s minLength is 1)',
    build: worker({ eventScaling: { maxReplicas: 2, triggers: [ScalingTrigger.custom({ type: '', metadata: {} })] } }),
  },
  'sched-toleration-exists-with-value': {
    description: 'scheduling: a toleration with operator Exists and a value',
    build: worker({ scheduling: { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, value: 'true' }] } }),
  },
  'sched-toleration-seconds-without-no-execute': {
    description: 'scheduling: tolerationSeconds on a NoSchedule toleration',
    build: worker({ scheduling: { tolerations: [{ key: 'gpu', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: 60 }] } }),
  },
  'sched-node-affinity-in-without-values': {
    description: 'scheduling: a node-affinity expression In without values',
    build: worker({ scheduling: { nodeAffinity: { required: [{ matchExpressions: [{ key: 'zone', operator: NodeSelectorOperator.IN }] }] } } }),
  },
  'sched-pod-affinity-weight-0': {
    description: 'scheduling: a preferred pod anti-affinity term of weight 0',
    build: worker({ scheduling: { podAntiAffinity: [{ weight: 0 }] } }),
  },
  'sched-spread-min-domains-schedule-anyway': {
    description: 'scheduling: minDomains on a ScheduleAnyway spread constraint',
    build: worker({
      scheduling: { topologySpread: [{ topology: Topology.ZONE, minDomains: 2, whenUnsatisfiable: UnsatisfiableConstraintAction.SCHEDULE_ANYWAY }] },
    }),
  },
  'sched-spread-repeated-pair': {
    description: 'scheduling: two spread constraints on the same topology and action',
    build: worker({ scheduling: { topologySpread: [{ topology: Topology.ZONE }, { topology: Topology.ZONE, maxSkew: 2 }] } }),
  },
  'sched-dns-none-without-nameservers': {
    description: 'scheduling: DNS policy None without nameservers',
    build: worker({ scheduling: { dns: { policy: DnsPolicy.NONE, searches: ['example.com'] } } }),
  },
  'sched-dns-33-searches': {
    description: 'scheduling: 33 DNS search domains',
    build: worker({ scheduling: { dns: { searches: Array.from({ length: 33 }, (_, i) => `d${i}.example.com`) } } }),
  },
  'sched-host-alias-hostname-for-ip': {
    description: 'scheduling: a host alias whose ip is a host name',
    build: worker({ scheduling: { hostAliases: [{ ip: 'db.example.com', hostnames: ['db'] }] } }),
  },
  'sched-priority-class-capitals': {
    description: 'scheduling: a priorityClassName that is not a DNS subdomain',
    build: worker({ scheduling: { priorityClassName: 'High_Priority' } }),
  },
  'rbac-rule-without-verbs': {
    description: 'an RBAC rule with no verbs (the server: "verbs must contain at least one value")',
    build: worker({ serviceAccount: WorkloadServiceAccount.create({ mountToken: true, rules: [{ resources: ['pods'], verbs: [] }] }) }),
  },
  'rbac-rule-without-api-groups': {
    description: 'an RBAC rule with an empty apiGroups list (the server: "resource rules must supply at least one api group")',
    build: worker({ serviceAccount: WorkloadServiceAccount.create({ mountToken: true, rules: [{ apiGroups: [], resources: ['pods'], verbs: [RbacVerb.GET] }] }) }),
  },
  'cluster-role-binding-without-namespace': {
    description: 'clusterRules in a chart without a namespace (a ClusterRoleBinding subject needs the ServiceAccount\'s namespace)',
    build: worker({ serviceAccount: WorkloadServiceAccount.create({ mountToken: true, clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.LIST] }] }) }),
  },
  'claim-read-write-once-pod-and-more': {
    description: 'a claim with ReadWriteOncePod beside another access mode',
    build: worker({
      strategy: DeploymentStrategy.recreate(),
      volumeClaims: [{ name: 'data', size: '1Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, PersistentVolumeAccessMode.READ_WRITE_ONCE] }],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    }),
  },
  'claim-without-size': {
    description: 'a claim without its size (as plain JS may pass; the server: spec.resources[storage] is required)',
    build: worker({
      strategy: DeploymentStrategy.recreate(),
      volumeClaims: [{ name: 'data' } as any],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    }),
  },
  'supplemental-group-negative': {
    description: 'a negative supplemental group',
    build: worker({ security: { supplementalGroups: [-1] } }),
  },
  'progress-deadline-at-min-ready': {
    description: 'progressDeadlineSeconds equal to minReadySeconds (must be greater)',
    build: worker({ rollout: { minReadySeconds: 60, progressDeadlineSeconds: 60 } }),
  },
  'min-ready-at-default-progress-deadline': {
    description: 'minReadySeconds 600 with progressDeadlineSeconds unset (600 when unset)',
    build: worker({ rollout: { minReadySeconds: 600 } }),
  },
  'revision-history-limit-negative': {
    description: 'a negative revisionHistoryLimit',
    build: worker({ rollout: { revisionHistoryLimit: -1 } }),
  },
  'min-ready-negative': {
    description: 'a negative minReadySeconds',
    build: worker({ rollout: { minReadySeconds: -1 } }),
  },
  'max-surge-fractional-percent': {
    description: 'a rolling update maxSurge of "12.5%" (not a whole percentage)',
    build: worker({ strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(12.5) }) }),
  },
  'max-unavailable-above-100-percent': {
    description: 'a rolling update maxUnavailable of "150%"',
    build: worker({ strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.percent(150) }) }),
  },
  'max-unavailable-negative': {
    description: 'a rolling update maxUnavailable of -1',
    build: worker({ strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.absolute(-1) }) }),
  },
  'disruption-budget-above-100-percent': {
    description: 'a PodDisruptionBudget maxUnavailable of "150%"',
    build: worker({ replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailablePercent(150) }),
  },
  'disruption-budget-negative': {
    description: 'a PodDisruptionBudget minAvailable of -1',
    build: worker({ replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(-1) }),
  },
  'network-policy-port-name-not-iana': {
    description: 'a NetworkPolicy port name that is not an IANA service name (the API server refuses "Http_Port")',
    build: worker({ ports: [{ name: 'http', containerPort: 8080 }], networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.namespace('edge'), ports: [PortReference.fromName('Http_Port')] }] } }),
  },
  'network-policy-except-outside-cidr': {
    description: 'an ipBlock except outside its cidr (the API server: "must be a strict subset of `cidr`")',
    build: worker({ networkPolicy: { denyEgress: true, allowTo: [{ peer: NetworkPeer.ipBlock('10.0.0.0/8', ['11.0.0.0/16']) }] } }),
  },
  'http-route-path-double-slash': {
    description: "an HTTPRoute path with '//' (the CRD's CEL rule)",
    build: webWithRoute({ parentRefs: [{ name: 'edge' }], rules: [{ matches: [{ path: '/api//v1' }] }] }),
  },
  'http-route-same-gateway-without-section': {
    description: 'one Gateway twice in parentRefs, one without sectionName (the CRD\'s CEL rule)',
    build: webWithRoute({ parentRefs: [{ name: 'edge' }, { name: 'edge', sectionName: 'https' }] }),
  },
  'http-route-backend-without-port': {
    description: 'a Service backend without a port (the CRD\'s CEL rule: "Must have port for Service reference")',
    build: webWithRoute({ parentRefs: [{ name: 'edge' }], rules: [{ weight: 90, backends: [{ serviceName: 'web-v2', weight: 10 } as any] }] }),
  },
  'http-route-weight-above-limit': {
    description: 'a backend weight above 1000000 (the CRD\'s maximum)',
    build: webWithRoute({ parentRefs: [{ name: 'edge' }], rules: [{ weight: 90, backends: [{ serviceName: 'web-v2', port: 80, weight: 1000001 }] }] }),
  },
  // containers (issue 15, point 6)
  'worker-extra-container-named-like-the-worker': {
    description: "a Worker's extra container with the main container's name",
    build: worker({ containers: [{ name: 'w', image: 'busybox:1.36' }] }),
  },
  'worker-init-container-lifecycle': {
    description: 'a preStop hook on an init container that runs to completion',
    build: worker({ initContainers: [{ name: 'init', image: 'busybox:1.36', lifecycle: { preStop: LifecycleHook.fromCommand(['/bin/stop']) } }] }),
  },
  'worker-sidecar-limit-below-request': {
    description: "a Worker's native sidecar with a limit below its request",
    build: worker({ initContainers: [{ name: 'proxy', image: 'busybox:1.36', sidecar: true, requests: { cpu: '1' }, limits: { cpu: '100m' } }] }),
  },
  'job-graph-per-job-memory-below-request': {
    description: "a JobGraph job's own memory limit below its request",
    build: app => new JobGraph(new Chart(app, 'hostile'), 'jobs', {
      image: 'busybox:1.36',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() }]),
      jobContainers: { app: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } },
    }),
  },
  'job-graph-per-job-writable-path-twice': {
    description: "a JobGraph job's writable path that every job has already (the same mount path twice)",
    build: app => new JobGraph(new Chart(app, 'hostile'), 'jobs', {
      image: 'busybox:1.36',
      writablePaths: ['/data'],
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/app'), restarts: JobRestarts.unlimited() }]),
      jobContainers: { app: { writablePaths: ['/data'] } },
    }),
  },
};

/** A WebApp on port 8080 behind its Service, with an HTTPRoute. */
function webWithRoute(httpRoute: WebAppHttpRouteOptions): (app: App) => void {
  return app => new WebApp(new Chart(app, 'hostile'), 'web', {
    containers: [{ name: 'web', image: 'busybox:1.36', ports: [{ name: 'http', containerPort: 8080 }] }],
    service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
    httpRoute,
  });
}
