// ServiceAccounts, Roles, ClusterRoles and bindings, PersistentVolumeClaims and pods with
// fsGroup and supplemental groups, for the API server check (scripts/apiserver): every
// prop of the identity and storage traits, in a chart with a namespace.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { FsGroupChangePolicy, PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import { CloudIdentity, ContainerPilotConfig, JobGraph, RbacVerb, VolumeSource, WebApp, Worker, WorkloadServiceAccount } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'identity', { namespace: 'identity-corpus' });
  const recreate = kplus.DeploymentStrategy.recreate();

  new Worker(chart, 'irsa', {
    image: 'busybox:1.36',
    strategy: recreate,
    serviceAccount: WorkloadServiceAccount.create({
      annotations: { 'team.example.com/owner': 'data' },
      cloudIdentity: CloudIdentity.awsIrsa('arn:aws:iam::123456789012:role/team/app-reader'),
      mountToken: true,
      rules: [
        { resources: ['configmaps'], verbs: [RbacVerb.GET, RbacVerb.WATCH], resourceNames: ['feature-flags'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [RbacVerb.GET, RbacVerb.CREATE, RbacVerb.UPDATE] },
        { apiGroups: ['', 'apps'], resources: ['pods', 'pods/log', 'deployments/scale'], verbs: [RbacVerb.GET, RbacVerb.LIST] },
      ],
      clusterRules: [{ resources: ['nodes'], verbs: [RbacVerb.GET, RbacVerb.LIST, RbacVerb.WATCH] }],
    }),
    volumeClaims: [{ name: 'data', size: '500Mi' }],
    volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
  });

  new Worker(chart, 'gke', {
    image: 'busybox:1.36',
    strategy: recreate,
    serviceAccount: WorkloadServiceAccount.create({ cloudIdentity: CloudIdentity.gke('app-reader@my-project-123.iam.gserviceaccount.com') }),
    security: { fsGroup: 4000, fsGroupChangePolicy: FsGroupChangePolicy.ALWAYS, supplementalGroups: [5000, 5001] },
    volumeClaims: [{ name: 'cache', size: '1Gi', storageClassName: 'standard-rwo', accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD] }],
    volumes: [{ name: 'cache', mountPath: '/cache', source: VolumeSource.volumeClaim('cache') }],
  });

  new WebApp(chart, 'azure', {
    replicas: 2,
    containers: [{
      name: 'web',
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ name: 'http', containerPort: 8080 }],
      volumes: [{ name: 'shared', mountPath: '/usr/share/nginx/html', source: VolumeSource.volumeClaim('shared') }],
    }],
    serviceAccount: WorkloadServiceAccount.create({
      cloudIdentity: CloudIdentity.azure('00000000-1111-2222-3333-444444444444', { tenantId: '55555555-6666-7777-8888-999999999999' }),
    }),
    volumeClaims: [{ name: 'shared', size: '10Gi', storageClassName: 'azurefile-csi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }],
  });

  new JobGraph(chart, 'rrsa', {
    image: 'registry.example.com/consul:1.16',
    strategy: recreate,
    config: ContainerPilotConfig.fromJobs([
      { name: 'consul', exec: ['consul', 'agent', '-data-dir=/data'], restarts: 'unlimited' },
      { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
    ] as any),
    detachable: ['backup'],
    serviceAccount: WorkloadServiceAccount.create({ cloudIdentity: CloudIdentity.alibabaRrsa('ack-consul-backup') }),
    // A claim made elsewhere, mounted by the Deployment and the CronJob: both get the fsGroup.
    volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('consul-data') }],
  });

  // The ServiceAccount a platform team made: here so the server's ServiceAccount admission finds it.
  new kplus.ServiceAccount(chart, 'platform-robot', { metadata: { name: 'platform-robot' } });
  new Worker(chart, 'existing', {
    image: 'busybox:1.36',
    serviceAccount: WorkloadServiceAccount.existing('platform-robot', {
      azureWorkloadIdentity: true,
      mountToken: true,
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: [RbacVerb.GET, RbacVerb.LIST], allowWildcards: true }],
    }),
    volumes: [{ name: 'shared', mountPath: '/shared', source: VolumeSource.persistentVolumeClaim('made-elsewhere') }],
  });
}
