import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { WholeApp } from '../common/whole-app';

/** Kubernetes' grace period when none is given, which the app keeps after a preStop delay. */
const DEFAULT_GRACE_SECONDS = 30;
/** Kubernetes' progressDeadlineSeconds when none is given (cdk8s-plus writes it). */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * How the Deployment rolls out and how its pods stop. The strategy itself (rolling
 * update or recreate) is the workload's `strategy` prop.
 */
export interface RolloutOptions {
  /**
   * Seconds a new pod must be ready, without a container crashing, before it counts as
   * available and the rollout moves on (catches an app that passes its readiness check
   * and then crashes).
   * @default 0
   */
  readonly minReadySeconds?: number;
  /**
   * Seconds a rollout may make no progress before the Deployment reports it failed
   * (`ProgressDeadlineExceeded`, which `kubectl rollout status` exits on). Must be greater
   * than `minReadySeconds`.
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   * @default - not written: Kubernetes keeps 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Seconds between the start of a pod's termination (the preStop hooks, then SIGTERM)
   * and SIGKILL. It must cover `preStopDelaySeconds` and leave the app time to stop; a
   * JobGraph's must cover ContainerPilot's stop budget too.
   * @default 30 (Kubernetes' default); preStopDelaySeconds + 30 with a preStop delay; a JobGraph: its stop budget (+ the delay)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Seconds each app container waits in a preStop hook (`exec sleep N`) before it gets
   * SIGTERM, so that Services, ingress controllers and load balancers stop sending it
   * traffic first (endpoint removal races the SIGTERM). Kubernetes 1.28 has no `sleep`
   * hook action: the image must have a `sleep` executable on its PATH (distroless and
   * scratch images do not). A container that already has a preStop hook is an error: the
   * delay would replace it. Every app container gets it, including one added later
   * through `deployment.addContainer`; init containers and native sidecars do not.
   * @default - no delay
   */
  readonly preStopDelaySeconds?: number;
}

/** The workload prop of the rollout settings. */
export interface RolloutProps {
  /**
   * Rollout and termination: minReadySeconds, progressDeadlineSeconds,
   * revisionHistoryLimit, terminationGracePeriodSeconds and a preStop delay.
   * @default - Kubernetes' defaults (0, 600, 10, 30 seconds) and no preStop delay
   */
  readonly rollout?: RolloutOptions;
}

/** What the rollout settings give the Deployment. @internal */
export interface RolloutPlan {
  readonly minReady?: Duration;
  readonly progressDeadline?: Duration;
  readonly terminationGracePeriod?: Duration;
  /** Adds the preStop delay to each app container (StableDeployment's container hook). */
  readonly onAddContainer?: (container: kplus.ContainerProps) => kplus.ContainerProps;
  readonly revisionHistoryLimit?: number;
}

/**
 * Checks the rollout settings and the strategy as the API server would, and says what the
 * Deployment gets. A value that fails a check is left out, so cdk8s-plus (which throws
 * on some) never sees it; the problem is reported instead. `stopBudget` is the time the
 * workload itself needs after SIGTERM (a JobGraph's ContainerPilot stop budget).
 *
 * @internal
 */
