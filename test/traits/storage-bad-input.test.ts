import * as kplus from 'cdk8s-plus-28';
import { FsGroupChangePolicy, PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import { ContainerPilotConfig, JobGraph, VolumeSource, WebApp, Worker, WorkerProps } from '../../src';
import { newChart, synthError } from '../support/synth';

const image = 'busybox:1.36';
const recreate = kplus.DeploymentStrategy.recreate();
const mountData = [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }];
const claim = (o: Record<string, unknown> = {}) => [{ name: 'data', size: '1Gi', ...o } as any];
const MULTI_ATTACH_FIX = 'Use strategy DeploymentStrategy.recreate() with one replica and no autoscaler, or ReadWriteMany on storage that supports it';

const cases: [string, Partial<WorkerProps>, string][] = [
  // Holes and wrong types from plain JavaScript, found by the property tests: each threw a TypeError or named a claim "w-undefined".
  ['a hole in volumeClaims', { volumeClaims: [undefined as any, { name: 'Data', size: '1Gi' }] },
    'volumeClaims[0]: undefined is not allowed; must be a claim ({ name, size, storageClassName, accessModes }); remove the empty entry'],
  ['the entry after a hole keeps its index', { volumeClaims: [undefined as any, { name: 'Data', size: '1Gi' }] },
    'volumeClaims[1].name: "Data" is not allowed; must be a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)'],
  ['volumeClaims that is not a list', { volumeClaims: { name: 'data', size: '1Gi' } as any },
    'volumeClaims: {"name":"data","size":"1Gi"} is not allowed; must be a list of claims ({ name, size })'],
  ['a claim without a name', { volumeClaims: [{ size: '1Gi' } as any] },
    'volumeClaims[0].name: is required: the claim\'s name, a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters); the claim is named "<workload>-<name>" and mounted with VolumeSource.volumeClaim(name)'],
  ['access modes that are not a list', { strategy: recreate, volumes: mountData, volumeClaims: claim({ accessModes: 'ReadWriteOnce' }) },
    'volumeClaims[0].accessModes: "ReadWriteOnce" is not allowed; must be a list of access modes'],
  ['a hole in the access modes', { strategy: recreate, volumes: mountData, volumeClaims: claim({ accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE, null] }) },
    'volumeClaims[0].accessModes[1]: null is not allowed; must be an access mode; remove the empty entry'],
  ['a mounted volume without a name', { volumes: [{ mountPath: '/data', source: VolumeSource.emptyDir() } as any] },
    'volumes[0].name: is required: the volume\'s name, a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)'],
  ['a mount naming a claim volumeClaims does not list', { strategy: recreate, volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('dta') }], volumeClaims: claim() },
    'volumes[0].source: "dta" is not allowed; names no claim of `volumeClaims`. Add { name: "dta", size: "..." } to volumeClaims, or mount a claim made elsewhere with VolumeSource.persistentVolumeClaim("dta")'],
  ['a claim no container mounts', { volumeClaims: claim() },
    'volumeClaims[0].name: "data" is created but no container mounts it; mount it with VolumeSource.volumeClaim("data"), or remove it'],
  ['a claim name that is not a DNS label', { volumeClaims: claim({ name: 'Data' }) },
    'volumeClaims[0].name: "Data" is not allowed; must be a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)'],
  ['two claims of one name', { strategy: recreate, volumes: mountData, volumeClaims: [...claim(), ...claim()] },
    'volumeClaims[1].name: "data" is not allowed; must be unique among volumeClaims'],
  ['a claim without a size', { strategy: recreate, volumes: mountData, volumeClaims: claim({ size: undefined }) },
    'volumeClaims[0].size: is required: the storage to request, as a quantity such as "10Gi"'],
  ['a size that is not a quantity', { strategy: recreate, volumes: mountData, volumeClaims: claim({ size: '10GB' }) },
    'volumeClaims[0].size: "10GB" is not allowed; must be a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"'],
  ['a zero size', { strategy: recreate, volumes: mountData, volumeClaims: claim({ size: '0Gi' }) },
    'volumeClaims[0].size: "0Gi" is not allowed; must be greater than zero'],
  ['a fractional byte size', { strategy: recreate, volumes: mountData, volumeClaims: claim({ size: '100m' }) },
    'volumeClaims[0].size: "100m" is not allowed; must be a whole number of bytes (such as "500Mi" or "10Gi")'],
  ['a storage class that is not a DNS subdomain', { strategy: recreate, volumes: mountData, volumeClaims: claim({ storageClassName: 'Fast_SSD' }) },
    'volumeClaims[0].storageClassName: "Fast_SSD" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)'],
  ['no access mode', { strategy: recreate, volumes: mountData, volumeClaims: claim({ accessModes: [] }) },
    'volumeClaims[0].accessModes: [] is not allowed; must list at least one access mode; leave it unset for ReadWriteOnce'],
  ['an unknown access mode', { strategy: recreate, volumes: mountData, volumeClaims: claim({ accessModes: ['ReadWriteAll'] }) },
    'volumeClaims[0].accessModes[0]: "ReadWriteAll" is not allowed; must be one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"'],
  ['ReadWriteOncePod with another mode', { strategy: recreate, volumes: mountData, volumeClaims: claim({ accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, PersistentVolumeAccessMode.READ_WRITE_ONCE] }) },
    'volumeClaims[0].accessModes: ["ReadWriteOncePod","ReadWriteOnce"] is not allowed; may not combine ReadWriteOncePod with other access modes (the API server refuses it)'],
  ['ReadWriteOnce with the default rolling update', { volumes: mountData, volumeClaims: claim() },
    `volumeClaims[0].accessModes: ["ReadWriteOnce"] is not allowed; the volume attaches to one node at a time, and a rolling update with maxSurge "25%" starts the new pod before the old one stops: a pod scheduled on another node never starts (Multi-Attach error). ${MULTI_ATTACH_FIX}`],
  ['ReadWriteOnce with two replicas', { replicas: 2, strategy: recreate, volumes: mountData, volumeClaims: claim() },
    `volumeClaims[0].accessModes: ["ReadWriteOnce"] is not allowed; the volume attaches to one node at a time, and the Deployment runs 2 pods: a pod scheduled on another node never starts (Multi-Attach error). ${MULTI_ATTACH_FIX}`],
  ['ReadWriteOncePod with a surge of one', {
    strategy: kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    }),
    volumes: mountData,
    volumeClaims: claim({ accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD] }),
  }, `volumeClaims[0].accessModes: ["ReadWriteOncePod"] is not allowed; the volume attaches to one node at a time, and a rolling update with maxSurge 1 starts the new pod before the old one stops: a pod scheduled on another node never starts (Multi-Attach error). ${MULTI_ATTACH_FIX}`],
  ['a negative fsGroup', { security: { fsGroup: -1 } },
    'security.fsGroup: -1 is not allowed; must be an integer >= 0'],
  ['a supplemental group above int32', { security: { supplementalGroups: [2 ** 31] } },
    'security.supplementalGroups[0]: 2147483648 is not allowed; must be an integer from 0 to 2147483647: Kubernetes stores it as a 32-bit integer'],
  ['an unknown fsGroupChangePolicy', { security: { fsGroup: 1, fsGroupChangePolicy: 'Sometimes' as FsGroupChangePolicy } },
    'security.fsGroupChangePolicy: "Sometimes" is not allowed; must be one of "OnRootMismatch", "Always"'],
  ['fsGroupChangePolicy without an fsGroup', { security: { fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH } },
    'security.fsGroupChangePolicy: "OnRootMismatch" is not allowed; only applies with an fsGroup, and there is none (no fsGroup given, and no container mounts a PersistentVolumeClaim writable). Set fsGroup, or remove it'],
];

