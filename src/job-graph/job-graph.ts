import { ApiObject, Cron, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CheckedJob, JobPlan, planJobs } from './compile';
import { ContainerPilotConfig } from './config';
import { ceilSeconds } from './duration';
import { SharedDirectory } from './model';
import { DNS_LABEL, DNS_LABEL_TEXT } from '../common/formats';
import { checkMetadata, checkRecommendedLabelValues, recommendedLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { yamlRoundTripProblems } from '../common/yaml';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec, ImagePullPolicy } from '../container/image';
import { LifecycleHook } from '../container/lifecycle';
import { ContainerSpec, applyPodTemplate } from '../container/pod-template';
import { WorkloadSecurityOptions } from '../container/security';
import { ISelectableWorkload } from '../container/selectable';
import { VolumeSource, WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheck } from '../health/health-check';
import { applyMonitoring } from '../monitoring/apply';
import { GrafanaDashboardOptions, MetricsEndpoint } from '../monitoring/metrics';

/** Seconds Kubernetes gives a container to exit after SIGTERM by default. */
const DEFAULT_GRACE_SECONDS = 30;

/** The annotation consul-k8s catalog sync reads a Service's Consul tags from. */
export const CONSUL_TAGS_ANNOTATION = 'consul.hashicorp.com/service-tags';

/** Props of a JobGraph. */
export interface JobGraphProps {
  /** The ContainerPilot jobs: `ContainerPilotConfig.fromJobs([...])` or `.fromJson5File(path)`. */
  readonly config: ContainerPilotConfig;
  /** The image every job runs from (ContainerPilot ran them all in one container). */
  readonly image: string;
  /**
   * The Deployment's name (and the `app.kubernetes.io/name` label).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/instance` label (part of the selector).
   * @default - the name
   */
  readonly instance?: string;
  /**
   * The `app.kubernetes.io/part-of` label.
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * When to pull the image.
   * @default - not written: Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Secrets with registry credentials.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Environment variables of every job (ContainerPilot's jobs inherit its environment).
   * @default - none
   */
  readonly env?: EnvVar[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables of every job.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Volumes (configuration files, Secrets, claims ...) mounted in every job's container,
   * the way all ContainerPilot jobs saw one filesystem.
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Periodic jobs that may run in a pod of their own, as a CronJob (concurrencyPolicy
   * Forbid, activeDeadlineSeconds from the job's timeout). Their interval must be a
   * whole number of minutes a cron schedule can express.
   * @default - none
   */
  readonly detachable?: string[];
  /**
   * Periodic jobs to run in the pod as a container that loops `exec; sleep interval`
   * (the image needs /bin/sh). Each run then starts `interval` after the previous one
   * ended, rather than on a fixed tick.
   * @default - none
   */
  readonly loopSidecars?: string[];
  /**
   * Allow native sidecars (init containers with restartPolicy: Always), alpha in
   * Kubernetes 1.28 behind the SidecarContainers feature gate. A job that others wait
   * for with `once: "healthy"` needs them.
   * @default false
   */
  readonly nativeSidecars?: boolean;
  /**
   * Folders the jobs share (they shared one filesystem under ContainerPilot): each is
   * an emptyDir mounted at `mountPath` in every container of the pod.
   * @default - none
   */
  readonly sharedDirectories?: SharedDirectory[];
  /**
   * Paths each job writes to (the root filesystem is read-only): an emptyDir per
   * container and path.
   * @default - none
   */
  readonly writablePaths?: string[];
  /**
   * The Prometheus metrics endpoint of the pod (opt-in): a port a job declares. It
   * becomes a PodMonitor, or `prometheus.io/*` pod annotations with
   * `ScrapeMethod.ANNOTATIONS`.
   * @default - no monitoring
   */
  readonly metrics?: MetricsEndpoint;
  /**
   * A Grafana dashboard ConfigMap for the pod's CPU, memory, restarts and ready pods.
   * @default - no dashboard
   */
  readonly dashboard?: GrafanaDashboardOptions;
  /**
   * Roll the pods when a ConfigMap or Secret of this library that they consume changes
   * (a `checksum/config` pod annotation over exactly the data they read).
   * @default true
   */
  readonly rolloutOnConfigChange?: boolean;
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Labels for every object and pod (beside the recommended labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations for the Deployment.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Security settings; the defaults meet the "restricted" Pod Security Standard.
   * @default - restricted: non-root (UID 25000, GID 26000), read-only root filesystem, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp
   */
  readonly security?: WorkloadSecurityOptions;
}

/**
 * ContainerPilot's jobs compiled to Kubernetes 1.28: long-running jobs become
 * containers of a Deployment, one-shot jobs others wait for become init containers in
 * dependency order, health checks readiness probes, `stopping` jobs preStop hooks,
 * advertised jobs Services, and detachable periodic jobs CronJobs. What Kubernetes
 * cannot express is a synth-time error naming the job and the field.
 *
 * @example
 * import { ContainerPilotConfig, JobGraph } from 'cdk8s-workloads';
 *
 * new JobGraph(chart, 'app', {
 *   image: 'registry.example.com/app:1.0',
 *   config: ContainerPilotConfig.fromJson5File('containerpilot.json5', { variables: { PORT: '8080' } }),
 *   detachable: ['backup'],
 * });
 */
export class JobGraph extends Construct implements ISelectableWorkload {
  /** The Deployment that runs the pod's jobs. */
  public readonly deployment: kplus.Deployment;
  /** One Service per advertised job (a job with `port`), named after the job. */
  public readonly services: kplus.Service[] = [];
  /** One CronJob per detachable periodic job, named `<name>-<job>`. */
  public readonly cronJobs: kplus.CronJob[] = [];
  /** The PodMonitor, when `metrics` uses the Prometheus Operator. */
  public readonly monitor?: ApiObject;
  /** The Grafana dashboard ConfigMap, when `dashboard` is given. */
  public readonly dashboard?: ApiObject;
  /** The Deployment's name. */
  public readonly name: string;
  /** The labels that select the Deployment's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The ports the advertised jobs declare. */
  public readonly ports: ContainerPortSpec[];

  constructor(scope: Construct, id: string, props: JobGraphProps) {
    super(scope, id);
    const problems = new Problems();
    this.name = props.name ?? id;
    checkMetadata(problems, { name: this.name, labels: props.labels, annotations: props.annotations });
    problems.integer('replicas', props.replicas, 0);
    checkRecommendedLabelValues(problems, { instance: props.instance, partOf: props.partOf });
    for (const p of props.config._readProblems()) problems.add('config', p);

    const plan = planJobs(props.config._rawJobs(), {
      detachable: props.detachable ?? [],
      loopSidecars: props.loopSidecars ?? [],
      nativeSidecars: props.nativeSidecars ?? false,
    }, problems);

    const instance = props.instance ?? this.name;
    const labels = recommendedLabels({ name: this.name, instance, component: 'job-graph', partOf: props.partOf });
    this.selectorLabels = labels.selector;
    this.ports = plan.containers.filter(j => j.port !== undefined).map(j => ({ containerPort: j.port! }));

    const shared: WorkloadVolume[] = (props.sharedDirectories ?? [])
      .map(d => ({ name: d.name, mountPath: d.mountPath, source: VolumeSource.emptyDir() }));
    const containerOf = (j: CheckedJob, field: string): ContainerSpec => ({
      field,
      name: j.name,
      image: props.image,
      imagePullPolicy: props.imagePullPolicy,
      command: j.command ?? ['/bin/false'],
      env: props.env,
      envFrom: props.envFrom,
      volumes: [...shared, ...(props.volumes ?? [])],
      writablePaths: props.writablePaths,
    });

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels: { ...props.labels, ...labels.all }, annotations: props.annotations },
      podMetadata: { labels: { ...props.labels, ...labels.all } },
      replicas: props.replicas ?? 1,
      select: false,
      securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: labels.selector }));