export function planRollout(
  scope: Construct, rollout: RolloutOptions | undefined, strategy: kplus.DeploymentStrategy | undefined,
  problems: Problems, stopBudget?: Duration,
): RolloutPlan {
  const r = rollout ?? {};
  checkStrategy(strategy, problems);
  const f = (name: string) => `rollout.${name}`;
  const minReadyOk = problems.integer(f('minReadySeconds'), r.minReadySeconds, 0);
  const deadlineOk = problems.integer(f('progressDeadlineSeconds'), r.progressDeadlineSeconds, 1);
  problems.integer(f('revisionHistoryLimit'), r.revisionHistoryLimit, 0);
  const graceOk = problems.integer(f('terminationGracePeriodSeconds'), r.terminationGracePeriodSeconds, 0);
  const delayOk = problems.integer(f('preStopDelaySeconds'), r.preStopDelaySeconds, 1);

  let timingsOk = minReadyOk && deadlineOk;
  if (timingsOk) {
    const minReady = r.minReadySeconds ?? 0;
    const deadline = r.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
    if (deadline <= minReady) {
      timingsOk = false;
      const why = `must be greater than minReadySeconds (${minReady}), as the API server requires: a pod counts as available only after minReadySeconds, so the rollout could never make progress in time`;
      if (r.progressDeadlineSeconds !== undefined) problems.badValue(f('progressDeadlineSeconds'), deadline, why);
      else problems.add(f('progressDeadlineSeconds'), `is ${deadline} when unset, which ${why}. Set progressDeadlineSeconds above ${minReady}`);
    }
  }

  const delay = delayOk ? r.preStopDelaySeconds : undefined;
  const budget = stopBudget?.toSeconds() ?? 0;
  const needed = (delay ?? 0) + budget;
  if (graceOk && r.terminationGracePeriodSeconds !== undefined) {
    const grace = r.terminationGracePeriodSeconds;
    if (budget > 0 && grace < needed) {
      problems.badValue(f('terminationGracePeriodSeconds'), grace,
        `must be at least ${needed}: the workload's stop budget (${budget}s, a JobGraph's stopping jobs and ContainerPilot's stopTimeout) plus preStopDelaySeconds (${delay ?? 0}s); `
        + `below it the kubelet kills processes that are still stopping. Raise it, or leave it unset for ${needed}`);
    } else if (budget === 0 && delay !== undefined && grace <= delay) {
      problems.badValue(f('terminationGracePeriodSeconds'), grace,
        `must be greater than preStopDelaySeconds (${delay}): the grace period also counts the preStop sleep, so the app would get SIGKILL with no time to stop after SIGTERM. `
        + `Raise it, or leave it unset for ${delay + DEFAULT_GRACE_SECONDS}`);
    }
  }
  const grace = graceOk && r.terminationGracePeriodSeconds !== undefined
    ? r.terminationGracePeriodSeconds
    : (budget > 0 ? needed : (delay !== undefined ? delay + DEFAULT_GRACE_SECONDS : undefined));

  const conflicts: string[] = [];
  if (delay !== undefined) {
    WholeApp.addValidation(scope, () => conflicts.map(name => `${f('preStopDelaySeconds')}: ${delay} is not allowed; container "${name}" already has a preStop hook, `
      + `which the delay's \`sleep\` would replace. Remove the delay or that hook, or begin the hook with the delay yourself (e.g. ["sh", "-c", "sleep ${delay}; exec /drain"])`));
  }
  return {
    minReady: timingsOk && r.minReadySeconds !== undefined ? Duration.seconds(r.minReadySeconds) : undefined,
    progressDeadline: timingsOk && r.progressDeadlineSeconds !== undefined ? Duration.seconds(r.progressDeadlineSeconds) : undefined,
    terminationGracePeriod: grace !== undefined ? Duration.seconds(grace) : undefined,
    revisionHistoryLimit: r.revisionHistoryLimit,
    onAddContainer: delay === undefined ? undefined : c => {
      if (c.lifecycle?.preStop) {
        conflicts.push(c.name ?? '(unnamed)');
        return c;
      }
      return { ...c, lifecycle: { ...c.lifecycle, preStop: kplus.Handler.fromCommand(['sleep', String(delay)]) } };
    },
  };
}

/** What cdk8s-plus cannot express of the plan, written on the Deployment. @internal */
export function finishRollout(deployment: ApiObject, plan: RolloutPlan): void {
  if (plan.revisionHistoryLimit !== undefined && Number.isInteger(plan.revisionHistoryLimit) && plan.revisionHistoryLimit >= 0) {
    Patches.revisionHistoryLimit(deployment, plan.revisionHistoryLimit);
  }
}

/**
 * The rolling update's maxSurge and maxUnavailable as the API server checks them:
 * cdk8s-plus's `PercentOrAbsolute` takes any number (`percent(12.5)`, `absolute(-1)`),
 * and refuses only both being zero, when the strategy is made.
 */
function checkStrategy(strategy: kplus.DeploymentStrategy | undefined, problems: Problems): void {
  const rolling = strategy?._toKube().rollingUpdate;
  if (!rolling) return;
  const check = (name: 'maxSurge' | 'maxUnavailable') => {
    const value = (rolling[name] as unknown as kplus.PercentOrAbsolute | undefined)?.value;
    const field = `strategy.rollingUpdate.${name}`;
    if (typeof value === 'string') {
      const m = /^(\d+)%$/.exec(value);
      if (!m) problems.badValue(field, value, 'a percentage must be a whole number of percent, such as "25%" (the API server refuses fractions and negative values)');
      else if (name === 'maxUnavailable' && Number(m[1]) > 100) problems.badValue(field, value, 'must not be more than 100%');
    } else if (value !== undefined) {
      problems.integer(field, value, 0);
    }
  };
  check('maxSurge');
  check('maxUnavailable');
}
