import { DURATION_TEXT, ceilSeconds, parseGoDuration } from './duration';
import { jobField, jobLabel, kubernetesName, showMapping } from './names';
import { DNS_LABEL, DNS_LABEL_TEXT, INT32_MAX } from '../common/formats';
import { Problems, show } from '../common/validation';

/**
 * Checks ContainerPilot jobs (as plain JSON, the way a containerpilot.json5 holds them)
 * with ContainerPilot's own rules (jobs/config.go, as the code has them, not as the
 * docs say) and decides what each job becomes in Kubernetes, or why it cannot become
 * anything. docs/job-graph.md has the table.
 *
 * @internal
 */

/** ContainerPilot's service name rule (config/services/names.go): only for jobs with a port. */
export const JOB_NAME = /^[a-z][a-zA-Z0-9\-]+$/;

const JOB_KEYS = ['name', 'exec', 'when', 'timeout', 'stopTimeout', 'restarts', 'health', 'port', 'initial_status', 'tags', 'interfaces', 'consul', 'logging'];
const WHEN_KEYS = ['source', 'once', 'each', 'interval', 'timeout'];
const HEALTH_KEYS = ['exec', 'interval', 'ttl', 'timeout', 'logging'];
const CONSUL_KEYS = ['enableTagOverride', 'deregisterCriticalServiceAfter'];
const LOGGING_KEYS = ['raw'];
/** Every event name ContainerPilot's events.FromString accepts. */
const EVENTS = ['startup', 'shutdown', 'healthy', 'unhealthy', 'exitSuccess', 'exitFailed', 'stopping', 'stopped', 'changed', 'enterMaintenance', 'exitMaintenance', 'timerExpired', 'error', 'quit', 'SIGHUP', 'SIGUSR2'];
const SIGNALS = ['SIGHUP', 'SIGUSR2'];

/** Events Kubernetes cannot start anything on, and why. */
const REFUSED_EVENTS: Record<string, string> = {
  exitFailed: 'Kubernetes cannot start a container because another one failed (a failed init container is retried, never handed over); make the job succeed or handle the failure inside its command',
  unhealthy: 'Kubernetes reacts to a failing readiness probe by taking the pod out of Service endpoints, never by starting a container',
  stopped: 'Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"',
  changed: 'changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS',
  enterMaintenance: 'maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs',
  exitMaintenance: 'maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs',
  shutdown: 'Kubernetes has no pod-wide shutdown hook; run the job as once: "stopping" of the job whose container should run it (a preStop hook)',
  timerExpired: 'it is an event ContainerPilot publishes for its own timers, which the compiled pod no longer runs',
  error: 'it is an event ContainerPilot publishes for its own errors, which the compiled pod no longer runs',
  quit: 'it is an event ContainerPilot publishes to stop its own jobs, which the compiled pod no longer runs',
  SIGHUP: 'Kubernetes cannot start a container when a signal is sent to the pod',
  SIGUSR2: 'Kubernetes cannot start a container when a signal is sent to the pod',
};

/** interfaces specs that, in a pod, name the pod's one IP (the only one a Service can reach). */
const POD_IP_INTERFACES = ['eth0', 'eth0:inet', 'eth0[0]', 'inet'];

/** One job after the ContainerPilot checks. */
export interface CheckedJob {
  readonly index: number;
  readonly name: string;
  /** The name of the Kubernetes object the job becomes (names.ts). */
  readonly kname: string;
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
  /** As ContainerPilot defaults it: "unlimited" for a periodic job, else "never". */
  readonly restarts: 'unlimited' | 'never' | number;
  readonly health?: { command?: string[]; interval?: number; ttl?: number; timeoutMs?: number };
  readonly port?: number;
  readonly tags?: string[];
  readonly has: Set<string>;
}

/**
 * What a job becomes. `service`: a job without exec that only advertises a Service;
 * `periodic` and `oneshot`: a job refused for want of a place, kept so that the checks
 * of its kind still run.
 */