describe('storage: bad input', () => {
  test.each(cases)('%s', (_name, props, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { image, ...props });
    expect(synthError(chart)).toContain(`[test/w] ${message}`);
  });

  test('a ReadWriteOnce claim on an autoscaled WebApp', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      containers: [{ name: 'web', image, requests: { cpu: '100m' }, ports: [{ name: 'http', containerPort: 8080 }], volumes: mountData }],
      strategy: recreate,
      autoscaling: { maxReplicas: 4, cpuUtilization: 70 },
      volumeClaims: claim(),
    });
    expect(synthError(chart)).toContain(`[test/web] volumeClaims[0].accessModes: ["ReadWriteOnce"] is not allowed; the volume attaches to one node at a time, and an autoscaler may run more than one pod: a pod scheduled on another node never starts (Multi-Attach error). ${MULTI_ATTACH_FIX}`);
  });

  test('a ReadWriteOnce claim mounted by a JobGraph Deployment and its CronJob', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', {
      image,
      strategy: recreate,
      config: ContainerPilotConfig.fromJobs([
        { name: 'app', exec: '/bin/app', restarts: 'unlimited' }, { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
      ] as any),
      detachable: ['backup'],
      volumeClaims: claim(),
      volumes: mountData,
    });
    expect(synthError(chart)).toContain('[test/g] volumeClaims[0].accessModes: ["ReadWriteOnce"] is not allowed; the volume attaches to one node at a time, and 2 pod templates of the workload mount it (Deployment g, CronJob g-backup): a pod scheduled on another node never starts (Multi-Attach error). Use ReadWriteMany on storage that supports it (a JobGraph mounts its volumes in its CronJobs too)');
  });
});
