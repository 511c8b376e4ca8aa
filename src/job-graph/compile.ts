import { DURATION_TEXT, ceilSeconds, parseGoDuration } from './duration';
import { DNS_LABEL, DNS_LABEL_TEXT, INT32_MAX } from '../common/formats';
import { Problems, show } from '../common/validation';

/**
 * Checks ContainerPilot jobs (as plain JSON, the way a containerpilot.json5 holds them)
 * with ContainerPilot's own rules (jobs/config.go) plus the ones it forgot, and decides
 * what each job becomes in Kubernetes, or why it cannot become anything.
 *
 * @internal
 */

/** ContainerPilot's job name rule (config/services/names.go). */
export const JOB_NAME = /^[a-z][a-zA-Z0-9\-]+$/;

const JOB_KEYS = ['name', 'exec', 'when', 'timeout', 'stopTimeout', 'restarts', 'health', 'port', 'tags', 'interfaces', 'consul'];
const WHEN_KEYS = ['source', 'once', 'each', 'interval', 'timeout'];
const HEALTH_KEYS = ['exec', 'interval', 'ttl', 'timeout'];
const CONSUL_KEYS = ['enableTagOverride', 'deregisterCriticalServiceAfter'];
const EVENTS = ['startup', 'shutdown', 'healthy', 'unhealthy', 'exitSuccess', 'exitFailed', 'stopping', 'stopped', 'changed', 'enterMaintenance', 'exitMaintenance'];

/** Events Kubernetes cannot start anything on, and why. */
const REFUSED_EVENTS: Record<string, string> = {
  exitFailed: 'Kubernetes cannot start a container because another one failed (a failed init container is retried, never handed over); make the job succeed or handle the failure inside its command',
  unhealthy: 'Kubernetes reacts to a failing readiness probe by taking the pod out of Service endpoints, never by starting a container',
  stopped: 'Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"',
  changed: 'changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS',
  enterMaintenance: 'maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs',
  exitMaintenance: 'maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs',
  shutdown: 'Kubernetes has no pod-wide shutdown hook; run the job as once: "stopping" of the job whose container should run it (a preStop hook)',
};

/** One job after the ContainerPilot checks. */
export interface CheckedJob {
  readonly index: number;
  readonly name: string;
  /** `job[name].<field>` (or `jobs[i].<field>` for a job without a usable name). */
  readonly f: (field: string) => string;
  readonly command?: string[];
  readonly source?: string;
  readonly once?: string;
  readonly each?: string;
  readonly interval?: string;
  readonly intervalMs?: number;
  readonly whenTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly stopTimeoutMs?: number;
  readonly restarts: 'unlimited' | 'never' | number;
  readonly health?: { command?: string[]; interval?: number; ttl?: number; timeoutMs?: number };
  readonly port?: number;
  readonly tags?: string[];
  readonly has: Set<string>;
}

/** What a job becomes. */
export type JobRole = 'container' | 'sidecar' | 'init' | 'hook' | 'cron' | 'loop';

export interface JobPlan {
  readonly jobs: CheckedJob[];
  readonly roles: Map<string, JobRole>;
  /** App containers (long-running jobs and loop sidecars), in declaration order. */
  readonly containers: CheckedJob[];
  /** Init containers (one-shot jobs and native sidecars), in dependency order. */
  readonly initContainers: CheckedJob[];
  /** The stopping job of each container that has one. */
  readonly hooks: Map<string, CheckedJob>;
  /** Startup probe failure threshold of each native sidecar. */
  readonly startupThresholds: Map<string, number>;
  /** Periodic jobs that become CronJobs, with their schedules. */
  readonly cronJobs: { job: CheckedJob; schedule: CronFields }[];
}

export interface CronFields {
  readonly minute: string;
  readonly hour: string;
}

export interface PlanOptions {
  readonly detachable: string[];
  readonly loopSidecars: string[];
  readonly nativeSidecars: boolean;
}

/** The startup probe budget of a native sidecar nothing sets a when.timeout for. */
export const DEFAULT_STARTUP_FAILURE_THRESHOLD = 30;

