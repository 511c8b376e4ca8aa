import { ImagePullPolicy } from 'cdk8s-plus-28';
import { CheckedJob, JobPlan } from './compile';
import { jobField } from './names';
import { Problems, show } from '../common/validation';
import { EnvVar } from '../container/env';
import { ContainerEnvironment, ContainerResources } from '../pod/container-options';

/**
 * Settings of one job's container (`JobGraphProps.jobContainers`): what ContainerPilot
 * could not give one job alone, because all its jobs ran in one container. Lists add to
 * the JobGraph's own (every job's) `env`, `envFrom`, `volumes` and `writablePaths`.
 */
export interface JobContainerOptions extends ContainerEnvironment, ContainerResources {
  /**
   * The image this job runs from (a loop sidecar's image needs /bin/sh).
   * @default - the JobGraph's `image`
   */
  readonly image?: string;
  /**
   * When to pull this job's image.
   * @default - the JobGraph's `imagePullPolicy`
   */
  readonly imagePullPolicy?: ImagePullPolicy;
}

/** Why a job of each role has no container of its own to take settings. */
const NO_CONTAINER: Record<string, (j: CheckedJob) => string> = {
  hook: j => `is a stopping job: it runs as the preStop hook of ${j.source !== undefined ? jobField(j.source) : 'its source'}'s container and has no container of its own; give the settings to ${j.source !== undefined ? JSON.stringify(j.source) : 'that job'}`,
  service: () => 'advertises a Service without exec: it has no container of its own (its health check runs in another job\'s container); give the settings to that job',
};

/**
 * The per-job settings, checked against the jobs: each key must name a job that has a
 * container, and a job's variables and writable paths must not repeat the JobGraph's
 * own. Returns the settings of each job, with those repeats left out (they are reported).
 *
 * @internal
 */
export function checkJobContainers(
  plan: JobPlan, perJob: { [job: string]: JobContainerOptions } | undefined,
  every: ContainerEnvironment, jobsKnown: boolean, problems: Problems,
): Map<string, JobContainerOptions> {
  const out = new Map<string, JobContainerOptions>();
  if (perJob === undefined) return out;
  if (typeof perJob !== 'object' || perJob === null || Array.isArray(perJob)) {
    problems.badValue('jobContainers', perJob, 'must be a map from a job\'s name to the settings of its container');
    return out;
  }
  const byName = new Map(plan.jobs.map(j => [j.name, j]));
  const sharedEnv = new Set((every.env ?? []).map((e: EnvVar) => e.name));
  const sharedPaths = new Set(every.writablePaths ?? []);
  for (const [name, o] of Object.entries(perJob)) {
    const f = `jobContainers[${JSON.stringify(name)}]`;
    const job = byName.get(name);
    if (!job) {
      // A file that could not be read has no jobs to compare with (its problems are reported).
      if (jobsKnown) problems.add(f, `is not a job of this configuration (the jobs are ${plan.jobs.map(j => show(j.name)).join(', ')})`);
      continue;
    }
    const role = plan.roles.get(name);
    if (role !== undefined && NO_CONTAINER[role]) {
      problems.add(f, NO_CONTAINER[role](job));
      continue;
    }
    if (typeof o !== 'object' || o === null) {
      problems.badValue(f, o, 'must be the settings of the job\'s container ({ image, requests, limits, env, writablePaths ... })');
      continue;
    }
    const env = (o.env ?? []).filter((e, i) => {
      if (!sharedEnv.has(e?.name)) return true;
      problems.badValue(`${f}.env[${i}].name`, e.name, 'is also in `env` (every job\'s); a variable may appear once in a container: remove it from one of them');
      return false;
    });
    const writablePaths = (o.writablePaths ?? []).filter((p, i) => {
      if (!sharedPaths.has(p)) return true;
      problems.badValue(`${f}.writablePaths[${i}]`, p, 'is also in `writablePaths` (every job\'s): remove it from one of them');
      return false;
    });
    out.set(name, { ...o, env, writablePaths });
  }
  return out;
}