export type JobRole = 'container' | 'sidecar' | 'init' | 'hook' | 'cron' | 'loop' | 'service' | 'periodic' | 'oneshot';

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
  /** Jobs without exec that advertise a Service, and the container that runs their check. */
  readonly serviceOnly: { job: CheckedJob; checkedIn?: CheckedJob }[];
  /** Seconds the preStop hooks may take (the source's stopTimeout, or Kubernetes' 30 s). */
  hookBudgetSeconds: number;
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
/**
 * The time a preStop hook gets when its source sets no stopTimeout: ContainerPilot then
 * waits for the stopping job without a limit, which Kubernetes cannot do; its default
 * grace period bounds the hook instead.
 */
export const DEFAULT_HOOK_SECONDS = 30;

export function planJobs(raw: unknown, options: PlanOptions, problems: Problems): JobPlan {
  const jobs: CheckedJob[] = [];
  const plan: JobPlan = {
    jobs,
    roles: new Map(),
    containers: [],
    initContainers: [],
    hooks: new Map(),
    startupThresholds: new Map(),
    cronJobs: [],
    serviceOnly: [],
    hookBudgetSeconds: 0,
  };
  // The file could not be read (its problems are reported): there are no jobs to check.
  if (raw === undefined) return plan;
  if (!Array.isArray(raw)) {
    problems.badValue('jobs', raw, 'must be a list of jobs');
  } else {
    raw.forEach((r, i) => {
      const j = checkJob(r, i, problems);
      if (j) jobs.push(j);
    });
  }
  checkGraph(jobs, problems);
  classify(plan, options, problems);
  return plan;
}

/**
 * The object with its keys as `allowed` spells them: ContainerPilot's decoder
 * (mapstructure) matches a key that differs only in case. Unknown keys are reported.
 */
function canonical(field: string, obj: Record<string, unknown>, allowed: string[], what: string, problems: Problems): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = allowed.includes(k) ? k : allowed.find(a => a.toLowerCase() === k.toLowerCase());
    if (!key) problems.add(field, `unknown key ${show(k)}; ${what} has ${allowed.join(', ')}`);
    // mapstructure decodes null as the field's zero value: as if the key were absent.
    else if (v !== null) out[key] = v;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** ContainerPilot's commands.ParseArgs: a string is trimmed and split on spaces; a list's items are printed as strings. */
function command(field: string, v: unknown, problems: Problems): string[] | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim().split(' ');
  if (Array.isArray(v) && v.length > 0 && v.every(a => ['string', 'number', 'boolean'].includes(typeof a)) && String(v[0]).trim() !== '') return v.map(String);
  problems.badValue(field, v, 'must be a command line (split on spaces) or a non-empty list of strings: the program, then its arguments');
  return undefined;
}

/** A Go duration; `min` is ContainerPilot's lower bound where it has one (timeout, interval). */
function duration(field: string, v: unknown, problems: Problems, min?: 'min'): number | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = parseGoDuration(v);
  if (ms === undefined) {
    problems.badValue(field, v, DURATION_TEXT);
    return undefined;
  }
  if (min && ms < 1) {
    problems.badValue(field, v, 'must be at least 1ms (ContainerPilot\'s minimum)');
    return undefined;
  }
  return ms;
}

/** health.interval and ttl: ContainerPilot decodes them weakly into an int ("10" is 10, 2.5 is 2) and wants > 0. */
function wholeSeconds(field: string, v: unknown, problems: Problems): number | undefined {
  const n = typeof v === 'string' && /^[-+]?\d+$/.test(v) ? Number.parseInt(v, 10) : typeof v === 'number' ? Math.trunc(v) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    problems.badValue(field, v, 'must be a whole number of seconds >= 1 (ContainerPilot\'s rule: an integer > 0; a fraction is cut to its integer part)');
    return undefined;
  }
  if (n > INT32_MAX) {
    problems.badValue(field, v, `must be at most ${INT32_MAX} seconds: it becomes a probe's periodSeconds or failureThreshold, which Kubernetes stores as a 32-bit integer`);
    return undefined;
  }
  return n;
}

