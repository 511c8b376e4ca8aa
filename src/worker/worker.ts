import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerPortSpec } from '../container/image';
import { HealthCheckDefaults } from '../health/defaults';
import { ContainerOptions, WorkloadContainer, containerList, optionsSpec, portList, workloadContainerSpec } from '../pod/container-options';
import { applyPodTemplate } from '../pod/pod-template';
import { ISelectableWorkload } from '../pod/selectable';
import { applyScaling, planScaling } from '../scaling/scaling';
import { WorkloadIdentityResources } from '../workload/identity';
import { podLabelsOf } from '../workload/pod-metadata';
import { WorkloadProps, finishWorkload, startWorkload, workloadDeployment } from '../workload/workload';

/**
 * Props of a Worker: KubeVela's `worker` component fields, beside the props every
 * workload of this library has (`WorkloadProps`).
 */
export interface WorkerProps extends WorkloadProps, ContainerOptions {
  /** The container image (KubeVela `image`), such as "busybox" or "registry/app:v1". */
  readonly image: string;
  /**
   * CPU request, as a quantity ("0.5", "250m"). As in KubeVela, the limit is the same
   * unless `cpuLimit` is given.
   * @default - no CPU request or limit
   */
  readonly cpu?: string;
  /**
   * Memory request, as a quantity ("512Mi"). As in KubeVela, the limit is the same
   * unless `memoryLimit` is given.
   * @default - no memory request or limit
   */
  readonly memory?: string;
  /**
   * A CPU limit other than the request.
   * @default - equal to `cpu`
   */
  readonly cpuLimit?: string;
  /**
   * A memory limit other than the request.
   * @default - equal to `memory`
   */
  readonly memoryLimit?: string;
  /**
   * The timings for every check field left unset.
   * @default HealthCheckDefaults.kubeVela() (0, 10, 1, 1, 3)
   */
  readonly healthCheckDefaults?: HealthCheckDefaults;
  /**
   * More app containers beside the main one (which `image`, `command` ... describe),
   * such as a log shipper or a proxy. Their names must differ from the Worker's name
   * (the main container's) and from each other.
   * @default - none
   */
  readonly containers?: WorkloadContainer[];
  /**
   * Init containers, run in order before the app containers start; `sidecar: true`
   * makes one a native sidecar that keeps running beside them (KubeVela's
   * `init-container` and `sidecar` traits).
   * @default - none
   */
  readonly initContainers?: WorkloadContainer[];
}

/**
 * KubeVela's `worker` component: a long-running, scalable background service in a
 * Deployment. It exposes no port to the cluster and creates no Service.
 *
 * @example
 * import { Worker } from 'cdk8s-workloads';
 *
 * new Worker(chart, 'myworker', {
 *   image: 'busybox',
 *   command: ['sleep', '1000'],
 * });
 */
export class Worker extends Construct implements ISelectableWorkload {
  /** The Deployment (a cdk8s-plus object, as an escape hatch). */
  public readonly deployment: kplus.Deployment;
  /** The ServiceAccount, Role, ClusterRole and bindings of `serviceAccount` (cdk8s-plus objects). */
  public readonly identity: WorkloadIdentityResources;
  /** The PersistentVolumeClaims of `volumeClaims` (cdk8s-plus objects). */
  public readonly volumeClaims: kplus.PersistentVolumeClaim[];
  /** The Deployment's and main container's name. */
  public readonly name: string;
  /** The labels that select this worker's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The ports the app containers declare (a Worker gets no Service; these are for checks and monitors). */
  public readonly ports: ContainerPortSpec[];
  /** The PodMonitor, when `metrics` uses the Prometheus Operator. */
  public readonly monitor?: ApiObject;
  /** The Grafana dashboard ConfigMap, when `dashboard` is given. */
  public readonly dashboard?: ApiObject;
  /** The HorizontalPodAutoscaler, when `autoscaling` is set. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The KEDA ScaledObject, when `eventScaling` is set. */
  public readonly scaledObject?: ApiObject;
  /** The NetworkPolicy selecting the pods, when `networkPolicy` is set. */
  public readonly networkPolicy?: kplus.NetworkPolicy;
  /** The PodDisruptionBudget (policy/v1), when `disruptionBudget` or the default (a replica floor of 2 or more) asks for one. */
  public readonly disruptionBudget?: ApiObject;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const base = startWorkload(id, props, 'worker');
    const problems = base.problems;
    this.name = base.name;
    // Holes in the lists (from JavaScript) are reported here, once, and left out.
    const { ports, positions } = portList(problems, 'ports', props.ports);
    const containers = containerList(problems, 'containers', props.containers);
    const initContainers = containerList(problems, 'initContainers', props.initContainers);
    this.ports = [...ports ?? [], ...containers.flatMap(c => c.ports ?? [])].map(p => ({ ...p }));
    this.selectorLabels = base.labels.selector;
    const scaling = planScaling(props, problems);
    const traits = workloadDeployment(this, props, base, {
      podLabels: podLabelsOf(problems, props, base.labels.all, true),
      podAnnotations: props.podAnnotations,
      replicas: scaling.replicas,
      replicaFloor: scaling.replicaFloor,
    });
    this.deployment = traits.deployment;
    this.identity = traits.identity;
    this.volumeClaims = traits.volumeClaims;

    problems.merge('', applyPodTemplate(this.deployment, ApiObject.of(this.deployment), {
      podSpecPath: '/spec/template/spec',
      healthDefaults: props.healthCheckDefaults ?? HealthCheckDefaults.kubeVela(),
      security: props.security,
      imagePullSecrets: props.imagePullSecrets,
      configHash: props.rolloutOnConfigChange ?? true,
      containers: [{
        ...optionsSpec(props),
        field: '',
        name: this.name,
        image: props.image,
        ports,
        requests: { cpu: props.cpu, memory: props.memory },
        limits: { cpu: props.cpuLimit ?? props.cpu, memory: props.memoryLimit ?? props.memory },
        positions,
      }, ...containers.map(c => workloadContainerSpec(c, true, problems))],
      initContainers: initContainers.map(c => workloadContainerSpec(c, false, problems)),
    }));
    if (props.cpuLimit !== undefined && props.cpu === undefined) {
      problems.add('cpuLimit', 'is set without `cpu`; set the request with `cpu` (KubeVela sets requests and limits together)');
    }
    if (props.memoryLimit !== undefined && props.memory === undefined) {
      problems.add('memoryLimit', 'is set without `memory`; set the request with `memory` (KubeVela sets requests and limits together)');
    }

    // Every container that runs beside the main one needs the requests the autoscaler scales on.
    const scalers = applyScaling({ scope: this, name: this.name, deployment: this.deployment, labels: base.labels.all }, props, scaling, problems, {
      containers: [
        { field: '', requests: { cpu: props.cpu, memory: props.memory } },
        ...containers.map((c, i) => ({ ...c, field: `containers[${i}]` })),
      ],
      initContainers: initContainers.map((c, i) => ({ ...c, field: `initContainers[${i}]` })),
    });
    this.autoscaler = scalers.autoscaler;
    this.scaledObject = scalers.scaledObject;

    const monitoring = finishWorkload(this, this.deployment, props, base, [this.name, ...containers.map(c => c.name)]);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    this.networkPolicy = monitoring.networkPolicy;
    this.disruptionBudget = traits.disruptionBudget;
  }
}
