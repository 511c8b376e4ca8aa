import { App, Chart, Testing } from 'cdk8s';
import { EmptyDirMedium, ImagePullPolicy, Protocol } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  EnvFromSource, EnvSource, HealthCheck, HostPathType, PortReference, VolumeSource, Worker, WorkerProps,
} from '../src';
import { newChart, ofKind, synth, synthError } from './support/synth';

function deploymentOf(props: WorkerProps, id = 'myworker'): any {
  const chart = newChart();
  new Worker(chart, id, props);
  const objs = synth(chart);
  const deployments = ofKind(objs, 'Deployment');
  expect(deployments).toHaveLength(1);
  return deployments[0];
}
const containerOf = (props: WorkerProps) => deploymentOf(props).spec.template.spec.containers[0];

describe('Worker: KubeVela fields', () => {
  test('image and cmd become the container of a Deployment named after the component, and nothing else is emitted', () => {
    const chart = newChart();
    new Worker(chart, 'myworker', { image: 'busybox', command: ['sleep', '1000'] });
    const objs = synth(chart);
    expect(objs.map(o => o.kind)).toEqual(['Deployment']);
    const d = objs[0];
    expect(d.metadata.name).toBe('myworker');
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'myworker', image: 'busybox', command: ['sleep', '1000'] });
  });

  test('args are passed as given', () => {
    expect(containerOf({ image: 'app', args: ['--queue', 'orders'] }).args).toEqual(['--queue', 'orders']);
  });

  test('env takes literal values and secret, config map, field and resource sources', () => {
    const c = containerOf({
      image: 'app',
      env: [
        { name: 'PLAIN', value: 'x' },
        { name: 'EMPTY' },
        { name: 'PASSWORD', valueFrom: EnvSource.secretKey('db', 'password') },
        { name: 'LEVEL', valueFrom: EnvSource.configMapKey('settings', 'level', true) },
        { name: 'POD', valueFrom: EnvSource.fieldRef('metadata.name') },
        { name: 'CPU', valueFrom: EnvSource.resourceField('limits.cpu', undefined, '1m') },
      ],
    });
    expect(c.env).toEqual([
      { name: 'PLAIN', value: 'x' },
      { name: 'EMPTY' },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level', optional: true } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
    ]);
  });

  test('envFrom takes whole ConfigMaps and Secrets with a prefix', () => {
    const c = containerOf({ image: 'app', envFrom: [EnvFromSource.configMap('settings', 'APP_'), EnvFromSource.secret('creds')] });
    expect(c.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds' } }]);
  });

  test('cpu and memory set requests and limits equal, as KubeVela does', () => {
    expect(containerOf({ image: 'app', cpu: '0.5', memory: '512Mi' }).resources).toEqual({
      requests: { cpu: '0.5', memory: '512Mi' }, limits: { cpu: '0.5', memory: '512Mi' },
    });
  });

  test('separate limits when asked', () => {
    expect(containerOf({ image: 'app', cpu: '250m', cpuLimit: '1', memory: '256Mi', memoryLimit: '1Gi' }).resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' },
    });
  });

  test('imagePullPolicy is written only when asked', () => {
    expect(containerOf({ image: 'app' }).imagePullPolicy).toBeUndefined();
    expect(containerOf({ image: 'app', imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT }).imagePullPolicy).toBe('IfNotPresent');
  });

  test('imagePullSecrets become the pod\'s pull secrets', () => {
    expect(deploymentOf({ image: 'app', imagePullSecrets: ['reg-a', 'reg-b'] }).spec.template.spec.imagePullSecrets)
      .toEqual([{ name: 'reg-a' }, { name: 'reg-b' }]);
  });

  test('every volume kind becomes a pod volume and a mount', () => {
    const d = deploymentOf({
      image: 'app',
      security: { allowHostPath: true, allowNfs: true },
      volumes: [
        { name: 'data', mountPath: '/data', source: VolumeSource.persistentVolumeClaim('data-claim') },
        { name: 'conf', mountPath: '/etc/app', source: VolumeSource.configMap('app-conf', { items: [{ key: 'app.yaml', path: 'config.yaml' }], defaultMode: 0o440 }) },
        { name: 'certs', mountPath: '/certs', readOnly: true, source: VolumeSource.secret('app-certs', { optional: true }) },
        { name: 'cache', mountPath: '/cache', subPath: 'app', source: VolumeSource.emptyDir({ medium: EmptyDirMedium.MEMORY, sizeLimit: '64Mi' }) },
        { name: 'logs', mountPath: '/host/logs', source: VolumeSource.hostPath('/var/log', HostPathType.DIRECTORY) },
        { name: 'shared', mountPath: '/shared', source: VolumeSource.nfs('nfs.example.com', '/exports/shared', true) },
      ],
    });
    expect(d.spec.template.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
      { name: 'conf', configMap: { name: 'app-conf', items: [{ key: 'app.yaml', path: 'config.yaml' }], defaultMode: 0o440 } },
      { name: 'certs', secret: { secretName: 'app-certs', optional: true } },
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports/shared', readOnly: true } },
    ]);
    expect(d.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'conf', mountPath: '/etc/app' },
      { name: 'certs', mountPath: '/certs', readOnly: true },
      { name: 'cache', mountPath: '/cache', subPath: 'app' },
      { name: 'logs', mountPath: '/host/logs' },
      { name: 'shared', mountPath: '/shared' },
    ]);
  });

  test('writable paths are emptyDir mounts', () => {
    const d = deploymentOf({ image: 'app', writablePaths: ['/tmp', '/var/cache/app'] });
    expect(d.spec.template.spec.volumes).toEqual([
      { name: 'myworker-rw-tmp', emptyDir: {} }, { name: 'myworker-rw-var-cache-app', emptyDir: {} },
    ]);
    expect(d.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'myworker-rw-tmp', mountPath: '/tmp' }, { name: 'myworker-rw-var-cache-app', mountPath: '/var/cache/app' },
    ]);
  });

  test('liveness, readiness and startup checks are all written', () => {
    const c = containerOf({
      image: 'app',
      ports: [{ name: 'http', containerPort: 8080, protocol: Protocol.TCP }],
      livenessProbe: HealthCheck.fromHttpGet('/live', { port: PortReference.fromName('http') }),
      readinessProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('http') }),
      startupProbe: HealthCheck.fromHttpGet('/started', { port: PortReference.fromName('http'), failureThreshold: 30 }),
    });
    expect(c.livenessProbe.httpGet.path).toBe('/live');
    expect(c.readinessProbe.httpGet.path).toBe('/ready');
    expect(c.startupProbe).toMatchObject({ httpGet: { path: '/started', port: 'http' }, failureThreshold: 30, periodSeconds: 10 });
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  test('replicas default to 1 and can be set', () => {
    expect(deploymentOf({ image: 'app' }).spec.replicas).toBe(1);
    expect(deploymentOf({ image: 'app', replicas: 3 }).spec.replicas).toBe(3);
  });

  test('labels go on the Deployment and the pods, annotations where asked', () => {
    const d = deploymentOf({ image: 'app', labels: { team: 'payments' }, annotations: { owner: 'ops' }, podAnnotations: { 'example.com/scrape': 'false' } });
    expect(d.metadata.labels.team).toBe('payments');
    expect(d.spec.template.metadata.labels.team).toBe('payments');
    expect(d.metadata.annotations).toEqual({ owner: 'ops' });
    expect(d.spec.template.metadata.annotations).toEqual({ 'example.com/scrape': 'false' });
  });
});

