import { MAIN, graphOf } from './support';
import { ContainerPilotConfig, JobCommand, JobEvent, JobGraph, JobRestarts } from '../../src';
import { kubernetesName } from '../../src/job-graph/names';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const podOf = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template.spec;
const container = (objs: any[], name: string) => podOf(objs).containers.find((c: any) => c.name === name);
const init = (objs: any[], name: string) => (podOf(objs).initContainers ?? []).find((c: any) => c.name === name);

describe('long-running, restarts unlimited -> container', () => {
  test('a job with restarts "unlimited" is a container of a Deployment whose pods restart it always', () => {
    const objs = synth(graphOf([{ name: 'web', exec: '/bin/web --port 80', restarts: 'unlimited' }]).chart);
    const pod = podOf(objs);
    expect(pod.restartPolicy).toBe('Always');
    expect(pod.containers.map((c: any) => c.name)).toEqual(['web']);
    expect(pod.containers[0].command).toEqual(['/bin/web', '--port', '80']);
    expect(pod.initContainers).toBeUndefined();
  });

  test('an array exec is the command as given, not split', () => {
    const objs = synth(graphOf([{ name: 'web', exec: ['/bin/web', '--greeting', 'hello world'], restarts: 'unlimited' }]).chart);
    expect(container(objs, 'web').command).toEqual(['/bin/web', '--greeting', 'hello world']);
  });

  test('the Deployment uses the recommended labels and a selector from name and instance', () => {
    const objs = synth(graphOf([MAIN], { name: 'shop', instance: 'eu' }).chart);
    const d = ofKind(objs, 'Deployment')[0];
    expect(d.metadata.name).toBe('shop');
    expect(d.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'eu' });
    expect(d.spec.template.metadata.labels['app.kubernetes.io/managed-by']).toBe('cdk8s-workloads');
  });

  test('containers get the restricted security defaults and no cdk8s-plus resource or pull-policy defaults', () => {
    const c = container(synth(graphOf([MAIN]).chart), 'main');
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.resources).toBeUndefined();
    expect(c.imagePullPolicy).toBeUndefined();
    expect(c.startupProbe).toBeUndefined();
  });

  test('the Deployment is exposed as a public child', () => {
    const { graph } = graphOf([MAIN]);
    expect(graph.deployment.name).toBe('g');
    expect(graph.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'g', 'app.kubernetes.io/instance': 'g' });
  });
});

describe('one-shot job another job waits on with once: exitSuccess -> init container', () => {
  test('the one-shot job is an init container and the waiting job a container', () => {
    const objs = synth(graphOf([
      { name: 'setup', exec: '/bin/setup' },
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'setup', once: 'exitSuccess' } },
    ]).chart);
    expect(podOf(objs).initContainers.map((c: any) => c.name)).toEqual(['setup']);
    expect(init(objs, 'setup').restartPolicy).toBeUndefined();
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['app']);
  });

  test('init containers follow the dependency order, whatever the declaration order', () => {
    const objs = synth(graphOf([
      { name: 'migrate', exec: '/bin/migrate', when: { source: 'fetch', once: 'exitSuccess' } },
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'migrate', once: 'exitSuccess' } },
      { name: 'fetch', exec: '/bin/fetch', when: { source: 'setup', once: 'exitSuccess' } },
      { name: 'setup', exec: '/bin/setup' },
    ]).chart);
    expect(podOf(objs).initContainers.map((c: any) => c.name)).toEqual(['setup', 'fetch', 'migrate']);
  });
});

describe('once: healthy of a long-running job -> native sidecar (opt-in)', () => {
  const jobs = (whenTimeout?: string) => [
    { name: 'db', exec: '/bin/db', restarts: 'unlimited', health: { exec: '/bin/db-check', interval: 2, ttl: 5, timeout: '1s' } },
    { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'db', once: 'healthy', timeout: whenTimeout } },
  ];

  test('with nativeSidecars the source is an init container with restartPolicy Always and a startup probe', () => {
    const objs = synth(graphOf(jobs(), { nativeSidecars: true }).chart);
    const db = init(objs, 'db');
    expect(db.restartPolicy).toBe('Always');
    expect(db.startupProbe).toEqual({
      exec: { command: ['/bin/db-check'] }, initialDelaySeconds: 0, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 30,
    });
    expect(db.readinessProbe.failureThreshold).toBe(3);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['app']);
  });

  test('the waiting job\'s when.timeout is the startup probe\'s budget', () => {
    const objs = synth(graphOf(jobs('60s'), { nativeSidecars: true }).chart);
    expect(init(objs, 'db').startupProbe.failureThreshold).toBe(30);
    const objs2 = synth(graphOf(jobs('9s'), { nativeSidecars: true }).chart);
    expect(init(objs2, 'db').startupProbe.failureThreshold).toBe(5);
  });

  test('without the opt-in it is an error that says so', () => {
    expect(synthError(graphOf(jobs()).chart)).toContain('[test/g] job[app].when.once: "healthy" needs "db" to run as a native sidecar (an init container with restartPolicy: Always and a startup probe), which is alpha in Kubernetes 1.28 (feature gate SidecarContainers); set nativeSidecars: true to opt in');
  });
});

