/**
 * What the API server, the kubelet or kubectl's YAML reader would refuse (issue 17),
 * caught at synth: one bad input per class, with its exact message line.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ConfigMap, EnvFromSource, EnvSource, HealthCheck, HealthCheckDefaults, PortReference, PostgreSqlCredentialsSecret, Secret,
  ServiceProbe, ServiceWithHealthchecks, VolumeSource, WebApp, WebAppProps, Worker, WorkerProps,
} from '../src';
import { graphOf, MAIN } from './job-graph/support';
import { newChart, synth } from './support/synth';

/** The `[path] message` lines of a failed synth, or a failure when synth succeeds. */
function errorLines(chart: Chart | App): string[] {
  try {
    if (chart instanceof App) chart.synthYaml();
    else Testing.synth(chart);
  } catch (e: any) {
    return String(e.message).split('\n').filter(l => l.startsWith('  [')).map(l => l.trim());
  }
  throw new Error('expected synth to fail, but it succeeded');
}

const base: WorkerProps = { image: 'busybox' };
const web = { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }] };

describe('Worker: each class the server would refuse is a synth error', () => {
  test.each<[string, Partial<WorkerProps>, string]>([
    ['a CPU limit below its request', { cpu: '500m', cpuLimit: '100m' },
      'limits.cpu: "100m" is not allowed; must be at least the request ("500m"): Kubernetes rejects a limit below its request. Raise the limit or lower the request'],
    ['a memory limit below its request, in other units', { memory: '1Gi', memoryLimit: '1000Mi' },
      'limits.memory: "1000Mi" is not allowed; must be at least the request ("1Gi"): Kubernetes rejects a limit below its request. Raise the limit or lower the request'],
    ['partOf with a space', { partOf: 'has space' },
      'partOf: "has space" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit, because it is written as the app.kubernetes.io/part-of label'],
    ['an instance of 64 characters', { instance: 'i'.repeat(64) },
      `instance: "${'i'.repeat(64)}" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit, because it is written as the app.kubernetes.io/instance label`],
    ['a fieldRef the server does not serve', { env: [{ name: 'X', valueFrom: EnvSource.fieldRef('spec.bogus') }] },
      'env[0].valueFrom.fieldRef.fieldPath: "spec.bogus" is not allowed; must be one of "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs", or metadata.labels[\'<key>\'] / metadata.annotations[\'<key>\']'],
    ['a subscript on a field that takes none', { env: [{ name: 'X', valueFrom: EnvSource.fieldRef("spec.nodeName['a']") }] },
      'env[0].valueFrom.fieldRef.fieldPath: "spec.nodeName[\'a\']" is not allowed; "spec.nodeName" takes no [\'<key>\'] subscript; only metadata.labels and metadata.annotations do'],
    ['a resourceField the server does not serve', { env: [{ name: 'X', valueFrom: EnvSource.resourceField('limits.gpu') }] },
      'env[0].valueFrom.resourceFieldRef.resource: "limits.gpu" is not allowed; must be one of "limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage" (or limits./requests.hugepages-<size>)'],
    ['a CPU divisor in bytes', { env: [{ name: 'X', valueFrom: EnvSource.resourceField('limits.cpu', undefined, '1Mi') }] },
      'env[0].valueFrom.resourceFieldRef.divisor: "1Mi" is not allowed; must be one of "1m", "1" for "limits.cpu"'],
    ['a ConfigMap reference that is not a DNS subdomain', { env: [{ name: 'X', valueFrom: EnvSource.configMapKey('Bad_CM', 'k') }] },
      'env[0].valueFrom.configMapKeyRef.name: "Bad_CM" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters): the name of the ConfigMap'],
    ['an envFrom prefix that is not a variable name', { envFrom: [EnvFromSource.configMap('cm', '1-BAD=')] },
      'envFrom[0].prefix: "1-BAD=" is not allowed; must be a valid start of a variable name: letters, digits, "_", "-" and ".", not starting with a digit'],
    ['root next to runAsNonRoot', { security: { user: 0 } },
      'security.user: 0 is not allowed; is root, but runAsNonRoot is true (the default): the kubelet refuses to start such a container. Use a non-zero UID, or set `runAsNonRoot: false` to run as root knowingly'],
    ['a negative user id', { security: { user: -1 } }, 'security.user: -1 is not allowed; must be an integer from 0 to 2147483647'],
    ['a fractional group id', { security: { group: 1.5 } }, 'security.group: 1.5 is not allowed; must be an integer from 0 to 2147483647'],
    ['replicas beyond int32', { replicas: 2 ** 31 },
      'replicas: 2147483648 is not allowed; must be an integer from 0 to 2147483647: Kubernetes stores it as a 32-bit integer'],
    ['a probe timing beyond int32', { livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 2 ** 32 }) },
      'livenessProbe.periodSeconds: 4294967296 is not allowed; must be an integer from 1 to 2147483647: Kubernetes stores it as a 32-bit integer'],
    ['a port without its number', { ports: [{ name: 'metrics' } as any] },
      'ports[0].containerPort: is required: the port number the container listens on, 1..65535'],
    ['an NFS volume under "restricted"', { volumes: [{ name: 'n', mountPath: '/n', source: VolumeSource.nfs('nfs.example.com', '/exports') }] },
      'volumes: an nfs volume is forbidden by the "restricted" Pod Security Standard, which allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret volumes; set `security: { allowNfs: true }` to opt out knowingly (the namespace must then allow "baseline")'],
    ['undefined inside env', { env: [{ name: 'A', value: 'a' }, undefined as any] },
      'env[1]: undefined is not allowed; must be an environment variable ({ name, value } or { name, valueFrom }); remove the empty entry'],
    ['null inside volumes', { volumes: [null as any] },
      'volumes[0]: null is not allowed; must be a volume ({ name, mountPath, source }); remove the empty entry'],
    ['undefined inside command', { command: ['sleep', undefined as any] },
      'command[1]: undefined is not allowed; must be a string; remove the empty entry'],
    ['null inside args', { args: [null as any] }, 'args[0]: null is not allowed; must be a string; remove the empty entry'],
    ['a plain object as a valueFrom', { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } as any }] },
      'env[0].valueFrom: {"secretKeyRef":{"name":"s","key":"k"}} is not allowed; must be made with EnvSource.secretKey/configMapKey/fieldRef/resourceField, or ConfigMap/Secret.envValue'],
    ['a command as one string', { command: 'sleep 10' as any }, 'command: "sleep 10" is not allowed; must be a list of a string'],
    ['a name kubectl reads as a number', { name: '0o17' },
      'name: "0o17" is not allowed; cdk8s writes it without quotes and kubectl\'s YAML reader reads it back as the number 15, not a string (see docs/yaml-quirks.md). Choose another value'],
    ['a label value kubectl reads as a number', { labels: { tier: '0X1F' } },
      'labels["tier"]: "0X1F" is not allowed; cdk8s writes it without quotes and kubectl\'s YAML reader reads it back as the number 31, not a string (see docs/yaml-quirks.md). Choose another value'],
    ['an instance kubectl reads as a number', { instance: '0B101' },
      'instance: "0B101" is not allowed; cdk8s writes it without quotes and kubectl\'s YAML reader reads it back as the number 5, not a string (see docs/yaml-quirks.md). Choose another value'],
    ['a port name kubectl reads as a number', { ports: [{ name: '0o17', containerPort: 80 }] },
      'ports[0].name: "0o17" is not allowed; cdk8s writes it without quotes and kubectl\'s YAML reader reads it back as the number 15, not a string (see docs/yaml-quirks.md). Choose another value'],
  ])('%s', (_name, props, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { ...base, ...props });
    expect(errorLines(chart)).toContain(`[test/w] ${message}`);
  });

  test('an env value, an annotation and a command that kubectl would read as numbers: one line each, by manifest field', () => {
    const chart = newChart();
    new Worker(chart, 'w', { ...base, env: [{ name: 'MODE', value: '0o17' }], annotations: { note: '1e3_' }, command: ['sleep', '0X1F'] });
    const tail = 'not a string (see docs/yaml-quirks.md). cdk8s cannot be made to quote it: write the value differently (a number in decimal, a word in another case)';
    expect(errorLines(chart)).toEqual([
      `[test/w] Deployment "w" metadata.annotations.note: "1e3_" is not allowed; cdk8s writes it without quotes and kubectl's YAML reader reads it back as the number 1000, ${tail}`,
      `[test/w] Deployment "w" spec.template.spec.containers[0].command[1]: "0X1F" is not allowed; cdk8s writes it without quotes and kubectl's YAML reader reads it back as the number 31, ${tail}`,
      `[test/w] Deployment "w" spec.template.spec.containers[0].env[0].value: "0o17" is not allowed; cdk8s writes it without quotes and kubectl's YAML reader reads it back as the number 15, ${tail}`,
    ]);
  });

  test('a ConfigMap key kubectl would read as a number', () => {
    const chart = newChart();
    new ConfigMap(chart, 'cm', { data: { '0o17': 'x' } });
    expect(errorLines(chart)).toEqual(['[test/cm] ConfigMap "cm" data: the key "0o17" is not allowed; cdk8s writes it without quotes and kubectl\'s YAML reader reads it back as the number 15, not a string (see docs/yaml-quirks.md). Choose another key']);
  });

  test('hostPath and NFS opted out knowingly synthesize', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      ...base,
      security: { allowNfs: true },
      volumes: [{ name: 'n', mountPath: '/n', source: VolumeSource.nfs('nfs.example.com', '/exports') }],
    });
    expect(synth(chart)[0].spec.template.spec.volumes).toEqual([{ name: 'n', nfs: { server: 'nfs.example.com', path: '/exports' } }]);
  });

  test('fieldRefs, resourceFields and limits the server accepts synthesize', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      ...base,
      cpu: '0.5',
      cpuLimit: '500m',
      memory: '1G',
      memoryLimit: '1Gi',
      env: [
        { name: 'NODE', valueFrom: EnvSource.fieldRef('spec.nodeName') },
        { name: 'TEAM', valueFrom: EnvSource.fieldRef("metadata.labels['example.com/team']") },
        { name: 'MEM', valueFrom: EnvSource.resourceField('limits.memory', undefined, '1Mi') },
      ],
      envFrom: [EnvFromSource.configMap('cm', 'APP_')],
    });
    const c = synth(chart)[0].spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '0.5', memory: '1G' }, limits: { cpu: '500m', memory: '1Gi' } });
    expect(c.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'cm' } }]);
  });

  test('a runAsNonRoot: false workload may run as root', () => {
    const chart = newChart();
    new Worker(chart, 'w', { ...base, security: { user: 0, runAsNonRoot: false } });
    expect(synth(chart)[0].spec.template.spec.containers[0].securityContext.runAsUser).toBe(0);
  });
});

