import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec } from '../container/image';
import { WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheck } from '../health/health-check';
import { listOf } from '../pod/checks';
import { applyPodTemplate } from '../pod/pod-template';
import { ISelectableWorkload } from '../pod/selectable';
import { applyScaling, planScaling } from '../scaling/scaling';
import { disruptionBudgetOf } from '../workload/disruption';
import { WorkloadIdentityResources, identityResources } from '../workload/identity';
import { volumeClaimsOf } from '../workload/storage';
import { WorkloadProps, finishWorkload, startWorkload, workloadDeployment } from '../workload/workload';

/**
 * Props of a Worker: KubeVela's `worker` component fields, beside the props every
 * workload of this library has (`WorkloadProps`).
 */
export interface WorkerProps extends WorkloadProps {
  /** The container image (KubeVela `image`), such as "busybox" or "registry/app:v1". */
  readonly image: string;
  /**
   * When to pull the image.
   * @default - not written: Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The container's command, replacing the image's entrypoint (KubeVela `cmd`).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments to the command.
   * @default - the image's default arguments
   */
  readonly args?: string[];
  /**
   * Environment variables: each a literal value or a `valueFrom` source (KubeVela `env`).
   * @default - none
   */
  readonly env?: EnvVar[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
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
   * Ports the container listens on. A worker gets no Service; ports are declared so
   * health checks and metrics can refer to them by name.
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];
  /**
   * Volumes and where they are mounted (KubeVela `volumes` / `volumeMounts`).
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Paths the app writes to, each mounted as an emptyDir, because the root filesystem
   * is read-only.
   * @default - none
   */
  readonly writablePaths?: string[];
  /**
   * Restarts the container when it fails (KubeVela `livenessProbe`).
   * @default - none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * Marks the pod not ready while it fails (KubeVela `readinessProbe`).
   * @default - none
   */
  readonly readinessProbe?: HealthCheck;
  /**
   * Holds the other checks back until the app has started.
   * @default - none
   */
  readonly startupProbe?: HealthCheck;
  /**
   * The timings for every check field left unset.
   * @default HealthCheckDefaults.kubeVela() (0, 10, 1, 1, 3)
   */
  readonly healthCheckDefaults?: HealthCheckDefaults;
  /**
   * Annotations for the pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
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
  /** The Deployment's and container's name. */
  public readonly name: string;
  /** The labels that select this worker's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The ports the container declares (a Worker gets no Service; these are for checks and monitors). */
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
    this.ports = [...(listOf(problems, 'ports', props.ports, 'a port ({ containerPort, name, protocol })') ?? [])];
    this.selectorLabels = base.labels.selector;
    const scaling = planScaling(props, problems);
    this.deployment = workloadDeployment(this, props, base, {
      podLabels: props.labels,
      podAnnotations: props.podAnnotations,
      replicas: scaling.replicas,
      replicaFloor: scaling.replicaFloor,
    });
    this.identity = identityResources(this);
    this.volumeClaims = volumeClaimsOf(this);

    problems.merge('', applyPodTemplate(this.deployment, ApiObject.of(this.deployment), {
      podSpecPath: '/spec/template/spec',
      healthDefaults: props.healthCheckDefaults ?? HealthCheckDefaults.kubeVela(),
      security: props.security,
      imagePullSecrets: props.imagePullSecrets,
      configHash: props.rolloutOnConfigChange ?? true,
      containers: [{
        field: '',
        name: this.name,
        image: props.image,
        imagePullPolicy: props.imagePullPolicy,
        command: props.command,
        args: props.args,
        env: props.env,
        envFrom: props.envFrom,
        ports: this.ports,
        requests: { cpu: props.cpu, memory: props.memory },
        limits: { cpu: props.cpuLimit ?? props.cpu, memory: props.memoryLimit ?? props.memory },
        volumes: props.volumes,
        writablePaths: props.writablePaths,
        liveness: props.livenessProbe,
        readiness: props.readinessProbe,
        startup: props.startupProbe,
      }],
    }));
    if (props.cpuLimit !== undefined && props.cpu === undefined) {
      problems.add('cpuLimit', 'is set without `cpu`; set the request with `cpu` (KubeVela sets requests and limits together)');
    }
    if (props.memoryLimit !== undefined && props.memory === undefined) {
      problems.add('memoryLimit', 'is set without `memory`; set the request with `memory` (KubeVela sets requests and limits together)');
    }

    const scalers = applyScaling({ scope: this, name: this.name, deployment: this.deployment, labels: base.labels.all }, props, scaling, problems,
      { containers: [{ field: '', requests: { cpu: props.cpu, memory: props.memory } }] });
    this.autoscaler = scalers.autoscaler;
    this.scaledObject = scalers.scaledObject;

    const monitoring = finishWorkload(this, this.deployment, props, base, [this.name]);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    this.networkPolicy = monitoring.networkPolicy;
    this.disruptionBudget = disruptionBudgetOf(this);
  }
}
