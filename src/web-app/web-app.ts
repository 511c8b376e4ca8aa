import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { containerSpec } from './container';
import { WebAppHttpRouteOptions, buildHttpRoute } from './http-route';
import { buildIngress } from './ingress';
import { WebAppIngressOptions, WebAppServiceOptions } from './network';
import { buildService } from './service';
import { Problems } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { ContainerPortSpec } from '../container/image';
import { HealthCheckDefaults } from '../health/defaults';
import { MonitoredService } from '../monitoring/apply';
import { listEntries } from '../pod/checks';
import { ListedContainer, WorkloadContainer, containerList } from '../pod/container-options';
import { applyPodTemplate } from '../pod/pod-template';
import { ISelectableWorkload } from '../pod/selectable';
import { applyScaling, planScaling } from '../scaling/scaling';
import { ScheduledScaling, buildCronHpa, kedaCronSource } from '../scaling/scheduled';
import { sameNamedServices } from '../service/names';
import { WorkloadIdentityResources } from '../workload/identity';
import { podLabelsOf } from '../workload/pod-metadata';
import { WorkloadProps, finishWorkload, startWorkload, workloadDeployment } from '../workload/workload';

/** Props of a WebApp: ACK's "create a stateless application from an image" form. */
export interface WebAppProps extends WorkloadProps {
  /** The app containers, at least one (ACK "添加容器" adds more). */
  readonly containers: WorkloadContainer[];
  /**
   * Init containers, run in order before the app containers; `sidecar: true` makes one a
   * native sidecar.
   * @default - none
   */
  readonly initContainers?: WorkloadContainer[];
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
   * Create a Service. When false, `service`, `ingress` and `httpRoute` must not be set (`additionalServices` may be).
   * @default true (a Service is created when `service` is set or an app container declares a port)
   */
  readonly createService?: boolean;
  /**
   * The Service.
   * @default - a ClusterIP Service named after the app, with each declared container port mapped to itself
   */
  readonly service?: WebAppServiceOptions;
  /**
   * More Services selecting the app's pods, such as an admin Service beside the public
   * one, each with its own name (required), type and ports and the Service rules of
   * `service`. They carry the component label "additional-service", so a ServiceMonitor
   * of `metrics` selects the main Service only.
   * @default - none
   */
  readonly additionalServices?: WebAppServiceOptions[];
  /**
   * An Ingress to the Service.
   * @default - none
   */
  readonly ingress?: WebAppIngressOptions;
  /**
   * A Gateway API HTTPRoute (gateway.networking.k8s.io/v1) to the Service, the portable
   * successor of the Ingress, with weighted backends for canaries. It may be set beside
   * `ingress`, so both serve while traffic moves from the ingress controller to the Gateway.
   * @default - none
   */
  readonly httpRoute?: WebAppHttpRouteOptions;
  /**
   * Scheduled scaling: ACK's CronHorizontalPodAutoscaler or a KEDA cron ScaledObject
   * (whose windows join `eventScaling`'s triggers when both are set).
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
  /** The ServiceAccount, Role, ClusterRole and bindings of `serviceAccount` (cdk8s-plus objects). */
  public readonly identity: WorkloadIdentityResources;
  /** The PersistentVolumeClaims of `volumeClaims` (cdk8s-plus objects). */
  public readonly volumeClaims: kplus.PersistentVolumeClaim[];
  /** The ServiceMonitor or PodMonitor, when `metrics` uses the Prometheus Operator. */
  public readonly monitor?: ApiObject;
  /** The Grafana dashboard ConfigMap, when `dashboard` is given. */
  public readonly dashboard?: ApiObject;
  /** The NetworkPolicy selecting the pods, when `networkPolicy` is set. */
  public readonly networkPolicy?: kplus.NetworkPolicy;
  /** The PodDisruptionBudget (policy/v1), when `disruptionBudget` or the default (a replica floor of 2 or more) asks for one. */
  public readonly disruptionBudget?: ApiObject;
  /** The Service, when one is created. */
  public readonly service?: kplus.Service;
  /** The Ingress, when `ingress` is set. */
  public readonly ingress?: kplus.Ingress;
  /** The canary Ingress, when `ingress.canary` is set. */
  public readonly canaryIngress?: ApiObject;
  /** The Services of `additionalServices`, in their order. */
  public readonly additionalServices: kplus.Service[] = [];
  /** The Gateway API HTTPRoute, when `httpRoute` is set. */
  public readonly httpRoute?: ApiObject;
  /** The HorizontalPodAutoscaler, when `autoscaling` is set. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The CronHorizontalPodAutoscaler or KEDA ScaledObject, when `scheduledScaling` is set. */
  public readonly scheduledScaler?: ApiObject;
  /**
   * The KEDA ScaledObject, when `eventScaling` or `ScheduledScaling.keda` is set (one
   * object holds the triggers of both).
   */
  public readonly scaledObject?: ApiObject;
  /** The app's name. */
  public readonly name: string;
  /** The labels that select the app's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** Every port the app containers declare. */
  public readonly ports: ContainerPortSpec[];

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const base = startWorkload(id, props, 'web-app');
    const problems = base.problems;
    // Holes in the lists (from JavaScript) are reported here, once, and left out.
    const containers = containerList(problems, 'containers', props.containers);
    const initContainers = containerList(problems, 'initContainers', props.initContainers);
    this.name = base.name;
    this.ports = containers.flatMap(c => c.ports ?? []).map(p => ({ ...p }));
    if (containers.length === 0) problems.add('containers', 'is empty; a WebApp needs at least one app container');
    const labels = base.labels;
    this.selectorLabels = labels.selector;

