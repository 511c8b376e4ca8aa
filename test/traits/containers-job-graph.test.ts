// JobGraph per-job container settings (issue 15, point 6), and job names that would
// break a message (a newline, a quote, a bracket).
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { EnvSource, JobGraphProps, VolumeSource } from '../../src';
import { graphOf } from '../job-graph/support';
import { ofKind, synth, synthError } from '../support/synth';

const HEALTH = { exec: 'consul info', interval: 5, ttl: 10 };
/** The ContainerPilot docs' consul agent, its leave hook, and an app that waits for it. */
const CONSUL_JOBS = [
  { name: 'consul', exec: 'consul agent -data-dir=/data -config-dir=/config', restarts: 'unlimited', health: HEALTH, stopTimeout: '5s' },
  { name: 'leave', exec: 'consul leave', when: { source: 'consul', once: 'stopping' } },
  { name: 'setup', exec: '/bin/setup' },
  { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'setup', once: 'exitSuccess' } },
  { name: 'tick', exec: '/bin/tick', when: { interval: '10s' } },
  { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
];
const OPTIONS: Partial<JobGraphProps> = { loopSidecars: ['tick'], detachable: ['backup'] };

function objects(props: Partial<JobGraphProps>, jobs: unknown = CONSUL_JOBS) {
  const { chart, graph } = graphOf(jobs, { ...OPTIONS, ...props });
  const objs = synth(chart);
  const pod = ofKind(objs, 'Deployment')[0].spec.template.spec;
  const container = (name: string) => [...pod.containers, ...pod.initContainers ?? []].find((c: any) => c.name === name);
  const cron = ofKind(objs, 'CronJob')[0]?.spec.jobTemplate.spec.template.spec;
  return { objs, pod, container, cron, graph };
}

describe('JobGraph: per-job container settings', () => {
  test('the consul agent gets a writable /data and resources of its own; the other jobs do not', () => {
    const { container, pod } = objects({
      jobContainers: { consul: { writablePaths: ['/data'], requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } },
    });
    expect(container('consul')).toMatchObject({
      volumeMounts: [{ name: 'consul-rw-data', mountPath: '/data' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      securityContext: { readOnlyRootFilesystem: true },
    });
    expect(pod.volumes).toContainEqual({ name: 'consul-rw-data', emptyDir: {} });
    expect(container('app').volumeMounts).toBeUndefined();
    expect(container('app').resources).toBeUndefined();
  });

  test('an image, pull policy and env of its own for an init container, a loop sidecar and a CronJob', () => {
    const { container, cron } = objects({
      env: [{ name: 'REGION', value: 'eu' }],
      jobContainers: {
        setup: { image: 'registry.example.com/setup:2.0', imagePullPolicy: ImagePullPolicy.ALWAYS, env: [{ name: 'MODE', value: 'init' }] },
        tick: { image: 'busybox:1.36', env: [{ name: 'TOKEN', valueFrom: EnvSource.secretKey('tick', 'token') }] },
        backup: { image: 'registry.example.com/backup:3.1', requests: { cpu: '500m' }, volumes: [{ name: 'dumps', mountPath: '/dumps', source: VolumeSource.persistentVolumeClaim('dumps') }] },
      },
    });
    expect(container('setup')).toMatchObject({ image: 'registry.example.com/setup:2.0', imagePullPolicy: 'Always', env: [{ name: 'REGION', value: 'eu' }, { name: 'MODE', value: 'init' }] });
    expect(container('tick')).toMatchObject({ image: 'busybox:1.36', env: [{ name: 'REGION', value: 'eu' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'tick', key: 'token' } } }] });
    expect(container('app').image).toBe('registry.example.com/app:1.0');
    expect(container('app').env).toEqual([{ name: 'REGION', value: 'eu' }]);
    expect(cron.containers[0]).toMatchObject({
      image: 'registry.example.com/backup:3.1',
      resources: { requests: { cpu: '500m' } },
      volumeMounts: [{ name: 'dumps', mountPath: '/dumps' }],
    });
    expect(cron.volumes).toEqual([{ name: 'dumps', persistentVolumeClaim: { claimName: 'dumps' } }]);
  });

  test('a native sidecar takes its settings too', () => {
    const jobs = [
      { name: 'consul', exec: 'consul agent -data-dir=/data', restarts: 'unlimited', health: HEALTH },
      { name: 'app', exec: '/bin/app', restarts: 'unlimited', when: { source: 'consul', once: 'healthy' } },
    ];
    const { container } = objects({ nativeSidecars: true, loopSidecars: [], detachable: [], jobContainers: { consul: { image: 'hashicorp/consul:1.18', writablePaths: ['/data'] } } }, jobs);
    expect(container('consul')).toMatchObject({ image: 'hashicorp/consul:1.18', restartPolicy: 'Always', volumeMounts: [{ mountPath: '/data' }] });
  });

  test('the shared and the job\'s writable paths and volumes are mounted together', () => {
    const { container } = objects({
      writablePaths: ['/tmp'],
      sharedDirectories: [{ name: 'shared', mountPath: '/shared' }],
      jobContainers: { consul: { writablePaths: ['/data'] } },
    });
    expect(container('consul').volumeMounts.map((m: any) => m.mountPath)).toEqual(['/shared', '/tmp', '/data']);
  });
});

