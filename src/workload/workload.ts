import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DisruptionProps, applyDisruptionBudget } from './disruption';
import { IdentityProps, PodIdentity, WorkloadIdentityResources, applyIdentity } from './identity';
import { WorkloadNetworkPolicyProps, applyNetworkPolicy } from './network-policy';
import { PodMetadataProps } from './pod-metadata';
import { RolloutProps, finishRollout, planRollout } from './rollout';
import { CheckedScheduling, SchedulingProps, applyScheduling, checkScheduling, schedulingDns } from './scheduling';
import { StorageProps, applyStorage } from './storage';
import { checkMetadata, checkRecommendedLabelValues, recommendedLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { yamlRoundTripProblems } from '../common/yaml';
import { WorkloadSecurityOptions } from '../container/security';
import { MonitoredService, applyMonitoring } from '../monitoring/apply';
import { GrafanaDashboardOptions, MetricsEndpoint } from '../monitoring/metrics';
import { ISelectableWorkload } from '../pod/selectable';
import { StableDeployment, renderedPodLabels } from '../pod/selection';
import { ScalingProps } from '../scaling/scaling';

/**
 * The props every workload construct of this library shares (Worker, WebApp, JobGraph):
 * names and labels, pull secrets, replicas, the rollout strategy, monitoring and the
 * security defaults. Each construct's props extend it with its own fields.
 */
export interface WorkloadProps extends PodMetadataProps, SchedulingProps, IdentityProps, StorageProps, RolloutProps, DisruptionProps, ScalingProps,
  WorkloadNetworkPolicyProps {
  /**
   * The name of the Deployment (and of the objects named after it): a lower-case RFC
   * 1123 label. It also makes the selector, so renaming or moving the construct does
   * not change the selector.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/instance` label (part of the selector).
   * @default - the name
   */
  readonly instance?: string;
  /**
   * The `app.kubernetes.io/part-of` label: the application this workload belongs to.
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * Labels of the Deployment, beside the recommended labels. Worker and JobGraph also
   * put them on the pods (as KubeVela's worker does); a WebApp's pods carry only
   * `podLabels` (ACK's separate fields).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Deployment.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Names of Secrets holding registry credentials (KubeVela `imagePullSecrets`, ACK
   * "设置镜像密钥").
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Number of pods. Not with `autoscaling` or `eventScaling` (or a WebApp's
   * `scheduledScaling`): the autoscaler owns the count, and the Deployment is written
   * without `replicas`.
   * @default 1 (no replicas field when an autoscaler is on)
   */
  readonly replicas?: number;
  /**
   * How the Deployment replaces its pods (cdk8s-plus's `DeploymentStrategy`), e.g. a
   * rolling update with `PercentOrAbsolute.absolute(1)` surge and
   * `PercentOrAbsolute.percent(0)` unavailable.
   * @default - a rolling update with maxSurge 25% and maxUnavailable 25% (Kubernetes' default)
   */
  readonly strategy?: kplus.DeploymentStrategy;
  /**
   * The Prometheus metrics endpoint (opt-in). With the Prometheus Operator it becomes a
   * ServiceMonitor when a WebApp's Service exposes the port, else a PodMonitor;
   * `ScrapeMethod.ANNOTATIONS` writes `prometheus.io/*` pod annotations instead. The
   * port must be one the containers declare.
   * @default - no monitoring
   */
  readonly metrics?: MetricsEndpoint;
  /**
   * A Grafana dashboard ConfigMap for the workload's CPU, memory, restarts, ready pods
   * (and request rate, when `requestRateMetric` is given), labelled for the Grafana
   * sidecar; opt-in.
   * @default - no dashboard
   */
  readonly dashboard?: GrafanaDashboardOptions;
  /**
   * Roll the pods when the data they read from a ConfigMap or Secret created in this
   * app changes, through the `checksum/config` pod annotation over exactly the data
   * they read. Set false when the app reloads its mounted configuration itself.
   * @default true
   */
  readonly rolloutOnConfigChange?: boolean;
  /**
   * Security settings; the defaults meet the "restricted" Pod Security Standard.
   * @default - restricted: non-root (UID 25000, GID 26000), read-only root filesystem, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp; fsGroup 26000 when a PersistentVolumeClaim is mounted writable
   */
  readonly security?: WorkloadSecurityOptions;
}

/** What the shared setup derives from the shared props. @internal */
export interface WorkloadBase {
  readonly name: string;
  readonly instance: string;
  /** The recommended labels: `selector` (name + instance) and `all`. */
  readonly labels: ReturnType<typeof recommendedLabels>;
  readonly problems: Problems;
}

/**
 * The setup every workload starts with: its name, the checks of the shared metadata and
 * replicas, and its recommended labels.
 *
 * @internal
 */
export function startWorkload(id: string, props: WorkloadProps, component: string, extraChecks?: (problems: Problems) => void): WorkloadBase {
  const problems = new Problems();
  const name = props.name ?? id;
  const instance = props.instance ?? name;
  checkMetadata(problems, { name, labels: props.labels, annotations: props.annotations });
  extraChecks?.(problems);
  problems.integer('replicas', props.replicas, 0);
  checkRecommendedLabelValues(problems, { instance: props.instance, partOf: props.partOf });
  return { name, instance, labels: recommendedLabels({ name, instance, component, partOf: props.partOf }), problems };
}

/** Pod-level options of the workload's Deployment. @internal */
export interface WorkloadDeploymentOptions {
  readonly podLabels?: { [key: string]: string };
  readonly podAnnotations?: { [key: string]: string };
  /** The replica count; undefined leaves `replicas` out (an autoscaler owns it). */
  readonly replicas?: number;
  /**
   * The fewest pods the workload runs in normal operation: `replicas`, or the minimum of
   * its autoscalers. The traits that depend on the count (the default spread, the
   * disruption budget) read it.
   */
  readonly replicaFloor: number;
  /**
   * The time the workload's own shutdown needs after SIGTERM (a JobGraph's ContainerPilot
   * stop budget): the grace period's default, and its least allowed value (with the
   * preStop delay added).
   */
  readonly terminationGracePeriod?: Duration;
}

/** The Deployment and what the shared traits made beside it. @internal */
export interface WorkloadDeployment {
  readonly deployment: StableDeployment;
  /** The ServiceAccount, Roles and bindings of `serviceAccount`. */
  readonly identity: WorkloadIdentityResources;
  /** What the pods get from `serviceAccount`, for a second pod template (a JobGraph CronJob). */
  readonly podIdentity: PodIdentity;
  /** The claims of `volumeClaims`. */
  readonly volumeClaims: kplus.PersistentVolumeClaim[];
  /** The PodDisruptionBudget, when there is one. */
  readonly disruptionBudget?: ApiObject;
  /** The checked scheduling options, for a second pod template (undefined when they have a problem). */
  readonly scheduling?: CheckedScheduling;
}

/**
 * The workload's Deployment: named and labelled from the shared props, selecting its
 * pods by the stable selector labels (see pod/selection.ts), with the traits every
 * workload shares.
 *
 * @internal
 */
export function workloadDeployment(scope: Construct, props: WorkloadProps, base: WorkloadBase, o: WorkloadDeploymentOptions): WorkloadDeployment {
  const { resources: identity, pod: podIdentity } = applyIdentity(scope, props, base.name, base.problems);
  // A label the identity trait needs on the pods (Azure's `azure.workload.identity/use`) is not the user's to change.
  for (const [k, v] of Object.entries(podIdentity.podLabels)) {
    const mine = o.podLabels?.[k];
    if (mine !== undefined && mine !== v) {
      base.problems.badValue(`podLabels[${JSON.stringify(k)}]`, mine, `is written by the serviceAccount's cloud identity as ${JSON.stringify(v)} (its webhook reads it); remove it from podLabels`);
    }
  }
  const volumeClaims = applyStorage(scope, props, base.name, base.problems, o.replicaFloor);
  const scheduling = checkScheduling(scope, base.problems, props.scheduling);
  const rollout = planRollout(scope, props.rollout, props.strategy, base.problems, o.terminationGracePeriod);
  const deployment = new StableDeployment(scope, 'Deployment', {
    metadata: { name: base.name, labels: { ...props.labels, ...base.labels.all }, annotations: props.annotations },
    podMetadata: { labels: { ...podIdentity.podLabels, ...o.podLabels, ...base.labels.all }, annotations: o.podAnnotations },
    serviceAccount: podIdentity.serviceAccount,
    automountServiceAccountToken: podIdentity.automountServiceAccountToken,
    selectorLabels: base.labels.selector,
    replicas: o.replicas,
    strategy: props.strategy,
    securityContext: { ensureNonRoot: props.security?.runAsNonRoot ?? true },
    minReady: rollout.minReady,
    progressDeadline: rollout.progressDeadline,
    terminationGracePeriod: rollout.terminationGracePeriod,
    onAddContainer: rollout.onAddContainer,
    dns: schedulingDns(scheduling),
  });
  applyScheduling(deployment, scheduling, { podSpecPath: '/spec/template/spec', selectorLabels: base.labels.selector, replicaFloor: o.replicaFloor });
  finishRollout(ApiObject.of(deployment), rollout);
  const disruptionBudget = applyDisruptionBudget(scope, props.disruptionBudget, o.replicaFloor, {
    name: base.name,
    labels: { ...props.labels, ...base.labels.all },
    selector: base.labels.selector,
    podLabels: () => renderedPodLabels(deployment, '/spec/template/spec'),
  }, base.problems);
  return { deployment, identity, podIdentity, volumeClaims, disruptionBudget, scheduling };
}

/**
 * The setup every workload ends with: its monitoring (monitor and dashboard) and the
 * validation that reports every problem found, at synth.
 *
 * @internal
 */
export function finishWorkload(
  workload: Construct & ISelectableWorkload, deployment: kplus.Deployment, props: WorkloadProps, base: WorkloadBase,
  containerNames: string[], service?: MonitoredService,
) {
  const monitoring = applyMonitoring(workload, {
    workload,
    kind: 'Deployment',
    podMetadata: deployment.podMetadata,
    labels: base.labels.all,
    containerNames,
    service,
  }, props.metrics, props.dashboard);
  base.problems.merge('', monitoring.problems);
  const networkPolicy = applyNetworkPolicy(workload, deployment, props.networkPolicy, base.labels.all, base.problems);
  const messages = base.problems.messages;
  // Strings of the workload's objects that kubectl would read back as numbers, unless a field check named them already.
  WholeApp.addValidation(workload, () => [...messages, ...yamlRoundTripProblems(workload, base.problems.yamlValues)]);
  return { ...monitoring, networkPolicy };
}