describe('periodic job -> CronJob when detachable, loop sidecar on opt-in, else an error', () => {
  const backup = (extra: Record<string, unknown> = {}) => [MAIN, { name: 'backup', exec: '/bin/backup --all', when: { interval: '5m' }, ...extra }];

  test('a detachable job is a CronJob with concurrencyPolicy Forbid and the deadline from its timeout', () => {
    const { chart, graph } = graphOf(backup({ timeout: '90s' }), { detachable: ['backup'] });
    const cron = ofKind(synth(chart), 'CronJob')[0];
    expect(cron.metadata.name).toBe('g-backup');
    expect(cron.spec.schedule).toBe('*/5 * * * *');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.startingDeadlineSeconds).toBeUndefined();
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(90);
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(0);
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({ name: 'backup', command: ['/bin/backup', '--all'], image: 'registry.example.com/app:1.0' });
    expect(pod.containers[0].securityContext.runAsNonRoot).toBe(true);
    expect(graph.cronJobs).toHaveLength(1);
  });

  test('without a timeout the deadline is the interval (ContainerPilot\'s default timeout)', () => {
    const cron = ofKind(synth(graphOf(backup(), { detachable: ['backup'] }).chart), 'CronJob')[0];
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(300);
  });

  test('the CronJob\'s pods are not selected by the Deployment', () => {
    const objs = synth(graphOf(backup(), { detachable: ['backup'] }).chart);
    const cronLabels = ofKind(objs, 'CronJob')[0].spec.jobTemplate.spec.template.metadata.labels;
    expect(cronLabels['app.kubernetes.io/name']).toBe('g-backup');
  });

  test.each([
    ['1m', '* * * * *'],
    ['60s', '* * * * *'],
    ['15m', '*/15 * * * *'],
    ['30m', '*/30 * * * *'],
    ['1h', '0 * * * *'],
    ['60m', '0 * * * *'],
    ['6h', '0 */6 * * *'],
    ['24h', '0 0 * * *'],
    ['600', '*/10 * * * *'],
  ])('interval %s is the schedule %s', (interval, schedule) => {
    const objs = synth(graphOf([MAIN, { name: 'backup', exec: '/bin/backup', when: { interval } }], { detachable: ['backup'] }).chart);
    expect(ofKind(objs, 'CronJob')[0].spec.schedule).toBe(schedule);
  });

  test.each(['90s', '7m', '45m', '5h', '48h', '500ms'])('interval %s is not a cron schedule: an error', interval => {
    const err = synthError(graphOf([MAIN, { name: 'backup', exec: '/bin/backup', when: { interval } }], { detachable: ['backup'] }).chart);
    expect(err).toContain(`[test/g] job[backup].when.interval: ${JSON.stringify(interval)} is not allowed; cannot be a CronJob schedule: cron fires on whole minutes that divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), whole hours that divide a day (1, 2, 3, 4, 6, 8, 12) or once a day (24h). Choose such an interval, or run the job in the pod with loopSidecars`);
  });

  const RUN = (timeout: string) => `"$@" & p=$!; (sleep ${timeout}; kill -9 $p) 2>/dev/null & k=$!; wait $p; kill $k 2>/dev/null`;

  test('a loop sidecar runs the command, killed after the interval (ContainerPilot\'s default timeout), then sleeps the interval', () => {
    const objs = synth(graphOf([MAIN, { name: 'flush', exec: '/bin/flush --now', when: { interval: '1500ms' } }], { loopSidecars: ['flush'] }).chart);
    expect(container(objs, 'flush').command).toEqual(['/bin/sh', '-c', `while true; do ${RUN('1.5')}; sleep 1.5; done`, 'flush', '/bin/flush', '--now']);
    expect(ofKind(objs, 'CronJob')).toEqual([]);
  });

  test('a loop sidecar kills a run after the job\'s timeout', () => {
    const objs = synth(graphOf([MAIN, { name: 'flush', exec: '/bin/flush', timeout: '5s', when: { interval: '10s' } }], { loopSidecars: ['flush'] }).chart);
    expect(container(objs, 'flush').command[2]).toBe(`while true; do ${RUN('5')}; sleep 10; done`);
  });

  test('restarts "never" runs a periodic job once, restarts: n runs it n + 1 times; then the loop idles', () => {
    const loop = (restarts: unknown) => container(synth(graphOf([MAIN, { name: 'warm', exec: '/bin/warm', restarts, when: { interval: '30s' } }], { loopSidecars: ['warm'] }).chart), 'warm').command[2];
    expect(loop('never')).toBe(`n=0; while [ $n -lt 1 ]; do ${RUN('30')}; n=$((n+1)); sleep 30; done; while true; do sleep 3600; done`);
    expect(loop(3)).toBe(`n=0; while [ $n -lt 4 ]; do ${RUN('30')}; n=$((n+1)); sleep 30; done; while true; do sleep 3600; done`);
    expect(loop('5')).toContain('while [ $n -lt 6 ]');
  });

  test('a periodic job without restarts runs forever (ContainerPilot\'s default for it is "unlimited"), as does "unlimited"', () => {
    for (const extra of [{}, { restarts: 'unlimited' }]) {
      const objs = synth(graphOf([MAIN, { name: 'backup', exec: '/bin/backup', when: { interval: '5m' }, ...extra }], { detachable: ['backup'] }).chart);
      expect(ofKind(objs, 'CronJob')[0].spec.schedule).toBe('*/5 * * * *');
    }
  });

  test('a one-shot job nothing waits for, in loopSidecars, runs once beside the others and the container idles', () => {
    const objs = synth(graphOf([MAIN, { name: 'greet', exec: 'echo hello' }, { name: 'slow', exec: '/bin/slow', timeout: '2s' }], { loopSidecars: ['greet', 'slow'] }).chart);
    expect(container(objs, 'greet').command).toEqual(['/bin/sh', '-c', '"$@"; while true; do sleep 3600; done', 'greet', 'echo', 'hello']);
    expect(container(objs, 'slow').command[2]).toBe(`${RUN('2')}; while true; do sleep 3600; done`);
  });

  test('a periodic job with restarts "never" that another job waits for is an init container (it runs once, at startup)', () => {
    const objs = synth(graphOf([
      { name: 'warm', exec: '/bin/warm', restarts: 'never', when: { interval: '1m' } },
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'warm', once: 'exitSuccess' } },
    ]).chart);
    expect(podOf(objs).initContainers.map((c: any) => [c.name, c.command])).toEqual([['warm', ['/bin/warm']]]);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['app']);
  });

  test('a periodic job alone in the pod, as a loop sidecar, is the pod\'s container', () => {
    const objs = synth(graphOf([{ name: 'sensor', exec: '/bin/sensor', when: { interval: 1 } }], { loopSidecars: ['sensor'] }).chart);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['sensor']);
  });

  test('a periodic job with neither is an error', () => {
    expect(synthError(graphOf(backup()).chart)).toContain('[test/g] job[backup].when.interval: a periodic job needs a place to run in Kubernetes: list it in `detachable` to run it as a CronJob in a pod of its own (when it needs nothing from this pod), or opt in to a loop container in this pod with `loopSidecars`');
  });
});