export function planJobs(raw: unknown, options: PlanOptions, problems: Problems): JobPlan {
  const jobs: CheckedJob[] = [];
  if (!Array.isArray(raw)) {
    problems.badValue('jobs', raw, 'must be a list of jobs');
  } else {
    raw.forEach((r, i) => {
      const j = checkJob(r, i, problems);
      if (j) jobs.push(j);
    });
  }
  const plan: JobPlan = {
    jobs, roles: new Map(), containers: [], initContainers: [], hooks: new Map(), startupThresholds: new Map(), cronJobs: [],
  };
  checkGraph(jobs, problems);
  classify(plan, options, problems);
  return plan;
}

function checkKeys(field: string, obj: Record<string, unknown>, allowed: string[], what: string, problems: Problems) {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) problems.add(field, `unknown key ${show(k)}; ${what} has ${allowed.join(', ')}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function command(field: string, v: unknown, problems: Problems): string[] | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim().split(/\s+/);
  if (Array.isArray(v) && v.length > 0 && v.every(a => typeof a === 'string') && v[0].trim() !== '') return [...v];
  problems.badValue(field, v, 'must be a command line (split on spaces) or a non-empty list of strings: the program, then its arguments');
  return undefined;
}

function duration(field: string, v: unknown, problems: Problems): number | undefined {
  if (v === undefined) return undefined;
  const ms = parseGoDuration(v);
  if (ms === undefined) {
    problems.badValue(field, v, DURATION_TEXT);
    return undefined;
  }
  if (ms < 1) {
    problems.badValue(field, v, 'must be at least 1ms (ContainerPilot\'s minimum)');
    return undefined;
  }
  return ms;
}

function wholeSeconds(field: string, v: unknown, problems: Problems): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number.parseInt(v, 10) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    problems.badValue(field, v, 'must be a whole number of seconds >= 1 (ContainerPilot\'s rule)');
    return undefined;
  }
  if (n > INT32_MAX) {
    problems.badValue(field, v, `must be at most ${INT32_MAX} seconds: it becomes a probe's periodSeconds or failureThreshold, which Kubernetes stores as a 32-bit integer`);
    return undefined;
  }
  return n;
}

