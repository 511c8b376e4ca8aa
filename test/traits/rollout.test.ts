// The rollout settings of every workload (Worker, WebApp, JobGraph): the strategy,
// minReadySeconds, progressDeadlineSeconds, revisionHistoryLimit, the grace period and a
// preStop delay.
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DeploymentStrategy, PercentOrAbsolute } from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, JobGraph, JobGraphProps, LifecycleHook, WebApp, WebAppProps, Worker, WorkerProps,
} from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const worker = (chart: Chart, props: Partial<WorkerProps> = {}) => new Worker(chart, 'w', { image: 'busybox:1.36', ...props });
const web: WebAppProps = {
  containers: [
    { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }] },
    { name: 'proxy', image: 'envoyproxy/envoy:v1.30' },
  ],
};
/** A JobGraph whose main job has a stopping job (a preStop hook) when asked. */
const jobs = (o: { stopping?: boolean; stopTimeout?: number } = {}, props: Partial<JobGraphProps> = {}): JobGraphProps => ({
  image: 'registry.example.com/app:1.0',
  config: ContainerPilotConfig.fromJson5(JSON.stringify({
    stopTimeout: o.stopTimeout,
    jobs: [
      { name: 'main', exec: '/bin/main', restarts: 'unlimited', stopTimeout: '12s' },
      ...(o.stopping ? [{ name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } }] : []),
    ],
  })),
  ...props,
});
const deploymentOf = (chart: Chart) => ofKind(synth(chart), 'Deployment')[0];
const podOf = (chart: Chart) => deploymentOf(chart).spec.template.spec;

describe('Deployment settings', () => {
  test('Kubernetes\' defaults: minReadySeconds 0, progressDeadlineSeconds 600, no revisionHistoryLimit, grace 30, a 25%/25% rolling update', () => {
    const chart = newChart();
    worker(chart);
    const d = deploymentOf(chart);
    expect(d.spec).toMatchObject({ minReadySeconds: 0, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(d.spec.revisionHistoryLimit).toBeUndefined();
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    expect(d.spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });

  test('minReadySeconds, progressDeadlineSeconds and revisionHistoryLimit as given; the child reports them', () => {
    const chart = newChart();
    const w = worker(chart, { rollout: { minReadySeconds: 10, progressDeadlineSeconds: 120, revisionHistoryLimit: 3 } });
    expect(deploymentOf(chart).spec).toMatchObject({ minReadySeconds: 10, progressDeadlineSeconds: 120, revisionHistoryLimit: 3 });
    expect(w.deployment.minReady.toSeconds()).toBe(10);
    expect(w.deployment.progressDeadline.toSeconds()).toBe(120);
  });

  test('revisionHistoryLimit 0 is written (no rollback history)', () => {
    const chart = newChart();
    worker(chart, { rollout: { revisionHistoryLimit: 0 } });
    expect(deploymentOf(chart).spec.revisionHistoryLimit).toBe(0);
  });

  test.each([
    ['Recreate', DeploymentStrategy.recreate(), { type: 'Recreate' }],
    ['surge 1, unavailable 0', DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.absolute(1), maxUnavailable: PercentOrAbsolute.percent(0) }),
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } }],
    ['surge 0, unavailable 1', DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.absolute(0), maxUnavailable: PercentOrAbsolute.absolute(1) }),
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }],
    ['surge 200%', DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(200) }),
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '200%', maxUnavailable: '25%' } }],
  ])('strategy %s', (_, strategy, expected) => {
    const chart = newChart();
    new WebApp(chart, 'web', { ...web, strategy });
    expect(deploymentOf(chart).spec.strategy).toEqual(expected);
  });

  test('cdk8s-plus refuses maxSurge and maxUnavailable both zero when the strategy is made (the API server refuses it too)', () => {
    expect(() => DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(0), maxUnavailable: PercentOrAbsolute.absolute(0) }))
      .toThrow("'maxSurge' and 'maxUnavailable' cannot be both zero");
  });
});