describe('Worker: labels and selector', () => {
  test('uses the Kubernetes recommended labels', () => {
    const d = deploymentOf({ image: 'app', partOf: 'shop' });
    expect(d.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'myworker',
      'app.kubernetes.io/instance': 'myworker',
      'app.kubernetes.io/component': 'worker',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s-workloads',
    });
    expect(d.spec.template.metadata.labels).toEqual(d.metadata.labels);
  });

  test('the selector and pod template do not change when the construct is moved', () => {
    const render = (nest: boolean) => {
      const app = Testing.app();
      const chart = new Chart(app, 'chart');
      const parent = nest ? new Construct(chart, 'group') : chart;
      new Worker(parent, 'ignored-id', { name: 'queue', image: 'app' });
      return synth(chart)[0];
    };
    const a = render(false);
    const b = render(true);
    expect(a.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'queue', 'app.kubernetes.io/instance': 'queue' } });
    expect(b.spec).toEqual(a.spec);
  });
});

describe('Worker: secure and explicit defaults', () => {
  test('containers meet the restricted Pod Security Standard', () => {
    const d = deploymentOf({ image: 'app' });
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(d.spec.template.spec.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 25000,
      runAsGroup: 26000,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('opt-outs are explicit and documented ones only', () => {
    const d = deploymentOf({ image: 'nginx', security: { runAsNonRoot: false, useImageUser: true, readOnlyRootFilesystem: false, addCapabilities: ['NET_BIND_SERVICE'] } });
    const sc = d.spec.template.spec.containers[0].securityContext;
    expect(sc).toEqual({
      runAsNonRoot: false,
      readOnlyRootFilesystem: false,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(false);
  });

  test('no cdk8s-plus hidden defaults: no requests, no pull policy, no startup probe, no path label', () => {
    const d = deploymentOf({ image: 'app', ports: [{ containerPort: 8080 }] });
    const c = d.spec.template.spec.containers[0];
    expect(c.resources).toBeUndefined();
    expect(c.imagePullPolicy).toBeUndefined();
    expect(c.startupProbe).toBeUndefined();
    expect(c.livenessProbe).toBeUndefined();
    expect(c.readinessProbe).toBeUndefined();
    expect(Object.keys(d.spec.template.metadata.labels).filter(k => k.startsWith('cdk8s.io'))).toEqual([]);
  });

  test('synthesizing the same app twice gives byte-identical YAML', () => {
    const render = () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      new Worker(chart, 'w', {
        image: 'app:1',
        cpu: '1',
        memory: '1Gi',
        env: [{ name: 'A', value: '1' }],
        ports: [{ name: 'http', containerPort: 8080 }],
        readinessProbe: HealthCheck.fromHttpGet('/r'),
        volumes: [{ name: 'v', mountPath: '/v', source: VolumeSource.emptyDir() }],
      });
      synth(chart);
      return app.synthYaml();
    };
    const first = render();
    expect(first.length).toBeGreaterThan(500);
    expect(render()).toBe(first);
  });
});

describe('Worker: bad input fails synth with path, field and value', () => {
  const base: WorkerProps = { image: 'app' };
  test.each<[string, Partial<WorkerProps>, string]>([
    ['an image with upper case', { image: 'Busybox' },
      'image: "Busybox" is not allowed; must be an image reference such as "busybox"'],
    ['an image with a space', { image: 'busy box' }, 'image: "busy box" is not allowed'],
    ['an empty image', { image: '' }, 'image: "" is not allowed'],
    ['a name that is not a DNS label', { name: 'My_Worker' },
      'name: "My_Worker" is not allowed; must be a lower-case RFC 1123 label'],
    ['a bad cpu quantity', { cpu: 'half' },
      'requests.cpu: "half" is not allowed; must be a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"'],
    ['a bad memory quantity', { memory: '512MB' }, 'requests.memory: "512MB" is not allowed; must be a Kubernetes quantity'],
    ['a zero cpu', { cpu: '0' }, 'requests.cpu: "0" is not allowed; must be greater than zero'],
    ['a bad cpu limit', { cpu: '1', cpuLimit: '1 core' }, 'limits.cpu: "1 core" is not allowed; must be a Kubernetes quantity'],
    ['a cpu limit without a request', { cpuLimit: '1' },
      'cpuLimit: is set without `cpu`; set the request with `cpu` (KubeVela sets requests and limits together)'],
    ['a memory limit without a request', { memoryLimit: '1Gi' }, 'memoryLimit: is set without `memory`'],
    ['an unknown pull policy', { imagePullPolicy: 'Sometimes' as ImagePullPolicy },
      'imagePullPolicy: "Sometimes" is not allowed; must be one of "Always", "IfNotPresent", "Never"'],
    ['env with both value and valueFrom', { env: [{ name: 'PASSWORD', value: 'x', valueFrom: EnvSource.secretKey('s', 'k') }] },
      'env[0]: "PASSWORD" has both a value and a valueFrom source; give one or the other'],
    ['env with a bad name', { env: [{ name: '1ST', value: 'x' }] },
      'env[0].name: "1ST" is not allowed; must be letters, digits, "_", "-" and ".", not starting with a digit'],
    ['the same env var twice', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] },
      'env[1].name: "A" is not allowed; is set twice; each variable may appear once'],
    ['a relative mount path', { volumes: [{ name: 'v', mountPath: 'data', source: VolumeSource.emptyDir() }] },
      'volumes[0].mountPath: "data" is not allowed; must be an absolute path (starting with "/")'],
    ['the same mount path twice', {
      volumes: [{ name: 'a', mountPath: '/d', source: VolumeSource.emptyDir() }, { name: 'b', mountPath: '/d', source: VolumeSource.emptyDir() }],
    }, 'volumes[1].mountPath: "/d" is not allowed; is mounted twice in the same container'],
    ['a volume name that is not a DNS label', { volumes: [{ name: 'Data', mountPath: '/d', source: VolumeSource.emptyDir() }] },
      'volumes[0].name: "Data" is not allowed; must be a lower-case RFC 1123 label'],
    ['two different volumes with one name', {
      volumes: [{ name: 'v', mountPath: '/a', source: VolumeSource.emptyDir() }, { name: 'v', mountPath: '/b', source: VolumeSource.persistentVolumeClaim('c') }],
    }, 'volumes.name: "v" is not allowed; is already used for a different volume (at volumes); volume names must be unique in the pod'],
    ['a hostPath without the opt-out', { volumes: [{ name: 'h', mountPath: '/h', source: VolumeSource.hostPath('/var/log') }] },
      'volumes: a hostPath volume is forbidden by the "restricted" and "baseline" Pod Security Standards; set `security: { allowHostPath: true }` to opt out knowingly'],
    ['a defaultMode above 0777', { volumes: [{ name: 'c', mountPath: '/c', source: VolumeSource.configMap('cm', { defaultMode: 0o1777 }) }] },
      'volumes[0].configMap.defaultMode: 1023 is not allowed; must be an integer from 0 to 511'],
    ['an item path with ..', { volumes: [{ name: 's', mountPath: '/s', source: VolumeSource.secret('sec', { items: [{ key: 'k', path: '../k' }] }) }] },
      'volumes[0].secret.items[0].path: "../k" is not allowed; must be a relative file path without ".."'],
    ['a bad emptyDir size', { volumes: [{ name: 'e', mountPath: '/e', source: VolumeSource.emptyDir({ sizeLimit: 'lots' }) }] },
      'volumes[0].emptyDir.sizeLimit: "lots" is not allowed; must be a Kubernetes quantity'],
    ['a PVC name with upper case', { volumes: [{ name: 'p', mountPath: '/p', source: VolumeSource.persistentVolumeClaim('Claim') }] },
      'volumes[0].claimName: "Claim" is not allowed; must be a lower-case RFC 1123 subdomain'],
    ['a subPath with ..', { volumes: [{ name: 'e', mountPath: '/e', subPath: '../up', source: VolumeSource.emptyDir() }] },
      'volumes[0].subPath: "../up" is not allowed; must be a relative path without ".."'],
    ['negative replicas', { replicas: -1 }, 'replicas: -1 is not allowed; must be an integer >= 0'],
    ['a port out of range', { ports: [{ containerPort: 0 }] }, 'ports[0].containerPort: 0 is not allowed; must be an integer from 1 to 65535'],
    ['a port name too long', { ports: [{ name: 'much-too-long-port-name', containerPort: 80 }] },
      'ports[0].name: "much-too-long-port-name" is not allowed; must be an IANA service name'],
    ['two ports with one name', { ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] },
      'ports[1].name: "http" is not allowed; must be unique among the container\'s ports'],
    ['a bad pull secret name', { imagePullSecrets: ['Registry Creds'] },
      'imagePullSecrets[0]: "Registry Creds" is not allowed; must be a lower-case RFC 1123 subdomain'],
    ['a bad pull secret name after a hole keeps its index', { imagePullSecrets: [null as any, 'Registry Creds'] },
      'imagePullSecrets[1]: "Registry Creds" is not allowed; must be a lower-case RFC 1123 subdomain'],
    ['an empty command', { command: [] }, 'command: [] is not allowed; must not be empty; leave it unset to use the image\'s entrypoint'],
    ['a bad label key', { labels: { 'bad key': 'v' } }, 'labels: "bad key" is not allowed; is not a valid label key'],
    ['a bad label value', { labels: { team: 'a b' } }, 'labels["team"]: "a b" is not allowed; must be a label value'],
  ])('%s', (_name, props, message) => {
    const chart = newChart();
    new Worker(chart, 'myworker', { ...base, ...props });
    expect(synthError(chart)).toContain(`[test/myworker] ${message}`);
  });

  test('one synth reports every mistake of an app at once', () => {
    const app = new App({ outdir: '/tmp/unused' });
    const chart = new Chart(app, 'shop');
    new Worker(chart, 'mailer', { image: 'Mailer', cpu: 'lots' });
    new Worker(chart, 'indexer', {
      image: 'indexer',
      env: [{ name: 'TOKEN', value: 't', valueFrom: EnvSource.secretKey('s', 'token') }],
      livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 0, successThreshold: 3 }),
    });
    let message = '';
    try {
      app.synthYaml();
    } catch (e: any) {
      message = e.message;
    }
    expect(message.split('\n').filter(l => l.startsWith('  ['))).toEqual([
      '  [shop/mailer] image: "Mailer" is not allowed; must be an image reference such as "busybox", "nginx:1.27", "registry.example.com:5000/team/app:v1" or "app@sha256:<hex>" (lower-case repository path)',
      '  [shop/mailer] requests.cpu: "lots" is not allowed; must be a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"',
      '  [shop/indexer] env[0]: "TOKEN" has both a value and a valueFrom source; give one or the other',
      '  [shop/indexer] livenessProbe.periodSeconds: 0 is not allowed; must be an integer >= 1',
      '  [shop/indexer] livenessProbe.successThreshold: 3 is not allowed; must be 1 for a liveness check (Kubernetes rejects anything else)',
    ]);
  });
});
