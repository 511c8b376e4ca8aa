import { synthExample } from '../support/examples';

describe('examples/production', () => {
  const { yaml, objects } = synthExample('production');
  const find = (kind: string, name: string) => {
    const o = objects.find(x => x.kind === kind && x.metadata.name === name);
    expect(o).toBeDefined();
    return o;
  };

  test('every trait renders its object: budgets, claims, accounts, RBAC, scalers, policies, route and both Services', () => {
    const kinds = objects.map(o => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(expect.arrayContaining([
      'Deployment/order-consumer', 'Deployment/shop',
      'PodDisruptionBudget/order-consumer', 'PodDisruptionBudget/shop',
      'PersistentVolumeClaim/order-consumer-spool', 'PersistentVolumeClaim/shop-uploads',
      'ServiceAccount/order-consumer', 'ServiceAccount/shop', 'Role/order-consumer', 'RoleBinding/order-consumer',
      'ScaledObject/order-consumer', 'HorizontalPodAutoscaler/shop',
      'NetworkPolicy/order-consumer', 'NetworkPolicy/shop',
      'HTTPRoute/shop', 'Service/shop', 'Service/shop-admin', 'PriorityClass/shop-critical',
    ]));
  });

  test('the queue worker: KEDA owns the count, spread over hosts then zones, a 120 s grace period, IRSA', () => {
    const d = find('Deployment', 'order-consumer');
    expect(d.spec.replicas).toBeUndefined();
    const pod = d.spec.template.spec;
    expect(pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway'], ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    expect(pod.priorityClassName).toBe('shop-critical');
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(pod.terminationGracePeriodSeconds).toBe(120);
    expect(pod.serviceAccountName).toBe('order-consumer');
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(find('ServiceAccount', 'order-consumer').metadata.annotations['eks.amazonaws.com/role-arn'])
      .toBe('arn:aws:iam::123456789012:role/shop-order-consumer');
    const so = find('ScaledObject', 'order-consumer');
    expect(so.spec.minReplicaCount).toBe(2);
    expect(so.spec.triggers.map((t: any) => t.type)).toEqual(['rabbitmq', 'cron']);
    expect(find('PodDisruptionBudget', 'order-consumer').spec.maxUnavailable).toBe(1);
    expect(pod.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['migrate', undefined], ['proxy', 'Always']]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['order-consumer', 'log-shipper']);
    expect(pod.containers[0].lifecycle.postStart.exec.command).toEqual(['/app/register']);
    expect(d.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
  });

  test('the web app: a surge of one, a preStop sleep inside the grace period, a budget of 2 of its 3+ pods, a 90/10 route', () => {
    const d = find('Deployment', 'shop');
    expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(d.spec.minReadySeconds).toBe(10);
    expect(d.spec.revisionHistoryLimit).toBe(5);
    const pod = d.spec.template.spec;
    const shop = pod.containers.find((c: any) => c.name === 'shop');
    expect(shop.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(5);
    expect(pod.securityContext.fsGroup).toBe(26000);
    expect(pod.hostAliases).toEqual([{ ip: '10.20.30.40', hostnames: ['payments.sandbox.internal'] }]);
    expect(pod.dnsConfig.options).toEqual([{ name: 'ndots', value: '2' }]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(100);
    expect(find('PodDisruptionBudget', 'shop').spec.minAvailable).toBe(2);
    const route = find('HTTPRoute', 'shop');
    expect(route.spec.rules[0].backendRefs.map((b: any) => [b.name, b.weight])).toEqual([['shop', 90], ['shop-canary', 10]]);
    const policy = find('NetworkPolicy', 'shop');
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