function checkLogging(field: string, v: unknown, problems: Problems) {
  if (v === undefined) return;
  if (!isObject(v)) {
    problems.badValue(field, v, 'must be an object with raw (true or false)');
    return;
  }
  const l = canonical(field, v, LOGGING_KEYS, 'logging', problems);
  if (l.raw !== undefined && typeof l.raw !== 'boolean') problems.badValue(`${field}.raw`, l.raw, 'must be true or false');
}

function checkJob(input: unknown, i: number, problems: Problems): CheckedJob | undefined {
  if (!isObject(input)) {
    problems.badValue(`jobs[${i}]`, input, 'must be an object with at least a name');
    return undefined;
  }
  const name = input.name ?? Object.entries(input).find(([k]) => k.toLowerCase() === 'name')?.[1];
  const usable = typeof name === 'string' && name !== '';
  const prefix = usable ? jobField(name) : `jobs[${i}]`;
  const f = (field: string) => `${prefix}.${field}`;
  const r = canonical(prefix, input, JOB_KEYS, 'a job', problems);

  // port first: ContainerPilot checks the name against its service name rule only then.
  let port: number | undefined;
  if (r.port !== undefined) {
    const p = typeof r.port === 'string' && /^\d+$/.test(r.port) ? Number.parseInt(r.port, 10) : r.port;
    // port 0 is ContainerPilot's "not advertised"
    if (p !== 0 && problems.integer(f('port'), p as number, 1, 65535)) port = p as number;
  }

  if (!usable) {
    problems.badValue(f('name'), r.name, 'is required (ContainerPilot\'s rule: \'name\' must not be blank)');
  } else if (port !== undefined && !JOB_NAME.test(r.name as string)) {
    problems.badValue(f('name'), r.name, 'must match ^[a-z][a-zA-Z0-9\\-]+$ (ContainerPilot\'s rule for a job with a port: a lower-case letter, then letters, digits and "-")');
  }

  const cmd = r.exec === undefined ? undefined : command(f('exec'), r.exec, problems);
  checkLogging(f('logging'), r.logging, problems);

  // when
  let source: string | undefined, once: string | undefined, each: string | undefined, interval: string | undefined;
  let intervalMs: number | undefined, whenTimeoutMs: number | undefined;
  if (r.when !== undefined) {
    if (!isObject(r.when)) {
      problems.badValue(f('when'), r.when, 'must be an object with source, once, each, interval or timeout');
    } else {
      const w = canonical(f('when'), r.when, WHEN_KEYS, 'when', problems);
      const set = (k: string) => w[k] !== undefined && w[k] !== '';
      if ((set('interval') && set('once')) || (set('interval') && set('each')) || (set('once') && set('each'))) {
        problems.add(f('when'), 'can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)');
      }
      if (w.source !== undefined) {
        if (typeof w.source !== 'string' || w.source === '') problems.badValue(f('when.source'), w.source, 'must be the name of a job');
        else source = w.source;
      }
      for (const key of ['once', 'each'] as const) {
        if (!set(key)) continue;
        if (typeof w[key] !== 'string' || !EVENTS.includes(w[key] as string)) {
          problems.badValue(f(`when.${key}`), w[key], `must be one of ${EVENTS.map(e => JSON.stringify(e)).join(', ')}`);
        } else if (key === 'once') {once = w[key] as string;} else {each = w[key] as string;}
      }
      if (set('interval')) {
        interval = typeof w.interval === 'number' ? String(w.interval) : (w.interval as string);
        intervalMs = duration(f('when.interval'), w.interval, problems, 'min');
      } else {
        // ContainerPilot reads when.timeout only for a job started by an event.
        whenTimeoutMs = duration(f('when.timeout'), w.timeout, problems);
        if (whenTimeoutMs === 0) whenTimeoutMs = undefined;
      }
      // A signal as the source starts the job on every such signal (jobs/config.go).
      if (source !== undefined && SIGNALS.includes(source)) {each = source;} else if (!set('interval') && !set('once') && !set('each')) {
        problems.add(f('when'), 'names no event (once, each or interval), so ContainerPilot never starts the job; add once: "startup" or remove when');
      }
    }
  }

  // restarts (jobs/config.go validateRestarts); the default depends on interval.
  let restarts: 'unlimited' | 'never' | number = intervalMs !== undefined ? 'unlimited' : 'never';
  const rr = r.restarts;
  if (rr === 'unlimited') {
    if (each !== undefined) {
      problems.badValue(f('restarts'), rr, 'may not be used when when.each is set, because it may result in infinite processes (ContainerPilot\'s rule)');
    }
    restarts = 'unlimited';
  } else if (rr === 'never') {
    restarts = 'never';
  } else if ((typeof rr === 'number' && rr >= 0) || (typeof rr === 'string' && /^[-+]?\d+$/.test(rr) && Number.parseInt(rr, 10) >= 0)) {
    // A number is cut to its integer part, as ContainerPilot does.
    const n = typeof rr === 'number' ? Math.trunc(rr) : Number.parseInt(rr, 10);
    restarts = n === 0 ? 'never' : n;
  } else if (rr !== undefined) {
    problems.badValue(f('restarts'), rr, 'must be "unlimited", "never" or an integer >= 0');
  }

  const timeoutMs = duration(f('timeout'), r.timeout, problems, 'min');
  // stopTimeout 0 (or none) is "wait for the stopping job without a limit"
  const stop = duration(f('stopTimeout'), r.stopTimeout, problems);
  const stopTimeoutMs = stop !== undefined && stop > 0 ? stop : undefined;

  // health
  let health: CheckedJob['health'];
  if (r.health !== undefined) {
    if (!isObject(r.health)) {
      problems.badValue(f('health'), r.health, 'must be an object with exec, interval, ttl and timeout');
    } else {
      const h = canonical(f('health'), r.health, HEALTH_KEYS, 'health', problems);
      health = {
        // Without exec ContainerPilot heartbeats the service as passing.
        command: h.exec === undefined ? undefined : command(f('health.exec'), h.exec, problems),
        interval: wholeSeconds(f('health.interval'), h.interval, problems),
        ttl: wholeSeconds(f('health.ttl'), h.ttl, problems),
        timeoutMs: duration(f('health.timeout'), h.timeout, problems),
      };
      checkLogging(f('health.logging'), h.logging, problems);
    }
  }

  // service discovery: only for a job with a port (jobs/config.go validateDiscovery)
  if (port !== undefined && r.health === undefined) {
    problems.add(f('health'), 'is required because port is set (ContainerPilot\'s rule: an advertised job needs a health check)');
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
    }
  }
  if (port !== undefined && r.initial_status !== undefined) {
    if (!['passing', 'warning', 'critical'].includes(r.initial_status as string)) {
      problems.badValue(f('initial_status'), r.initial_status, 'must be one of "passing", "warning" or "critical" (ContainerPilot\'s rule)');
    } else if (r.initial_status !== 'critical') {
      problems.add(f('initial_status'), `${show(r.initial_status)} cannot be expressed in Kubernetes: a pod gets Service traffic only once its readiness probe has passed, which is initial_status "critical" (ContainerPilot's default registers after the first passing check, the same thing); remove initial_status`);
    }
  }
  if (port !== undefined && r.interfaces !== undefined) {
    const specs = typeof r.interfaces === 'string' ? [r.interfaces] : r.interfaces;
    if (!Array.isArray(specs) || specs.length === 0 || !specs.every(s => typeof s === 'string')) {
      problems.badValue(f('interfaces'), r.interfaces, 'must be an interface spec or a list of them');
    } else if (!POD_IP_INTERFACES.includes(specs[0])) {
      // ContainerPilot stops at the first spec that matches; in a pod the first of these always does.
      problems.add(f('interfaces'), `${show(specs[0])} cannot be expressed in Kubernetes: a pod has one IP, which Kubernetes assigns and a Service advertises; only ${POD_IP_INTERFACES.map(s => JSON.stringify(s)).join(', ')} name it, so start the list with one of them or remove interfaces`);
    }
  }
  if (r.consul !== undefined) {
    if (isObject(r.consul)) canonical(f('consul'), r.consul, CONSUL_KEYS, 'consul', problems);
    problems.add(f('consul'), 'cannot be expressed in Kubernetes: enableTagOverride and deregisterCriticalServiceAfter are settings of the Consul catalog, which a Service does not have; remove the consul block');
  }

  if (!usable) return undefined;
  return {
    index: i,
    name: r.name as string,
    kname: kubernetesName(r.name as string),
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
    has: new Set(Object.keys(r)),
  };
}

