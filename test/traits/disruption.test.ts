// The disruption budget of every workload (Worker, WebApp, JobGraph): a PodDisruptionBudget
// (policy/v1) selecting the workload's pods, from its replica floor.
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, DisruptionBudget, JobGraph, JobGraphProps, UnhealthyPodEvictionPolicy, WebApp, WebAppProps, Worker, WorkerProps,
} from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const worker = (chart: Chart, props: Partial<WorkerProps> = {}) => new Worker(chart, 'w', { image: 'busybox:1.36', ...props });
const web: WebAppProps = { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', requests: { cpu: '100m' } }] };
const jobs = (props: Partial<JobGraphProps> = {}): JobGraphProps => ({
  image: 'registry.example.com/app:1.0',
  config: ContainerPilotConfig.fromJson5(JSON.stringify({ jobs: [{ name: 'main', exec: '/bin/main', restarts: 'unlimited' }] })),
  ...props,
});
const budgets = (chart: Chart) => ofKind(synth(chart), 'PodDisruptionBudget');

describe('the default budget follows the replica floor', () => {
  test('two or more replicas: maxUnavailable 1, AlwaysAllow, named after the workload, selecting exactly its pods', () => {
    const chart = newChart();
    const w = worker(chart, { replicas: 3, labels: { team: 'mail' } });
    const objs = synth(chart);
    const [pdb] = ofKind(objs, 'PodDisruptionBudget');
    const deployment = ofKind(objs, 'Deployment')[0];
    expect(pdb).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'w', labels: { ...deployment.metadata.labels } },
      spec: { maxUnavailable: 1, selector: { matchLabels: deployment.spec.selector.matchLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    });
    expect(pdb.metadata.labels.team).toBe('mail');
    expect(w.disruptionBudget?.toJson()).toEqual(pdb);
  });

  test('a single replica gets no budget (it would protect nothing or block every drain)', () => {
    const chart = newChart();
    const w = worker(chart);
    expect(budgets(chart)).toEqual([]);
    expect(w.disruptionBudget).toBeUndefined();
  });

  test('a WebApp under an autoscaler: the budget follows minReplicas', () => {
    const two = newChart();
    new WebApp(two, 'web', { ...web, autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 } });
    expect(budgets(two).map(p => p.spec.maxUnavailable)).toEqual([1]);
    const one = newChart();
    new WebApp(one, 'web', { ...web, autoscaling: { maxReplicas: 10, cpuUtilization: 70 } });
    expect(budgets(one)).toEqual([]);
  });

  test('a JobGraph with replicas gets the same budget for its Deployment (its CronJobs are not selected)', () => {
    const chart = newChart();
    const g = new JobGraph(chart, 'g', jobs({ replicas: 2 }));
    const [pdb] = budgets(chart);
    expect(pdb.spec.selector.matchLabels).toEqual(g.selectorLabels);
    expect(g.disruptionBudget).toBeDefined();
  });

  test('DisruptionBudget.none() writes none', () => {
    const chart = newChart();
    const w = worker(chart, { replicas: 5, disruptionBudget: DisruptionBudget.none() });
    expect(budgets(chart)).toEqual([]);
    expect(w.disruptionBudget).toBeUndefined();
  });
});