describe('JobGraph per-job settings: bad input', () => {
  test.each<[string, Partial<JobGraphProps>, string]>([
    ['a job name that is no job', { jobContainers: { consol: { writablePaths: ['/data'] } } },
      'jobContainers["consol"]: is not a job of this configuration (the jobs are "consul", "leave", "setup", "app", "tick", "backup")'],
    ['settings for a stopping job', { jobContainers: { leave: { image: 'hashicorp/consul:1.18' } } },
      'jobContainers["leave"]: is a stopping job: it runs as the preStop hook of job[consul]\'s container and has no container of its own; give the settings to "consul"'],
    ['a variable every job has already', { env: [{ name: 'REGION', value: 'eu' }], jobContainers: { app: { env: [{ name: 'REGION', value: 'us' }] } } },
      'jobContainers["app"].env[0].name: "REGION" is not allowed; is also in `env` (every job\'s); a variable may appear once in a container: remove it from one of them'],
    ['a writable path every job has already', { writablePaths: ['/tmp'], jobContainers: { consul: { writablePaths: ['/data', '/tmp'] } } },
      'jobContainers["consul"].writablePaths[1]: "/tmp" is not allowed; is also in `writablePaths` (every job\'s): remove it from one of them'],
    ['a bad image for one job', { jobContainers: { app: { image: 'App:Latest' } } },
      'job[app].image: "App:Latest" is not allowed; must be an image reference such as "busybox"'],
    ['a bad request for one job', { jobContainers: { consul: { requests: { memory: 'lots' } } } },
      'job[consul].requests.memory: "lots" is not allowed; must be a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"'],
    ['a limit below the request for one job', { jobContainers: { backup: { requests: { cpu: '1' }, limits: { cpu: '500m' } } } },
      'job[backup].limits.cpu: "500m" is not allowed; must be at least the request ("1"): Kubernetes rejects a limit below its request. Raise the limit or lower the request'],
    ['settings that are not a map', { jobContainers: [] as any },
      'jobContainers: [] is not allowed; must be a map from a job\'s name to the settings of its container'],
    ['settings that are not an object', { jobContainers: { app: 'big' as any } },
      'jobContainers["app"]: "big" is not allowed; must be the settings of the job\'s container ({ image, requests, limits, env, writablePaths ... })'],
  ])('%s', (_name, props, message) => {
    const { chart } = graphOf(CONSUL_JOBS, { ...OPTIONS, ...props });
    expect(synthError(chart)).toContain(`[test/g] ${message}`);
  });

  test('settings for a Service without exec', () => {
    const jobs = [
      { name: 'main', exec: '/bin/main', restarts: 'unlimited' },
      { name: 'web', port: 8080, health: { exec: '/bin/check', interval: 5, ttl: 10 } },
    ];
    const { chart } = graphOf(jobs, { jobContainers: { web: { image: 'nginx:1.27' } } });
    expect(synthError(chart)).toContain('[test/g] jobContainers["web"]: advertises a Service without exec: it has no container of its own (its health check runs in another job\'s container); give the settings to that job');
  });
});

describe('JobGraph: a job name that would break a message is quoted', () => {
  /** The lines of the synth error that name the graph. */
  const errorLines = (jobs: unknown, props: Partial<JobGraphProps> = {}) => {
    const { chart } = graphOf(jobs, props);
    return synthError(chart).split('\n').slice(1);
  };

  test('a newline in a job name stays inside its one line', () => {
    const lines = errorLines([{ name: 'a\nb', exec: '/bin/a', restarts: 'unlimited', port: 80, health: { exec: '/bin/c', interval: 5, ttl: 10 } }]);
    expect(lines.every(l => l.startsWith('  [test/g] '))).toBe(true);
    expect(lines).toContain('  [test/g] job["a\\nb"].name: "a\\nb" is not allowed; must match ^[a-z][a-zA-Z0-9\\-]+$ (ContainerPilot\'s rule for a job with a port: a lower-case letter, then letters, digits and "-")');
  });

  test('a bracket, a space or a quote in a job name is quoted in the field and in a cycle', () => {
    const lines = errorLines([
      { name: 'main', exec: '/bin/main', restarts: 'unlimited' },
      { name: 'x]y', exec: '/bin/x', when: { source: 'one two', once: 'exitSuccess' } },
      { name: 'one two', exec: '/bin/y', when: { source: 'x]y', once: 'exitSuccess' } },
      { name: 'z"', exec: '/bin/z', restarts: 'always' },
    ]);
    expect(lines).toContain('  [test/g] jobs: dependency cycle: "x]y" -> "one two" -> "x]y" (each job waits for an event of the next); break the cycle');
    expect(lines).toContain('  [test/g] job["z\\""].restarts: "always" is not allowed; must be "unlimited", "never" or an integer >= 0');
  });

  test('a plain job name stays bare', () => {
    const lines = errorLines([{ name: 'my_app.v2', exec: '/bin/a', restarts: 'unlimited', port: 80, health: { exec: '/bin/c', interval: 5, ttl: 10 } }]);
    expect(lines[0]).toMatch(/^ {2}\[test\/g\] job\[my_app\.v2\]\.name: "my_app\.v2" is not allowed/);
  });
});