describe('health -> readiness probe', () => {
  test('period = interval, timeout, failureThreshold = ceil(ttl / interval), and never a liveness probe', () => {
    const objs = synth(graphOf([{ name: 'web', exec: '/bin/web', restarts: 'unlimited', health: { exec: 'curl -f http://localhost/', interval: 5, ttl: 12, timeout: '3s' } }]).chart);
    const c = container(objs, 'web');
    expect(c.readinessProbe).toEqual({
      exec: { command: ['curl', '-f', 'http://localhost/'] }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 3,
    });
    expect(c.livenessProbe).toBeUndefined();
    expect(c.startupProbe).toBeUndefined();
  });

  test('a health timeout under a second rounds up to Kubernetes\' minimum of 1', () => {
    const objs = synth(graphOf([{ name: 'web', exec: '/bin/web', restarts: 'unlimited', health: { exec: '/bin/check', interval: 10, ttl: 10, timeout: '250ms' } }]).chart);
    expect(container(objs, 'web').readinessProbe).toMatchObject({ timeoutSeconds: 1, failureThreshold: 1 });
  });

  test('without a health timeout the check may take the whole interval', () => {
    const objs = synth(graphOf([{ name: 'web', exec: '/bin/web', restarts: 'unlimited', health: { exec: '/bin/check', interval: 7, ttl: 20 } }]).chart);
    expect(container(objs, 'web').readinessProbe).toMatchObject({ timeoutSeconds: 7, failureThreshold: 3 });
  });
});