describe('WebApp', () => {
  const ok: WebAppProps = { containers: [web] };
  test.each<[string, string, WebAppProps, string]>([
    ['a name that makes an RFC 1035-invalid Service name', '1web', ok,
      'name: "1web" is not allowed; must start with a letter: a Service name is an RFC 1035 label. The Service is named after the app: rename the app, or set `service.name`'],
    ['a limit below the request', 'app', { containers: [{ ...web, requests: { memory: '128Mi' }, limits: { memory: '64Mi' } }] },
      'containers[0].limits.memory: "64Mi" is not allowed; must be at least the request ("128Mi"): Kubernetes rejects a limit below its request. Raise the limit or lower the request'],
    ['a Service port without its number', 'app', { ...ok, service: { ports: [{ name: 'http' } as any] } },
      'service.ports[0].port: is required: the port number the Service listens on, 1..65535'],
    ['a container that is undefined', 'app', { containers: [web, undefined as any] },
      'containers[1]: undefined is not allowed; must be a container; remove the empty entry'],
    ['a plain object as a probe', 'app', { containers: [{ ...web, livenessProbe: { httpGet: { path: '/' } } as any }] },
      'containers[0].livenessProbe: {"httpGet":{"path":"/"}} is not allowed; must be made with HealthCheck.fromHttpGet/fromTcpSocket/fromCommand/fromGrpc'],
  ])('%s', (_name, id, props, message) => {
    const chart = newChart();
    new WebApp(chart, id, props);
    expect(errorLines(chart)).toContain(`[test/${id}] ${message}`);
  });

  test('an Ingress rule without its servicePort is one line, not also cdk8s-plus\'s "no rules"', () => {
    const chart = newChart();
    new WebApp(chart, 'app', {
      containers: [{ ...web, ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9090 }] }],
      ingress: { rules: [{ host: 'shop.example.com' }] },
    });
    expect(errorLines(chart)).toEqual([
      '[test/app] ingress.rules[0].servicePort: is required because the Service has several ports (8080, 9090)',
    ]);
  });
});

