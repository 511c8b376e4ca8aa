import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkMetadata, checkRecommendedLabelValues, recommendedLabels } from './common/labels';
import { Problems } from './common/validation';
import { yamlRoundTripProblems } from './common/yaml';
import { listOf } from './container/checks';
import { EnvFromSource, EnvVar } from './container/env';
import { ContainerPortSpec, ImagePullPolicy } from './container/image';
import { applyPodTemplate } from './container/pod-template';
import { DeclaredPort } from './container/port';
import { WorkloadSecurityOptions } from './container/security';
import { ISelectableWorkload } from './container/selectable';
import { WorkloadVolume } from './container/volume';
import { HealthCheckDefaults } from './health/defaults';
import { HealthCheck } from './health/health-check';
import { applyMonitoring } from './monitoring/apply';
import { GrafanaDashboardOptions, MetricsEndpoint } from './monitoring/metrics';

/**
 * Props of a Worker: KubeVela's `worker` component fields, plus replicas, labels and
 * the security options every workload of this library has.
 */
export interface WorkerProps {
  /**
   * The name of the Deployment and its container (KubeVela's component name): a
   * lower-case RFC 1123 label. It also makes the selector, so renaming or moving the
   * construct does not change the selector.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/instance` label (part of the selector).
   * @default - the name
   */
  readonly instance?: string;
  /**
   * The `app.kubernetes.io/part-of` label: the application this worker belongs to.
   * @default - not set
   */
  readonly partOf?: string;
  /** The container image (KubeVela `image`), such as "busybox" or "registry/app:v1". */
  readonly image: string;
  /**
   * When to pull the image.
   * @default - not written: Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Names of Secrets holding registry credentials (KubeVela `imagePullSecrets`).
   * @default - none
   */
  readonly imagePullSecrets?: string[];
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
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Labels for the Deployment and its pods (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations for the Deployment.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Annotations for the pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The Prometheus metrics endpoint of the worker (opt-in). A Worker has no Service, so
   * it gets a PodMonitor, or `prometheus.io/*` pod annotations with
   * `method: ScrapeMethod.ANNOTATIONS`. The port must be one of `ports`.
   * @default - no monitoring
   */
  readonly metrics?: MetricsEndpoint;
  /**
   * A Grafana dashboard ConfigMap for the worker's CPU, memory, restarts, ready pods
   * (and request rate, when `requestRateMetric` is given), opt-in.
   * @default - no dashboard
   */
  readonly dashboard?: GrafanaDashboardOptions;
  /**
   * Roll the pods when the data they read from a ConfigMap or Secret created in this
   * app changes, through the `checksum/config` pod annotation. Set false when the app
   * reloads its mounted configuration itself.
   * @default true
   */
  readonly rolloutOnConfigChange?: boolean;
  /**
   * Security settings; the defaults meet the "restricted" Pod Security Standard.
   * @default - restricted: non-root (UID 25000, GID 26000), read-only root filesystem, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp
   */
  readonly security?: WorkloadSecurityOptions;
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

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);
    const problems = new Problems();
    this.name = props.name ?? id;
    this.ports = [...(listOf(problems, 'ports', props.ports, 'a port ({ containerPort, name, protocol })') ?? [])];
    checkMetadata(problems, { name: this.name, labels: props.labels, annotations: props.annotations });
    problems.integer('replicas', props.replicas, 0);
    checkRecommendedLabelValues(problems, { instance: props.instance, partOf: props.partOf });

    const labels = recommendedLabels({ name: this.name, instance: props.instance ?? this.name, component: 'worker', partOf: props.partOf });
    this.selectorLabels = labels.selector;

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels: { ...props.labels, ...labels.all }, annotations: props.annotations },
      podMetadata: { labels: { ...props.labels, ...labels.all }, annotations: props.podAnnotations },
      replicas: props.replicas ?? 1,
      select: false,
      securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: labels.selector }));

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

    const monitoring = applyMonitoring(this, {
      workload: this,
      kind: 'Deployment',
      podMetadata: this.deployment.podMetadata,
      labels: labels.all,
      containerNames: [this.name],
    }, props.metrics, props.dashboard);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    problems.merge('', monitoring.problems);

    const messages = problems.messages;
    this.node.addValidation({ validate: () => [...messages, ...yamlRoundTripProblems(this, problems.yamlValues)] });
  }

  /** The ports declared by the container, for the shared checks. @internal */
  public _declaredPorts(): DeclaredPort[] {
    return this.ports.map(p => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  }
}