describe('stopping job and stopTimeout -> preStop hook and grace period', () => {
  test('the stopping job is the source container\'s preStop hook; the grace period is its stopTimeout plus the top-level stopTimeout (5 s by default)', () => {
    const objs = synth(graphOf([
      { name: 'consul-agent', exec: 'consul agent -dev', restarts: 'unlimited', stopTimeout: '12s' },
      { name: 'leave-consul', exec: 'consul leave', when: { source: 'consul-agent', once: 'stopping' } },
    ]).chart);
    expect(container(objs, 'consul-agent').lifecycle).toEqual({ preStop: { exec: { command: ['consul', 'leave'] } } });
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['consul-agent']);
    expect(podOf(objs).terminationGracePeriodSeconds).toBe(17);
  });

  test('without a stopTimeout on the source the hook gets Kubernetes\' 30 s (ContainerPilot would wait without a limit)', () => {
    const objs = synth(graphOf([MAIN, { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }]).chart);
    expect(container(objs, 'main').lifecycle.preStop.exec.command).toEqual(['/bin/leave']);
    expect(podOf(objs).terminationGracePeriodSeconds).toBe(35);
  });

  test('the top-level stopTimeout is the time between SIGTERM and SIGKILL', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJson5(JSON.stringify({ stopTimeout: 20, jobs: [MAIN, { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }] })),
    });
    expect(podOf(synth(chart)).terminationGracePeriodSeconds).toBe(50);
    const typed = newChart();
    new JobGraph(typed, 'g', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([{ name: 'main', exec: JobCommand.fromString('/bin/main'), restarts: JobRestarts.unlimited() }], { stopTimeout: 12 }),
    });
    expect(podOf(synth(typed)).terminationGracePeriodSeconds).toBe(12);
  });

  test('a stopTimeout without a stopping job changes nothing, as in ContainerPilot; the default is ContainerPilot\'s 5 s', () => {
    const objs = synth(graphOf([
      { name: 'alpha', exec: '/bin/a', restarts: 'unlimited', stopTimeout: '1m' },
      { name: 'beta', exec: '/bin/b', restarts: 'unlimited', stopTimeout: '2500ms' },
    ]).chart);
    expect(podOf(objs).terminationGracePeriodSeconds).toBe(5);
    expect(podOf(synth(graphOf([MAIN]).chart)).terminationGracePeriodSeconds).toBe(5);
  });

  test('the longest hook budget of several containers sets the grace period, rounded up to whole seconds', () => {
    const objs = synth(graphOf([
      { name: 'alpha', exec: '/bin/a', restarts: 'unlimited', stopTimeout: '1m' },
      { name: 'beta', exec: '/bin/b', restarts: 'unlimited', stopTimeout: '2500ms' },
      { name: 'alpha-stop', exec: '/bin/as', when: { source: 'alpha', once: 'stopping' } },
      { name: 'beta-stop', exec: '/bin/bs', when: { source: 'beta', once: 'stopping' } },
    ]).chart);
    expect(podOf(objs).terminationGracePeriodSeconds).toBe(65);
  });
});