describe('preStop delay and grace period', () => {
  test('each app container sleeps before SIGTERM; the grace period is the delay plus Kubernetes\' 30 s', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      ...web,
      initContainers: [
        { name: 'migrate', image: 'registry.example.com/migrate:1' },
        { name: 'mesh', image: 'registry.example.com/mesh:1', sidecar: true },
      ],
      rollout: { preStopDelaySeconds: 5 },
    });
    const pod = podOf(chart);
    expect(pod.containers.map((c: any) => [c.name, c.lifecycle])).toEqual([
      ['web', { preStop: { exec: { command: ['sleep', '5'] } } }],
      ['proxy', { preStop: { exec: { command: ['sleep', '5'] } } }],
    ]);
    expect(pod.initContainers.map((c: any) => c.lifecycle)).toEqual([undefined, undefined]);
    expect(pod.terminationGracePeriodSeconds).toBe(35);
  });

  test('a postStart hook stays beside the delay', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      containers: [{ ...web.containers[0], lifecycle: { postStart: LifecycleHook.fromCommand(['/bin/warm']) } }],
      rollout: { preStopDelaySeconds: 3 },
    });
    expect(podOf(chart).containers[0].lifecycle).toEqual({
      postStart: { exec: { command: ['/bin/warm'] } },
      preStop: { exec: { command: ['sleep', '3'] } },
    });
  });

  test('a container added later through deployment.addContainer gets the delay too', () => {
    const chart = newChart();
    const w = worker(chart, { rollout: { preStopDelaySeconds: 4 } });
    w.deployment.addContainer({ name: 'shipper', image: 'registry.example.com/shipper:1', securityContext: { user: 25000, group: 26000 } });
    expect(podOf(chart).containers.map((c: any) => c.lifecycle?.preStop?.exec?.command)).toEqual([['sleep', '4'], ['sleep', '4']]);
  });

  test('an explicit grace period above the delay is kept', () => {
    const chart = newChart();
    worker(chart, { rollout: { preStopDelaySeconds: 10, terminationGracePeriodSeconds: 60 } });
    expect(podOf(chart).terminationGracePeriodSeconds).toBe(60);
  });

  test('a grace period without a delay, 0 included', () => {
    const chart = newChart();
    worker(chart, { rollout: { terminationGracePeriodSeconds: 0 } });
    expect(podOf(chart).terminationGracePeriodSeconds).toBe(0);
  });

  test('JobGraph: the grace period defaults to ContainerPilot\'s stop budget, plus the delay when one is set', () => {
    const budget = newChart();
    new JobGraph(budget, 'g', jobs({ stopping: true, stopTimeout: 20 }));
    expect(podOf(budget).terminationGracePeriodSeconds).toBe(32);
    const delayed = newChart();
    new JobGraph(delayed, 'g', jobs({ stopTimeout: 20 }, { rollout: { preStopDelaySeconds: 5 } }));
    expect(podOf(delayed).terminationGracePeriodSeconds).toBe(25);
    expect(podOf(delayed).containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
  });

  test('JobGraph: a grace period at or above the stop budget is kept', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', jobs({ stopping: true }, { rollout: { terminationGracePeriodSeconds: 120 } }));
    expect(podOf(chart).terminationGracePeriodSeconds).toBe(120);
  });
});

