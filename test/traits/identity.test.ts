import { Chart, Testing } from 'cdk8s';
import { CloudIdentity, ContainerPilotConfig, JobGraph, RbacVerb, WebApp, Worker, WorkloadServiceAccount } from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const image = 'busybox:1.36';
const podSpec = (objs: any[], name: string) => ofKind(objs, 'Deployment').find(d => d.metadata.name === name).spec.template.spec;

describe('identity: the ServiceAccount', () => {
  test('without serviceAccount the pods keep the namespace default and no token', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { image });
    const objs = synth(chart);
    expect(podSpec(objs, 'w').serviceAccountName).toBeUndefined();
    expect(podSpec(objs, 'w').automountServiceAccountToken).toBe(false);
    expect(ofKind(objs, 'ServiceAccount')).toHaveLength(0);
    expect(w.identity.serviceAccount).toBeUndefined();
  });

  test('create() makes a ServiceAccount named after the workload, the token stays off', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { image, serviceAccount: WorkloadServiceAccount.create() });
    const objs = synth(chart);
    const [sa] = ofKind(objs, 'ServiceAccount');
    expect(sa.metadata.name).toBe('w');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(podSpec(objs, 'w').serviceAccountName).toBe('w');
    expect(podSpec(objs, 'w').automountServiceAccountToken).toBe(false);
    expect(w.identity.serviceAccount?.name).toBe('w');
  });

  test('mountToken: true mounts the API token in the pods only', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image, serviceAccount: WorkloadServiceAccount.create({ name: 'robot', mountToken: true }) });
    const objs = synth(chart);
    expect(podSpec(objs, 'w').automountServiceAccountToken).toBe(true);
    expect(podSpec(objs, 'w').serviceAccountName).toBe('robot');
    expect(ofKind(objs, 'ServiceAccount')[0].automountServiceAccountToken).toBe(false);
  });

  test('existing(name) runs the pods as it and creates no ServiceAccount', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { image, serviceAccount: WorkloadServiceAccount.existing('platform-robot') });
    const objs = synth(chart);
    expect(podSpec(objs, 'w').serviceAccountName).toBe('platform-robot');
    expect(ofKind(objs, 'ServiceAccount')).toHaveLength(0);
    expect(w.identity.serviceAccount).toBeUndefined();
  });

  test('WebApp and JobGraph take it too; a JobGraph CronJob runs as the same ServiceAccount', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 8080 }] }],
      serviceAccount: WorkloadServiceAccount.create({ cloudIdentity: CloudIdentity.azure('00000000-1111-2222-3333-444444444444') }),
    });
    new JobGraph(chart, 'jobs', {
      image,
      config: ContainerPilotConfig.fromJobs([{ name: 'app', exec: '/bin/app', restarts: 'unlimited' }, { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } }] as any),
      detachable: ['backup'],
      serviceAccount: WorkloadServiceAccount.existing('jobs-robot', { azureWorkloadIdentity: true }),
    });
    const objs = synth(chart);
    expect(podSpec(objs, 'web').serviceAccountName).toBe('web');
    expect(podSpec(objs, 'jobs').serviceAccountName).toBe('jobs-robot');
    const [cron] = ofKind(objs, 'CronJob');
    expect(cron.spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('jobs-robot');
    expect(cron.spec.jobTemplate.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(cron.spec.jobTemplate.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
  });
});