describe('a budget as asked', () => {
  test.each([
    ['minAvailable(2)', DisruptionBudget.minAvailable(2), { minAvailable: 2 }],
    ['minAvailablePercent(50)', DisruptionBudget.minAvailablePercent(50), { minAvailable: '50%' }],
    ['maxUnavailable(2)', DisruptionBudget.maxUnavailable(2), { maxUnavailable: 2 }],
    ['maxUnavailablePercent(25)', DisruptionBudget.maxUnavailablePercent(25), { maxUnavailable: '25%' }],
  ])('%s on 4 replicas', (_, budget, expected) => {
    const chart = newChart();
    worker(chart, { replicas: 4, disruptionBudget: budget });
    const [pdb] = budgets(chart);
    expect(pdb.spec).toMatchObject(expected);
    expect(Object.keys(pdb.spec).sort()).toEqual([...Object.keys(expected), 'selector', 'unhealthyPodEvictionPolicy'].sort());
  });

  test('unhealthyPodEvictionPolicy IfHealthyBudget when asked', () => {
    const chart = newChart();
    const policy = UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET;
    worker(chart, { replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailable(1, { unhealthyPodEvictionPolicy: policy }) });
    expect(budgets(chart)[0].spec.unhealthyPodEvictionPolicy).toBe('IfHealthyBudget');
  });

  test('an explicit budget on a single replica is written (maxUnavailable 1 lets a drain take the pod)', () => {
    const chart = newChart();
    worker(chart, { disruptionBudget: DisruptionBudget.maxUnavailable(1) });
    expect(budgets(chart).map(p => p.spec.maxUnavailable)).toEqual([1]);
  });

  test('a budget that blocks drains is written when allowBlockingDrains says so', () => {
    const chart = newChart();
    worker(chart, { replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(3, { allowBlockingDrains: true }) });
    expect(budgets(chart)[0].spec.minAvailable).toBe(3);
    const single = newChart();
    worker(single, { disruptionBudget: DisruptionBudget.maxUnavailable(0, { allowBlockingDrains: true }) });
    expect(budgets(single)[0].spec.maxUnavailable).toBe(0);
  });

  test('percentages that leave one pod to evict are accepted: minAvailable 60% of 3 keeps 2', () => {
    const chart = newChart();
    worker(chart, { replicas: 3, disruptionBudget: DisruptionBudget.minAvailablePercent(60) });
    expect(budgets(chart)[0].spec.minAvailable).toBe('60%');
  });
});

describe('bad budgets fail synth with their message', () => {
  const cases: [string, (chart: Chart) => void, string][] = [
    ['maxUnavailable 0', c => worker(c, { replicas: 3, disruptionBudget: DisruptionBudget.maxUnavailable(0) }),
      '[test/w] disruptionBudget.maxUnavailable: maxUnavailable 0 allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['maxUnavailable 0%', c => worker(c, { replicas: 3, disruptionBudget: DisruptionBudget.maxUnavailablePercent(0) }),
      '[test/w] disruptionBudget.maxUnavailable: maxUnavailable "0%" allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['minAvailable at the replica count', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable 2 with a replica floor of 2 (replicas, or the autoscaler\'s minimum) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['minAvailable above the replica count', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(5) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable 5 with a replica floor of 2 (replicas, or the autoscaler\'s minimum) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['a single replica with minAvailable 1', c => worker(c, { disruptionBudget: DisruptionBudget.minAvailable(1) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable 1 with a replica floor of 1 (replicas, or the autoscaler\'s minimum) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['minAvailable 60% of 2 rounds up to 2', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailablePercent(60) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable "60%" (2 pods, rounded up, of a replica floor of 2 (replicas, or the autoscaler\'s minimum)) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['minAvailable 100%', c => worker(c, { replicas: 10, disruptionBudget: DisruptionBudget.minAvailablePercent(100) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable "100%" (10 pods, rounded up, of a replica floor of 10 (replicas, or the autoscaler\'s minimum)) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['minAvailable at the autoscaler\'s minimum', c => new WebApp(c, 'web', {
      ...web, autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 }, disruptionBudget: DisruptionBudget.minAvailable(2),
    }), '[test/web] disruptionBudget.minAvailable: minAvailable 2 with a replica floor of 2 (replicas, or the autoscaler\'s minimum) allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['a JobGraph with maxUnavailable 0', c => new JobGraph(c, 'g', jobs({ replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailable(0) })),
      '[test/g] disruptionBudget.maxUnavailable: maxUnavailable 0 allows no voluntary disruption: every node drain (kubectl drain, node upgrades, the cluster autoscaler\'s scale-down) would wait on these pods forever. Let at least one pod go (e.g. DisruptionBudget.maxUnavailable(1)), raise the replicas, or pass { allowBlockingDrains: true } if the pods must never be evicted'],
    ['a negative count', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(-1) }),
      '[test/w] disruptionBudget.minAvailable: -1 is not allowed; must be an integer >= 0'],
    ['a fractional count', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailable(1.5) }),
      '[test/w] disruptionBudget.maxUnavailable: 1.5 is not allowed; must be an integer >= 0'],
    ['a percentage above 100', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailablePercent(150) }),
      '[test/w] disruptionBudget.maxUnavailable: "150%" is not allowed; a percentage must be a whole number from 0 to 100 (the API server refuses fractions and more than 100%)'],
    ['a fractional percentage', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailablePercent(12.5) }),
      '[test/w] disruptionBudget.minAvailable: "12.5%" is not allowed; a percentage must be a whole number from 0 to 100 (the API server refuses fractions and more than 100%)'],
    ['a budget that is not a DisruptionBudget (plain JavaScript; it was silently ignored)', c => worker(c, { replicas: 2, disruptionBudget: { maxUnavailable: 0 } as any }),
      '[test/w] disruptionBudget: {"maxUnavailable":0} is not allowed; must be a DisruptionBudget: DisruptionBudget.maxUnavailable(n), .minAvailable(n), their Percent forms, or .none()'],
    ['null options, as no options (plain JavaScript; it threw a TypeError)', c => worker(c, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2, null as any) }),
      '[test/w] disruptionBudget.minAvailable: minAvailable 2 with a replica floor of 2 (replicas, or the autoscaler\'s minimum) allows no voluntary disruption'],
    ['an unknown eviction policy (from an untyped language)', c => worker(c, {
      replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailable(1, { unhealthyPodEvictionPolicy: 'Never' as UnhealthyPodEvictionPolicy }),
    }), '[test/w] disruptionBudget.unhealthyPodEvictionPolicy: "Never" is not allowed; must be one of "IfHealthyBudget", "AlwaysAllow"'],
  ];
  test.each(cases)('%s', (_, build, message) => {
    const chart = newChart();
    build(chart);
    expect(synthError(chart)).toContain(message);
  });

  test('a blocking budget is reported with the workload\'s other problems in one synth', () => {
    const chart = newChart();
    worker(chart, { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2), rollout: { minReadySeconds: -1 } });
    const err = synthError(chart);
    expect(err).toContain('[test/w] disruptionBudget.minAvailable: minAvailable 2 with a replica floor of 2 (replicas, or the autoscaler\'s minimum)');
    expect(err).toContain('[test/w] rollout.minReadySeconds: -1 is not allowed; must be an integer >= 0');
  });
});