    // Scaling decides whether the Deployment carries `replicas`.
    const scheduled = props.scheduledScaling;
    const scaling = planScaling(props, problems, { field: 'scheduledScaling', on: scheduled !== undefined, floors: scheduledFloors(scheduled) });

    const traits = workloadDeployment(this, props, base, {
      podLabels: podLabelsOf(problems, props, base.labels.all, false),
      podAnnotations: props.podAnnotations,
      replicas: scaling.replicas,
      replicaFloor: scaling.replicaFloor,
    });
    this.deployment = traits.deployment;
    this.identity = traits.identity;
    this.volumeClaims = traits.volumeClaims;

    // Containers, through the shared model.
    const defaultReadiness = props.defaultReadinessCheck ?? true;
    const toSpec = (c: ListedContainer, isApp: boolean) => containerSpec(c, isApp, defaultReadiness, problems);
    problems.merge('', applyPodTemplate(this.deployment, ApiObject.of(this.deployment), {
      podSpecPath: '/spec/template/spec',
      healthDefaults: props.healthCheckDefaults ?? HealthCheckDefaults.ack(),
      security: props.security,
      imagePullSecrets: props.imagePullSecrets,
      configHash: props.rolloutOnConfigChange ?? true,
      containers: containers.map(c => toSpec(c, true)),
      initContainers: initContainers.map(c => toSpec(c, false)),
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

    const additional = buildAdditionalServices(this, props.additionalServices, labels.all, problems);
    this.additionalServices.push(...additional.map(a => a.service));
    const serviceNames = [
      ...(this.service ? [{ service: this.service, field: props.service?.name !== undefined ? 'service.name' : 'name' }] : []),
      ...additional,
    ].map(s => ({ obj: ApiObject.of(s.service), field: s.field }));

    // Ingress and HTTPRoute
    if (props.httpRoute !== undefined) {
      if (!this.service) {
        problems.add('httpRoute', 'needs the app\'s Service, but none is created (declare a container port, set `service`, and leave `createService` true)');
      } else {
        this.httpRoute = buildHttpRoute(this, props.httpRoute, labels.all, problems);
      }
    }
    if (props.ingress !== undefined) {
      if (!this.service) {
        problems.add('ingress', 'needs the app\'s Service, but none is created (declare a container port, set `service`, and leave `createService` true)');
      } else {
        const built = buildIngress(this, props.ingress, labels.all, problems);
        this.ingress = built.ingress;
        this.canaryIngress = built.canary;
      }
    }

    // Scaling: the HPA and/or the one ScaledObject (eventScaling's triggers and the KEDA cron windows), then ACK's CronHPA.
    const scaled = { scope: this, name: this.name, deployment: this.deployment, labels: labels.all };
    const pod = {
      containers,
      initContainers,
    };
    const scalers = applyScaling(scaled, props, scaling, problems, pod, scheduled?.kedaOptions ? [kedaCronSource(scheduled.kedaOptions)] : []);
    this.autoscaler = scalers.autoscaler;
    this.scaledObject = scalers.scaledObject;
    if (scheduled?.cronHpaOptions) {
      if (props.eventScaling) {
        problems.add('scheduledScaling', 'ACK\'s CronHorizontalPodAutoscaler cannot run beside the KEDA ScaledObject of `eventScaling`: it would set the replica count that KEDA\'s HorizontalPodAutoscaler owns; use `ScheduledScaling.keda({ windows, ... })`, whose windows join the ScaledObject as cron triggers');
      }
      this.scheduledScaler = buildCronHpa(scaled, scheduled.cronHpaOptions, this.autoscaler !== undefined, problems);
    } else if (scheduled?.kedaOptions) {
      this.scheduledScaler = this.scaledObject;
    }

    const monitoring = finishWorkload(this, this.deployment, props, base, containers.map(c => c.name), monitoredService);
    this.monitor = monitoring.monitor;
    this.dashboard = monitoring.dashboard;
    this.networkPolicy = monitoring.networkPolicy;
    // Service names are unique in a namespace: the whole-app index (one walk per synth) finds another of the same name.
    WholeApp.addValidation(this, () => serviceNames.flatMap(s => sameNamedServices(s.obj, s.field)));
    this.disruptionBudget = traits.disruptionBudget;
  }
}

/** The least replica counts WebApp's scheduled scaling may set. */
function scheduledFloors(scheduled: ScheduledScaling | undefined): number[] {
  if (scheduled?.kedaOptions) return [scheduled.kedaOptions.minReplicas ?? 1];
  if (scheduled?.cronHpaOptions) return (scheduled.cronHpaOptions.jobs ?? []).map(j => j?.targetSize);
  return [];
}

/**
 * The additional Services: each named (unique among the app's Services), built like the
 * main one (the shared Service rules, targets resolved against the containers' ports).
 */
function buildAdditionalServices(
  app: WebApp, list: WebAppServiceOptions[] | undefined, recommended: Record<string, string>, problems: Problems,
): { service: kplus.Service; field: string }[] {
  const out: { service: kplus.Service; field: string }[] = [];
  const labels = { ...recommended, 'app.kubernetes.io/component': 'additional-service' };
  const taken = new Map<string, string>(app.service ? [[app.service.name, 'the app\'s Service']] : []);
  listEntries(problems, 'additionalServices', list, 'a Service ({ name, type, ports })').forEach(([o, i]) => {
    const f = `additionalServices[${i}]`;
    if (o.name === undefined) {
      problems.add(`${f}.name`, `is required: each additional Service needs a name of its own${app.service ? ` (the app's Service is ${JSON.stringify(app.service.name)})` : ''}`);
      return;
    }
    if (taken.has(o.name)) {
      problems.badValue(`${f}.name`, o.name, `${taken.get(o.name)} already has this name; Service names are unique in a namespace`);
      return;
    }
    taken.set(o.name, f);
    out.push({ service: buildService(app, o, labels, problems, f, `Service-${o.name}`).service, field: `${f}.name` });
  });
  return out;
}