describe('identity: cloud workload identity', () => {
  const annotated = (identity: CloudIdentity) => {
    const chart = newChart();
    new Worker(chart, 'w', { image, serviceAccount: WorkloadServiceAccount.create({ cloudIdentity: identity }) });
    const objs = synth(chart);
    return { sa: ofKind(objs, 'ServiceAccount')[0], pod: ofKind(objs, 'Deployment')[0].spec.template };
  };

  test('AWS IRSA: the role ARN annotation, no token needed', () => {
    const { sa, pod } = annotated(CloudIdentity.awsIrsa('arn:aws:iam::123456789012:role/team/app-reader'));
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/team/app-reader' });
    expect(pod.spec.automountServiceAccountToken).toBe(false);
  });

  test('GKE: the Google service account annotation', () => {
    const { sa } = annotated(CloudIdentity.gke('app-reader@my-project-123.iam.gserviceaccount.com'));
    expect(sa.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'app-reader@my-project-123.iam.gserviceaccount.com' });
  });

  test('Azure: the client-id (and tenant-id) annotations and the pod label', () => {
    const { sa, pod } = annotated(CloudIdentity.azure('00000000-1111-2222-3333-444444444444', { tenantId: '55555555-6666-7777-8888-999999999999' }));
    expect(sa.metadata.annotations).toEqual({
      'azure.workload.identity/client-id': '00000000-1111-2222-3333-444444444444',
      'azure.workload.identity/tenant-id': '55555555-6666-7777-8888-999999999999',
    });
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
  });

  test('Alibaba RRSA: the role-name annotation', () => {
    const { sa, pod } = annotated(CloudIdentity.alibabaRrsa('ack-app-reader'));
    expect(sa.metadata.annotations).toEqual({ 'pod-identity.alibabacloud.com/role-name': 'ack-app-reader' });
    expect(pod.metadata.labels['azure.workload.identity/use']).toBeUndefined();
  });

  test('user annotations sit beside the cloud identity', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({ annotations: { 'team.example.com/owner': 'data' }, cloudIdentity: CloudIdentity.gke('app-reader@my-project-123.iam.gserviceaccount.com') }),
    });
    expect(Object.keys(ofKind(synth(chart), 'ServiceAccount')[0].metadata.annotations).sort()).toEqual(['iam.gke.io/gcp-service-account', 'team.example.com/owner']);
  });
});

describe('identity: RBAC', () => {
  test('rules become a Role and RoleBinding named after the workload, bound to the ServiceAccount', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const w = new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({
        mountToken: true,
        rules: [
          { resources: ['configmaps'], verbs: [RbacVerb.GET, RbacVerb.WATCH], resourceNames: ['feature-flags'] },
          { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [RbacVerb.GET, RbacVerb.CREATE, RbacVerb.UPDATE] },
        ],
      }),
    });
    const objs = synth(chart);
    const [role] = ofKind(objs, 'Role');
    expect(role.metadata).toEqual({ name: 'w', namespace: 'shop' });
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['feature-flags'], verbs: ['get', 'watch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
    const [binding] = ofKind(objs, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'w' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'w', namespace: 'shop' }]);
    expect(w.identity.role).toBeDefined();
    expect(w.identity.roleBinding).toBeDefined();
  });

  test('a rule over several groups and resources grants each combination', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({ mountToken: true, rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: [RbacVerb.LIST] }] }),
    });
    const rules = ofKind(synth(chart), 'Role')[0].rules.map((r: any) => `${r.apiGroups[0]}/${r.resources[0]}:${r.verbs.join(',')}`);
    expect(rules).toEqual(['/pods:list', '/deployments:list', 'apps/pods:list', 'apps/deployments:list']);
  });

  test('a role with an existing ServiceAccount binds to that name', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.existing('platform-robot', { mountToken: true, rules: [{ resources: ['pods'], verbs: [RbacVerb.GET] }] }),
    });
    const objs = synth(chart);
    expect(ofKind(objs, 'RoleBinding')[0].subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'platform-robot', namespace: 'shop' }]);
    expect(ofKind(objs, 'ServiceAccount')).toHaveLength(0);
  });

  test('clusterRules become a ClusterRole and ClusterRoleBinding named <namespace>-<workload>, without a namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const w = new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({ mountToken: true, clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.GET, RbacVerb.LIST] }] }),
    });
    const objs = synth(chart);
    const [role] = ofKind(objs, 'ClusterRole');
    expect(role.metadata).toEqual({ name: 'shop-w' });
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], resourceNames: [], verbs: ['get', 'list'] }]);
    const [binding] = ofKind(objs, 'ClusterRoleBinding');
    expect(binding.metadata).toEqual({ name: 'shop-w' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'shop-w' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'w', namespace: 'shop' }]);
    expect(w.identity.clusterRole).toBeDefined();
  });

  test('wildcards pass with allowWildcards', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({ mountToken: true, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: [RbacVerb.ALL], allowWildcards: true }] }),
    });
    expect(ofKind(synth(chart), 'Role')[0].rules).toEqual([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
  });

  test('a rule added through the cdk8s-plus Role is rendered beside the typed ones', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', {
      image,
      serviceAccount: WorkloadServiceAccount.create({ mountToken: true, rules: [{ resources: ['pods'], verbs: [RbacVerb.GET] }] }),
    });
    w.identity.role!.allow(['list'], { apiGroup: '', resourceType: 'services' });
    expect(ofKind(synth(chart), 'Role')[0].rules.map((r: any) => r.resources[0])).toEqual(['pods', 'services']);
  });
});