describe('ServiceWithHealthchecks', () => {
  /** A Postgres Worker in chart "data" (namespace "data"), and an empty chart "front" (namespace "front"). */
  const dbInDataNamespace = () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const front = new Chart(app, 'front', { namespace: 'front' });
    const db = new Worker(data, 'db', { image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] });
    return { app, front, db };
  };

  const probe = () => ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(80) }));
  test('a port without its number', () => {
    const chart = newChart();
    new ServiceWithHealthchecks(chart, 'db', { selector: { app: 'db' }, ports: [{ name: 'pg' } as any], probes: [probe()] });
    expect(errorLines(chart)).toContain('[test/db] ports[0].port: is required: the port number the Service listens on, 1..65535');
  });

  test('a workload in another namespace: synth names both namespaces', () => {
    const { app, front, db } = dbInDataNamespace();
    new ServiceWithHealthchecks(front, 'db', { workload: db, probes: [probe()] });
    expect(errorLines(app)).toContain('[front/db] workload: "db" is not allowed; the workload (at data/db) is in namespace "data", but this ServiceWithHealthchecks is in namespace "front": a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace');
  });

  test('a plain Service selecting a workload of another namespace: synth names both namespaces', () => {
    const { app, front, db } = dbInDataNamespace();
    const svc = new kplus.Service(front, 'db-svc', { ports: [{ port: 5432 }] });
    for (const [k, v] of Object.entries(db.selectorLabels)) svc.selectLabel(k, v);
    expect(errorLines(app)).toEqual([
      '[data/db/Deployment] selector: the Service "front-db-svc-c87dac9b" (at front/db-svc/Resource) in namespace "front" selects these pods, which are in namespace "data": a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace',
    ]);
  });

  test('a pod label added after a synth counts at the next synth', () => {
    const { app, front, db } = dbInDataNamespace();
    const svc = new kplus.Service(front, 'db-svc', { ports: [{ port: 5432 }] });
    svc.selectLabel('role', 'primary-db');
    expect(() => app.synthYaml()).not.toThrow(); // no pods carry the label yet
    db.deployment.podMetadata.addLabel('role', 'primary-db');
    expect(errorLines(app)).toEqual([
      '[data/db/Deployment] selector: the Service "front-db-svc-c87dac9b" (at front/db-svc/Resource) in namespace "front" selects these pods, which are in namespace "data": a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace',
    ]);
  });

  test('a Service selecting a workload of its own namespace passes, even when another namespace has one of the same name', () => {
    const app = Testing.app();
    for (const ns of ['a', 'b']) {
      const chart = new Chart(app, ns, { namespace: ns });
      const w = new Worker(chart, 'db', { image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] });
      const svc = new kplus.Service(chart, 'svc', { ports: [{ port: 5432 }] });
      for (const [k, v] of Object.entries(w.selectorLabels)) svc.selectLabel(k, v);
    }
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('an instance that is not a label value', () => {
    const chart = newChart();
    new ServiceWithHealthchecks(chart, 'db', { selector: { app: 'db' }, ports: [{ port: 80 }], probes: [probe()], instance: 'a/b' });
    expect(errorLines(chart)).toContain('[test/db] instance: "a/b" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit, because it is written as the app.kubernetes.io/instance label');
  });
});