describe('job names -> Kubernetes names', () => {
  test.each([
    ['preStart', 'pre-start'],
    ['consul_acl_config', 'consul-acl-config'],
    ['onChange-upstreamA', 'on-change-upstream-a'],
    ['HTTPServer', 'http-server'],
    ['serviceB', 'service-b'],
    ['app.v2', 'app-v2'],
    ['consul-agent', 'consul-agent'],
  ])('%s becomes %s', (job, name) => {
    expect(kubernetesName(job)).toBe(name);
  });

  test('containers, init containers and Services carry the mapped names; the preStop job needs no name', () => {
    const objs = synth(graphOf([
      { name: 'preStart', exec: '/bin/setup' },
      { name: 'serviceA', exec: '/bin/a', port: 8080, when: { source: 'preStart', once: 'exitSuccess' }, health: { exec: '/bin/check', interval: 5, ttl: 10 } },
      { name: 'consul_agent', exec: 'consul agent', restarts: 'unlimited' },
      { name: 'preStop', exec: '/bin/leave', when: { source: 'serviceA', once: 'stopping' } },
    ]).chart);
    expect(podOf(objs).initContainers.map((c: any) => c.name)).toEqual(['pre-start']);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['service-a', 'consul-agent']);
    expect(container(objs, 'service-a').lifecycle.preStop.exec.command).toEqual(['/bin/leave']);
    expect(ofKind(objs, 'Service').map(s => s.metadata.name)).toEqual(['service-a']);
  });

  test('a CronJob is named <name>-<mapped job name>', () => {
    const objs = synth(graphOf([MAIN, { name: 'nightlyBackup', exec: '/bin/b', when: { interval: '24h' } }], { detachable: ['nightlyBackup'] }).chart);
    expect(ofKind(objs, 'CronJob')[0].metadata.name).toBe('g-nightly-backup');
  });
});

describe('what ContainerPilot accepts and Kubernetes can express', () => {
  const health = { exec: '/bin/check', interval: 5, ttl: 10 };

  test('a service job with the default restarts ("never") is a container (Kubernetes restarts it when it exits)', () => {
    const objs = synth(graphOf([{ name: 'app', exec: '/bin/app', port: 8000, health }]).chart);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['app']);
    expect(ofKind(objs, 'Service')[0].metadata.name).toBe('app');
  });

  test('a job with the default restarts that a stopping job follows is a container with that preStop hook (the docs\' consul-agent / leave-consul)', () => {
    const objs = synth(graphOf([
      { name: 'consul-agent', exec: 'consul agent', stopTimeout: '5s' },
      { name: 'leave-consul', exec: 'consul leave', when: { source: 'consul-agent', once: 'stopping' } },
    ]).chart);
    expect(container(objs, 'consul-agent').lifecycle.preStop.exec.command).toEqual(['consul', 'leave']);
    expect(podOf(objs).terminationGracePeriodSeconds).toBe(10);
  });

  test('a job with a port and a health check but no exec advertises a Service; its check runs in a container of the pod', () => {
    const { chart, graph } = graphOf([MAIN, { name: 'admin', port: 9000, health: { exec: '/bin/admin-check', interval: 3, ttl: 9 }, tags: ['admin'] }]);
    const objs = synth(chart);
    const svc = ofKind(objs, 'Service')[0];
    expect(svc.metadata.name).toBe('admin');
    expect(svc.metadata.annotations).toEqual({ 'consul.hashicorp.com/service-tags': 'admin' });
    expect(svc.spec.ports).toEqual([{ port: 9000, targetPort: 9000, protocol: 'TCP' }]);
    expect(container(objs, 'main').readinessProbe.exec.command).toEqual(['/bin/admin-check']);
    expect(container(objs, 'main').ports).toEqual([{ containerPort: 9000 }]);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['main']);
    expect(graph.services.map(s => s.name)).toEqual(['admin']);
  });

  test('logging on a job and on its health check, tags without a port, and interfaces naming the pod\'s IP are accepted', () => {
    const objs = synth(graphOf([
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', logging: { raw: true }, tags: ['x'], port: 80, interfaces: ['eth0', 'static:10.0.0.1'], health: { ...health, logging: { raw: false } } },
      { name: 'worker', exec: '/bin/worker', restarts: 'unlimited', tags: ['not-advertised'] },
    ]).chart);
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['app', 'worker']);
    expect(ofKind(objs, 'Service').map(s => s.metadata.name)).toEqual(['app']);
  });

  test('a health check without exec (ContainerPilot then reports the service passing) is no probe', () => {
    const objs = synth(graphOf([{ name: 'app', exec: '/bin/app', port: 80, health: { interval: 5, ttl: 10 } }]).chart);
    expect(container(objs, 'app').readinessProbe).toBeUndefined();
  });

  test('keys differing only in case are read as ContainerPilot\'s decoder reads them; numbers in exec lists are strings', () => {
    const objs = synth(graphOf([{ Name: 'app', Exec: ['sleep', 30], Restarts: 'unlimited' }]).chart);
    expect(container(objs, 'app').command).toEqual(['sleep', '30']);
  });

  test('health interval and ttl are cut to whole seconds, as ContainerPilot decodes them', () => {
    const objs = synth(graphOf([{ name: 'app', exec: '/bin/app', restarts: 'unlimited', health: { exec: '/bin/check', interval: 2.5, ttl: '10' } }]).chart);
    expect(container(objs, 'app').readinessProbe).toMatchObject({ periodSeconds: 2, failureThreshold: 5 });
  });

  test('a job others wait for healthy with the default restarts and a health check is a native sidecar', () => {
    const objs = synth(graphOf([
      { name: 'testpid', exec: 'sleep 30', port: 8000, health: { exec: 'true', interval: 1, ttl: 5 } },
      { name: 'testenvvar', exec: 'env', port: 8500, health: { exec: 'true', interval: 10, ttl: 25 }, when: { source: 'testpid', once: 'healthy' } },
    ], { nativeSidecars: true }).chart);
    expect(init(objs, 'testpid').restartPolicy).toBe('Always');
    expect(podOf(objs).containers.map((c: any) => c.name)).toEqual(['testenvvar']);
  });
});

