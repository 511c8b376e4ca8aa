import { Chart, Testing } from 'cdk8s';
import { CloudIdentity, RbacRule, RbacVerb, Worker, WorkloadServiceAccount } from '../../src';
import { newChart, synthError } from '../support/synth';

const image = 'busybox:1.36';
const create = WorkloadServiceAccount.create;
const withRules = (...rules: RbacRule[]) => create({ mountToken: true, rules });

const cases: [string, WorkloadServiceAccount, string][] = [
  ['a created ServiceAccount name that is not a DNS subdomain', create({ name: 'Robot' }),
    'serviceAccount.name: "Robot" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)'],
  ['an existing ServiceAccount name that is not a DNS subdomain', WorkloadServiceAccount.existing('robot_1'),
    'serviceAccount: "robot_1" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)'],
  ['an IRSA role given by name, not ARN', create({ cloudIdentity: CloudIdentity.awsIrsa('app-reader') }),
    'serviceAccount.cloudIdentity.roleArn: "app-reader" is not allowed; must be an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<optional path/><role name of at most 64 letters, digits and +=,.@_->'],
  ['an IRSA ARN of a user, not a role', create({ cloudIdentity: CloudIdentity.awsIrsa('arn:aws:iam::123456789012:user/app') }),
    'serviceAccount.cloudIdentity.roleArn: "arn:aws:iam::123456789012:user/app" is not allowed; must be an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<optional path/><role name of at most 64 letters, digits and +=,.@_->'],
  ['a GKE identity that is not a service account email', create({ cloudIdentity: CloudIdentity.gke('app-reader@gmail.com') }),
    'serviceAccount.cloudIdentity.gcpServiceAccount: "app-reader@gmail.com" is not allowed; must be a Google service account email, <name of 6 to 30 characters>@<project>.iam.gserviceaccount.com (or <project number>-compute@developer.gserviceaccount.com)'],
  ['an Azure client ID that is not a GUID', create({ cloudIdentity: CloudIdentity.azure('my-identity') }),
    'serviceAccount.cloudIdentity.clientId: "my-identity" is not allowed; must be a client ID, a GUID such as "00000000-1111-2222-3333-444444444444"'],
  ['an Azure tenant ID that is not a GUID', create({ cloudIdentity: CloudIdentity.azure('00000000-1111-2222-3333-444444444444', { tenantId: 'contoso.onmicrosoft.com' }) }),
    'serviceAccount.cloudIdentity.tenantId: "contoso.onmicrosoft.com" is not allowed; must be a tenant ID, a GUID such as "00000000-1111-2222-3333-444444444444"'],
  ['an RRSA role given as its ARN', create({ cloudIdentity: CloudIdentity.alibabaRrsa('acs:ram::1234567890:role/app') }),
    'serviceAccount.cloudIdentity.roleName: "acs:ram::1234567890:role/app" is not allowed; must be a RAM role name: 1 to 64 letters, digits, "." or "-" (the name, not the acs:ram:: ARN)'],
  ['an annotation the cloud identity writes, with another value',
    create({ annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/other' }, cloudIdentity: CloudIdentity.awsIrsa('arn:aws:iam::123456789012:role/app') }),
    'serviceAccount.annotations["eks.amazonaws.com/role-arn"]: "arn:aws:iam::123456789012:role/other" is not allowed; is also written by cloudIdentity (AWS IRSA, "arn:aws:iam::123456789012:role/app"); set it in one place'],
  ['a bad annotation key', create({ annotations: { 'bad key': 'x' } }),
    'serviceAccount.annotations: "bad key" is not allowed; is not a valid annotation key ([prefix/]name)'],
  ['a cloud identity on an existing ServiceAccount (plain JavaScript)',
    WorkloadServiceAccount.existing('robot', { cloudIdentity: CloudIdentity.gke('app-reader@my-project-123.iam.gserviceaccount.com') } as any),
    'serviceAccount.cloudIdentity: only applies to a ServiceAccount the workload creates (WorkloadServiceAccount.create); an existing one is named by existing(name) and annotated where it is created'],
  ['rules without the token', create({ rules: [{ resources: ['pods'], verbs: [RbacVerb.GET] }] }),
    'serviceAccount.rules: grant the ServiceAccount API permissions, but the pods have no API token to use them (mountToken is false); set mountToken: true, or drop the rules'],
  ['an empty rule list', create({ mountToken: true, rules: [] }),
    'serviceAccount.rules: [] is not allowed; must list at least one rule; leave it unset for no Role'],
  // Holes and wrong types from plain JavaScript, found by the property tests: each threw a TypeError.
  ['a hole in the rules', withRules(undefined as any, { resources: ['pods'], verbs: [] }),
    'serviceAccount.rules[0]: undefined is not allowed; must be a rule ({ apiGroups, resources, verbs })'],
  ['the rule after a hole keeps its index', withRules(undefined as any, { resources: ['pods'], verbs: [] }),
    'serviceAccount.rules[1].verbs: must list at least one verb (the API server refuses a rule without verbs)'],
  ['rules that are not a list', create({ mountToken: true, rules: { resources: ['pods'], verbs: [RbacVerb.GET] } as any }),
    'serviceAccount.rules: {"resources":["pods"],"verbs":["get"]} is not allowed; must be a list of rules ({ apiGroups, resources, verbs })'],
  ['a group list that is not a list', withRules({ apiGroups: 'apps' as any, resources: ['deployments'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].apiGroups: "apps" is not allowed; must be a list of API groups ("" is the core group)'],
  ['resource names that are not a list', withRules({ resources: ['configmaps'], verbs: [RbacVerb.GET], resourceNames: 'flags' as any }),
    'serviceAccount.rules[0].resourceNames: "flags" is not allowed; must be a list of object names'],
  ['a cloud identity that is not a CloudIdentity', create({ cloudIdentity: 'arn:aws:iam::123456789012:role/app' as any }),
    'serviceAccount.cloudIdentity: "arn:aws:iam::123456789012:role/app" is not allowed; must be a CloudIdentity (CloudIdentity.awsIrsa, .gke, .azure or .alibabaRrsa)'],
  ['a rule without verbs', withRules({ resources: ['pods'], verbs: [] }),
    'serviceAccount.rules[0].verbs: must list at least one verb (the API server refuses a rule without verbs)'],
  ['a rule without resources', withRules({ resources: [], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].resources: must list at least one resource (the API server refuses a resource rule without one)'],
  ['a rule without its resources (plain JavaScript)', withRules({ verbs: [RbacVerb.GET] } as any),
    'serviceAccount.rules[0].resources: must list at least one resource (the API server refuses a resource rule without one)'],
  ['a rule with an empty group list', withRules({ apiGroups: [], resources: ['pods'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].apiGroups: must list at least one group (the API server refuses a resource rule without one); "" is the core group'],
  ['an unknown verb (from JavaScript or another language)', withRules({ resources: ['pods'], verbs: ['read' as RbacVerb] }),
    'serviceAccount.rules[0].verbs[0]: "read" is not allowed; must be one of "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "escalate", "impersonate", "approve", "sign", "*"'],
  ['the verb wildcard', withRules({ resources: ['pods'], verbs: [RbacVerb.ALL] }),
    'serviceAccount.rules[0].verbs[0]: "*" is not allowed; grants every verb, now and whatever is added later, against least privilege. List what the app needs, or set allowWildcards: true on the rule'],
  ['the resource wildcard', withRules({ resources: ['*'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].resources[0]: "*" is not allowed; grants every resource of the groups, now and whatever is added later, against least privilege. List what the app needs, or set allowWildcards: true on the rule'],
  ['the group wildcard', withRules({ apiGroups: ['*'], resources: ['pods'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].apiGroups[0]: "*" is not allowed; grants every API group, now and whatever is added later, against least privilege. List what the app needs, or set allowWildcards: true on the rule'],
  ['a kind instead of a resource', withRules({ resources: ['Pod'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].resources[0]: "Pod" is not allowed; must be a resource as the API names it: lower-case plural ("pods", "configmaps"), a subresource after "/" ("pods/log"), or "*"'],
  ['"core" as the group', withRules({ apiGroups: ['core'], resources: ['pods'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].apiGroups[0]: "core" is not allowed; is not an API group: the core group (pods, services, configmaps ...) is written ""'],
  ['a group with its version', withRules({ apiGroups: ['apps/v1'], resources: ['deployments'], verbs: [RbacVerb.GET] }),
    'serviceAccount.rules[0].apiGroups[0]: "apps/v1" is not allowed; must be the group without its version ("apps")'],
  ['create restricted by name', withRules({ resources: ['configmaps'], verbs: [RbacVerb.GET, RbacVerb.CREATE], resourceNames: ['flags'] }),
    'serviceAccount.rules[0].verbs: ["create"] is not allowed; cannot be restricted by resourceNames (a create names no existing object, a deletecollection no single one), so this rule would never allow them. Move them to a rule without resourceNames'],
  ['an empty resource name', withRules({ resources: ['configmaps'], verbs: [RbacVerb.GET], resourceNames: [''] }),
    'serviceAccount.rules[0].resourceNames[0]: "" is not allowed; must be an object name'],
];

describe('identity: bad input', () => {
  test.each(cases)('%s', (_name, serviceAccount, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { image, serviceAccount });
    expect(synthError(chart)).toContain(`[test/w] ${message}`);
  });

  test('clusterRules need the chart\'s namespace', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Worker(chart, 'w', { image, serviceAccount: create({ mountToken: true, clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.LIST] }] }) });
    expect(synthError(chart)).toContain('[c/w] serviceAccount.clusterRules: need the ServiceAccount\'s namespace (a ClusterRoleBinding names it) and the chart has none; give the Chart a namespace, or use `rules` (a Role in the workload\'s namespace)');
  });

  test('clusterRules are checked like rules', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    new Worker(chart, 'w', { image, serviceAccount: create({ clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.ALL] }] }) });
    const error = synthError(chart);
    expect(error).toContain('[c/w] serviceAccount.clusterRules[0].verbs[0]: "*" is not allowed; grants every verb');
    expect(error).toContain('[c/w] serviceAccount.clusterRules: grant the ServiceAccount API permissions, but the pods have no API token');
  });
});

test('a serviceAccount that is not a WorkloadServiceAccount is an error (plain JavaScript; it threw a TypeError)', () => {
  const chart = newChart();
  new Worker(chart, 'w', { image, serviceAccount: 'robot' as any });
  expect(synthError(chart).split('\n').map(l => l.trim())).toContain(
    '[test/w] serviceAccount: "robot" is not allowed; must be a WorkloadServiceAccount: WorkloadServiceAccount.create() or WorkloadServiceAccount.existing(name)');
});

test('CloudIdentity.azure with null options is the identity without a tenant (plain JavaScript; it threw a TypeError)', () => {
  const chart = newChart();
  new Worker(chart, 'w', { image, serviceAccount: create({ cloudIdentity: CloudIdentity.azure('00000000-1111-2222-3333-444444444444', null as any) }) });
  expect(Testing.synth(chart).find(o => o.kind === 'ServiceAccount').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': '00000000-1111-2222-3333-444444444444' });
});

test('create(null) makes the default ServiceAccount, as create() does (plain JavaScript; it threw a TypeError)', () => {
  const chart = newChart();
  new Worker(chart, 'w', { image, serviceAccount: WorkloadServiceAccount.create(null as any) });
  const objs = Testing.synth(chart);
  expect(objs.find(o => o.kind === 'ServiceAccount').metadata.name).toBe('w');
  expect(objs.find(o => o.kind === 'Deployment').spec.template.spec.serviceAccountName).toBe('w');
});

test('a pod label the cloud identity writes, with another value in podLabels, is an error, not overwritten either way', () => {
  const chart = newChart();
  new Worker(chart, 'w', {
    image,
    podLabels: { 'azure.workload.identity/use': 'false' },
    serviceAccount: create({ cloudIdentity: CloudIdentity.azure('00000000-1111-2222-3333-444444444444') }),
  });
  expect(synthError(chart)).toContain(
    'podLabels["azure.workload.identity/use"]: "false" is not allowed; is written by the serviceAccount\'s cloud identity as "true" (its webhook reads it); remove it from podLabels');
});
