import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkCronHpaSchedule, checkKedaSchedule, isTimeZone } from './cron';
import { WebAppIngressOptions, WebAppIngressPathType, WebAppServiceOptions, WebAppServicePort } from './network';
import { CronHpaOptions, KedaCronOptions, ScheduledScaling, ScheduledScalingEngine, WebAppAutoscalingOptions } from './scaling';
import { DNS_LABEL, DNS_LABEL_TEXT, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT, PORT_NAME_TEXT, isPortName } from '../common/formats';
import { checkMetadata, checkRecommendedLabelValues, checkServiceName, recommendedLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { yamlRoundTripProblems } from '../common/yaml';
import { listOf } from '../container/checks';
import { EnvFromSource, EnvVar } from '../container/env';
import { ContainerPortSpec, ImagePullPolicy, Protocol } from '../container/image';
import { ContainerLifecycle } from '../container/lifecycle';
import { ContainerSpec, applyPodTemplate } from '../container/pod-template';
import { DeclaredPort, PortReference } from '../container/port';
import { ResourceQuantities } from '../container/resources';
import { WorkloadSecurityOptions } from '../container/security';
import { ISelectableWorkload } from '../container/selectable';
import { WorkloadVolume } from '../container/volume';
import { HealthCheckDefaults } from '../health/defaults';
import { HealthCheck } from '../health/health-check';
import { MonitoredService, applyMonitoring } from '../monitoring/apply';
import { GrafanaDashboardOptions, MetricsEndpoint } from '../monitoring/metrics';
import { ServiceTrafficPolicy, ServiceType } from '../service-enums';

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
export interface WebAppProps {
  /**
   * The app's name: the Deployment's, and by default the Service's, Ingress's and
   * autoscalers'. A lower-case RFC 1123 label; it also makes the selector.
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
  /** The app containers, at least one (ACK "添加容器" adds more). */
  readonly containers: WebAppContainer[];
  /**
   * Init containers, run in order before the app containers; `sidecar: true` makes one a
   * native sidecar.
   * @default - none
   */
  readonly initContainers?: WebAppContainer[];
  /**
   * Secrets with registry credentials (ACK "设置镜像密钥").
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Number of pods. Not allowed with `autoscaling` or `scheduledScaling`: the autoscaler
   * owns the count, and the Deployment is written without `replicas`.
   * @default 1 (no replicas field when an autoscaler is on)
   */
  readonly replicas?: number;
  /**
   * Labels of the Deployment (ACK "标签").
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Deployment (ACK "注解").
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
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
   * Security settings; the defaults meet the "restricted" Pod Security Standard.
   * @default - restricted: non-root (UID 25000, GID 26000), read-only root filesystem, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp
   */
  readonly security?: WorkloadSecurityOptions;
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
  /**
   * The app's Prometheus metrics endpoint (opt-in). With the Prometheus Operator it
   * becomes a ServiceMonitor when the Service exposes the metrics port, else a PodMonitor;
   * `ScrapeMethod.ANNOTATIONS` writes `prometheus.io/*` pod annotations instead.
   * @default - no monitoring
   */
  readonly metrics?: MetricsEndpoint;
  /**
   * A Grafana dashboard ConfigMap for the app's CPU, memory, restarts, ready pods (and
   * request rate when `requestRateMetric` is given), labelled for the Grafana sidecar.
   * @default - no dashboard
   */
  readonly dashboard?: GrafanaDashboardOptions;
  /**
   * Roll the pods when a ConfigMap or Secret of this library that they consume changes,
   * through a `checksum/config` pod annotation over exactly the data they read.
   * @default true
   */
  readonly rolloutOnConfigChange?: boolean;
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
    const problems = new Problems();
    this.name = props.name ?? id;
    // Holes in the lists (from JavaScript) are reported here, once, and left out.
    const withPorts = (field: string) => (c: WebAppContainer, i: number): WebAppContainer =>
      ({ ...c, ports: listOf(problems, `${field}[${i}].ports`, c.ports, 'a port ({ containerPort, name, protocol })') });
    const containers = (listOf(problems, 'containers', props.containers, 'a container') ?? []).map(withPorts('containers'));
    const initContainers = (listOf(problems, 'initContainers', props.initContainers, 'a container') ?? []).map(withPorts('initContainers'));
    this.ports = containers.flatMap(c => c.ports ?? []).map(p => ({ ...p }));
    checkMetadata(problems, { name: this.name, labels: props.labels, annotations: props.annotations });
    checkMetadata(problems, { name: this.name, labels: props.podLabels, annotations: props.podAnnotations, field: 'pod' });
    problems.integer('replicas', props.replicas, 0);
    checkRecommendedLabelValues(problems, { instance: props.instance, partOf: props.partOf });
    if (containers.length === 0) problems.add('containers', 'is empty; a WebApp needs at least one app container');

    const labels = recommendedLabels({ name: this.name, instance: props.instance ?? this.name, component: 'web-app', partOf: props.partOf });
    this.selectorLabels = labels.selector;

    // Scaling decides whether the Deployment carries `replicas`.
    const autoscaling = props.autoscaling;
    const scheduled = props.scheduledScaling;
    const scaled = autoscaling !== undefined || scheduled !== undefined;
    if (scaled && props.replicas !== undefined) {
      problems.badValue('replicas', props.replicas, 'must not be set when `autoscaling` or `scheduledScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply', 'Remove `replicas` (use autoscaling.minReplicas for the floor)');
    }

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels: { ...props.labels, ...labels.all }, annotations: props.annotations },
      podMetadata: { labels: { ...props.podLabels, ...labels.all }, annotations: props.podAnnotations },
      replicas: scaled ? undefined : (props.replicas ?? 1),
      select: false,
      securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: labels.selector }));
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
      const built = this.buildService(props.service ?? {}, labels.all, problems);
      this.service = built.service;
      // The ServiceMonitor selects the Service by the recommended labels it carries.
      monitoredService = { selectorLabels: labels.all, ports: built.ports };
    }

    // Ingress
    if (props.ingress !== undefined) {
      if (!this.service) {
        problems.add('ingress', 'needs the app\'s Service, but none is created (declare a container port, set `service`, and leave `createService` true)');
      } else {
        const built = this.buildIngress(props.ingress, labels.all, problems);
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
      this.autoscaler = this.buildAutoscaler(autoscaling, labels.all, problems);
      if (autoscaling.cpuUtilization !== undefined) resourcesScaled.push('cpu');
      if (autoscaling.memoryUtilization !== undefined) resourcesScaled.push('memory');
    }
    if (scheduled !== undefined) {
      if (scheduled.engine === ScheduledScalingEngine.CRON_HPA && scheduled.cronHpaOptions) {
        this.scheduledScaler = this.buildCronHpa(scheduled.cronHpaOptions, labels.all, this.autoscaler !== undefined, problems);
      } else if (scheduled.engine === ScheduledScalingEngine.KEDA && scheduled.kedaOptions) {
        const keda = scheduled.kedaOptions;
        this.scheduledScaler = this.buildKeda(keda, labels.all, problems);
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

    const monitoring = applyMonitoring(this, {
      workload: this,
      kind: 'Deployment',
      podMetadata: this.deployment.podMetadata,
      labels: labels.all,
      containerNames: containers.map(c => c.name),
      service: monitoredService,
    }, props.metrics, props.dashboard);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    problems.merge('', monitoring.problems);

    const messages = problems.messages;
    this.node.addValidation({ validate: () => [...messages, ...yamlRoundTripProblems(this, problems.yamlValues)] });
  }

  /** The ports declared by the app containers, for the shared checks. @internal */
  public _declaredPorts(): DeclaredPort[] {
    return this.ports.map(p => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  }

  private buildService(
    o: WebAppServiceOptions, recommended: Record<string, string>, problems: Problems,
  ): { service: kplus.Service; ports: MonitoredService['ports'] } {
    const name = o.name ?? this.name;
    checkMetadata(problems, { name, labels: o.labels, annotations: o.annotations, field: 'service' });
    checkServiceName(problems, o.name !== undefined ? 'service.name' : 'name', name, o.name === undefined);
    const type = o.type ?? ServiceType.CLUSTER_IP;
    // ExternalName makes no sense for a Service in front of the app's own pods.
    problems.oneOf('service.type', type, [ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]);
    if (o.headless && type !== ServiceType.CLUSTER_IP) {
      problems.badValue('service.headless', true, `is only allowed with type ClusterIP, not ${JSON.stringify(type)}`, 'Drop `headless` or use ServiceType.CLUSTER_IP');
    }
    if (o.externalTrafficPolicy !== undefined) {
      problems.oneOf('service.externalTrafficPolicy', o.externalTrafficPolicy, Object.values(ServiceTrafficPolicy));
      if (type === ServiceType.CLUSTER_IP) {
        problems.badValue('service.externalTrafficPolicy', o.externalTrafficPolicy, 'is only allowed with type NodePort or LoadBalancer (the Service is ClusterIP)');
      }
    }

    const declared = this._declaredPorts();
    const ports: WebAppServicePort[] = listOf(problems, 'service.ports', o.ports, 'a Service port ({ port, targetPort, name })') ?? declared.map(p => ({
      port: p.containerPort,
      targetPort: p.name !== undefined ? PortReference.fromName(p.name) : PortReference.fromNumber(p.containerPort),
      name: p.name,
      protocol: p.protocol as Protocol | undefined,
    }));
    if (ports.length === 0) problems.add('service.ports', 'is empty and no app container declares a port; declare the container port or give the Service ports');

    const seenNames = new Set<string>();
    const seenPorts = new Set<string>();
    const rendered = ports.map((p, i) => {
      const f = `service.ports[${i}]`;
      const protocol = p.protocol ?? Protocol.TCP;
      problems.requiredInteger(`${f}.port`, p.port, 1, 65535, 'the port number the Service listens on, 1..65535');
      problems.oneOf(`${f}.protocol`, protocol, [Protocol.TCP, Protocol.UDP, Protocol.SCTP]);
      const key = `${p.port}/${protocol}`;
      if (seenPorts.has(key)) problems.badValue(`${f}.port`, p.port, `is used twice for ${protocol}; each service port and protocol may appear once`);
      seenPorts.add(key);
      if (p.nodePort !== undefined) {
        if (type === ServiceType.CLUSTER_IP) problems.badValue(`${f}.nodePort`, p.nodePort, 'is only allowed with type NodePort or LoadBalancer (the Service is ClusterIP)');
        else problems.integer(`${f}.nodePort`, p.nodePort, 1, 65535);
      }
      // The target: a port an app container declares (ACK: "the container port must match
      // a port the pods expose").
      let target: DeclaredPort | undefined;
      let targetValue: number | string = p.port;
      if (p.targetPort?.name !== undefined) {
        targetValue = p.targetPort.name;
        target = declared.find(d => d.name === p.targetPort!.name);
        if (!target) problems.badValue(`${f}.targetPort`, p.targetPort.name, `no app container declares a port of that name (declared: ${describePorts(declared)})`);
      } else {
        targetValue = p.targetPort?.number ?? p.port;
        if (problems.integer(`${f}.targetPort`, targetValue, 1, 65535)) {
          target = declared.find(d => d.containerPort === targetValue && (d.protocol ?? Protocol.TCP) === protocol);
          if (!target) problems.badValue(`${f}.targetPort`, targetValue, `no app container declares ${protocol} port ${targetValue} (declared: ${describePorts(declared)})`, 'Declare the port on the container or map to one it declares');
        }
      }
      if (target && (target.protocol ?? Protocol.TCP) !== protocol) {
        problems.badValue(`${f}.protocol`, protocol, `does not match the target container port's protocol ${JSON.stringify(target.protocol ?? Protocol.TCP)}`);
      }
      const portName = p.name ?? target?.name;
      if (portName !== undefined) {
        if (!isPortName(portName)) problems.badValue(`${f}.name`, portName, `must be ${PORT_NAME_TEXT}`);
        else problems.yamlSafe(`${f}.name`, portName);
        if (seenNames.has(portName)) problems.badValue(`${f}.name`, portName, 'must be unique among the Service\'s ports');
        seenNames.add(portName);
      } else if (ports.length > 1) {
        problems.add(`${f}.name`, `is required because the Service has ${ports.length} ports; name each port (or name the container ports it maps to)`);
      }
      return { port: p.port, name: portName, protocol, nodePort: p.nodePort, targetValue };
    });

    const service = new kplus.Service(this, 'Service', {
      metadata: { name, labels: { ...o.labels, ...recommended }, annotations: o.annotations },
      type: type as unknown as kplus.ServiceType,
      clusterIP: o.headless ? 'None' : undefined,
      ports: rendered.map(p => ({
        port: p.port,
        name: p.name,
        protocol: p.protocol as unknown as kplus.Protocol,
        nodePort: p.nodePort,
        targetPort: typeof p.targetValue === 'number' ? p.targetValue : undefined,
      })),
    });
    for (const [k, v] of Object.entries(this.selectorLabels)) service.selectLabel(k, v);
    const api = ApiObject.of(service);
    // cdk8s-plus always writes an empty externalIPs list.
    api.addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    rendered.forEach((p, i) => {
      // cdk8s-plus only takes numeric target ports; a named one is patched in, in the
      // `{ value }` form the typed import reads.
      if (typeof p.targetValue === 'string') api.addJsonPatch(JsonPatch.add(`/spec/ports/${i}/targetPort`, { value: p.targetValue }));
    });
    if (o.externalTrafficPolicy !== undefined && type !== ServiceType.CLUSTER_IP) {
      api.addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', o.externalTrafficPolicy));
    }
    return { service, ports: rendered.map(p => ({ name: p.name, port: p.port, targetPort: p.targetValue })) };
  }

  private buildIngress(
    o: WebAppIngressOptions, recommended: Record<string, string>, problems: Problems,
  ): { ingress: kplus.Ingress; canary?: ApiObject } {
    const service = this.service!;
    const name = o.name ?? this.name;
    checkMetadata(problems, { name, labels: o.labels, annotations: o.annotations, field: 'ingress' });
    if (o.ingressClassName !== undefined) problems.pattern('ingress.ingressClassName', o.ingressClassName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
    const servicePorts = service.ports.map(p => p.port);

    const ingress = new kplus.Ingress(this, 'Ingress', {
      metadata: { name, labels: { ...o.labels, ...recommended }, annotations: o.annotations },
      className: o.ingressClassName,
    });
    const rules = listOf(problems, 'ingress.rules', o.rules, 'a rule ({ host, path, servicePort })') ?? [];
    if (rules.length === 0) problems.add('ingress.rules', 'is empty; give at least one rule of host + path');
    const seen = new Set<string>();
    const ruleHosts = new Set<string>();
    const okRules: { host?: string; path: string; pathType: WebAppIngressPathType }[] = [];
    rules.forEach((r, i) => {
      const f = `ingress.rules[${i}]`;
      const path = r.path ?? '/';
      const pathType = r.pathType ?? WebAppIngressPathType.PREFIX;
      let ok = true;
      if (r.host !== undefined && !isIngressHost(r.host)) {
        problems.badValue(`${f}.host`, r.host, 'must be a lower-case DNS name (a "*." wildcard is allowed as the first label), without a port or an IP address');
        ok = false;
      }
      if (typeof path !== 'string' || !path.startsWith('/')) {
        problems.badValue(`${f}.path`, path, 'must start with "/"');
        ok = false;
      }
      ok = problems.oneOf(`${f}.pathType`, pathType, Object.values(WebAppIngressPathType)) && ok;
      const key = `${r.host ?? ''}${path}`;
      if (seen.has(key)) {
        problems.badValue(`${f}.path`, path, `is already routed for host ${JSON.stringify(r.host ?? '*')}; each host + path may appear once`);
        ok = false;
      }
      seen.add(key);
      let port = r.servicePort;
      if (port === undefined) {
        if (servicePorts.length === 1) {
          port = servicePorts[0];
        } else if (servicePorts.length > 1) {
          problems.add(`${f}.servicePort`, `is required because the Service has several ports (${servicePorts.join(', ')})`);
          ok = false;
        }
      } else if (!servicePorts.includes(port)) {
        problems.badValue(`${f}.servicePort`, port, `is not a port of Service ${JSON.stringify(service.name)} (its ports: ${servicePorts.join(', ') || 'none'})`);
        ok = false;
      }
      if (r.host !== undefined) ruleHosts.add(r.host);
      if (!ok || port === undefined) return;
      const backend = kplus.IngressBackend.fromService(service, { port });
      const kpathType = pathType as unknown as kplus.HttpIngressPathType;
      if (r.host !== undefined) ingress.addHostRule(r.host, path, backend, kpathType);
      else ingress.addRule(path, backend, kpathType);
      okRules.push({ host: r.host, path, pathType });
    });
    if (okRules.length === 0) {
      // Every rule was refused above, each with its own message (or the list is empty,
      // which is reported too); cdk8s-plus would add "ingress with no rules or default
      // backend" for the same mistake. One mistake, one line.
      (ingress as unknown as { _validate: () => string[] })._validate = () => [];
    }

    (listOf(problems, 'ingress.tls', o.tls, 'a TLS entry ({ hosts, secretName })') ?? []).forEach((t, i) => {
      const f = `ingress.tls[${i}]`;
      problems.pattern(`${f}.secretName`, t.secretName, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
      if (!t.hosts || t.hosts.length === 0) problems.add(`${f}.hosts`, 'is empty; list the hosts the certificate covers');
      (t.hosts ?? []).forEach((h, j) => {
        if (!ruleHosts.has(h)) {
          problems.badValue(`${f}.hosts[${j}]`, h, `is not the host of any rule (rule hosts: ${[...ruleHosts].map(x => JSON.stringify(x)).join(', ') || 'none'}); TLS for a host no rule serves is never used`, 'Add a rule for the host or fix the spelling');
        }
      });
      ingress.addTls([{ hosts: t.hosts, secret: kplus.Secret.fromSecretName(this, `TlsSecret${i}`, t.secretName) }]);
    });

    let canary: ApiObject | undefined;
    if (o.canary !== undefined) {
      const c = o.canary;
      const total = c.weightTotal ?? 100;
      problems.pattern('ingress.canary.serviceName', c.serviceName, DNS_LABEL, DNS_LABEL_TEXT);
      if (c.serviceName === service.name) {
        problems.badValue('ingress.canary.serviceName', c.serviceName, 'is the app\'s own Service; the canary must be another Service (the new version\'s)');
      }
      problems.requiredInteger('ingress.canary.servicePort', c.servicePort, 1, 65535, 'the canary Service\'s port, 1..65535');
      if (problems.integer('ingress.canary.weightTotal', total, 1)) {
        problems.integer('ingress.canary.weight', c.weight, 0, total);
      }
      const annotations = o.annotations ?? {};
      if (annotations['nginx.ingress.kubernetes.io/canary'] !== undefined) {
        problems.add('ingress.annotations', 'sets "nginx.ingress.kubernetes.io/canary" on the main Ingress; use `ingress.canary` instead, which writes a separate canary Ingress');
      }
      canary = new ApiObject(this, 'CanaryIngress', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: `${name}-canary`,
          labels: { ...o.labels, ...recommended },
          annotations: {
            'nginx.ingress.kubernetes.io/canary': 'true',
            'nginx.ingress.kubernetes.io/canary-weight': String(c.weight),
            ...(total !== 100 ? { 'nginx.ingress.kubernetes.io/canary-weight-total': String(total) } : {}),
          },
        },
        spec: {
          ingressClassName: o.ingressClassName,
          rules: groupByHost(okRules).map(([host, paths]) => ({
            host,
            http: {
              paths: paths.map(p => ({
                path: p.path,
                pathType: p.pathType,
                backend: { service: { name: c.serviceName, port: { number: c.servicePort } } },
              })),
            },
          })),
        },
      });
    }
    return { ingress, canary };
  }

  private buildAutoscaler(
    o: WebAppAutoscalingOptions, recommended: Record<string, string>, problems: Problems,
  ): kplus.HorizontalPodAutoscaler | undefined {
    const min = o.minReplicas ?? 1;
    let ok = problems.integer('autoscaling.minReplicas', min, 1);
    ok = problems.requiredInteger('autoscaling.maxReplicas', o.maxReplicas, 1, undefined, 'the most pods the autoscaler may run') && ok;
    if (ok && min > o.maxReplicas) {
      problems.badValue('autoscaling.minReplicas', min, `must not exceed maxReplicas (${o.maxReplicas})`);
      ok = false;
    }
    const metrics: kplus.Metric[] = [];
    if (o.cpuUtilization !== undefined && problems.integer('autoscaling.cpuUtilization', o.cpuUtilization, 1)) {
      metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(o.cpuUtilization)));
    }
    if (o.memoryUtilization !== undefined && problems.integer('autoscaling.memoryUtilization', o.memoryUtilization, 1)) {
      metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(o.memoryUtilization)));
    }
    if (o.cpuUtilization === undefined && o.memoryUtilization === undefined) {
      problems.add('autoscaling', 'scales on nothing; set cpuUtilization and/or memoryUtilization (a percentage of the requests)');
      ok = false;
    }
    if (!ok) return undefined;
    const hpa = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      metadata: { name: this.name, labels: recommended },
      target: this.deployment,
      minReplicas: min,
      maxReplicas: o.maxReplicas,
      metrics,
    });
    // cdk8s-plus writes scale-up/down policies of its own; the HPA's own defaults apply.
    ApiObject.of(hpa).addJsonPatch(JsonPatch.remove('/spec/behavior'));
    return hpa;
  }

  private buildCronHpa(o: CronHpaOptions, recommended: Record<string, string>, targetHpa: boolean, problems: Problems): ApiObject {
    const name = o.name ?? this.name;
    problems.pattern('scheduledScaling.name', name, DNS_LABEL, DNS_LABEL_TEXT);
    const jobs = listOf(problems, 'scheduledScaling.jobs', o.jobs, 'a job ({ name, schedule, targetSize })') ?? [];
    if (jobs.length === 0) problems.add('scheduledScaling.jobs', 'is empty; give at least one job');
    const names = new Set<string>();
    jobs.forEach((j, i) => {
      const f = `scheduledScaling.jobs[${i}]`;
      if (typeof j.name !== 'string' || !/^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/.test(j.name)) {
        problems.badValue(`${f}.name`, j.name, 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
      } else if (names.has(j.name)) {
        problems.badValue(`${f}.name`, j.name, 'must be unique among the jobs (the controller reports status per job name)');
      }
      names.add(j.name);
      const bad = checkCronHpaSchedule(j.schedule);
      if (bad) problems.badValue(`${f}.schedule`, j.schedule, bad);
      problems.integer(`${f}.targetSize`, j.targetSize, targetHpa ? 1 : 0, 2147483647);
    });
    (o.excludeDates ?? []).forEach((d, i) => {
      const bad = checkCronHpaSchedule(d);
      if (bad) problems.badValue(`scheduledScaling.excludeDates[${i}]`, d, bad);
    });
    const scaleTargetRef = targetHpa
      ? { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: this.name }
      : { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name };
    return new ApiObject(this, 'CronHpa', {
      apiVersion: 'autoscaling.alibabacloud.com/v1beta1',
      kind: 'CronHorizontalPodAutoscaler',
      metadata: { name, labels: recommended },
      spec: {
        scaleTargetRef,
        excludeDates: o.excludeDates && o.excludeDates.length ? [...o.excludeDates] : undefined,
        jobs: jobs.map(j => ({ name: j.name, schedule: j.schedule, targetSize: j.targetSize, runOnce: j.runOnce })),
      },
    });
  }

  private buildKeda(o: KedaCronOptions, recommended: Record<string, string>, problems: Problems): ApiObject {
    const name = o.name ?? this.name;
    problems.pattern('scheduledScaling.name', name, DNS_LABEL, DNS_LABEL_TEXT);
    const min = o.minReplicas ?? 1;
    let range = problems.integer('scheduledScaling.minReplicas', min, 0);
    range = problems.requiredInteger('scheduledScaling.maxReplicas', o.maxReplicas, 1, undefined, 'the most pods KEDA may run') && range;
    if (range && min > o.maxReplicas) {
      problems.badValue('scheduledScaling.minReplicas', min, `must not exceed maxReplicas (${o.maxReplicas})`);
    }
    if (!isTimeZone(o.timezone)) {
      problems.badValue('scheduledScaling.timezone', o.timezone, 'must be an IANA time zone name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"');
    }
    problems.integer('scheduledScaling.cooldownPeriod', o.cooldownPeriod, 0);
    const windows = listOf(problems, 'scheduledScaling.windows', o.windows, 'a window ({ start, end, desiredReplicas })') ?? [];
    if (windows.length === 0) problems.add('scheduledScaling.windows', 'is empty; give at least one window');
    const triggers: Record<string, unknown>[] = windows.map((w, i) => {
      const f = `scheduledScaling.windows[${i}]`;
      const badStart = checkKedaSchedule(w.start);
      if (badStart) problems.badValue(`${f}.start`, w.start, badStart);
      const badEnd = checkKedaSchedule(w.end);
      if (badEnd) problems.badValue(`${f}.end`, w.end, badEnd);
      if (!badStart && !badEnd && w.start.trim() === w.end.trim()) {
        problems.badValue(`${f}.end`, w.end, 'is the same as start; KEDA rejects a window that opens and closes at once');
      }
      if (problems.integer(`${f}.desiredReplicas`, w.desiredReplicas, 1) && Number.isInteger(o.maxReplicas) && w.desiredReplicas > o.maxReplicas) {
        problems.badValue(`${f}.desiredReplicas`, w.desiredReplicas, `must not exceed maxReplicas (${o.maxReplicas}); KEDA would cap it silently`);
      }
      return {
        type: 'cron',
        metadata: { timezone: o.timezone, start: w.start, end: w.end, desiredReplicas: String(w.desiredReplicas) },
      };
    });
    for (const [resource, value] of [['cpu', o.cpuUtilization], ['memory', o.memoryUtilization]] as const) {
      if (value === undefined) continue;
      problems.integer(`scheduledScaling.${resource}Utilization`, value, 1);
      triggers.push({ type: resource, metricType: 'Utilization', metadata: { value: String(value) } });
    }
    return new ApiObject(this, 'ScaledObject', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name, labels: recommended },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
        minReplicaCount: min,
        maxReplicaCount: o.maxReplicas,
        cooldownPeriod: o.cooldownPeriod,
        triggers,
      },
    });
  }
}

function describePorts(ports: DeclaredPort[]): string {
  if (ports.length === 0) return 'none';
  return ports.map(p => `${p.name ? `${p.name}=` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

/** An Ingress rule host: a DNS subdomain, optionally "*." + one; no IP, no port. */
function isIngressHost(host: string): boolean {
  if (typeof host !== 'string') return false;
  const h = host.startsWith('*.') ? host.slice(2) : host;
  if (!DNS_SUBDOMAIN.test(h)) return false;
  return !/^[0-9.]+$/.test(h);
}

function groupByHost<T extends { host?: string }>(rules: T[]): [string | undefined, T[]][] {
  const out = new Map<string, T[]>();
  for (const r of rules) {
    const k = r.host ?? '';
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return [...out.entries()].map(([k, v]) => [k === '' ? undefined : k, v]);
}