describe('port and tags -> Service', () => {
  test('an advertised job gets a Service named after it, selecting the pods, with the tags as an annotation', () => {
    const { chart, graph } = graphOf([{ name: 'web', exec: '/bin/web', restarts: 'unlimited', port: 8080, tags: ['web', 'prod'], health: { exec: '/bin/check', interval: 5, ttl: 10 } }]);
    const objs = synth(chart);
    const svc = ofKind(objs, 'Service')[0];
    expect(svc.metadata.name).toBe('web');
    expect(svc.metadata.annotations).toEqual({ 'consul.hashicorp.com/service-tags': 'web,prod' });
    expect(svc.spec.ports).toEqual([{ port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(svc.spec.selector).toEqual(graph.selectorLabels);
    expect(container(objs, 'web').ports).toEqual([{ containerPort: 8080 }]);
    expect(graph.services).toHaveLength(1);
    expect(graph.ports).toEqual([{ containerPort: 8080 }]);
  });

  test('a job without port gets no Service', () => {
    expect(ofKind(synth(graphOf([MAIN]).chart), 'Service')).toEqual([]);
  });
});

describe('shared files between jobs -> an emptyDir the user names', () => {
  test('every container of the pod mounts the shared directory', () => {
    const objs = synth(graphOf([
      { name: 'setup', exec: '/bin/setup' },
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'setup', once: 'exitSuccess' } },
    ], { sharedDirectories: [{ name: 'work', mountPath: '/work' }] }).chart);
    expect(podOf(objs).volumes).toEqual([{ name: 'work', emptyDir: {} }]);
    for (const c of [init(objs, 'setup'), container(objs, 'app')]) expect(c.volumeMounts).toEqual([{ name: 'work', mountPath: '/work' }]);
  });
});

describe('the typed API', () => {
  test('typed jobs give the same objects as the same jobs in JSON5', () => {
    const typed = newChart();
    new JobGraph(typed, 'g', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([
        { name: 'setup', exec: JobCommand.fromArgs(['/bin/setup', '--fast']) },
        {
          name: 'app',
          exec: JobCommand.fromString('/bin/app -v'),
          restarts: JobRestarts.unlimited(),
          when: { source: 'setup', once: JobEvent.EXIT_SUCCESS },
          health: { exec: JobCommand.fromString('/bin/check'), interval: 3, ttl: 9 },
        },
      ]),
    });
    const file = graphOf([
      { name: 'setup', exec: ['/bin/setup', '--fast'] },
      { name: 'app', exec: '/bin/app -v', restarts: 'unlimited', when: { source: 'setup', once: 'exitSuccess' }, health: { exec: '/bin/check', interval: 3, ttl: 9 } },
    ]).chart;
    expect(synth(typed)).toEqual(synth(file));
  });

  test('JobRestarts.times(n) is refused like restarts: n', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', {
      image: 'registry.example.com/app:1.0',
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: JobCommand.fromString('/bin/app'), restarts: JobRestarts.times(3) }]),
    });
    expect(synthError(chart)).toContain('[test/g] job[app].restarts: 3 cannot be expressed in Kubernetes: a pod restarts a container always or never, not a number of times; use "unlimited" or "never"');
  });
});
