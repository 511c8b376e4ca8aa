import { ApiObject, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePullPolicy, Protocol, ServiceType } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CheckedJob, JobPlan, planJobs } from './compile';
import { ContainerPilotConfig } from './config';
import { ceilSeconds } from './duration';
import { JobContainerOptions, checkJobContainers } from './job-containers';
import { SharedDirectory } from './model';
import { jobField } from './names';
import { DNS_LABEL, DNS_LABEL_TEXT } from '../common/formats';
import { recommendedLabels } from '../common/labels';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { ContainerPortSpec } from '../container/image';
import { VolumeSource, WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheck } from '../health/health-check';
import { LifecycleHook } from '../health/lifecycle';
import { ContainerEnvironment } from '../pod/container-options';
import { ContainerSpec, applyPodTemplate } from '../pod/pod-template';
import { ISelectableWorkload } from '../pod/selectable';
import { StableCronJob } from '../pod/selection';
import { applyScaling, planScaling } from '../scaling/scaling';
import { ServiceRules } from '../service/rules';
import { WorkloadIdentityResources } from '../workload/identity';
import { podLabelsOf } from '../workload/pod-metadata';
import { applyScheduling, schedulingDns } from '../workload/scheduling';
import { WorkloadProps, finishWorkload, startWorkload, workloadDeployment } from '../workload/workload';

/** The annotation consul-k8s catalog sync reads a Service's Consul tags from. */
export const CONSUL_TAGS_ANNOTATION = 'consul.hashicorp.com/service-tags';

/**
 * Props of a JobGraph. Its `env`, `envFrom`, `volumes` and `writablePaths` are every
 * job's (ContainerPilot's jobs shared one environment and one filesystem); each job's
 * container can add its own with `jobContainers`.
 */
export interface JobGraphProps extends WorkloadProps, ContainerEnvironment {
  /** The ContainerPilot jobs: `ContainerPilotConfig.fromJobs([...])` or `.fromJson5File(path)`. */
  readonly config: ContainerPilotConfig;
  /** The image every job runs from (ContainerPilot ran them all in one container). */
  readonly image: string;
  /**
   * When to pull the image.
   * @default - not written: Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
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
   * ended, rather than on a fixed tick, and is killed after the job's timeout (by
   * default its interval, as ContainerPilot does). A job with a finite `restarts` stops
   * after its runs and the container then idles. A one-shot job nothing waits for may
   * be listed too: it runs once at startup, beside the others, as under ContainerPilot.
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
   * Settings of single jobs' containers, by job name: an image, requests and limits,
   * and variables, volumes and writable paths of their own, added to every job's (a
   * consul agent with `-data-dir=/data` gets `{ consul: { writablePaths: ['/data'] } }`).
   * A name that is no job, or a job without a container of its own (a stopping job, a
   * Service without exec), is an error.
   * @default - every job runs from `image` with the JobGraph's env, volumes and writable paths
   */
  readonly jobContainers?: { [job: string]: JobContainerOptions };
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
  /** The ServiceAccount, Role, ClusterRole and bindings of `serviceAccount` (cdk8s-plus objects). */
  public readonly identity: WorkloadIdentityResources;
  /** The PersistentVolumeClaims of `volumeClaims` (cdk8s-plus objects). */
  public readonly volumeClaims: kplus.PersistentVolumeClaim[];
  /** One Service per advertised job (a job with `port`), named after the job. */
  public readonly services: kplus.Service[] = [];
  /** One CronJob per detachable periodic job, named `<name>-<job>`. */
  public readonly cronJobs: kplus.CronJob[] = [];
  /** The PodMonitor, when `metrics` uses the Prometheus Operator. */
  public readonly monitor?: ApiObject;
  /** The Grafana dashboard ConfigMap, when `dashboard` is given. */
  public readonly dashboard?: ApiObject;
  /** The NetworkPolicy selecting the pods, when `networkPolicy` is set. */
  public readonly networkPolicy?: kplus.NetworkPolicy;
  /** The PodDisruptionBudget (policy/v1), when `disruptionBudget` or the default (a replica floor of 2 or more) asks for one. */
  public readonly disruptionBudget?: ApiObject;
  /** The Deployment's name. */
  public readonly name: string;
  /** The labels that select the Deployment's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The ports the advertised jobs declare. */
  public readonly ports: ContainerPortSpec[];
  /** The HorizontalPodAutoscaler, when `autoscaling` is set. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The KEDA ScaledObject, when `eventScaling` is set. */
  public readonly scaledObject?: ApiObject;