describe('ConfigMaps and Secrets of this library', () => {
  test('a workload reading a ConfigMap of another namespace: synth names both namespaces', () => {
    const app = Testing.app();
    const shared = new Chart(app, 'shared', { namespace: 'shared' });
    const apps = new Chart(app, 'apps', { namespace: 'apps' });
    const settings = new ConfigMap(shared, 'settings', { data: { level: 'info' } });
    const creds = new Secret(shared, 'creds', { data: { token: 'not-shown-here' } });
    new Worker(apps, 'w', {
      image: 'busybox',
      env: [{ name: 'LEVEL', valueFrom: settings.envValue('level') }],
      envFrom: [creds.envFrom()],
      volumes: [{ name: 'cfg', mountPath: '/etc/app', source: settings.asVolume() }],
    });
    expect(errorLines(app).filter(l => l.startsWith('[apps/w]'))).toEqual([
      '[apps/w] env[0].valueFrom.configMapKeyRef.name: "settings" is not allowed; the ConfigMap "settings" (created at shared/settings) is in namespace "shared", but this workload is in namespace "apps": a pod can only read ConfigMaps and Secrets of its own namespace. Create the ConfigMap in the workload\'s namespace (in the same chart, or a chart with the same namespace)',
      '[apps/w] envFrom[0].secretRef.name: "creds" is not allowed; the Secret "creds" (created at shared/creds) is in namespace "shared", but this workload is in namespace "apps": a pod can only read ConfigMaps and Secrets of its own namespace. Create the Secret in the workload\'s namespace (in the same chart, or a chart with the same namespace)',
      '[apps/w] volumes[0].configMap: "settings" is not allowed; the ConfigMap "settings" (created at shared/settings) is in namespace "shared", but this workload is in namespace "apps": a pod can only read ConfigMaps and Secrets of its own namespace. Create the ConfigMap in the workload\'s namespace (in the same chart, or a chart with the same namespace)',
    ]);
  });

  test('a ConfigMap name longer than a label value', () => {
    const chart = newChart();
    const name = `${'c'.repeat(40)}.${'d'.repeat(30)}`;
    new ConfigMap(chart, 'cm', { name, data: {} });
    expect(errorLines(chart)).toEqual([`[test/cm] name: "${name}" is not allowed; must be at most 63 characters (it has 71): it is also written as the app.kubernetes.io/name label`]);
  });

  test('a PostgreSqlCredentialsSecret password reused in an env literal, an annotation and a probe query is caught', () => {
    const chart = newChart();
    const password = 'pg-probe-pass-42';
    new PostgreSqlCredentialsSecret(chart, 'pg-probe', { user: 'probe', password });
    new Worker(chart, 'w', {
      image: 'busybox',
      env: [{ name: 'PGPASS_HINT', value: password }],
      annotations: { note: password },
      ports: [{ name: 'pg', containerPort: 5432 }],
    });
    new ServiceWithHealthchecks(chart, 'db', {
      selector: { app: 'db' },
      ports: [{ port: 5432 }],
      probes: [ServiceProbe.fromPostgreSql({ authSecretName: 'pg-probe', query: `select '${password}'` })],
    });
    const lines = errorLines(chart).filter(l => l.startsWith('[test/pg-probe]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[test\/pg-probe\] password: the value also appears outside the Secret, in Deployment "w" at \/metadata\/annotations\/note, Deployment "w" at \/spec\/template\/spec\/containers\/0\/env\/0\/value, ServiceWithHealthchecks "db" at \/spec\/healthcheck\/probes\/0\/postgreSQL\/query; a secret value must only be written into its Secret/);
    expect(lines[0]).not.toContain(password);
  });
});

describe('health-check defaults and jobs', () => {
  test('HealthCheckDefaults.custom({}) from JavaScript is a synth error per missing timing, not a crash', () => {
    const chart = newChart();
    new Worker(chart, 'w', {
      image: 'busybox',
      healthCheckDefaults: HealthCheckDefaults.custom({} as any),
      livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 5 }),
    });
    expect(errorLines(chart)).toEqual(['initialDelaySeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'].map(k =>
      `[test/w] livenessProbe.${k}: is set neither by the check nor by the construct's healthCheckDefaults (HealthCheckDefaults.custom needs all five timings)`));
  });

  test('a JobGraph health interval beyond int32 is reported', () => {
    const { chart } = graphOf([{ ...MAIN, health: { exec: '/bin/check', interval: 2 ** 31, ttl: 2 ** 31 } }]);
    expect(errorLines(chart)).toEqual(['interval', 'ttl'].map(k =>
      `[test/g] job[main].health.${k}: 2147483648 is not allowed; must be at most 2147483647 seconds: it becomes a probe's periodSeconds or failureThreshold, which Kubernetes stores as a 32-bit integer`));
  });
});

