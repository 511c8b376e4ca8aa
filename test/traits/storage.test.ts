import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { FsGroupChangePolicy, PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import { ContainerPilotConfig, JobGraph, VolumeSource, WebApp, Worker } from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const image = 'busybox:1.36';
const recreate = kplus.DeploymentStrategy.recreate();
const podOf = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template.spec;

describe('storage: claims the workload creates', () => {
  test('a claim is created as <workload>-<name> with the size as written, mounted by name', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', {
      image,
      strategy: recreate,
      volumeClaims: [{ name: 'data', size: '500Mi', storageClassName: 'fast-ssd' }],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    });
    const objs = synth(chart);
    const [pvc] = ofKind(objs, 'PersistentVolumeClaim');
    expect(pvc.metadata.name).toBe('w-data');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Mi' } }, storageClassName: 'fast-ssd', volumeMode: 'Filesystem' });
    expect(podOf(objs).volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'w-data' } }]);
    expect(w.volumeClaims.map(c => c.name)).toEqual(['w-data']);
  });

  test('ReadWriteMany claims may be mounted by several replicas with a rolling update', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      replicas: 3,
      containers: [{
        name: 'web',
        image,
        ports: [{ name: 'http', containerPort: 8080 }],
        volumes: [{ name: 'shared', mountPath: '/shared', source: VolumeSource.volumeClaim('shared') }],
      }],
      volumeClaims: [{ name: 'shared', size: '10Gi', accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] }],
    });
    const objs = synth(chart);
    expect(ofKind(objs, 'PersistentVolumeClaim')[0].spec.accessModes).toEqual(['ReadWriteMany']);
    expect(ofKind(objs, 'Deployment')[0].spec.replicas).toBe(3);
  });

  test('a ReadWriteOnce claim with one replica and a rolling update without surge is fine', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      image,
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(0),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(1),
      }),
      volumeClaims: [{ name: 'data', size: '1Gi' }],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    });
    expect(ofKind(synth(chart), 'PersistentVolumeClaim')).toHaveLength(1);
  });

  test('a JobGraph creates and mounts claims too', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', {
      image,
      strategy: recreate,
      config: ContainerPilotConfig.fromJobs([{ name: 'consul', exec: ['consul', 'agent', '-data-dir=/data'], restarts: 'unlimited' }] as any),
      volumeClaims: [{ name: 'data', size: '1Gi' }],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    });
    const objs = synth(chart);
    expect(podOf(objs).volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'g-data' } }]);
    expect(podOf(objs).securityContext.fsGroup).toBe(26000);
  });

  test('the claim\'s size patch leaves what is added through the cdk8s-plus object', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', {
      image,
      strategy: recreate,
      volumeClaims: [{ name: 'data', size: '1Gi' }],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.volumeClaim('data') }],
    });
    ApiObject.of(w.volumeClaims[0]).metadata.addLabel('backup', 'daily');
    ApiObject.of(w.volumeClaims[0]).addJsonPatch(JsonPatch.add('/spec/resources/limits', { storage: { value: '2Gi' } }));
    const [pvc] = ofKind(synth(chart), 'PersistentVolumeClaim');
    expect(pvc.metadata.labels).toEqual({ backup: 'daily' });
    expect(pvc.spec.resources).toEqual({ requests: { storage: '1Gi' }, limits: { storage: '2Gi' } });
  });
});

describe('storage: the pod security context', () => {
  test('no claim mounted: no fsGroup (cdk8s-plus\'s context as before)', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image, volumes: [{ name: 'tmp', mountPath: '/tmp', source: VolumeSource.emptyDir() }] });
    expect(podOf(synth(chart)).securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: true });
  });

  test('an existing claim mounted writable gets fsGroup = the pod\'s group, OnRootMismatch', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { image, security: { group: 3000 }, volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('data') }] });
    expect(podOf(synth(chart)).securityContext).toEqual({ fsGroup: 3000, fsGroupChangePolicy: 'OnRootMismatch', runAsNonRoot: true });
    expect(w.deployment.securityContext.fsGroup).toBe(3000);
  });

  test('a claim mounted read-only gets no default fsGroup', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image, volumes: [{ name: 'data', mountPath: '/data', readOnly: true, source: VolumeSource.persistentVolumeClaim('data') }] });
    expect(podOf(synth(chart)).securityContext.fsGroup).toBeUndefined();
  });

  test('fsGroup, fsGroupChangePolicy and supplementalGroups as given', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image, security: { fsGroup: 4000, fsGroupChangePolicy: FsGroupChangePolicy.ALWAYS, supplementalGroups: [5000, 5001] } });
    expect(podOf(synth(chart)).securityContext).toEqual({ fsGroup: 4000, fsGroupChangePolicy: 'Always', runAsNonRoot: true, supplementalGroups: [5000, 5001] });
  });

  test('the default fsGroup reaches a JobGraph CronJob that mounts the claim too', () => {
    const chart = newChart();
    new JobGraph(chart, 'g', {
      image,
      config: ContainerPilotConfig.fromJobs([
        { name: 'app', exec: '/bin/app', restarts: 'unlimited' }, { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
      ] as any),
      detachable: ['backup'],
      volumes: [{ name: 'data', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('shared-data') }],
    });
    const cron = ofKind(synth(chart), 'CronJob')[0];
    expect(cron.spec.jobTemplate.spec.template.spec.securityContext.fsGroup).toBe(26000);
  });
});
