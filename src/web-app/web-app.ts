import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { buildAutoscaler, buildCronHpa, buildKeda } from './autoscaler';
import { buildIngress } from './ingress';
import { WebAppIngressOptions, WebAppServiceOptions } from './network';
import { ScheduledScaling, ScheduledScalingEngine, WebAppAutoscalingOptions } from './scaling';
import { buildService } from './service';
import { checkMetadata } from '../common/labels';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec, ImagePullPolicy, Protocol } from '../container/image';
import { PortReference } from '../container/port';
import { ResourceQuantities } from '../container/resources';
import { WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheck } from '../health/health-check';
import { ContainerLifecycle } from '../health/lifecycle';
import { MonitoredService } from '../monitoring/apply';
import { ContainerSpec, applyPodTemplate } from '../pod/pod-template';
import { ISelectableWorkload } from '../pod/selectable';
import { WorkloadProps, finishWorkload, startWorkload, workloadDeployment } from '../workload/workload';

/** One container of a WebApp (ACK's "容器配置" tab). */
export interface WebAppContainer {
  /** The container's name: a lower-case RFC 1123 label, unique in the pod. */
  readonly name: string;
  /** The image, e.g. "nginxinc/nginx-unprivileged:1.27" or "registry/namespace/name:tag". */
  readonly image: string;
  /**
   * When to pull the image.
   * @default - not written (ACK's default): Kubernetes pulls `:latest` and untagged images always, others if not present
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The command, replacing the image's entrypoint (ACK lifecycle "启动执行").
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments to the command.
   * @default - the image's default arguments
   */
  readonly args?: string[];
  /**
   * The working directory.
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * Environment variables: literal, ConfigMap key, Secret key, pod field or resource reference.
   * @default - none
   */
  readonly env?: EnvVar[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Ports {name, containerPort 1..65535, protocol TCP|UDP}.
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];
  /**
   * Resource requests as quantity strings (ACK "所需资源"). Metric scaling needs a
   * request for each resource it scales on, in every container.
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * Resource limits as quantity strings.
   * @default - none
   */
  readonly limits?: ResourceQuantities;
  /**
   * Keep stdin open (ACK "stdin").
   * @default false
   */
  readonly stdin?: boolean;
  /**
   * Allocate a TTY (ACK "tty").
   * @default false
   */
  readonly tty?: boolean;
  /**
   * Volumes and where they are mounted: host path, emptyDir, PVC, NFS, ConfigMap, Secret.
   * @default - none
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Paths the app writes to, each an emptyDir (the root filesystem is read-only).
   * @default - none
   */
  readonly writablePaths?: string[];
  /**
   * Restarts the container while it fails.
   * @default - none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * Keeps the pod out of the Service while it fails.
   * @default - a TCP check on the container's first TCP port, when it declares one (see `defaultReadinessCheck`)
   */
  readonly readinessProbe?: HealthCheck;
  /**
   * Holds the other checks back until the app has started.
   * @default - none
   */
  readonly startupProbe?: HealthCheck;
  /**
   * postStart and preStop hooks (ACK "启动后处理", "停止前处理").
   * @default - none
   */
  readonly lifecycle?: ContainerLifecycle;
  /**
   * For init containers only: a native sidecar (restartPolicy Always) that starts before
   * the app containers and keeps running. Kubernetes 1.28 needs the SidecarContainers
   * feature gate (beta and on by default from 1.29).
   * @default false
   */
  readonly sidecar?: boolean;
}

/** Props of a WebApp: ACK's "create a stateless application from an image" form. */
export interface WebAppProps extends WorkloadProps {
  /** The app containers, at least one (ACK "添加容器" adds more). */
  readonly containers: WebAppContainer[];
  /**
   * Init containers, run in order before the app containers; `sidecar: true` makes one a
   * native sidecar.
   * @default - none
   */
  readonly initContainers?: WebAppContainer[];
  /**
   * Labels of the pods (ACK "Pod标签").
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Annotations of the pods (ACK "Pod注解").
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The timings for every check field left unset.
   * @default HealthCheckDefaults.ack(): initialDelaySeconds HTTP 3, TCP 15, command 5; period 10; timeout 1; success 1; failure 3
   */
  readonly healthCheckDefaults?: HealthCheckDefaults;
  /**
   * Give every app container that declares a TCP port and has no readiness check a TCP
   * readiness check on its first TCP port, so the Service only sends traffic to pods
   * that accept connections. Set false to leave such containers without one.
   * @default true
   */
  readonly defaultReadinessCheck?: boolean;
  /**
   * Create a Service. When false, `service` and `ingress` must not be set.
   * @default true (a Service is created when `service` is set or an app container declares a port)
   */
  readonly createService?: boolean;
  /**
   * The Service.
   * @default - a ClusterIP Service named after the app, with each declared container port mapped to itself
   */
  readonly service?: WebAppServiceOptions;
  /**
   * An Ingress to the Service.
   * @default - none
   */
  readonly ingress?: WebAppIngressOptions;
  /**
   * Metric scaling: a HorizontalPodAutoscaler (autoscaling/v2).
   * @default - none
   */
  readonly autoscaling?: WebAppAutoscalingOptions;
  /**
   * Scheduled scaling: ACK's CronHorizontalPodAutoscaler or a KEDA cron ScaledObject.
   * @default - none
   */
  readonly scheduledScaling?: ScheduledScaling;
}