  constructor(scope: Construct, id: string, props: JobGraphProps) {
    super(scope, id);
    const base = startWorkload(id, props, 'job-graph');
    const problems = base.problems;
    this.name = base.name;
    for (const p of props.config._readProblems()) problems.add('config', p);

    const plan = planJobs(props.config._rawJobs(), {
      detachable: props.detachable ?? [],
      loopSidecars: props.loopSidecars ?? [],
      nativeSidecars: props.nativeSidecars ?? false,
    }, problems);

    const instance = base.instance;
    const labels = base.labels;
    this.selectorLabels = labels.selector;
    this.ports = plan.containers.concat(plan.serviceOnly.filter(s => s.checkedIn).map(s => s.job))
      .filter(j => j.port !== undefined).map(j => ({ containerPort: j.port! }));

    const shared: WorkloadVolume[] = (props.sharedDirectories ?? [])
      .map(d => ({ name: d.name, mountPath: d.mountPath, source: VolumeSource.emptyDir() }));
    const podLabels = podLabelsOf(problems, props, labels.all, true);
    const perJob = checkJobContainers(plan, props.jobContainers, props, props.config._rawJobs() !== undefined, problems);
    // A detachable job's pod has no shared directories: it needs nothing from the pod but its configuration.
    const containerOf = (j: CheckedJob, inPod = true): ContainerSpec => {
      const own = perJob.get(j.name) ?? {};
      return {
        field: jobField(j.name),
        name: j.kname,
        image: own.image ?? props.image,
        imagePullPolicy: own.imagePullPolicy ?? props.imagePullPolicy,
        command: j.command ?? ['/bin/false'],
        env: [...props.env ?? [], ...own.env ?? []],
        envFrom: [...props.envFrom ?? [], ...own.envFrom ?? []],
        volumes: [...inPod ? shared : [], ...props.volumes ?? [], ...own.volumes ?? []],
        writablePaths: [...props.writablePaths ?? [], ...own.writablePaths ?? []],
        requests: own.requests,
        limits: own.limits,
      };
    };

    const scaling = planScaling(props, problems);
    const traits = workloadDeployment(this, props, base, {
      podLabels,
      podAnnotations: props.podAnnotations,
      replicas: scaling.replicas,
      replicaFloor: scaling.replicaFloor,
      // The stop budget as ContainerPilot spends it: the stopping jobs' time, then the
      // top-level stopTimeout between SIGTERM and SIGKILL (core/app.go).
      terminationGracePeriod: Duration.seconds(plan.hookBudgetSeconds + props.config._stopTimeout()),
    });
    this.deployment = traits.deployment;
    this.identity = traits.identity;
    this.volumeClaims = traits.volumeClaims;

    const containers = plan.containers.map(j => this.appContainer(j, plan, containerOf(j)));
    const initContainers = plan.initContainers.map(j => {
      const c = containerOf(j);
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
        // compile.ts reports two jobs on one port, naming both jobs.
        portsAcrossContainers: false,
      }));
    }

    // The whole process set scales together: each pod runs every job.
    const scaled = { scope: this, name: this.name, deployment: this.deployment, labels: labels.all };
    const scalers = applyScaling(scaled, props, scaling, problems, { containers, initContainers });
    this.autoscaler = scalers.autoscaler;
    this.scaledObject = scalers.scaledObject;

    const advertised = plan.containers.concat(plan.initContainers).filter(j => plan.roles.get(j.name) !== 'loop')
      .concat(plan.serviceOnly.map(s => s.job));
    for (const j of advertised) {
      if (j.port === undefined) continue;
      // A second job of the same name is reported by the unique-name check; one Service per name.
      if (this.node.tryFindChild(`Service-${j.name}`)) continue;
      const service = new kplus.Service(this, `Service-${j.name}`, {
        metadata: {
          name: j.kname,
          labels: { ...props.labels, ...labels.all },
          annotations: j.tags && j.tags.length ? { [CONSUL_TAGS_ANNOTATION]: j.tags.join(',') } : undefined,
        },
        ports: [{ port: j.port, targetPort: j.port, protocol: kplus.Protocol.TCP }],
      });
      for (const [k, v] of Object.entries(labels.selector)) service.selectLabel(k, v);
      // The Service rules every construct shares.
      const ruleProblems = new Problems();
      new ServiceRules(ruleProblems, ServiceType.CLUSTER_IP).checkPorts([{ port: j.port, protocol: Protocol.TCP }]);
      problems.merge(j.f('service'), ruleProblems);
      this.services.push(service);
    }

    // The CronJobs' pods are placed like the Deployment's (its check reported any problem).
    const scheduling = traits.scheduling;
    for (const { job, schedule } of plan.cronJobs) {
      const cronName = `${this.name}-${job.kname}`;
      if (!DNS_LABEL.test(cronName) || cronName.length > 52) {
        problems.badValue(job.f('name'), cronName, `names the CronJob "<name>-<job>", which must be ${DNS_LABEL_TEXT} and at most 52 characters`);
        continue;
      }
      const cronLabels = recommendedLabels({ name: cronName, instance, component: 'periodic-job', partOf: props.partOf ?? this.name });
      const deadline = ceilSeconds(job.timeoutMs ?? job.intervalMs!);
      // The periodic job runs as the same ServiceAccount as the pod it came from.
      const identity = traits.podIdentity;
      const cron = new StableCronJob(this, `CronJob-${job.name}`, {
        metadata: { name: cronName, labels: { ...props.labels, ...cronLabels.all } },
        podMetadata: { labels: { ...identity.podLabels, ...podLabels, ...cronLabels.all }, annotations: props.podAnnotations },
        serviceAccount: identity.serviceAccount,
        automountServiceAccountToken: identity.automountServiceAccountToken,
        selectorLabels: cronLabels.selector,
        schedule: Cron.schedule({ minute: schedule.minute, hour: schedule.hour, day: '*', month: '*', weekDay: '*' }),
        concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
        activeDeadline: Duration.seconds(deadline),
        // ContainerPilot does not retry a failed periodic run; the next interval runs it again.
        backoffLimit: 0,
        securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
        dns: schedulingDns(scheduling),
      });
      applyScheduling(cron, scheduling, { podSpecPath: '/spec/jobTemplate/spec/template/spec' });
      const api = ApiObject.of(cron);
      Patches.removeCronStartingDeadline(api);
      problems.merge('', applyPodTemplate(cron, api, {
        podSpecPath: '/spec/jobTemplate/spec/template/spec',
        healthDefaults: HealthCheckDefaults.kubeVela(),
        security: props.security,
        imagePullSecrets: props.imagePullSecrets,
        configHash: props.rolloutOnConfigChange ?? true,
        containers: [containerOf(job, false)],
      }));
      this.cronJobs.push(cron);
    }

    // Several Services (one per job port) select the pod, so metrics go through a
    // PodMonitor, which needs no Service.
    const monitoring = finishWorkload(this, this.deployment, props, base, plan.containers.map(j => j.kname));
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    this.networkPolicy = monitoring.networkPolicy;
    this.disruptionBudget = traits.disruptionBudget;
  }

  /** A long-running job's container: readiness probe, preStop hook, port, loop. */
  private appContainer(j: CheckedJob, plan: JobPlan, c: ContainerSpec): ContainerSpec {
    const hook = plan.hooks.get(j.name);
    if (plan.roles.get(j.name) === 'loop') return { ...c, command: loopCommand(j) };
    // A job without exec that advertises a Service has its check (and port) here.
    const guest = plan.serviceOnly.find(s => s.checkedIn === j)?.job;
    const checked = guest ?? j;
    const readiness = checked.health?.interval && checked.health.ttl && checked.health.command
      ? this.probe(checked, Math.ceil(checked.health.ttl / checked.health.interval))
      : undefined;
    const ports = [j, ...(guest ? [guest] : [])].filter(p => p.port !== undefined).map(p => ({ containerPort: p.port! }));
    return {
      ...c,
      ports: ports.length > 0 ? ports : undefined,
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

/**
 * A periodic job as a loop in a container of the pod: run, sleep the interval, again;
 * forever, or as many runs as ContainerPilot's `restarts` allows (the first run at
 * startup, one more per restart), after which the container idles rather than exit
 * (a Deployment's pod would restart it). Each run is killed (SIGKILL, as ContainerPilot
 * does) after the job's timeout, which for a periodic job defaults to its interval.
 */
function loopCommand(j: CheckedJob): string[] {
  const seconds = (ms: number) => String(ms / 1000);
  const limit = j.timeoutMs ?? j.intervalMs;
  const run = limit === undefined
    ? '"$@"'
    : `"$@" & p=$!; (sleep ${seconds(limit)}; kill -9 $p) 2>/dev/null & k=$!; wait $p; kill $k 2>/dev/null`;
  // a one-shot job: run once, then idle
  if (j.intervalMs === undefined) return ['/bin/sh', '-c', `${run}; while true; do sleep 3600; done`, j.kname, ...(j.command ?? [])];
  const script = j.restarts === 'unlimited'
    ? `while true; do ${run}; sleep ${seconds(j.intervalMs!)}; done`
    : `n=0; while [ $n -lt ${j.restarts === 'never' ? 1 : j.restarts + 1} ]; do ${run}; n=$((n+1)); sleep ${seconds(j.intervalMs!)}; done; while true; do sleep 3600; done`;
  return ['/bin/sh', '-c', script, j.kname, ...(j.command ?? [])];
}
