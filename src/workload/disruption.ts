import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { appendTo } from '../common/collections';
import { Problems, show } from '../common/validation';
import { WholeApp } from '../common/whole-app';

/**
 * Whether a running pod that is not ready may be evicted (`unhealthyPodEvictionPolicy`,
 * beta and on by default since Kubernetes 1.27).
 */
export enum UnhealthyPodEvictionPolicy {
  /**
   * A pod that is running but not ready may be evicted only while the budget is met
   * (Kubernetes' behaviour when the field is unset): a crash-looping pod of an app whose
   * budget is not met blocks node drains.
   */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',
  /**
   * A pod that is running but not ready may always be evicted: evicting it costs no
   * availability, and a broken pod never blocks a drain (what the Kubernetes
   * documentation recommends for most apps).
   */
  ALWAYS_ALLOW = 'AlwaysAllow',
}

/** Options of a disruption budget. */
export interface DisruptionBudgetOptions {
  /**
   * Accept a budget that allows no voluntary disruption at all (minAvailable at or above
   * the replica floor, maxUnavailable 0 or "0%", a percentage that rounds to that). Such
   * a budget blocks every node drain (kubectl drain, node upgrades, the cluster
   * autoscaler's scale-down) until someone deletes the pods by hand, so it is a synth
   * error unless this says it is intended.
   * @default false
   */
  readonly allowBlockingDrains?: boolean;
  /**
   * Whether a running pod that is not ready may be evicted regardless of the budget.
   * @default UnhealthyPodEvictionPolicy.ALWAYS_ALLOW (a broken pod never blocks a drain; Kubernetes' own default is IfHealthyBudget)
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/** What a budget says, as data. @internal */
export interface DisruptionBudgetSpec {
  /** `minAvailable`, `maxUnavailable`, or undefined for no budget. */
  readonly field?: 'minAvailable' | 'maxUnavailable';
  readonly value: number;
  readonly percent: boolean;
  readonly options: DisruptionBudgetOptions;
}

/**
 * A PodDisruptionBudget (policy/v1) for the workload's pods: how many of them voluntary
 * disruptions (node drains, upgrades, the cluster autoscaler) may evict at once. Kubelet
 * restarts, node failures and rolling updates are not voluntary disruptions and are not
 * limited by it.
 */
export class DisruptionBudget {
  /** At least `count` pods stay available during a voluntary disruption. */
  public static minAvailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ field: 'minAvailable', value: count, percent: false, options });
  }

  /**
   * At least `percent` % of the pods stay available (the disruption controller rounds the
   * pod count up).
   */
  public static minAvailablePercent(percent: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ field: 'minAvailable', value: percent, percent: true, options });
  }

  /** At most `count` pods are unavailable during a voluntary disruption. */
  public static maxUnavailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ field: 'maxUnavailable', value: count, percent: false, options });
  }

  /**
   * At most `percent` % of the pods are unavailable (the disruption controller rounds the
   * pod count up, so any percentage above 0 lets at least one pod go).
   */
  public static maxUnavailablePercent(percent: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ field: 'maxUnavailable', value: percent, percent: true, options });
  }

  /** No PodDisruptionBudget (for example because one is managed elsewhere). */
  public static none(): DisruptionBudget {
    return new DisruptionBudget({ value: 0, percent: false, options: {} });
  }

  /** @internal */
  public readonly _spec: DisruptionBudgetSpec;

  private constructor(spec: DisruptionBudgetSpec) {
    this._spec = spec;
  }
}

/** The workload prop of the disruption budget. */
export interface DisruptionProps {
  /**
   * The PodDisruptionBudget of the workload's pods, selecting them by the selector labels
   * and named after the workload. `DisruptionBudget.none()` writes none.
   *
   * The default protects a replicated workload: without a budget, a node drain or the
   * cluster autoscaler may evict every replica at once (they often share a node), while
   * `maxUnavailable: 1` never blocks a drain. A single pod gets no default budget: a
   * budget there either protects nothing or blocks every drain.
   * @default - with a replica floor (replicas, or the autoscaler's minimum) of 2 or more: DisruptionBudget.maxUnavailable(1) with unhealthyPodEvictionPolicy AlwaysAllow; none for a single pod
   */
  readonly disruptionBudget?: DisruptionBudget;
}

/** The construct id of the budget under the workload. */
const BUDGET_ID = 'DisruptionBudget';

/**
 * The workload's PodDisruptionBudget from its `disruptionBudget` prop (or the default for
 * its replica floor), checked: values the API server accepts, and a budget that allows
 * no disruption only when the user says so.
 *
 * @internal
 */
