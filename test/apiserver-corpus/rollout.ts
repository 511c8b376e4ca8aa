// Rollout settings and disruption budgets on every workload, for the API server check
// (scripts/apiserver): each setting, the default budget, each budget factory, the eviction
// policy and the opt-in for a budget that blocks drains.
import { App, Chart } from 'cdk8s';
import { DeploymentStrategy, PercentOrAbsolute } from 'cdk8s-plus-28';
import { ContainerPilotConfig, DisruptionBudget, JobGraph, UnhealthyPodEvictionPolicy, WebApp, Worker } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'rollout');

  new Worker(chart, 'queue-worker', {
    image: 'busybox:1.36',
    command: ['sleep', '3600'],
    replicas: 3,
    strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.absolute(1), maxUnavailable: PercentOrAbsolute.percent(0) }),
    rollout: {
      minReadySeconds: 10, progressDeadlineSeconds: 300, revisionHistoryLimit: 3, preStopDelaySeconds: 5, terminationGracePeriodSeconds: 45,
    },
    disruptionBudget: DisruptionBudget.minAvailablePercent(60, { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET }),
  });

  new Worker(chart, 'default-budget', { image: 'busybox:1.36', replicas: 2, rollout: { revisionHistoryLimit: 0, terminationGracePeriodSeconds: 0 } });
  new Worker(chart, 'max-unavailable-percent', { image: 'busybox:1.36', replicas: 4, disruptionBudget: DisruptionBudget.maxUnavailablePercent(25) });
  new Worker(chart, 'never-evicted', {
    image: 'busybox:1.36',
    replicas: 2,
    strategy: DeploymentStrategy.recreate(),
    disruptionBudget: DisruptionBudget.maxUnavailable(0, { allowBlockingDrains: true }),
  });

  new WebApp(chart, 'web', {
    containers: [
      { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }], requests: { cpu: '100m' } },
      { name: 'proxy', image: 'envoyproxy/envoy:v1.30', requests: { cpu: '50m' } },
    ],
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
    strategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(50), maxUnavailable: PercentOrAbsolute.absolute(0) }),
    rollout: { preStopDelaySeconds: 10, minReadySeconds: 5 },
    disruptionBudget: DisruptionBudget.minAvailable(1),
  });

  new JobGraph(chart, 'jobs', {
    image: 'registry.example.com/app:1.0',
    replicas: 2,
    config: ContainerPilotConfig.fromJson5(JSON.stringify({
      stopTimeout: 10,
      jobs: [
        { name: 'main', exec: '/bin/main', restarts: 'unlimited', stopTimeout: '12s' },
        { name: 'leave', exec: '/bin/leave', when: { source: 'main', once: 'stopping' } },
      ],
    })),
    rollout: { terminationGracePeriodSeconds: 60, progressDeadlineSeconds: 900, minReadySeconds: 30 },
    disruptionBudget: DisruptionBudget.maxUnavailable(1),
  });
}
