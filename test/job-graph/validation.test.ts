import { MAIN, graphOf } from './support';
import { JobGraphProps } from '../../src';
import { synthError } from '../support/synth';

const APP = (extra: Record<string, unknown> = {}) => ({ name: 'app', exec: '/bin/app', restarts: 'unlimited', ...extra });
const HEALTH = { exec: '/bin/check', interval: 5, ttl: 10 };
const CP_NAME = 'must match ^[a-z][a-zA-Z0-9\\-]+$ (ContainerPilot\'s rule: a lower-case letter, then letters, digits and "-")';
const DURATION = 'must be a Go duration such as "60s", "10m" or "1500ms" (a bare integer is seconds)';

type Case = [string, unknown, Partial<JobGraphProps>, string];

// ContainerPilot's own rules (jobs/config.go), and the ones it forgot.
const containerPilotRules: Case[] = [
  ['name starting with a digit', [APP({ name: '1app' })], {}, `job[1app].name: "1app" is not allowed; ${CP_NAME}`],
  ['name with an underscore', [APP({ name: 'my_app' })], {}, `job[my_app].name: "my_app" is not allowed; ${CP_NAME}`],
  ['one-letter name', [APP({ name: 'a' })], {}, `job[a].name: "a" is not allowed; ${CP_NAME}`],
  ['missing name', [MAIN, { exec: '/bin/x', restarts: 'unlimited' }], {}, 'jobs[1].name: undefined is not allowed; is required: a name matching ^[a-z][a-zA-Z0-9\\-]+$'],
  ['duplicate names', [MAIN, APP({ name: 'main' })], {}, 'job[main].name: "main" is not allowed; another job (jobs[0]) has the same name; job names must be unique'],
  ['interval with once', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m', once: 'startup' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['interval with each', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m', each: 'healthy', source: 'main' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['once with each', [MAIN, { name: 'tick', exec: '/bin/t', when: { source: 'main', once: 'healthy', each: 'healthy' } }], {}, 'job[tick].when: can have only one of "interval", "once" or "each" (ContainerPilot\'s rule)'],
  ['"unlimited" restarts with each', [MAIN, APP({ name: 'again', when: { source: 'main', each: 'healthy' } })], {}, 'job[again].restarts: "unlimited" is not allowed; may not be used when when.each is set, because it may result in infinite processes (ContainerPilot\'s rule)'],
  ['restarts neither keyword nor integer', [APP({ restarts: 'always' })], {}, 'job[app].restarts: "always" is not allowed; must be "unlimited", "never" or an integer >= 0'],
  ['negative restarts', [APP({ restarts: -1 })], {}, 'job[app].restarts: -1 is not allowed; must be "unlimited", "never" or an integer >= 0'],
  ['health interval 0', [APP({ health: { ...HEALTH, interval: 0 } })], {}, 'job[app].health.interval: 0 is not allowed; must be a whole number of seconds >= 1 (ContainerPilot\'s rule)'],
  ['health interval with a fraction', [APP({ health: { ...HEALTH, interval: 2.5 } })], {}, 'job[app].health.interval: 2.5 is not allowed; must be a whole number of seconds >= 1 (ContainerPilot\'s rule)'],
  ['health ttl as a duration', [APP({ health: { ...HEALTH, ttl: '10s' } })], {}, 'job[app].health.ttl: "10s" is not allowed; must be a whole number of seconds >= 1 (ContainerPilot\'s rule)'],
  ['health without ttl', [APP({ health: { exec: '/bin/check', interval: 5 } })], {}, 'job[app].health.ttl: undefined is not allowed; must be a whole number of seconds >= 1 (ContainerPilot\'s rule)'],
  ['health without exec', [APP({ health: { interval: 5, ttl: 10 } })], {}, 'job[app].health.exec: is required: the command that checks the job (it passes when it exits 0)'],
  ['a duration without unit', [APP({ stopTimeout: '1.5' })], {}, `job[app].stopTimeout: "1.5" is not allowed; ${DURATION}`],
  ['a duration with an unknown unit', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1d' } }], { detachable: ['tick'] }, `job[tick].when.interval: "1d" is not allowed; ${DURATION}`],
  ['a duration under 1ms', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '500us' } }], { loopSidecars: ['tick'] }, 'job[tick].when.interval: "500us" is not allowed; must be at least 1ms (ContainerPilot\'s minimum)'],
  ['a zero stopTimeout', [APP({ stopTimeout: '0s' })], {}, 'job[app].stopTimeout: "0s" is not allowed; must be at least 1ms (ContainerPilot\'s minimum)'],
  ['a health timeout that is not a duration', [APP({ health: { ...HEALTH, timeout: 'soon' } })], {}, `job[app].health.timeout: "soon" is not allowed; ${DURATION}`],
  ['an unknown job key', [APP({ frequency: '5s' })], {}, 'job[app]: unknown key "frequency"; a job has name, exec, when, timeout, stopTimeout, restarts, health, port, tags, interfaces, consul'],
  ['the docs\' "tll" typo', [APP({ health: { exec: '/bin/check', interval: 5, tll: 10 } })], {}, 'job[app].health: unknown key "tll"; health has exec, interval, ttl, timeout'],
  ['an unknown when key', [MAIN, APP({ name: 'web', when: { source: 'main', once: 'healthy', after: '1s' } })], { nativeSidecars: true }, 'job[web].when: unknown key "after"; when has source, once, each, interval, timeout'],
  ['an unknown event', [MAIN, APP({ name: 'web', when: { source: 'main', once: 'ready' } })], {}, 'job[web].when.once: "ready" is not allowed; must be one of "startup", "shutdown", "healthy", "unhealthy", "exitSuccess", "exitFailed", "stopping", "stopped", "changed", "enterMaintenance", "exitMaintenance"'],
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
  ['interfaces', [APP({ interfaces: ['eth0'] })], {}, 'job[app].interfaces: cannot be expressed in Kubernetes: a pod has a single IP that Kubernetes assigns, and a Service advertises it; remove interfaces'],
  ['consul settings', [APP({ port: 80, health: HEALTH, consul: { enableTagOverride: true, deregisterCriticalServiceAfter: '10m' } })], {}, 'job[app].consul: cannot be expressed in Kubernetes: enableTagOverride and deregisterCriticalServiceAfter are settings of the Consul catalog, which a Service does not have; remove the consul block'],
  ['a one-shot job nobody waits for', [MAIN, { name: 'warm', exec: '/bin/warm' }], {}, 'job[warm].restarts: the job runs once (restarts: "never", ContainerPilot\'s default) but no job waits for it with once: "exitSuccess"; Kubernetes restarts every container of a Deployment\'s pod, so a one-shot job must become an init container: make the job that needs it wait with when: { source: "warm", once: "exitSuccess" }, or set restarts: "unlimited"'],
  ['exitSuccess of a long-running job', [MAIN, APP({ when: { source: 'main', once: 'exitSuccess' } })], {}, 'job[app].when.source: "main" is not a one-shot job (restarts: "never"), so it does not become an init container and Kubernetes cannot wait for its exit; give it restarts: "never"'],
  ['healthy of a job without health', [MAIN, APP({ when: { source: 'main', once: 'healthy' } })], { nativeSidecars: true }, 'job[app].when.source: "main" has no health check, so it never becomes healthy; add health to it'],
  ['timeout on a long-running job', [APP({ timeout: '1h' })], {}, 'job[app].timeout: cannot be expressed for a long-running container in Kubernetes: only a whole pod has a deadline (activeDeadlineSeconds); remove timeout'],
  ['when.timeout on exitSuccess', [{ name: 'setup', exec: '/bin/s' }, APP({ when: { source: 'setup', once: 'exitSuccess', timeout: '60s' } })], {}, 'job[app].when.timeout: cannot be expressed in Kubernetes here: a pod waits for its init containers without a time limit; it is only allowed with once: "healthy", where it sets the startup probe\'s budget'],
  ['a stopping job whose source has no stopTimeout', [MAIN, { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }], {}, 'job[leave].when.source: "main" has no stopTimeout, so ContainerPilot gives this stopping job no time before it stops "main"; set stopTimeout on "main" to the time this job needs (it becomes the preStop budget)'],
  ['two stopping jobs for one source', [{ ...MAIN, stopTimeout: '5s' }, { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }, { name: 'flush', exec: '/bin/flush', when: { source: 'main', once: 'stopping' } }], {}, 'job[flush].when.source: "main" already has a stopping job ("leave"); a container has one preStop hook, so merge them into one command'],
  ['a stopping job with a timeout', [{ ...MAIN, stopTimeout: '5s' }, { name: 'leave', exec: '/bin/leave', timeout: '3s', when: { source: 'main', once: 'stopping' } }], {}, 'job[leave].timeout: cannot be expressed for a preStop hook in Kubernetes: a hook has no timeout of its own; the pod\'s grace period, set from the source\'s stopTimeout, bounds it; remove timeout'],
  ['health on a periodic job', [MAIN, { name: 'tick', exec: '/bin/t', when: { interval: '1m' }, health: HEALTH }], { detachable: ['tick'] }, 'job[tick].health: cannot be expressed for a CronJob: only a long-running job (restarts: "unlimited") has a container that a readiness probe can check'],
  ['port on a one-shot job', [{ name: 'setup', exec: '/bin/s', port: 80, health: HEALTH }, APP({ when: { source: 'setup', once: 'exitSuccess' } })], {}, 'job[setup].port: cannot be expressed for an init container: only a long-running job (restarts: "unlimited") has a container a Service can send traffic to'],
  ['a periodic job restarting without limit', [MAIN, { name: 'tick', exec: '/bin/t', restarts: 'unlimited', when: { interval: '1m' } }], { detachable: ['tick'] }, 'job[tick].restarts: "unlimited" cannot be expressed for a periodic job in Kubernetes: it would rerun as soon as it exits, which is not periodic; use "never"'],
  ['a loop sidecar with a timeout', [MAIN, { name: 'tick', exec: '/bin/t', timeout: '5s', when: { interval: '10s' } }], { loopSidecars: ['tick'] }, 'job[tick].timeout: cannot be expressed in a loop sidecar: the loop cannot kill a run after a time; remove timeout, or make the job detachable (a CronJob\'s activeDeadlineSeconds)'],
  ['a job without exec', [MAIN, { name: 'ghost', restarts: 'unlimited' }], {}, 'job[ghost].exec: is required: a job without a process has nothing to run in a container'],
  ['a job name Kubernetes cannot use', [APP({ name: 'myApp' })], {}, 'job[myApp].name: "myApp" is not allowed; must be a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters), because it names a Kubernetes container'],
  ['no long-running job', [{ name: 'setup', exec: '/bin/s' }], {}, 'jobs: no job becomes a long-running container (restarts: "unlimited" and not something another job waits for healthy); a Deployment needs at least one'],
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
  const err = synthError(graphOf([APP({ restarts: 3, interfaces: ['eth0'], frequency: 1 })]).chart);
  expect(err).toContain('[test/g] job[app].restarts: 3 cannot be expressed');
  expect(err).toContain('[test/g] job[app].interfaces: cannot be expressed');
  expect(err).toContain('[test/g] job[app]: unknown key "frequency"');
});

test('there are at least 25 bad configurations', () => {
  expect(containerPilotRules.length + refused.length).toBeGreaterThanOrEqual(25);
});