    const containers = plan.containers.map(j => this.appContainer(j, plan, containerOf(j, `job[${j.name}]`)));
    const initContainers = plan.initContainers.map(j => {
      const c = containerOf(j, `job[${j.name}]`);
      if (plan.roles.get(j.name) !== 'sidecar') return c;
      const startup = j.health?.interval && j.health.command
        ? this.probe(j, plan.startupThresholds.get(j.name) ?? 1)
        : undefined;
      return { ...this.appContainer(j, plan, c), sidecar: true, startup };
    });
    if (containers.length > 0) {
      problems.merge('', applyPodTemplate(this.deployment, ApiObject.of(this.deployment), {
        podSpecPath: '/spec/template/spec',
        healthDefaults: HealthCheckDefaults.kubeVela(),
        security: props.security,
        imagePullSecrets: props.imagePullSecrets,
        configHash: props.rolloutOnConfigChange ?? true,
        containers,
        initContainers,
      }));
    }

    // The stop budget: the longest stopTimeout, then Kubernetes' default time to exit.
    const stopBudget = Math.max(0, ...plan.jobs
      .filter(j => plan.roles.get(j.name) === 'container' || plan.roles.get(j.name) === 'sidecar')
      .map(j => (j.stopTimeoutMs === undefined ? 0 : ceilSeconds(j.stopTimeoutMs))));
    if (stopBudget > 0) {
      ApiObject.of(this.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', stopBudget + DEFAULT_GRACE_SECONDS));
    }

    for (const j of plan.containers.concat(plan.initContainers)) {
      if (j.port === undefined || plan.roles.get(j.name) === 'loop') continue;
      // A second job of the same name is reported by the unique-name check; one Service per name.
      if (this.node.tryFindChild(`Service-${j.name}`)) continue;
      const service = new kplus.Service(this, `Service-${j.name}`, {
        metadata: {
          name: j.name,
          labels: { ...props.labels, ...labels.all },
          annotations: j.tags && j.tags.length ? { [CONSUL_TAGS_ANNOTATION]: j.tags.join(',') } : undefined,
        },
        ports: [{ port: j.port, targetPort: j.port, protocol: kplus.Protocol.TCP }],
      });
      for (const [k, v] of Object.entries(labels.selector)) service.selectLabel(k, v);
      this.services.push(service);
    }

    for (const { job, schedule } of plan.cronJobs) {
      const cronName = `${this.name}-${job.name}`;
      if (!DNS_LABEL.test(cronName) || cronName.length > 52) {
        problems.badValue(job.f('name'), cronName, `names the CronJob "<name>-<job>", which must be ${DNS_LABEL_TEXT} and at most 52 characters`);
        continue;
      }
      const cronLabels = recommendedLabels({ name: cronName, instance, component: 'periodic-job', partOf: props.partOf ?? this.name });
      const deadline = ceilSeconds(job.timeoutMs ?? job.intervalMs!);
      const cron = new kplus.CronJob(this, `CronJob-${job.name}`, {
        metadata: { name: cronName, labels: { ...props.labels, ...cronLabels.all } },
        podMetadata: { labels: { ...props.labels, ...cronLabels.all } },
        schedule: Cron.schedule({ minute: schedule.minute, hour: schedule.hour, day: '*', month: '*', weekDay: '*' }),
        concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
        activeDeadline: Duration.seconds(deadline),
        // ContainerPilot does not retry a failed periodic run; the next interval runs it again.
        backoffLimit: 0,
        securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
      });
      const api = ApiObject.of(cron);
      // cdk8s-plus writes startingDeadlineSeconds: 10 unasked; leave Kubernetes' default.
      api.addJsonPatch(JsonPatch.remove('/spec/startingDeadlineSeconds'));
      problems.merge('', applyPodTemplate(cron, api, {
        podSpecPath: '/spec/jobTemplate/spec/template/spec',
        healthDefaults: HealthCheckDefaults.kubeVela(),
        security: props.security,
        imagePullSecrets: props.imagePullSecrets,
        configHash: props.rolloutOnConfigChange ?? true,
        // A detachable job needs nothing from the pod but its configuration.
        containers: [{ ...containerOf(job, `job[${job.name}]`), volumes: props.volumes }],
      }));
      this.cronJobs.push(cron);
    }

    // Several Services (one per job port) select the pod, so metrics go through a
    // PodMonitor, which needs no Service.
    const monitoring = applyMonitoring(this, {
      workload: this,
      kind: 'Deployment',
      podMetadata: this.deployment.podMetadata,
      labels: labels.all,
      containerNames: plan.containers.map(j => j.name),
    }, props.metrics, props.dashboard);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    problems.merge('', monitoring.problems);

    const messages = problems.messages;
    this.node.addValidation({ validate: () => [...messages, ...yamlRoundTripProblems(this, problems.yamlValues)] });
  }

