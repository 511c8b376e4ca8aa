import { MAIN, graphOf } from './support';
import { JobGraphProps } from '../../src';
import { synthError } from '../support/synth';

const APP = (extra: Record<string, unknown> = {}) => ({ name: 'app', exec: '/bin/app', restarts: 'unlimited', ...extra });
const HEALTH = { exec: '/bin/check', interval: 5, ttl: 10 };
const CP_NAME = 'must match ^[a-z][a-zA-Z0-9\\-]+$ (ContainerPilot\'s rule for a job with a port: a lower-case letter, then letters, digits and "-")';
const SECONDS = 'must be a whole number of seconds >= 1 (ContainerPilot\'s rule: an integer > 0; a fraction is cut to its integer part)';
const ADVERTISED = { port: 80, health: HEALTH };
const DURATION = 'must be a Go duration such as "60s", "10m" or "1500ms" (a bare integer is seconds)';

type Case = [string, unknown, Partial<JobGraphProps>, string];

// ContainerPilot's own rules (jobs/config.go), and the ones it forgot.
const containerPilotRules: Case[] = [
  // The name rule binds only a job with a port (jobs/config.go validateDiscovery); these
  // three cases had no port before, which ContainerPilot accepts.
  ['name starting with a digit, with a port', [APP({ name: '1app', ...ADVERTISED })], {}, `job[1app].name: "1app" is not allowed; ${CP_NAME}`],
  ['name with an underscore, with a port', [APP({ name: 'my_app', ...ADVERTISED })], {}, `job[my_app].name: "my_app" is not allowed; ${CP_NAME}`],
  ['one-letter name, with a port', [APP({ name: 'a', ...ADVERTISED })], {}, `job[a].name: "a" is not allowed; ${CP_NAME}`],
  ['missing name', [MAIN, { exec: '/bin/x', restarts: 'unlimited' }], {}, 'jobs[1].name: undefined is not allowed; is required (ContainerPilot\'s rule: \'name\' must not be blank)'],
  ['duplicate names', [MAIN, APP({ name: 'main' })], {}, 'job[main].name: "main" is not allowed; another job (jobs[0]) has the same name; job names must be unique (ContainerPilot tells jobs and their events apart by name)'],
  ['interval with once', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m', once: 'startup' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['interval with each', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m', each: 'healthy', source: 'main' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['once with each', [MAIN, { name: 'tick', exec: '/bin/t', when: { source: 'main', once: 'healthy', each: 'healthy' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['"unlimited" restarts with each', [MAIN, APP({ name: 'again', when: { source: 'main', each: 'healthy' } })], {}, 'job[again].restarts: "unlimited" is not allowed; may not be used when when.each is set, because it may result in infinite processes (ContainerPilot\'s rule)'],
  ['restarts neither keyword nor integer', [APP({ restarts: 'always' })], {}, 'job[app].restarts: "always" is not allowed; must be "unlimited", "never" or an integer >= 0'],
  ['negative restarts', [APP({ restarts: -1 })], {}, 'job[app].restarts: -1 is not allowed; must be "unlimited", "never" or an integer >= 0'],
  ['health interval 0', [APP({ health: { ...HEALTH, interval: 0 } })], {}, `job[app].health.interval: 0 is not allowed; ${SECONDS}`],
  // ContainerPilot cuts 2.5 to 2 (mapstructure), so the old case with 2.5 was wrong; 0.5 is cut to 0.
  ['health interval under a second', [APP({ health: { ...HEALTH, interval: 0.5 } })], {}, `job[app].health.interval: 0.5 is not allowed; ${SECONDS}`],
  ['health ttl as a duration', [APP({ health: { ...HEALTH, ttl: '10s' } })], {}, `job[app].health.ttl: "10s" is not allowed; ${SECONDS}`],
  ['health without ttl', [APP({ health: { exec: '/bin/check', interval: 5 } })], {}, `job[app].health.ttl: undefined is not allowed; ${SECONDS}`],
  ['health without interval (the docs\' consul-agent example)', [APP({ health: { exec: 'consul info' } })], {}, `job[app].health.interval: undefined is not allowed; ${SECONDS}`],
  ['a duration without unit', [APP({ stopTimeout: '1.5' })], {}, `job[app].stopTimeout: "1.5" is not allowed; ${DURATION}`],
  ['a duration with an unknown unit', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1d' } }], { detachable: ['tick'] }, `job[tick].when.interval: "1d" is not allowed; ${DURATION}`],
  ['a duration under 1ms', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '500us' } }], { loopSidecars: ['tick'] }, 'job[tick].when.interval: "500us" is not allowed; must be at least 1ms (ContainerPilot\'s minimum)'],
  // stopTimeout "0s" is ContainerPilot's "no limit"; the 1ms minimum is timeout's (jobs/config.go validateExec).
  ['a zero timeout', [MAIN, { name: 'tick', exec: '/bin/t', timeout: '0s', when: { interval: '1m' } }], { detachable: ['tick'] }, 'job[tick].timeout: "0s" is not allowed; must be at least 1ms (ContainerPilot\'s minimum)'],
  ['a health timeout that is not a duration', [APP({ health: { ...HEALTH, timeout: 'soon' } })], {}, `job[app].health.timeout: "soon" is not allowed; ${DURATION}`],
  ['an unknown job key', [APP({ frequency: '5s' })], {}, 'job[app]: unknown key "frequency"; a job has name, exec, when, timeout, stopTimeout, restarts, health, port, initial_status, tags, interfaces, consul, logging'],
  ['the docs\' "tll" typo', [APP({ health: { exec: '/bin/check', interval: 5, tll: 10 } })], {}, 'job[app].health: unknown key "tll"; health has exec, interval, ttl, timeout, logging'],
  ['an unknown when key', [MAIN, APP({ name: 'web', when: { source: 'main', once: 'healthy', after: '1s' } })], { nativeSidecars: true }, 'job[web].when: unknown key "after"; when has source, once, each, interval, timeout'],
  ['an unknown event', [MAIN, APP({ name: 'web', when: { source: 'main', once: 'ready' } })], {}, 'job[web].when.once: "ready" is not allowed; must be one of "startup", "shutdown", "healthy", "unhealthy", "exitSuccess", "exitFailed", "stopping", "stopped", "changed", "enterMaintenance", "exitMaintenance", "timerExpired", "error", "quit", "SIGHUP", "SIGUSR2"'],
  ['port without health', [APP({ port: 8080 })], {}, 'job[app].health: is required because port is set (ContainerPilot\'s rule: an advertised job needs a health check)'],
  ['port out of range', [APP({ port: 70000, health: HEALTH })], {}, 'job[app].port: 70000 is not allowed; must be an integer from 1 to 65535'],
  ['an empty exec', [APP({ exec: '  ' })], {}, 'job[app].exec: "  " is not allowed; must be a command line (split on spaces) or a non-empty list of strings: the program, then its arguments'],
  ['a source that is no job', [MAIN, APP({ name: 'web', when: { source: 'dbb', once: 'exitSuccess' } })], {}, 'job[web].when.source: "dbb" is not allowed; must name a job of this configuration (the jobs are "main", "web")'],
  ['an event without a source', [MAIN, APP({ name: 'web', when: { once: 'exitSuccess' } })], {}, 'job[web].when.source: is required with once: "exitSuccess": name the job whose event starts this one'],
  ['a source on startup', [MAIN, APP({ name: 'web', when: { source: 'main', once: 'startup' } })], {}, 'job[web].when.source: "main" is not allowed; startup is published by ContainerPilot itself, not by a job; remove when.source'],
  ['a dependency cycle', [MAIN,
    { name: 'one', exec: '/bin/1', when: { source: 'three', once: 'exitSuccess' } },
    { name: 'two', exec: '/bin/2', when: { source: 'one', once: 'exitSuccess' } },
    { name: 'three', exec: '/bin/3', when: { source: 'two', once: 'exitSuccess' } }], {},
  'jobs: dependency cycle: one -> three -> two -> one (each job waits for an event of the next); break the cycle'],
  ['a job waiting on itself', [MAIN, { name: 'self', exec: '/bin/s', when: { source: 'self', once: 'exitSuccess' } }], {}, 'jobs: dependency cycle: self -> self (each job waits for an event of the next); break the cycle'],
  ['a tag with a comma', [APP({ port: 80, health: HEALTH, tags: ['a,b'] })], {}, 'job[app].tags: "a,b" is not allowed; a tag must not contain ","; the tags are written comma-separated into the Service annotation consul.hashicorp.com/service-tags'],
];

// What Kubernetes cannot express: an error naming the job and the field, with the reason.
const refused: Case[] = [
  ['restarts: n', [APP({ restarts: 3 })], {}, 'job[app].restarts: 3 cannot be expressed in Kubernetes: a pod restarts a container always or never, not a number of times; use "unlimited" or "never"'],
  ['once: exitFailed', [MAIN, { name: 'alert', exec: '/bin/alert', when: { source: 'main', once: 'exitFailed' } }], {}, 'job[alert].when.once: "exitFailed" cannot be expressed in Kubernetes: Kubernetes cannot start a container because another one failed (a failed init container is retried, never handed over); make the job succeed or handle the failure inside its command'],
  ['once: unhealthy', [MAIN, { name: 'alert', exec: '/bin/alert', when: { source: 'main', once: 'unhealthy' } }], {}, 'job[alert].when.once: "unhealthy" cannot be expressed in Kubernetes: Kubernetes reacts to a failing readiness probe by taking the pod out of Service endpoints, never by starting a container'],
  ['once: stopped', [MAIN, { name: 'cleanup', exec: '/bin/c', when: { source: 'main', once: 'stopped' } }], {}, 'job[cleanup].when.once: "stopped" cannot be expressed in Kubernetes: Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"'],
  ['each: changed', [MAIN, { name: 'reload', exec: '/bin/r', when: { source: 'main', each: 'changed' } }], {}, 'job[reload].when.each: "changed" cannot be expressed in Kubernetes: changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS'],
  ['once: enterMaintenance', [MAIN, { name: 'drain', exec: '/bin/d', when: { once: 'enterMaintenance' } }], {}, 'job[drain].when.once: "enterMaintenance" cannot be expressed in Kubernetes: maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs'],
  ['once: exitMaintenance', [MAIN, { name: 'undrain', exec: '/bin/u', when: { once: 'exitMaintenance' } }], {}, 'job[undrain].when.once: "exitMaintenance" cannot be expressed in Kubernetes: maintenance mode is a command to the ContainerPilot process, which the compiled pod no longer runs'],
  ['once: shutdown', [MAIN, { name: 'bye', exec: '/bin/bye', when: { once: 'shutdown' } }], {}, 'job[bye].when.once: "shutdown" cannot be expressed in Kubernetes: Kubernetes has no pod-wide shutdown hook; run the job as once: "stopping" of the job whose container should run it (a preStop hook)'],
  ['each: healthy', [MAIN, { name: 'ping', exec: '/bin/p', when: { source: 'main', each: 'healthy' } }], {}, 'job[ping].when.each: "healthy" cannot be expressed in Kubernetes: a container starts once per pod start, so a job cannot run again every time an event repeats; use once'],
  // ["eth0"] names the pod's IP, so the old case with it was wrong; a static IP cannot be advertised.
  ['interfaces other than the pod\'s IP', [APP({ ...ADVERTISED, interfaces: ['static:192.168.1.100', 'eth0'] })], {}, 'job[app].interfaces: "static:192.168.1.100" cannot be expressed in Kubernetes: a pod has one IP, which Kubernetes assigns and a Service advertises; only "eth0", "eth0:inet", "eth0[0]", "inet" name it, so start the list with one of them or remove interfaces'],
  ['initial_status passing', [APP({ ...ADVERTISED, initial_status: 'passing' })], {}, 'job[app].initial_status: "passing" cannot be expressed in Kubernetes: a pod gets Service traffic only once its readiness probe has passed, which is initial_status "critical" (ContainerPilot\'s default registers after the first passing check, the same thing); remove initial_status'],
  ['a signal as the source', [MAIN, { name: 'reload', exec: '/bin/reload', when: { source: 'SIGHUP' } }], {}, 'job[reload].when.source: "SIGHUP" cannot be expressed in Kubernetes: Kubernetes cannot start a container when a signal is sent to the pod'],
  ['a watch as the source', [MAIN, { name: 'configure', exec: '/bin/c', when: { source: 'watch.db', once: 'healthy' } }], {}, 'job[configure].when.source: "watch.db" cannot be expressed in Kubernetes: the events of a watch come from Consul, which Kubernetes does not have; wait for a job of the pod, or use a Service and DNS'],
  ['two jobs listening on one port', [APP({ ...ADVERTISED }), APP({ name: 'other', ...ADVERTISED })], {}, 'job[other].port: 80 is not allowed; is also the port of job[app]; the jobs share one network namespace (one container under ContainerPilot, one pod in Kubernetes), so only one process can listen on it'],
  ['consul settings', [APP({ port: 80, health: HEALTH, consul: { enableTagOverride: true, deregisterCriticalServiceAfter: '10m' } })], {}, 'job[app].consul: cannot be expressed in Kubernetes: enableTagOverride and deregisterCriticalServiceAfter are settings of the Consul catalog, which a Service does not have; remove the consul block'],
  ['a one-shot job nobody waits for', [MAIN, { name: 'warm', exec: '/bin/warm' }], {}, 'job[warm].restarts: the job runs once (restarts: "never", ContainerPilot\'s default) but no job waits for it with once: "exitSuccess"; Kubernetes restarts every container of a Deployment\'s pod, so a one-shot job must become an init container: make the job that needs it wait with when: { source: "warm", once: "exitSuccess" }, set restarts: "unlimited", or list it in loopSidecars (a container of the pod that runs it once, then idles)'],
  ['loopSidecars naming a job that is neither periodic nor one-shot', [MAIN], { loopSidecars: ['main'] }, 'loopSidecars[0]: "main" is not allowed; must name a periodic job (one with when.interval) or a one-shot job nothing waits for'],
  ['exitSuccess of a long-running job', [MAIN, APP({ when: { source: 'main', once: 'exitSuccess' } })], {}, 'job[app].when.source: "main" is not a one-shot job (restarts: "never"), so it does not become an init container and Kubernetes cannot wait for its exit; give it restarts: "never"'],
  ['healthy of a job without health', [MAIN, APP({ when: { source: 'main', once: 'healthy' } })], { nativeSidecars: true }, 'job[app].when.source: "main" has no health check command, so it never becomes healthy; add health with exec to it'],
  ['timeout on a long-running job', [APP({ timeout: '1h' })], {}, 'job[app].timeout: cannot be expressed for a long-running container in Kubernetes: only a whole pod has a deadline (activeDeadlineSeconds); remove timeout'],
  ['when.timeout on exitSuccess', [{ name: 'setup', exec: '/bin/s' }, APP({ when: { source: 'setup', once: 'exitSuccess', timeout: '60s' } })], {}, 'job[app].when.timeout: cannot be expressed in Kubernetes here: a pod waits for its init containers without a time limit; it is only allowed with once: "healthy", where it sets the startup probe\'s budget'],
  ['two stopping jobs for one source', [{ ...MAIN, stopTimeout: '5s' }, { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }, { name: 'flush', exec: '/bin/flush', when: { source: 'main', once: 'stopping' } }], {}, 'job[flush].when.source: "main" already has a stopping job ("leave"); a container has one preStop hook, so merge them into one command'],
  ['a stopping job with a timeout', [{ ...MAIN, stopTimeout: '5s' }, { name: 'leave', exec: '/bin/leave', timeout: '3s', when: { source: 'main', once: 'stopping' } }], {}, 'job[leave].timeout: cannot be expressed for a preStop hook in Kubernetes: a hook has no timeout of its own; the pod\'s grace period, set from the source\'s stopTimeout, bounds it; remove timeout'],
  ['health on a periodic job', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m' }, health: HEALTH }], { detachable: ['tick'] }, 'job[tick].health: cannot be expressed for a CronJob: only a long-running job (restarts: "unlimited") has a container that a readiness probe can check'],
  ['port on a one-shot job', [{ name: 'setup', exec: '/bin/s', port: 80, health: HEALTH }, APP({ when: { source: 'setup', once: 'exitSuccess' } })], {}, 'job[setup].port: cannot be expressed for an init container: only a long-running job (restarts: "unlimited") has a container a Service can send traffic to'],
  // ContainerPilot runs a periodic job forever by default ("unlimited"), so the old
  // case refusing "unlimited" was wrong; a finite count is what a CronJob cannot do.
  ['a periodic job that stops after its runs, as a CronJob', [MAIN, { name: 'tick', exec: '/bin/t', restarts: 'never', when: { interval: '1m' } }], { detachable: ['tick'] },
    'job[tick].restarts: "never" makes ContainerPilot run the job once (at startup) and stop; a CronJob runs forever and cannot stop after a number of runs; list the job in loopSidecars instead (a loop that stops after the first run), or remove restarts (ContainerPilot\'s default for a periodic job is "unlimited")'],
  ['a periodic job with restarts: 3, as a CronJob', [MAIN, { name: 'tick', exec: '/bin/t', restarts: 3, when: { interval: '1m' } }], { detachable: ['tick'] },
    'job[tick].restarts: 3 makes ContainerPilot run the job 4 times (at startup, then every interval) and stop; a CronJob runs forever and cannot stop after a number of runs; list the job in loopSidecars instead (a loop that stops after 4 runs), or remove restarts (ContainerPilot\'s default for a periodic job is "unlimited")'],
  ['a job without exec or port', [MAIN, { name: 'ghost', restarts: 'unlimited' }], {}, 'job[ghost].exec: is missing and so is port: ContainerPilot runs nothing for this job and advertises nothing, so it has no Kubernetes counterpart; add exec, or port and health to advertise a Service'],
  ['a when without an event', [MAIN, { name: 'late', exec: '/bin/late', when: { source: 'main' } }], {}, 'job[late].when: names no event (once, each or interval), so ContainerPilot never starts the job; add once: "startup" or remove when'],
  // "myApp" now maps to "my-app"; a name whose mapping is still no label is refused.
  ['a job name with no Kubernetes counterpart', [APP({ name: 'app_' })], {}, 'job[app_].name: "app_" is not allowed; becomes the Kubernetes name "app-" (capitals become "-" and lower case, other characters "-"; docs/job-graph.md), which is not a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters); rename the job'],
  ['two job names with one Kubernetes name', [APP({ name: 'preStart' }), APP({ name: 'pre_start' })], {}, 'job[pre_start].name: "pre_start" is not allowed; becomes the Kubernetes name "pre-start", as does job[preStart] ("preStart" (Kubernetes name "pre-start")); rename one of them'],
  ['no long-running job', [{ name: 'setup', exec: '/bin/s' }], {}, 'jobs: no job runs in the pod (a long-running job, a job with a port or health check, or a loop sidecar; a job others wait for healthy runs as a native sidecar before them); a Deployment needs at least one container'],
  ['a service without exec and no container for its check', [{ name: 'web', port: 80, health: HEALTH }], {}, 'job[web].health: has no container to run in: the job has no exec, and the pod has no long-running container; give the job an exec, or move the check into another job\'s health'],
  ['detachable naming no periodic job', [MAIN], { detachable: ['main'] }, 'detachable[0]: "main" is not allowed; must name a periodic job (one with when.interval)'],
  ['a job both detachable and a loop', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m' } }], { detachable: ['tick'], loopSidecars: ['tick'] }, 'detachable[0]: "tick" is not allowed; is also listed in loopSidecars; choose one place for it to run'],
];

describe('ContainerPilot\'s validation rules', () => {
  test.each(containerPilotRules)('%s', (_what, jobs, props, message) => {
    expect(`${synthError(graphOf(jobs, props).chart)}\n`).toContain(`[test/g] ${message}\n`);
  });
});

describe('what Kubernetes cannot express is refused', () => {
  test.each(refused)('%s', (_what, jobs, props, message) => {
    expect(`${synthError(graphOf(jobs, props).chart)}\n`).toContain(`[test/g] ${message}\n`);
  });
});

test('every problem is reported at once', () => {
  const err = synthError(graphOf([APP({ restarts: 3, port: 80, health: HEALTH, interfaces: ['lo'], frequency: 1 })]).chart);
  expect(err).toContain('[test/g] job[app].restarts: 3 cannot be expressed');
  expect(err).toContain('[test/g] job[app].interfaces: "lo" cannot be expressed');
  expect(err).toContain('[test/g] job[app]: unknown key "frequency"');
});

test('a job refused for its place still gets the checks of its kind', () => {
  // no detachable or loopSidecars: the periodic job has no place, and its health is still refused
  const err = synthError(graphOf([MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m' }, health: HEALTH }]).chart);
  expect(err).toContain('[test/g] job[tick].when.interval: a periodic job needs a place to run in Kubernetes');
  expect(err).toContain('[test/g] job[tick].health: cannot be expressed for a periodic job: only a long-running job (restarts: "unlimited") has a container that a readiness probe can check');
});

test('there are at least 25 bad configurations', () => {
  expect(containerPilotRules.length + refused.length).toBeGreaterThanOrEqual(25);
});