/**
 * A stateless web application as ACK's console creates it from an image: a Deployment,
 * a Service, an optional Ingress (with a weighted canary), metric scaling with a
 * HorizontalPodAutoscaler and scheduled scaling with ACK's CronHPA or KEDA, with
 * everything the form checks (and what it forgets) checked at synth.
 *
 * @example
 * import { PortReference, WebApp } from 'cdk8s-workloads';
 *
 * new WebApp(chart, 'nginx', {
 *   containers: [{
 *     name: 'nginx',
 *     image: 'nginxinc/nginx-unprivileged:1.27',
 *     ports: [{ name: 'http', containerPort: 8080 }],
 *     requests: { cpu: '250m', memory: '128Mi' },
 *   }],
 *   service: { name: 'nginx-svc', ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
 *   autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
 * });
 */
export class WebApp extends Construct implements ISelectableWorkload {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The ServiceMonitor or PodMonitor, when `metrics` uses the Prometheus Operator. */
  public readonly monitor?: ApiObject;
  /** The Grafana dashboard ConfigMap, when `dashboard` is given. */
  public readonly dashboard?: ApiObject;
  /** The Service, when one is created. */
  public readonly service?: kplus.Service;
  /** The Ingress, when `ingress` is set. */
  public readonly ingress?: kplus.Ingress;
  /** The canary Ingress, when `ingress.canary` is set. */
  public readonly canaryIngress?: ApiObject;
  /** The HorizontalPodAutoscaler, when `autoscaling` is set. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The CronHorizontalPodAutoscaler or KEDA ScaledObject, when `scheduledScaling` is set. */
  public readonly scheduledScaler?: ApiObject;
  /** The app's name. */
  public readonly name: string;
  /** The labels that select the app's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** Every port the app containers declare. */
  public readonly ports: ContainerPortSpec[];

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const containers = props.containers ?? [];
    const initContainers = props.initContainers ?? [];
    const base = startWorkload(id, props, 'web-app', p => checkMetadata(p, { name: props.name ?? id, labels: props.podLabels, annotations: props.podAnnotations, field: 'pod' }));
    const problems = base.problems;
    this.name = base.name;
    this.ports = containers.flatMap(c => c.ports ?? []).map(p => ({ ...p }));
    if (containers.length === 0) problems.add('containers', 'is empty; a WebApp needs at least one app container');
    const labels = base.labels;
    this.selectorLabels = labels.selector;

    // Scaling decides whether the Deployment carries `replicas`.
    const autoscaling = props.autoscaling;
    const scheduled = props.scheduledScaling;
    const scaled = autoscaling !== undefined || scheduled !== undefined;
    if (scaled && props.replicas !== undefined) {
      problems.badValue('replicas', props.replicas, 'must not be set when `autoscaling` or `scheduledScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply', 'Remove `replicas` (use autoscaling.minReplicas for the floor)');
    }

    this.deployment = workloadDeployment(this, props, base, {
      podLabels: props.podLabels,
      podAnnotations: props.podAnnotations,
      replicas: scaled ? undefined : (props.replicas ?? 1),
    });
    if (scaled) this.deployment.markHasAutoscaler();