  /** A long-running job's container: readiness probe, preStop hook, port, loop. */
  private appContainer(j: CheckedJob, plan: JobPlan, c: ContainerSpec): ContainerSpec {
    const hook = plan.hooks.get(j.name);
    if (plan.roles.get(j.name) === 'loop') {
      const seconds = String(j.intervalMs! / 1000);
      return { ...c, command: ['/bin/sh', '-c', `while true; do "$@"; sleep ${seconds}; done`, j.name, ...(j.command ?? [])] };
    }
    const readiness = j.health?.interval && j.health.ttl && j.health.command
      ? this.probe(j, Math.ceil(j.health.ttl / j.health.interval))
      : undefined;
    return {
      ...c,
      ports: j.port !== undefined ? [{ containerPort: j.port }] : undefined,
      readiness,
      lifecycle: hook?.command ? { preStop: LifecycleHook.fromCommand(hook.command) } : undefined,
    };
  }

  /** The job's health check as a probe: period = interval, timeout, the given failure threshold. */
  private probe(j: CheckedJob, failureThreshold: number): HealthCheck {
    const h = j.health!;
    return HealthCheck.fromCommand(h.command!, {
      initialDelaySeconds: 0,
      periodSeconds: h.interval,
      // A check without a timeout may run until the next one is due.
      timeoutSeconds: h.timeoutMs !== undefined ? ceilSeconds(h.timeoutMs) : h.interval,
      successThreshold: 1,
      failureThreshold,
    });
  }
}
