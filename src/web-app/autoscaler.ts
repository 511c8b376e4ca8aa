import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { WebAppContainer } from './container';
import { checkCronHpaSchedule, checkKedaSchedule, isTimeZone } from './cron';
import { CronHpaOptions, KedaCronOptions, WebAppAutoscalingOptions } from './scaling';
import { WebAppScope } from './scope';
import { DNS_LABEL, DNS_LABEL_TEXT } from '../common/formats';
import { Patches } from '../common/patches';
import { Problems } from '../common/validation';
import { CronHorizontalPodAutoscaler } from '../imports/cronhpa';
import { ScaledObject, ScaledObjectSpecTriggers } from '../imports/keda';

/** Metric scaling: a HorizontalPodAutoscaler on the Deployment, without cdk8s-plus's own behavior. @internal */
export function buildAutoscaler(
  app: WebAppScope, o: WebAppAutoscalingOptions, recommended: Record<string, string>, problems: Problems,
): kplus.HorizontalPodAutoscaler | undefined {
  const min = o.minReplicas ?? 1;
  let ok = problems.integer('autoscaling.minReplicas', min, 1);
  ok = problems.integer('autoscaling.maxReplicas', o.maxReplicas, 1) && ok;
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
  const hpa = new kplus.HorizontalPodAutoscaler(app, 'Autoscaler', {
    metadata: { name: app.name, labels: recommended },
    target: app.deployment,
    minReplicas: min,
    maxReplicas: o.maxReplicas,
    metrics,
  });
  Patches.removeHpaBehavior(ApiObject.of(hpa));
  return hpa;
}

/** Scheduled scaling with ACK's CronHorizontalPodAutoscaler. @internal */
export function buildCronHpa(
  app: WebAppScope, o: CronHpaOptions, recommended: Record<string, string>, targetHpa: boolean, problems: Problems,
): ApiObject {
  const name = o.name ?? app.name;
  problems.pattern('scheduledScaling.name', name, DNS_LABEL, DNS_LABEL_TEXT);
  const jobs = o.jobs ?? [];
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
    ? { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: app.name }
    : { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name };
  return new CronHorizontalPodAutoscaler(app, 'CronHpa', {
    metadata: { name, labels: recommended },
    spec: {
      scaleTargetRef,
      excludeDates: o.excludeDates && o.excludeDates.length ? [...o.excludeDates] : undefined,
      jobs: jobs.map(j => ({ name: j.name, schedule: j.schedule, targetSize: j.targetSize, runOnce: j.runOnce })),
    },
  });
}

/** Scheduled scaling with a KEDA cron ScaledObject. @internal */
export function buildKeda(app: WebAppScope, o: KedaCronOptions, recommended: Record<string, string>, problems: Problems): ApiObject {
  const name = o.name ?? app.name;
  problems.pattern('scheduledScaling.name', name, DNS_LABEL, DNS_LABEL_TEXT);
  const min = o.minReplicas ?? 1;
  let range = problems.integer('scheduledScaling.minReplicas', min, 0);
  range = problems.integer('scheduledScaling.maxReplicas', o.maxReplicas, 1) && range;
  if (range && min > o.maxReplicas) {
    problems.badValue('scheduledScaling.minReplicas', min, `must not exceed maxReplicas (${o.maxReplicas})`);
  }
  if (!isTimeZone(o.timezone)) {
    problems.badValue('scheduledScaling.timezone', o.timezone, 'must be an IANA time zone name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"');
  }
  problems.integer('scheduledScaling.cooldownPeriod', o.cooldownPeriod, 0);
  const windows = o.windows ?? [];
  if (windows.length === 0) problems.add('scheduledScaling.windows', 'is empty; give at least one window');
  const triggers: ScaledObjectSpecTriggers[] = windows.map((w, i) => {
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
  return new ScaledObject(app, 'ScaledObject', {
    metadata: { name, labels: recommended },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
      minReplicaCount: min,
      maxReplicaCount: o.maxReplicas,
      cooldownPeriod: o.cooldownPeriod,
      triggers,
    },
  });
}

/**
 * ACK: "you must set the resources, or autoscaling does not work". Utilization is
 * measured against requests, of every container in the pod, sidecars included.
 *
 * @internal
 */
export function checkScaledRequests(
  resourcesScaled: string[], containers: WebAppContainer[], initContainers: WebAppContainer[], problems: Problems,
): void {
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
}