/** Sources name real jobs, names are unique, and no job waits on itself through others. */
function checkGraph(jobs: CheckedJob[], problems: Problems) {
  const byName = new Map<string, CheckedJob>();
  for (const j of jobs) {
    const seen = byName.get(j.name);
    if (seen) problems.badValue(j.f('name'), j.name, `another job (jobs[${seen.index}]) has the same name; job names must be unique (ContainerPilot tells jobs and their events apart by name)`);
    else byName.set(j.name, j);
  }
  const names = [...byName.keys()].map(n => JSON.stringify(n)).join(', ');
  for (const j of jobs) {
    const event = j.once ?? j.each;
    if (j.source !== undefined && SIGNALS.includes(j.source)) continue;
    if (j.source !== undefined) {
      if (event === 'startup') {
        problems.badValue(j.f('when.source'), j.source, 'startup is published by ContainerPilot itself, not by a job; remove when.source');
      } else if (j.source.startsWith('watch.')) {
        if (!REFUSED_EVENTS[event ?? '']) problems.add(j.f('when.source'), `${JSON.stringify(j.source)} cannot be expressed in Kubernetes: the events of a watch come from Consul, which Kubernetes does not have; wait for a job of the pod, or use a Service and DNS`);
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
    problems.add('jobs', `dependency cycle: ${[...cycle, cycle[0]].map(jobLabel).join(' -> ')} (each job waits for an event of the next); break the cycle`);
  }
}

/** What the message calls each role. */
const ROLE_TEXT: Record<JobRole, string> = {
  container: 'a long-running container',
  sidecar: 'a native sidecar',
  init: 'an init container',
  hook: 'a preStop hook',
  cron: 'a CronJob',
  loop: 'a loop sidecar',
  service: 'a Service without a process',
  periodic: 'a periodic job',
  oneshot: 'a one-shot job',
};

/** Roles that give a Kubernetes object named after the job. */
const NAMED_ROLES: JobRole[] = ['container', 'sidecar', 'init', 'cron', 'loop', 'service'];

function classify(plan: JobPlan, o: PlanOptions, problems: Problems) {
  const { jobs, roles } = plan;
  const byName = new Map(jobs.map(j => [j.name, j] as const));
  const waiting = new Map<string, CheckedJob[]>();
  for (const j of jobs) {
    if (j.source === undefined || !j.once) continue;
    const key = `${j.source} ${j.once}`;
    waiting.set(key, waiting.get(key) ?? []);
    waiting.get(key)!.push(j);
  }
  const waiters = (s: string, ev: string) => waiting.get(`${s} ${ev}`) ?? [];
  // A job expected to be running while the pod lives: it is advertised, health-checked,
  // or something runs when it is stopped.
  const isService = (j: CheckedJob) => j.port !== undefined || !!j.health || waiters(j.name, 'stopping').length > 0;

  o.detachable.forEach((n, i) => {
    const j = byName.get(n);
    if (!j || j.intervalMs === undefined) problems.badValue(`detachable[${i}]`, n, 'must name a periodic job (one with when.interval)');
    if (o.loopSidecars.includes(n)) problems.badValue(`detachable[${i}]`, n, 'is also listed in loopSidecars; choose one place for it to run');
  });

  // Events Kubernetes cannot start anything on, and `each`.
  for (const j of jobs) {
    if (j.once && REFUSED_EVENTS[j.once]) problems.add(j.f('when.once'), `${JSON.stringify(j.once)} cannot be expressed in Kubernetes: ${REFUSED_EVENTS[j.once]}`);
    if (j.each) {
      const reason = REFUSED_EVENTS[j.each] ?? 'a container starts once per pod start, so a job cannot run again every time an event repeats; use once';
      const field = SIGNALS.includes(j.each) && j.source === j.each ? 'when.source' : 'when.each';
      problems.add(j.f(field), `${JSON.stringify(j.each)} cannot be expressed in Kubernetes: ${reason}`);
    }
    if (typeof j.restarts === 'number' && j.intervalMs === undefined) {
      problems.add(j.f('restarts'), `${j.restarts} cannot be expressed in Kubernetes: a pod restarts a container always or never, not a number of times; use "unlimited" or "never"`);
    }
  }

  // Roles. Every job gets one, even a refused one, so that the checks of its kind run too.
  for (const j of jobs) {
    if (!j.has.has('exec')) {
      if (j.port !== undefined) {
        roles.set(j.name, 'service');
      } else if (j.once !== 'stopping') {
        problems.add(j.f('exec'), 'is missing and so is port: ContainerPilot runs nothing for this job and advertises nothing, so it has no Kubernetes counterpart; add exec, or port and health to advertise a Service');
      }
      continue;
    }
    if (j.intervalMs !== undefined && j.restarts === 'never' && waiters(j.name, 'exitSuccess').length > 0
      && !o.detachable.includes(j.name) && !o.loopSidecars.includes(j.name)) {
      // it runs once, at startup, and others wait for that run: a one-shot job
      roles.set(j.name, 'init');
    } else if (j.intervalMs !== undefined) {
      const runs = j.restarts === 'unlimited' ? undefined : j.restarts === 'never' ? 1 : j.restarts + 1;
      if (o.detachable.includes(j.name)) {
        roles.set(j.name, 'cron');
        const schedule = cronFor(j.intervalMs);
        if (!schedule) {
          problems.badValue(j.f('when.interval'), j.interval, 'cannot be a CronJob schedule: cron fires on whole minutes that divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), whole hours that divide a day (1, 2, 3, 4, 6, 8, 12) or once a day (24h)', 'Choose such an interval, or run the job in the pod with loopSidecars');
        } else {
          plan.cronJobs.push({ job: j, schedule });
        }
        if (runs !== undefined) {
          problems.add(j.f('restarts'), `${show(j.has.has('restarts') ? rawRestarts(j) : 'never')} makes ContainerPilot run the job ${runs === 1 ? 'once' : `${runs} times`} (at startup${runs > 1 ? ', then every interval' : ''}) and stop; a CronJob runs forever and cannot stop after a number of runs; list the job in loopSidecars instead (a loop that stops after ${runs === 1 ? 'the first run' : `${runs} runs`}), or remove restarts (ContainerPilot's default for a periodic job is "unlimited")`);
        }
      } else if (o.loopSidecars.includes(j.name)) {
        roles.set(j.name, 'loop');
      } else {
        roles.set(j.name, 'periodic');
        problems.add(j.f('when.interval'), 'a periodic job needs a place to run in Kubernetes: list it in `detachable` to run it as a CronJob in a pod of its own (when it needs nothing from this pod), or opt in to a loop container in this pod with `loopSidecars`');
      }
    } else if (j.once === 'stopping') {
      roles.set(j.name, 'hook');
    } else if (j.restarts === 'never' && (waiters(j.name, 'exitSuccess').length > 0 || (waiters(j.name, 'healthy').length > 0 && !j.health?.command))) {
      roles.set(j.name, 'init');
    } else if (j.restarts === 'never' && !isService(j) && o.loopSidecars.includes(j.name)) {
      // run once in a container of the pod that then idles, as ContainerPilot runs it
      roles.set(j.name, 'loop');
    } else if (j.restarts === 'never' && !isService(j)) {
      roles.set(j.name, 'oneshot');
      // a job started by an event refused above has nothing more to be told
      if ((j.once && REFUSED_EVENTS[j.once]) || j.each !== undefined || j.source?.startsWith('watch.')) continue;
      problems.add(j.f('restarts'), `the job runs once (restarts: "never", ContainerPilot's default) but no job waits for it with once: "exitSuccess"; Kubernetes restarts every container of a Deployment's pod, so a one-shot job must become an init container: make the job that needs it wait with when: { source: ${JSON.stringify(j.name)}, once: "exitSuccess" }, set restarts: "unlimited", or list it in loopSidecars (a container of the pod that runs it once, then idles)`);
    } else {
      // restarts "unlimited", or a service whose process Kubernetes restarts when it
      // exits where ContainerPilot leaves it stopped (docs/job-graph.md).
      roles.set(j.name, waiters(j.name, 'healthy').length > 0 ? 'sidecar' : 'container');
    }
  }

  // Ports: the processes of a pod share one network namespace, as they shared one container.
  const listening = new Map<number, CheckedJob>();
  for (const j of jobs) {
    if (j.port === undefined || !j.command) continue;
    const other = listening.get(j.port);
    if (other) problems.badValue(j.f('port'), j.port, `is also the port of ${jobField(other.name)}; the jobs share one network namespace (one container under ContainerPilot, one pod in Kubernetes), so only one process can listen on it`);
    else listening.set(j.port, j);
  }

  o.loopSidecars.forEach((n, i) => {
    // (a job without exec has its own problem)
    if (roles.get(n) !== 'loop' && byName.get(n)?.has.has('exec') !== false) problems.badValue(`loopSidecars[${i}]`, n, 'must name a periodic job (one with when.interval) or a one-shot job nothing waits for');
  });

  // Names: what becomes a Kubernetes object is named after the job.
  const taken = new Map<string, CheckedJob>();
  for (const j of jobs) {
    const role = roles.get(j.name);
    if (!role || !NAMED_ROLES.includes(role)) continue;
    if (!DNS_LABEL.test(j.kname)) {
      problems.badValue(j.f('name'), j.name, `becomes the Kubernetes name ${JSON.stringify(j.kname)} (capitals become "-" and lower case, other characters "-"; docs/job-graph.md), which is not ${DNS_LABEL_TEXT}; rename the job`);
      continue;
    }
    const other = taken.get(j.kname);
    if (other && other.name !== j.name) {
      problems.badValue(j.f('name'), j.name, `becomes the Kubernetes name ${JSON.stringify(j.kname)}, as does ${jobField(other.name)} (${showMapping(other.name)}); rename one of them`);
    } else {
      taken.set(j.kname, j);
    }
  }

  // What each role allows.
  for (const j of jobs) {
    const role = roles.get(j.name);
    if (!role) continue;
    const what = ROLE_TEXT[role];
    if (j.whenTimeoutMs !== undefined && j.once !== 'healthy' && role !== 'service') {
      problems.add(j.f('when.timeout'), 'cannot be expressed in Kubernetes here: a pod waits for its init containers without a time limit; it is only allowed with once: "healthy", where it sets the startup probe\'s budget');
    }
    if (j.timeoutMs !== undefined && (role === 'container' || role === 'sidecar' || role === 'init')) {
      problems.add(j.f('timeout'), `cannot be expressed for ${what} in Kubernetes: only a whole pod has a deadline (activeDeadlineSeconds); remove timeout`);
    }
    if (j.timeoutMs !== undefined && role === 'hook') {
      problems.add(j.f('timeout'), 'cannot be expressed for a preStop hook in Kubernetes: a hook has no timeout of its own; the pod\'s grace period, set from the source\'s stopTimeout, bounds it; remove timeout');
    }
    if (role !== 'container' && role !== 'sidecar' && role !== 'service' && role !== 'oneshot') {
      if (j.health) problems.add(j.f('health'), `cannot be expressed for ${what}: only a long-running job (restarts: "unlimited") has a container that a readiness probe can check`);
      if (j.port !== undefined) problems.add(j.f('port'), `cannot be expressed for ${what}: only a long-running job (restarts: "unlimited") has a container a Service can send traffic to`);
    }
    if ((role === 'hook' || role === 'init') && j.restarts === 'unlimited') {
      problems.add(j.f('restarts'), `"unlimited" cannot be expressed for ${what}: it runs once`);
    }
  }

  // Dependencies.
  let hookBudget = 0;
  for (const j of jobs) {
    if (j.source === undefined || !byName.has(j.source)) continue;
    const s = byName.get(j.source)!;
    const sRole = roles.get(s.name);
    if (j.once === 'exitSuccess' && sRole && sRole !== 'init') {
      problems.add(j.f('when.source'), s.intervalMs !== undefined
        ? `${JSON.stringify(s.name)} is a periodic job, so it does not become an init container and Kubernetes cannot wait for its first exit; wait for a one-shot job instead`
        : `${JSON.stringify(s.name)} is not a one-shot job (restarts: "never"), so it does not become an init container and Kubernetes cannot wait for its exit; give it restarts: "never"`);
    }
    if (j.once === 'healthy') {
      if (!s.health?.command) problems.add(j.f('when.source'), `${JSON.stringify(s.name)} has no health check command, so it never becomes healthy; add health with exec to it`);
      else if (sRole !== 'sidecar') problems.add(j.f('when.source'), `${JSON.stringify(s.name)} is ${ROLE_TEXT[sRole ?? 'oneshot']}; only a long-running job (restarts: "unlimited", or a job with a port or health) can become a native sidecar that others wait for`);
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
        // ContainerPilot waits for the stopping job up to the source's stopTimeout, or
        // without a limit; Kubernetes needs one, and its default grace period is it.
        hookBudget = Math.max(hookBudget, s.stopTimeoutMs !== undefined ? ceilSeconds(s.stopTimeoutMs) : DEFAULT_HOOK_SECONDS);
      }
    }
  }
  plan.hookBudgetSeconds = hookBudget;

  // A job without exec advertises a Service; its check runs in a container of the pod.
  const probed = new Set(jobs.filter(j => (roles.get(j.name) === 'container') && j.health?.command).map(j => j.name));
  for (const j of jobs) {
    if (roles.get(j.name) !== 'service') continue;
    if (!j.health?.command) { plan.serviceOnly.push({ job: j }); continue; }
    const host = jobs.find(c => roles.get(c.name) === 'container' && !probed.has(c.name));
    if (!host) {
      const why = jobs.some(c => roles.get(c.name) === 'container')
        ? 'every long-running container of the pod already has a readiness probe (a container has one)'
        : 'the pod has no long-running container';
      problems.add(j.f('health'), `has no container to run in: the job has no exec, and ${why}; give the job an exec, or move the check into another job's health`);
      continue;
    }
    probed.add(host.name);
    plan.serviceOnly.push({ job: j, checkedIn: host });
  }

  if (jobs.length === 0 || ![...roles.values()].some(r => r === 'container' || r === 'loop')) {
    problems.add('jobs', 'no job runs in the pod (a long-running job, a job with a port or health check, or a loop sidecar; a job others wait for healthy runs as a native sidecar before them); a Deployment needs at least one container');
  }

  for (const j of jobs) if (roles.get(j.name) === 'container' || roles.get(j.name) === 'loop') plan.containers.push(j);
  plan.initContainers.push(...initOrder(jobs.filter(j => roles.get(j.name) === 'init' || roles.get(j.name) === 'sidecar')));
}

function rawRestarts(j: CheckedJob): unknown {
  return j.restarts === 'never' ? 'never' : j.restarts;
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