describe('bad rollout settings fail synth with their message', () => {
  const conflict = (name: string, delay: number) => `rollout.preStopDelaySeconds: ${delay} is not allowed; container "${name}" already has a preStop hook, which the delay's \`sleep\` would replace. `
    + `Remove the delay or that hook, or begin the hook with the delay yourself (e.g. ["sh", "-c", "sleep ${delay}; exec /drain"])`;
  const cases: [string, (chart: Chart) => void, string][] = [
    ['minReadySeconds negative', c => worker(c, { rollout: { minReadySeconds: -1 } }),
      '[test/w] rollout.minReadySeconds: -1 is not allowed; must be an integer >= 0'],
    ['progressDeadlineSeconds 0', c => worker(c, { rollout: { progressDeadlineSeconds: 0 } }),
      '[test/w] rollout.progressDeadlineSeconds: 0 is not allowed; must be an integer >= 1'],
    ['progressDeadlineSeconds equal to minReadySeconds', c => worker(c, { rollout: { minReadySeconds: 30, progressDeadlineSeconds: 30 } }),
      '[test/w] rollout.progressDeadlineSeconds: 30 is not allowed; must be greater than minReadySeconds (30), as the API server requires: a pod counts as available only after minReadySeconds, so the rollout could never make progress in time'],
    ['minReadySeconds at the default deadline', c => worker(c, { rollout: { minReadySeconds: 600 } }),
      '[test/w] rollout.progressDeadlineSeconds: is 600 when unset, which must be greater than minReadySeconds (600), as the API server requires: a pod counts as available only after minReadySeconds, so the rollout could never make progress in time. Set progressDeadlineSeconds above 600'],
    ['revisionHistoryLimit negative', c => worker(c, { rollout: { revisionHistoryLimit: -1 } }),
      '[test/w] rollout.revisionHistoryLimit: -1 is not allowed; must be an integer >= 0'],
    ['revisionHistoryLimit fractional', c => worker(c, { rollout: { revisionHistoryLimit: 2.5 } }),
      '[test/w] rollout.revisionHistoryLimit: 2.5 is not allowed; must be an integer >= 0'],
    ['terminationGracePeriodSeconds negative', c => worker(c, { rollout: { terminationGracePeriodSeconds: -5 } }),
      '[test/w] rollout.terminationGracePeriodSeconds: -5 is not allowed; must be an integer >= 0'],
    ['preStopDelaySeconds 0', c => worker(c, { rollout: { preStopDelaySeconds: 0 } }),
      '[test/w] rollout.preStopDelaySeconds: 0 is not allowed; must be an integer >= 1'],
    ['a grace period that the delay uses up', c => worker(c, { rollout: { preStopDelaySeconds: 10, terminationGracePeriodSeconds: 10 } }),
      '[test/w] rollout.terminationGracePeriodSeconds: 10 is not allowed; must be greater than preStopDelaySeconds (10): the grace period also counts the preStop sleep, so the app would get SIGKILL with no time to stop after SIGTERM. Raise it, or leave it unset for 40'],
    ['a JobGraph grace period below ContainerPilot\'s stop budget', c => new JobGraph(c, 'g', jobs({ stopping: true }, { rollout: { terminationGracePeriodSeconds: 10 } })),
      '[test/g] rollout.terminationGracePeriodSeconds: 10 is not allowed; must be at least 17: the workload\'s stop budget (17s, a JobGraph\'s stopping jobs and ContainerPilot\'s stopTimeout) plus preStopDelaySeconds (0s); below it the kubelet kills processes that are still stopping. Raise it, or leave it unset for 17'],
    ['a JobGraph grace period below the stop budget plus the delay', c => new JobGraph(c, 'g', jobs({}, { rollout: { preStopDelaySeconds: 5, terminationGracePeriodSeconds: 8 } })),
      '[test/g] rollout.terminationGracePeriodSeconds: 8 is not allowed; must be at least 10: the workload\'s stop budget (5s, a JobGraph\'s stopping jobs and ContainerPilot\'s stopTimeout) plus preStopDelaySeconds (5s); below it the kubelet kills processes that are still stopping. Raise it, or leave it unset for 10'],
    ['a delay on a container with its own preStop hook', c => new WebApp(c, 'web', {
      containers: [{ ...web.containers[0], lifecycle: { preStop: LifecycleHook.fromHttpGet('/drain') } }], rollout: { preStopDelaySeconds: 5 },
    }), '[test/web] rollout.preStopDelaySeconds: 5 is not allowed; container "web" already has a preStop hook, which the delay\'s `sleep` would replace. Remove the delay or that hook, or begin the hook with the delay yourself (e.g. ["sh", "-c", "sleep 5; exec /drain"])'],
    ['a delay on a JobGraph job with a stopping job', c => new JobGraph(c, 'g', jobs({ stopping: true }, { rollout: { preStopDelaySeconds: 5 } })),
      '[test/g] rollout.preStopDelaySeconds: 5 is not allowed; container "main" already has a preStop hook, which the delay\'s `sleep` would replace. Remove the delay or that hook, or begin the hook with the delay yourself (e.g. ["sh", "-c", "sleep 5; exec /drain"])'],
    ['maxSurge a fraction of a percent', c => worker(c, { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(12.5) }) }),
      '[test/w] strategy.rollingUpdate.maxSurge: "12.5%" is not allowed; a percentage must be a whole number of percent, such as "25%" (the API server refuses fractions and negative values)'],
    ['maxSurge a negative percent', c => worker(c, { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(-10) }) }),
      '[test/w] strategy.rollingUpdate.maxSurge: "-10%" is not allowed; a percentage must be a whole number of percent, such as "25%" (the API server refuses fractions and negative values)'],
    ['maxUnavailable above 100%', c => worker(c, { strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.percent(150) }) }),
      '[test/w] strategy.rollingUpdate.maxUnavailable: "150%" is not allowed; must not be more than 100%'],
    ['maxUnavailable negative', c => worker(c, { strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.absolute(-1) }) }),
      '[test/w] strategy.rollingUpdate.maxUnavailable: -1 is not allowed; must be an integer >= 0'],
    ['maxSurge fractional', c => worker(c, { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.absolute(1.5) }) }),
      '[test/w] strategy.rollingUpdate.maxSurge: 1.5 is not allowed; must be an integer >= 0'],
  ];
  test.each(cases)('%s', (_, build, message) => {
    const chart = newChart();
    build(chart);
    expect(synthError(chart)).toContain(message);
  });

  test('a container with a preStop hook added through the escape hatch is reported too, and its hook kept', () => {
    const chart = newChart();
    const w = worker(chart, { rollout: { preStopDelaySeconds: 5 } });
    w.deployment.addContainer({
      name: 'shipper', image: 'registry.example.com/shipper:1', lifecycle: { preStop: kplus.Handler.fromCommand(['/bin/flush']) },
    });
    expect(synthError(chart)).toContain(`[test/w] ${conflict('shipper', 5)}`);
    const rendered = ApiObject.of(w.deployment).toJson().spec.template.spec.containers;
    expect(rendered.map((c: any) => c.lifecycle.preStop.exec.command)).toEqual([['sleep', '5'], ['/bin/flush']]);
  });
});