function checkJob(r: unknown, i: number, problems: Problems): CheckedJob | undefined {
  if (!isObject(r)) {
    problems.badValue(`jobs[${i}]`, r, 'must be an object with at least name and exec');
    return undefined;
  }
  const usable = typeof r.name === 'string' && r.name !== '';
  const prefix = usable ? `job[${r.name as string}]` : `jobs[${i}]`;
  const f = (field: string) => `${prefix}.${field}`;
  checkKeys(prefix, r, JOB_KEYS, 'a job', problems);

  if (!usable) {problems.badValue(f('name'), r.name, 'is required: a name matching ^[a-z][a-zA-Z0-9\\-]+$');} else if (!JOB_NAME.test(r.name as string)) {
    problems.badValue(f('name'), r.name, 'must match ^[a-z][a-zA-Z0-9\\-]+$ (ContainerPilot\'s rule: a lower-case letter, then letters, digits and "-")');
  } else if (!DNS_LABEL.test(r.name as string)) {
    problems.badValue(f('name'), r.name, `must be ${DNS_LABEL_TEXT}, because it names a Kubernetes container`);
  }

  const cmd = r.exec === undefined ? undefined : command(f('exec'), r.exec, problems);

  // when
  let source: string | undefined, once: string | undefined, each: string | undefined, interval: string | undefined;
  let intervalMs: number | undefined, whenTimeoutMs: number | undefined;
  if (r.when !== undefined) {
    if (!isObject(r.when)) {
      problems.badValue(f('when'), r.when, 'must be an object with source, once, each, interval or timeout');
    } else {
      const w = r.when;
      checkKeys(f('when'), w, WHEN_KEYS, 'when', problems);
      const set = (k: string) => w[k] !== undefined && w[k] !== '';
      if ((set('interval') && set('once')) || (set('interval') && set('each')) || (set('once') && set('each'))) {
        problems.add(f('when'), 'can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)');
      }
      if (w.source !== undefined) {
        if (typeof w.source !== 'string' || w.source === '') problems.badValue(f('when.source'), w.source, 'must be the name of a job');
        else source = w.source;
      }
      for (const key of ['once', 'each'] as const) {
        if (w[key] === undefined) continue;
        if (typeof w[key] !== 'string' || !EVENTS.includes(w[key] as string)) {
          problems.badValue(f(`when.${key}`), w[key], `must be one of ${EVENTS.map(e => JSON.stringify(e)).join(', ')}`);
        } else if (key === 'once') {once = w[key] as string;} else {each = w[key] as string;}
      }
      if (w.interval !== undefined) {
        interval = typeof w.interval === 'number' ? String(w.interval) : (w.interval as string);
        intervalMs = duration(f('when.interval'), w.interval, problems);
      }
      whenTimeoutMs = duration(f('when.timeout'), w.timeout, problems);
    }
  }

  // restarts
  let restarts: 'unlimited' | 'never' | number = 'never';
  const rr = r.restarts;
  if (rr === 'unlimited') {
    if (each !== undefined) {
      problems.badValue(f('restarts'), rr, 'may not be used when when.each is set, because it may result in infinite processes (ContainerPilot\'s rule)');
    }
    restarts = 'unlimited';
  } else if (rr === undefined || rr === 'never') {
    restarts = 'never';
  } else if ((typeof rr === 'number' && Number.isInteger(rr) && rr >= 0) || (typeof rr === 'string' && /^\d+$/.test(rr))) {
    const n = typeof rr === 'number' ? rr : Number.parseInt(rr, 10);
    restarts = n === 0 ? 'never' : n;
  } else {
    problems.badValue(f('restarts'), rr, 'must be "unlimited", "never" or an integer >= 0');
  }

  const timeoutMs = duration(f('timeout'), r.timeout, problems);
  const stopTimeoutMs = duration(f('stopTimeout'), r.stopTimeout, problems);

  // health
  let health: CheckedJob['health'];
  if (r.health !== undefined) {
    if (!isObject(r.health)) {
      problems.badValue(f('health'), r.health, 'must be an object with exec, interval, ttl and timeout');
    } else {
      const h = r.health;
      checkKeys(f('health'), h, HEALTH_KEYS, 'health', problems);
      health = {
        command: h.exec === undefined ? undefined : command(f('health.exec'), h.exec, problems),
        interval: wholeSeconds(f('health.interval'), h.interval, problems),
        ttl: wholeSeconds(f('health.ttl'), h.ttl, problems),
        timeoutMs: duration(f('health.timeout'), h.timeout, problems),
      };
      if (h.exec === undefined) problems.add(f('health.exec'), 'is required: the command that checks the job (it passes when it exits 0)');
    }
  }

  // service discovery
  let port: number | undefined;
  if (r.port !== undefined) {
    const p = typeof r.port === 'string' && /^\d+$/.test(r.port) ? Number.parseInt(r.port, 10) : r.port;
    if (problems.integer(f('port'), p as number, 1, 65535)) port = p as number;
    if (r.health === undefined) problems.add(f('health'), 'is required because port is set (ContainerPilot\'s rule: an advertised job needs a health check)');
  }
  let tags: string[] | undefined;
  if (r.tags !== undefined) {
    if (!Array.isArray(r.tags) || !r.tags.every(t => typeof t === 'string' && t !== '')) {
      problems.badValue(f('tags'), r.tags, 'must be a list of non-empty strings');
    } else {
      tags = [...r.tags];
      for (const t of tags) {
        if (t.includes(',')) problems.badValue(f('tags'), t, 'a tag must not contain ","; the tags are written comma-separated into the Service annotation consul.hashicorp.com/service-tags');
      }
      if (r.port === undefined) problems.add(f('tags'), 'are set but port is not; ContainerPilot only uses tags for a job it advertises, so set port or remove tags');
    }
  }
  if (r.interfaces !== undefined) {
    problems.add(f('interfaces'), 'cannot be expressed in Kubernetes: a pod has a single IP that Kubernetes assigns, and a Service advertises it; remove interfaces');
  }
  if (r.consul !== undefined) {
    if (isObject(r.consul)) checkKeys(f('consul'), r.consul, CONSUL_KEYS, 'consul', problems);
    problems.add(f('consul'), 'cannot be expressed in Kubernetes: enableTagOverride and deregisterCriticalServiceAfter are settings of the Consul catalog, which a Service does not have; remove the consul block');
  }

  if (!usable) return undefined;
  return {
    index: i,
    name: r.name as string,
    f,
    command: cmd,
    source,
    once,
    each,
    interval,
    intervalMs,
    whenTimeoutMs,
    timeoutMs,
    stopTimeoutMs,
    restarts,
    health,
    port,
    tags,
    has: new Set(Object.keys(r).filter(k => r[k] !== undefined)),
  };
}