    // Containers, through the shared model.
    const defaultReadiness = props.defaultReadinessCheck ?? true;
    const toSpec = (c: WebAppContainer, field: string, isApp: boolean): ContainerSpec => {
      let readiness = c.readinessProbe;
      if (isApp && readiness === undefined && defaultReadiness) {
        const tcp = (c.ports ?? []).find(p => (p.protocol ?? Protocol.TCP) === Protocol.TCP);
        if (tcp) {
          readiness = HealthCheck.fromTcpSocket({
            port: tcp.name !== undefined ? PortReference.fromName(tcp.name) : PortReference.fromNumber(tcp.containerPort),
          });
        }
      }
      if (isApp && c.sidecar) {
        problems.badValue(`${field}.sidecar`, true, 'is only for init containers; move the container to `initContainers` to make it a native sidecar');
      }
      return {
        field,
        name: c.name,
        image: c.image,
        imagePullPolicy: c.imagePullPolicy,
        command: c.command,
        args: c.args,
        workingDir: c.workingDir,
        env: c.env,
        envFrom: c.envFrom,
        ports: c.ports,
        requests: c.requests,
        limits: c.limits,
        volumes: c.volumes,
        writablePaths: c.writablePaths,
        liveness: c.livenessProbe,
        readiness,
        startup: c.startupProbe,
        lifecycle: c.lifecycle,
        stdin: c.stdin,
        tty: c.tty,
        sidecar: isApp ? undefined : c.sidecar,
      };
    };
    problems.merge('', applyPodTemplate(this.deployment, ApiObject.of(this.deployment), {
      podSpecPath: '/spec/template/spec',
      healthDefaults: props.healthCheckDefaults ?? HealthCheckDefaults.ack(),
      security: props.security,
      imagePullSecrets: props.imagePullSecrets,
      configHash: props.rolloutOnConfigChange ?? true,
      containers: containers.map((c, i) => toSpec(c, `containers[${i}]`, true)),
      initContainers: initContainers.map((c, i) => toSpec(c, `initContainers[${i}]`, false)),
    }));

    // Service
    const wantService = props.createService ?? true;
    if (!wantService && props.service !== undefined) {
      problems.add('service', 'is set while `createService` is false; remove one of them');
    }
    let monitoredService: MonitoredService | undefined;
    if (wantService && (props.service !== undefined || this.ports.length > 0)) {
      const built = buildService(this, props.service ?? {}, labels.all, problems);
      this.service = built.service;
      // The ServiceMonitor selects the Service by the recommended labels it carries.
      monitoredService = { selectorLabels: labels.all, ports: built.ports };
    }

    // Ingress
    if (props.ingress !== undefined) {
      if (!this.service) {
        problems.add('ingress', 'needs the app\'s Service, but none is created (declare a container port, set `service`, and leave `createService` true)');
      } else {
        const built = buildIngress(this, props.ingress, labels.all, problems);
        this.ingress = built.ingress;
        this.canaryIngress = built.canary;
      }
    }

    // Scaling
    const resourcesScaled: string[] = [];
    if (autoscaling !== undefined) {
      if (scheduled?.engine === ScheduledScalingEngine.KEDA) {
        problems.add('scheduledScaling', 'a KEDA ScaledObject creates its own HorizontalPodAutoscaler for the Deployment, so it cannot run beside the one from `autoscaling` (the two would fight over the replica count); remove `autoscaling` and give its CPU/memory targets to `ScheduledScaling.keda({ cpuUtilization, memoryUtilization, ... })`');
      }
      this.autoscaler = buildAutoscaler(this, autoscaling, labels.all, problems);
      if (autoscaling.cpuUtilization !== undefined) resourcesScaled.push('cpu');
      if (autoscaling.memoryUtilization !== undefined) resourcesScaled.push('memory');
    }
    if (scheduled !== undefined) {
      if (scheduled.engine === ScheduledScalingEngine.CRON_HPA && scheduled.cronHpaOptions) {
        this.scheduledScaler = buildCronHpa(this, scheduled.cronHpaOptions, labels.all, this.autoscaler !== undefined, problems);
      } else if (scheduled.engine === ScheduledScalingEngine.KEDA && scheduled.kedaOptions) {
        const keda = scheduled.kedaOptions;
        this.scheduledScaler = buildKeda(this, keda, labels.all, problems);
        if (keda.cpuUtilization !== undefined) resourcesScaled.push('cpu');
        if (keda.memoryUtilization !== undefined) resourcesScaled.push('memory');
      }
    }
    // ACK: "you must set the resources, or autoscaling does not work". Utilization is
    // measured against requests, of every container in the pod, sidecars included.
    const scaledContainers = [
      ...containers.map((c, i) => ({ c, field: `containers[${i}]` })),
      ...initContainers.map((c, i) => ({ c, field: `initContainers[${i}]` })).filter(x => x.c.sidecar),
    ];
    for (const resource of [...new Set(resourcesScaled)]) {
      for (const { c, field } of scaledContainers) {
        if (c.requests?.[resource as 'cpu' | 'memory'] === undefined) {
          problems.add(`${field}.requests.${resource}`, `is not set, but the app scales on ${resource} utilization; every container (sidecars too) needs a ${resource} request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)`);
        }
      }
    }

    const monitoring = finishWorkload(this, this.deployment, props, base, containers.map(c => c.name), monitoredService);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
  }
}