describe('found by the API server on the property tests\' accepted apps', () => {
  test.each<[string, Partial<WorkerProps>, string]>([
    ['a fractional byte value of memory', { memory: '250m' },
      'requests.memory: "250m" is not allowed; must be a whole number of bytes (such as "256Mi" or "1Gi"): the API server refuses a fractional byte value'],
  ])('%s', (_, props, message) => {
    const chart = newChart();
    new Worker(chart, 'w', { ...base, ...props });
    expect(errorLines(chart)).toEqual([`[test/w] ${message}`]);
  });

  test('a fractional byte value of ephemeral storage in a WebApp container', () => {
    const chart = newChart();
    new WebApp(chart, 'web', { containers: [{ ...web, requests: { ephemeralStorage: '0.5' } }] });
    expect(errorLines(chart)).toEqual([
      '[test/web] containers[0].requests.ephemeralStorage: "0.5" is not allowed; must be a whole number of bytes (such as "256Mi" or "1Gi"): the API server refuses a fractional byte value',
    ]);
  });

  test('fractional CPU and whole byte values written as decimals stay accepted', () => {
    const chart = newChart();
    new Worker(chart, 'w', { ...base, cpu: '250m', memory: '1e9' });
    expect(synth(chart)[0].spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '250m', memory: '1e9' });
  });

  test.each<[string, string, Record<string, string>, string]>([
    ['basic-auth with neither username nor password', 'kubernetes.io/basic-auth', { token: 'abcdefgh' },
      'type: "kubernetes.io/basic-auth" is not allowed; needs the key "username" or "password" in data: the API server refuses a kubernetes.io/basic-auth Secret without one of them. Add the key, or use type "Opaque"'],
    ['tls without its key', 'kubernetes.io/tls', { 'tls.crt': 'certificate' },
      'type: "kubernetes.io/tls" is not allowed; needs the keys "tls.crt" and "tls.key" in data: the API server refuses a kubernetes.io/tls Secret without them. Add the key, or use type "Opaque"'],
    ['ssh-auth without its key', 'kubernetes.io/ssh-auth', {},
      'type: "kubernetes.io/ssh-auth" is not allowed; needs the key "ssh-privatekey" in data: the API server refuses a kubernetes.io/ssh-auth Secret without them. Add the key, or use type "Opaque"'],
    ['dockerconfigjson that is not a JSON object', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '[1]' },
      'data[".dockerconfigjson"]: must be a JSON object: the API server refuses a kubernetes.io/dockerconfigjson Secret whose ".dockerconfigjson" is not (the value is not shown here)'],
    ['a service account token', 'kubernetes.io/service-account-token', {},
      'type: "kubernetes.io/service-account-token" is not allowed; is not supported here: the API server requires the kubernetes.io/service-account.name annotation and the token controller writes the token. Create a ServiceAccount token Secret with cdk8s-plus or kubectl'],
  ])('a Secret: %s', (_, type, data, message) => {
    const chart = newChart();
    new Secret(chart, 's', { type, data });
    expect(errorLines(chart)).toEqual([`[test/s] ${message}`]);
  });

  test('a basic-auth Secret with only a password is accepted, as the server accepts it', () => {
    const chart = newChart();
    new Secret(chart, 's', { type: 'kubernetes.io/basic-auth', data: { password: 'correct-horse' } });
    expect(synth(chart)[0].type).toEqual('kubernetes.io/basic-auth');
  });
});