/** Sources name real jobs, names are unique, and no job waits on itself through others. */
function checkGraph(jobs: CheckedJob[], problems: Problems) {
  const byName = new Map<string, CheckedJob>();
  for (const j of jobs) {
    const seen = byName.get(j.name);
    if (seen) problems.badValue(j.f('name'), j.name, `another job (jobs[${seen.index}]) has the same name; job names must be unique`);
    else byName.set(j.name, j);
  }
  const names = [...byName.keys()].map(n => JSON.stringify(n)).join(', ');
  for (const j of jobs) {
    const event = j.once ?? j.each;
    if (j.source !== undefined) {
      if (event === 'startup') {
        problems.badValue(j.f('when.source'), j.source, 'startup is published by ContainerPilot itself, not by a job; remove when.source');
      } else if (!byName.has(j.source)) {
        problems.badValue(j.f('when.source'), j.source, `must name a job of this configuration (the jobs are ${names})`);
      }
    } else if (event !== undefined && event !== 'startup' && event !== 'shutdown' && !REFUSED_EVENTS[event]) {
      problems.add(j.f('when.source'), `is required with ${j.once ? 'once' : 'each'}: ${JSON.stringify(event)}: name the job whose event starts this one`);
    }
  }

  // Cycles: each job points at its source. Report each cycle once, from its first job.
  const reported = new Set<string>();
  for (const start of jobs) {
    const path: string[] = [];
    let cur: CheckedJob | undefined = start;
    while (cur && !path.includes(cur.name)) {
      path.push(cur.name);
      cur = cur.source !== undefined && cur.source !== 'startup' ? byName.get(cur.source) : undefined;
    }
    if (!cur) continue;
    const cycle = path.slice(path.indexOf(cur.name));
    const key = [...cycle].sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    problems.add('jobs', `dependency cycle: ${[...cycle, cycle[0]].join(' -> ')} (each job waits for an event of the next); break the cycle`);
  }
}