describe('a second budget over the same pods', () => {
  const other = (scope: Chart, selector: any, id = 'other') => new k8s.KubePodDisruptionBudget(scope, id, {
    metadata: { name: id }, spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector },
  });

  test('a budget of the user\'s selecting the workload\'s pods by a label is an error (the eviction API refuses such pods)', () => {
    const chart = newChart();
    worker(chart, { replicas: 2 });
    other(chart, { matchLabels: { 'app.kubernetes.io/name': 'w' } });
    expect(synthError(chart)).toContain('[test/w] disruptionBudget: the PodDisruptionBudget "other" (test/other) also selects this workload\'s pods; the eviction API refuses to evict a pod that more than one budget selects, so every node drain would fail on them. Keep one: DisruptionBudget.none() here, or remove the other budget');
  });

  test('by an expression, or by an empty selector (every pod of the namespace)', () => {
    const byExpression = newChart();
    worker(byExpression, { replicas: 2, labels: { team: 'mail' } });
    other(byExpression, { matchExpressions: [{ key: 'team', operator: 'In', values: ['mail', 'web'] }] });
    expect(synthError(byExpression)).toContain('[test/w] disruptionBudget: the PodDisruptionBudget "other" (test/other) also selects');
    const everything = newChart();
    worker(everything, { replicas: 2 });
    other(everything, {});
    expect(synthError(everything)).toContain('[test/w] disruptionBudget: the PodDisruptionBudget "other" (test/other) also selects');
  });

  test('budgets selecting other pods, or in another namespace, are fine; so is DisruptionBudget.none() beside the user\'s', () => {
    const chart = newChart();
    worker(chart, { replicas: 2 });
    other(chart, { matchLabels: { 'app.kubernetes.io/name': 'x' } });
    other(chart, { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, 'teams');
    other(new Chart(chart.node.scope as any, 'elsewhere', { namespace: 'elsewhere' }), { matchLabels: { 'app.kubernetes.io/name': 'w' } });
    expect(budgets(chart)).toHaveLength(3);
    const replaced = newChart();
    worker(replaced, { replicas: 2, disruptionBudget: DisruptionBudget.none() });
    other(replaced, { matchLabels: { 'app.kubernetes.io/name': 'w' } });
    expect(budgets(replaced).map(b => b.metadata.name)).toEqual(['other']);
  });

  test('two workloads with budgets do not see each other\'s', () => {
    const chart = newChart();
    new Worker(chart, 'a', { image: 'busybox:1.36', replicas: 2 });
    new Worker(chart, 'b', { image: 'busybox:1.36', replicas: 2 });
    expect(budgets(chart).map(b => b.metadata.name)).toEqual(['a', 'b']);
  });
});