export function applyDisruptionBudget(
  scope: Construct, budget: DisruptionBudget | undefined, replicaFloor: number,
  meta: { name: string; labels: Record<string, string>; selector: Record<string, string>; podLabels: () => Record<string, string> },
  problems: Problems,
): ApiObject | undefined {
  if (budget !== undefined && !(budget instanceof DisruptionBudget)) {
    problems.badValue('disruptionBudget', budget, 'must be a DisruptionBudget: DisruptionBudget.maxUnavailable(n), .minAvailable(n), their Percent forms, or .none()');
    return undefined;
  }
  const spec = budget?._spec ?? (replicaFloor >= 2 ? DisruptionBudget.maxUnavailable(1)._spec : undefined);
  if (!spec?.field) return undefined;
  const f = `disruptionBudget.${spec.field}`;
  // `?? {}`: plain JavaScript may pass null for the options.
  const options = spec.options ?? {};
  const policy = options.unhealthyPodEvictionPolicy ?? UnhealthyPodEvictionPolicy.ALWAYS_ALLOW;
  problems.oneOf('disruptionBudget.unhealthyPodEvictionPolicy', policy, Object.values(UnhealthyPodEvictionPolicy));
  const written = spec.percent ? `${spec.value}%` : spec.value;
  if (spec.percent && (!Number.isInteger(spec.value) || spec.value < 0 || spec.value > 100)) {
    problems.badValue(f, written, 'a percentage must be a whole number from 0 to 100 (the API server refuses fractions and more than 100%)');
  } else if (problems.integer(f, spec.value, 0) && !options.allowBlockingDrains) {
    const blocked = blocksDrains(spec, Math.max(replicaFloor, 1));
    if (blocked) {
      problems.add(f, `${blocked} allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler's scale-down) would wait on these pods forever. `
        + 'Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted');
    }
  }
  const pdb = new k8s.KubePodDisruptionBudget(scope, BUDGET_ID, {
    metadata: { name: meta.name, labels: meta.labels },
    spec: {
      ...{ [spec.field]: spec.percent ? k8s.IntOrString.fromString(`${spec.value}%`) : k8s.IntOrString.fromNumber(spec.value) },
      selector: { matchLabels: { ...meta.selector } },
      unhealthyPodEvictionPolicy: policy,
    },
  });
  WholeApp.addValidation(scope, () => otherBudgets(pdb, meta.podLabels()));
  return pdb;
}

/** A PodDisruptionBudget of the app, as rendered. */
interface BudgetEntry {
  readonly object: ApiObject;
  readonly name: string;
  readonly selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
}

/**
 * Every PodDisruptionBudget of the app, by namespace and the first pair of its
 * matchLabels (or by namespace alone, when it has none), so that a workload finds the
 * budgets that may select its pods by looking up its own labels: linear in the app.
 */
function budgetIndex(app: WholeApp): Map<string, BudgetEntry[]> {
  const index = new Map<string, BudgetEntry[]>();
  for (const object of app.objects) {
    if (object.kind !== 'PodDisruptionBudget') continue;
    const json = app.render(object) as any;
    // policy/v1: a budget without a selector selects no pod.
    if (!json?.spec?.selector) continue;
    const selector = json.spec.selector;
    const first = Object.keys(selector.matchLabels ?? {}).sort()[0];
    const key = indexKey(json.metadata?.namespace, first === undefined ? undefined : `${first}=${selector.matchLabels[first]}`);
    appendTo(index, key, { object, name: json.metadata?.name, selector });
  }
  return index;
}

function indexKey(namespace: string | undefined, pair?: string): string {
  return `${namespace ?? ''}\0${pair ?? ''}`;
}

function selects(selector: BudgetEntry['selector'], labels: Record<string, string>): boolean {
  if (!Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}

/**
 * Another budget of the app selecting the workload's pods: the eviction API refuses to
 * evict a pod that more than one budget selects ("This pod has more than one
 * PodDisruptionBudget, which the eviction subresource does not support"), so every drain
 * would fail on these pods.
 */
function otherBudgets(own: ApiObject, podLabels: Record<string, string>): string[] {
  const app = WholeApp.of(own);
  const namespace = (app.render(own) as any)?.metadata?.namespace;
  const index = app.result('disruption-budgets', budgetIndex);
  const candidates = [indexKey(namespace), ...Object.entries(podLabels).map(([k, v]) => indexKey(namespace, `${k}=${v}`))]
    .flatMap(key => index.get(key) ?? []);
  return candidates.filter(b => b.object !== own && selects(b.selector, podLabels)).map(b =>
    `disruptionBudget: the PodDisruptionBudget ${show(b.name)} (${b.object.node.path}) also selects this workload's pods; the eviction API refuses to evict a pod that more than one budget selects, `
    + 'so every node drain would fail on them. Keep one: DisruptionBudget.none() here, or remove the other budget');
}

/**
 * Why the budget allows no eviction when `pods` pods run, or undefined when it allows
 * one. As the disruption controller computes it (pkg/controller/disruption): an integer
 * minAvailable is the pods to keep; a percentage is of the pod count, rounded up.
 */
function blocksDrains(spec: DisruptionBudgetSpec, pods: number): string | undefined {
  const floor = `a replica floor of ${pods} (replicas, or the autoscaler's minimum)`;
  if (spec.field === 'maxUnavailable') {
    return spec.value === 0 ? `maxUnavailable ${show(spec.percent ? '0%' : 0)}` : undefined;
  }
  const keep = spec.percent ? Math.ceil((spec.value * pods) / 100) : spec.value;
  if (keep < pods) return undefined;
  return spec.percent
    ? `minAvailable "${spec.value}%" (${keep} pods, rounded up, of ${floor})`
    : `minAvailable ${spec.value} with ${floor}`;
}