function classify(plan: JobPlan, o: PlanOptions, problems: Problems) {
  const { jobs, roles } = plan;
  const byName = new Map(jobs.map(j => [j.name, j] as const));
  const waiters = (s: string, ev: string) => jobs.filter(j => j.source === s && j.once === ev);

  for (const [list, other, field] of [[o.detachable, o.loopSidecars, 'detachable'], [o.loopSidecars, o.detachable, 'loopSidecars']] as const) {
    list.forEach((n, i) => {
      const j = byName.get(n);
      if (!j || j.interval === undefined) problems.badValue(`${field}[${i}]`, n, 'must name a periodic job (one with when.interval)');
      if (field === 'detachable' && other.includes(n)) problems.badValue(`${field}[${i}]`, n, 'is also listed in loopSidecars; choose one place for it to run');
    });
  }

  // Events Kubernetes cannot start anything on, and `each`.
  for (const j of jobs) {
    if (j.once && REFUSED_EVENTS[j.once]) problems.add(j.f('when.once'), `${JSON.stringify(j.once)} cannot be expressed in Kubernetes: ${REFUSED_EVENTS[j.once]}`);
    if (j.each) {
      const reason = REFUSED_EVENTS[j.each] ?? 'a container starts once per pod start, so a job cannot run again every time an event repeats; use once';
      problems.add(j.f('when.each'), `${JSON.stringify(j.each)} cannot be expressed in Kubernetes: ${reason}`);
    }
    if (typeof j.restarts === 'number') {
      problems.add(j.f('restarts'), `${j.restarts} cannot be expressed in Kubernetes: a pod restarts a container always or never, not a number of times; use "unlimited" or "never"`);
    }
    if (!j.has.has('exec')) problems.add(j.f('exec'), 'is required: a job without a process has nothing to run in a container');
  }

  // Roles.
  for (const j of jobs) {
    if (j.intervalMs !== undefined) {
      if (o.detachable.includes(j.name)) {
        const schedule = cronFor(j.intervalMs);
        if (!schedule) {
          problems.badValue(j.f('when.interval'), j.interval, 'cannot be a CronJob schedule: cron fires on whole minutes that divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), whole hours that divide a day (1, 2, 3, 4, 6, 8, 12) or once a day (24h)', 'Choose such an interval, or run the job in the pod with loopSidecars');
        } else {
          plan.cronJobs.push({ job: j, schedule });
        }
        roles.set(j.name, 'cron');
      } else if (o.loopSidecars.includes(j.name)) {
        roles.set(j.name, 'loop');
        if (j.timeoutMs !== undefined) problems.add(j.f('timeout'), 'cannot be expressed in a loop sidecar: the loop cannot kill a run after a time; remove timeout, or make the job detachable (a CronJob\'s activeDeadlineSeconds)');
      } else {
        problems.add(j.f('when.interval'), 'a periodic job needs a place to run in Kubernetes: list it in `detachable` to run it as a CronJob in a pod of its own (when it needs nothing from this pod), or opt in to a loop container in this pod with `loopSidecars`');
      }
      if (j.restarts === 'unlimited') problems.add(j.f('restarts'), '"unlimited" cannot be expressed for a periodic job in Kubernetes: it would rerun as soon as it exits, which is not periodic; use "never"');
    } else if (j.once === 'stopping') {
      roles.set(j.name, 'hook');
    } else if (j.once === undefined || j.once === 'startup' || j.once === 'exitSuccess' || j.once === 'healthy') {
      if (j.restarts === 'unlimited') {
        roles.set(j.name, waiters(j.name, 'healthy').length > 0 ? 'sidecar' : 'container');
      } else if (j.restarts === 'never') {
        if (waiters(j.name, 'exitSuccess').length > 0 || waiters(j.name, 'healthy').length > 0) {
          roles.set(j.name, 'init');
        } else {
          problems.add(j.f('restarts'), `the job runs once (restarts: "never", ContainerPilot's default) but no job waits for it with once: "exitSuccess"; Kubernetes restarts every container of a Deployment's pod, so a one-shot job must become an init container: make the job that needs it wait with when: { source: ${JSON.stringify(j.name)}, once: "exitSuccess" }, or set restarts: "unlimited"`);
        }
      }
    }
  }

  // What each role allows.
  for (const j of jobs) {
    const role = roles.get(j.name);
    if (!role) continue;
    const what = {
      container: 'a long-running container', sidecar: 'a native sidecar', init: 'an init container', hook: 'a preStop hook', cron: 'a CronJob', loop: 'a loop sidecar',
    }[role];
    if (j.whenTimeoutMs !== undefined && j.once !== 'healthy') {
      problems.add(j.f('when.timeout'), 'cannot be expressed in Kubernetes here: a pod waits for its init containers without a time limit; it is only allowed with once: "healthy", where it sets the startup probe\'s budget');
    }
    if (j.timeoutMs !== undefined && (role === 'container' || role === 'sidecar' || role === 'init')) {
      problems.add(j.f('timeout'), `cannot be expressed for ${what} in Kubernetes: only a whole pod has a deadline (activeDeadlineSeconds); remove timeout`);
    }
    if (j.timeoutMs !== undefined && role === 'hook') {
      problems.add(j.f('timeout'), 'cannot be expressed for a preStop hook in Kubernetes: a hook has no timeout of its own; the pod\'s grace period, set from the source\'s stopTimeout, bounds it; remove timeout');
    }
    if (role !== 'container' && role !== 'sidecar') {
      if (j.health) problems.add(j.f('health'), `cannot be expressed for ${what}: only a long-running job (restarts: "unlimited") has a container that a readiness probe can check`);
      if (j.port !== undefined) problems.add(j.f('port'), `cannot be expressed for ${what}: only a long-running job (restarts: "unlimited") has a container a Service can send traffic to`);
      if (j.stopTimeoutMs !== undefined) problems.add(j.f('stopTimeout'), `cannot be expressed for ${what}: only a long-running job's container is stopped with a grace period`);
    }
    if ((role === 'hook' || role === 'init') && j.restarts === 'unlimited') {
      problems.add(j.f('restarts'), `"unlimited" cannot be expressed for ${what}: it runs once`);
    }
  }

  // Dependencies.
  for (const j of jobs) {
    if (j.source === undefined || !byName.has(j.source)) continue;
    const s = byName.get(j.source)!;
    const sRole = roles.get(s.name);
    if (j.once === 'exitSuccess' && sRole && sRole !== 'init') {
      problems.add(j.f('when.source'), `${JSON.stringify(s.name)} is not a one-shot job (restarts: "never"), so it does not become an init container and Kubernetes cannot wait for its exit; give it restarts: "never"`);
    }
    if (j.once === 'healthy') {
      if (!s.health) problems.add(j.f('when.source'), `${JSON.stringify(s.name)} has no health check, so it never becomes healthy; add health to it`);
      if (s.restarts !== 'unlimited') problems.add(j.f('when.source'), `${JSON.stringify(s.name)} runs once (restarts: "never"); only a long-running job (restarts: "unlimited") can become a native sidecar that others wait for`);
      if (!o.nativeSidecars) {
        problems.add(j.f('when.once'), `"healthy" needs ${JSON.stringify(s.name)} to run as a native sidecar (an init container with restartPolicy: Always and a startup probe), which is alpha in Kubernetes 1.28 (feature gate SidecarContainers); set nativeSidecars: true to opt in`);
      }
      if (s.health?.interval) {
        const budget = j.whenTimeoutMs !== undefined
          ? Math.max(1, Math.ceil(ceilSeconds(j.whenTimeoutMs) / s.health.interval))
          : DEFAULT_STARTUP_FAILURE_THRESHOLD;
        plan.startupThresholds.set(s.name, Math.max(plan.startupThresholds.get(s.name) ?? 0, budget));
      }
    }
    if (j.once === 'stopping') {
      const other = plan.hooks.get(s.name);
      if (sRole !== 'container' && sRole !== 'sidecar') {
        problems.add(j.f('when.source'), `${JSON.stringify(s.name)} is not a long-running job (restarts: "unlimited"), so it has no container to run this job as a preStop hook`);
      } else if (other) {
        problems.add(j.f('when.source'), `${JSON.stringify(s.name)} already has a stopping job (${JSON.stringify(other.name)}); a container has one preStop hook, so merge them into one command`);
      } else {
        plan.hooks.set(s.name, j);
        if (s.stopTimeoutMs === undefined) {
          problems.add(j.f('when.source'), `${JSON.stringify(s.name)} has no stopTimeout, so ContainerPilot gives this stopping job no time before it stops ${JSON.stringify(s.name)}; set stopTimeout on ${JSON.stringify(s.name)} to the time this job needs (it becomes the preStop budget)`);
        }
      }
    }
  }

  if (jobs.length > 0 && ![...roles.values()].includes('container')) {
    problems.add('jobs', 'no job becomes a long-running container (restarts: "unlimited" and not something another job waits for healthy); a Deployment needs at least one');
  }

  for (const j of jobs) if (roles.get(j.name) === 'container' || roles.get(j.name) === 'loop') plan.containers.push(j);
  plan.initContainers.push(...initOrder(jobs.filter(j => roles.get(j.name) === 'init' || roles.get(j.name) === 'sidecar')));
}

/** Init containers in dependency order (sources first), otherwise in declaration order. */
function initOrder(inits: CheckedJob[]): CheckedJob[] {
  const out: CheckedJob[] = [];
  const names = new Set(inits.map(j => j.name));
  const placed = new Set<string>();
  while (out.length < inits.length) {
    const next = inits.find(j => !placed.has(j.name) && (j.source === undefined || !names.has(j.source) || placed.has(j.source)));
    if (!next) break; // a cycle, reported already
    out.push(next);
    placed.add(next.name);
  }
  return out;
}

/** A cron schedule that fires every `ms`, when cron can express it. */
export function cronFor(ms: number): CronFields | undefined {
  if (ms % 60_000 !== 0) return undefined;
  const minutes = ms / 60_000;
  if (minutes < 60 && 60 % minutes === 0) return { minute: minutes === 1 ? '*' : `*/${minutes}`, hour: '*' };
  if (minutes % 60 !== 0) return undefined;
  const hours = minutes / 60;
  if (hours < 24 && 24 % hours === 0) return { minute: '0', hour: hours === 1 ? '*' : `*/${hours}` };
  if (hours === 24) return { minute: '0', hour: '0' };
  return undefined;
}
