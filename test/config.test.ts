import { Chart, Testing } from 'cdk8s';
import { ConfigMap, EnvFromSource, EnvSource, Secret, VolumeSource, Worker, WorkerProps } from '../src';
import { newChart, ofKind, synth, synthError } from './support/synth';
import { looksLikeCredential } from '../src/config/hygiene';

const HASH = 'checksum/config';
const podOf = (objs: any[], name: string) => objs.find(o => o.kind === 'Deployment' && o.metadata.name === name).spec.template;

/** Builds settings + creds and one worker consuming them as `consume` says; returns the synthesized objects. */
type Consume = (cm: ConfigMap, s: Secret) => Partial<WorkerProps>;
function app(o: { settings?: Record<string, string>; creds?: Record<string, string>; worker: Consume }): any[] {
  const chart = newChart();
  const cm = new ConfigMap(chart, 'settings', { data: o.settings ?? { 'level': 'info', 'app.yaml': 'port: 8080\n' } });
  const s = new Secret(chart, 'creds', { data: o.creds ?? { password: 'correct-horse', user: 'svc-orders' } });
  new Worker(chart, 'w', { image: 'app', ...o.worker(cm, s) });
  return synth(chart);
}

describe('ConfigMap and Secret created by the app', () => {
  test('a ConfigMap carries its data with sorted keys and the recommended labels', () => {
    const chart = newChart();
    new ConfigMap(chart, 'settings', { data: { zeta: '1', alpha: '2' }, partOf: 'shop' });
    const [cm] = synth(chart);
    expect(cm).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    expect(Object.keys(cm.data)).toEqual(['alpha', 'zeta']);
    expect(cm.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'settings', 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s-workloads' });
    expect(cm.immutable).toBeUndefined();
  });

  test('immutable is written only when asked', () => {
    const chart = newChart();
    new ConfigMap(chart, 'settings', { data: { a: '1' }, immutable: true });
    expect(synth(chart)[0].immutable).toBe(true);
  });

  test('a Secret writes its values base64-encoded under data by default, type Opaque, no stringData', () => {
    const chart = newChart();
    new Secret(chart, 'creds', { data: { password: 'correct-horse' } });
    const [s] = synth(chart);
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ password: Buffer.from('correct-horse').toString('base64') });
    expect(s.stringData).toBeUndefined();
  });

  test('a Secret writes stringData only when asked', () => {
    const chart = newChart();
    new Secret(chart, 'creds', { data: { password: 'correct-horse' }, writeStringData: true, type: 'kubernetes.io/basic-auth' });
    const [s] = synth(chart);
    expect(s.stringData).toEqual({ password: 'correct-horse' });
    expect(s.data).toBeUndefined();
    expect(s.type).toBe('kubernetes.io/basic-auth');
  });
});

describe('consuming ConfigMaps and Secrets', () => {
  test('single keys as env vars: configMapKeyRef and secretKeyRef to the created objects', () => {
    const objs = app({ worker: (cm, s) => ({ env: [{ name: 'LEVEL', valueFrom: cm.envValue('level') }, { name: 'DB_PASSWORD', valueFrom: s.envValue('password') }] }) });
    expect(podOf(objs, 'w').spec.containers[0].env).toEqual([
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
    ]);
  });

  test('all keys as env vars (envFrom) with an optional prefix', () => {
    const objs = app({ worker: (cm, s) => ({ envFrom: [cm.envFrom('APP_'), s.envFrom()] }) });
    expect(podOf(objs, 'w').spec.containers[0].envFrom).toEqual([
      { prefix: 'APP_', configMapRef: { name: 'settings' } },
      { secretRef: { name: 'creds' } },
    ]);
  });

  test('whole objects as files', () => {
    const objs = app({
      worker: (cm, s) => ({
        volumes: [
          { name: 'settings', mountPath: '/etc/app', source: cm.asVolume() },
          { name: 'creds', mountPath: '/var/run/creds', source: s.asVolume({ defaultMode: 0o400 }) },
        ],
      }),
    });
    expect(podOf(objs, 'w').spec.volumes).toEqual([
      { name: 'settings', configMap: { name: 'settings' } },
      { name: 'creds', secret: { secretName: 'creds', defaultMode: 0o400 } },
    ]);
  });

  test('chosen keys at chosen paths with modes', () => {
    const objs = app({
      worker: cm => ({ volumes: [{ name: 'settings', mountPath: '/etc/app', source: cm.asVolume({ items: [{ key: 'app.yaml', path: 'conf/app.yaml', mode: 0o440 }] }) }] }),
    });
    expect(podOf(objs, 'w').spec.volumes[0].configMap).toEqual({ name: 'settings', items: [{ key: 'app.yaml', path: 'conf/app.yaml', mode: 0o440 }] });
  });

  test('existing objects are referenced by name and get no hash', () => {
    const objs = app({
      worker: () => ({
        env: [{ name: 'TOKEN', valueFrom: EnvSource.secretKey('made-elsewhere', 'token') }],
        envFrom: [EnvFromSource.configMap('also-elsewhere')],
        volumes: [{ name: 'tls', mountPath: '/tls', source: VolumeSource.secret('tls-elsewhere') }],
      }),
    });
    expect(podOf(objs, 'w').metadata.annotations?.[HASH]).toBeUndefined();
  });
});

describe('rollout hash (checksum/config)', () => {
  const hashOf = (settings: Record<string, string>, worker: (cm: ConfigMap, s: Secret) => Partial<WorkerProps>, creds?: Record<string, string>) =>
    podOf(app({ settings, creds, worker }), 'w').metadata.annotations?.[HASH];
  const base = { level: 'info', other: 'x' };

  test('a consumer of a created ConfigMap carries a sha256 hex hash on its pod template, not on the Deployment', () => {
    const objs = app({ worker: cm => ({ envFrom: [cm.envFrom()] }) });
    const d = objs.find(o => o.kind === 'Deployment');
    expect(d.spec.template.metadata.annotations[HASH]).toMatch(/^[0-9a-f]{64}$/);
    expect(d.metadata.annotations?.[HASH]).toBeUndefined();
  });

  test('same data, same hash (deterministic)', () => {
    const w = (cm: ConfigMap) => ({ envFrom: [cm.envFrom()] });
    expect(hashOf(base, w)).toBe(hashOf({ ...base }, w));
  });

  test('changing a consumed value changes the hash', () => {
    const w = (cm: ConfigMap) => ({ env: [{ name: 'LEVEL', valueFrom: cm.envValue('level') }] });
    expect(hashOf({ ...base, level: 'debug' }, w)).not.toBe(hashOf(base, w));
  });

  test('changing a key the pod does not read leaves the hash as it was', () => {
    const w = (cm: ConfigMap) => ({ env: [{ name: 'LEVEL', valueFrom: cm.envValue('level') }] });
    expect(hashOf({ ...base, other: 'y' }, w)).toBe(hashOf(base, w));
    const items = (cm: ConfigMap) => ({ volumes: [{ name: 'v', mountPath: '/v', source: cm.asVolume({ items: [{ key: 'level', path: 'level' }] }) }] });
    expect(hashOf({ ...base, other: 'y' }, items)).toBe(hashOf(base, items));
  });

  test('with envFrom or a whole-object volume, every key counts (adding one changes the hash)', () => {
    const envFrom = (cm: ConfigMap) => ({ envFrom: [cm.envFrom()] });
    expect(hashOf({ ...base, added: '1' }, envFrom)).not.toBe(hashOf(base, envFrom));
    const vol = (cm: ConfigMap) => ({ volumes: [{ name: 'v', mountPath: '/v', source: cm.asVolume() }] });
    expect(hashOf({ ...base, other: 'y' }, vol)).not.toBe(hashOf(base, vol));
  });

  test('a changed Secret value changes the hash of its consumers', () => {
    const w = (_: ConfigMap, s: Secret) => ({ env: [{ name: 'DB_PASSWORD', valueFrom: s.envValue('password') }] });
    expect(hashOf(base, w, { password: 'new-password-1' })).not.toBe(hashOf(base, w, { password: 'old-password-1' }));
  });

  test('only the consumers of a changed ConfigMap change', () => {
    const build = (level: string) => {
      const chart = newChart();
      const a = new ConfigMap(chart, 'a', { data: { level } });
      const b = new ConfigMap(chart, 'b', { data: { level: 'info' } });
      new Worker(chart, 'reads-a', { image: 'app', envFrom: [a.envFrom()] });
      new Worker(chart, 'reads-b', { image: 'app', envFrom: [b.envFrom()] });
      new Worker(chart, 'reads-none', { image: 'app' });
      const objs = synth(chart);
      return (n: string) => podOf(objs, n).metadata.annotations?.[HASH];
    };
    const before = build('info');
    const after = build('debug');
    expect(after('reads-a')).not.toBe(before('reads-a'));
    expect(after('reads-b')).toBe(before('reads-b'));
    expect(before('reads-none')).toBeUndefined();
    expect(after('reads-none')).toBeUndefined();
  });

  test('rolloutOnConfigChange: false opts a workload out', () => {
    const objs = app({ worker: cm => ({ envFrom: [cm.envFrom()], rolloutOnConfigChange: false }) });
    expect(podOf(objs, 'w').metadata.annotations?.[HASH]).toBeUndefined();
  });

  test('the hash sits beside the user\'s pod annotations', () => {
    const objs = app({ worker: cm => ({ envFrom: [cm.envFrom()], podAnnotations: { team: 'orders' } }) });
    expect(Object.keys(podOf(objs, 'w').metadata.annotations).sort()).toEqual([HASH, 'team']);
  });
});

describe('secret hygiene', () => {
  test.each([
    ['DB_PASSWORD', true], ['PASSWORD', true], ['GITHUB_TOKEN', true], ['CLIENT_SECRET', true], ['STRIPE_API_KEY', true],
    ['APIKEY', true], ['AWS_SECRET_ACCESS_KEY', true], ['PRIVATE_KEY', true], ['DBPASSWORD', true], ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['TOKENIZER_MODEL', false], ['KEYSPACE', false], ['PWD', false], ['LOG_LEVEL', false], ['CACHE_KEY_PREFIX', false], ['PASSTHROUGH', false],
  ])('%s looks like a credential: %s', (name, expected) => {
    expect(looksLikeCredential(name as string)).toBe(expected);
  });

  test('a credential-like literal is allowed when marked, and empty values are not checked', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', env: [{ name: 'DUMMY_TOKEN', value: 'test-only', allowLiteralCredential: true }, { name: 'API_TOKEN' }] });
    expect(podOf(synth(chart), 'w').spec.containers[0].env).toEqual([{ name: 'DUMMY_TOKEN', value: 'test-only' }, { name: 'API_TOKEN' }]);
  });

  test('the credential message names the variable, shows the Secret-based way and never the value', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', env: [{ name: 'DB_PASSWORD', value: 'hunter2-literal' }] });
    const message = synthError(chart);
    expect(message).toContain('[test/w] env[0].value: "DB_PASSWORD" looks like a credential, so its value must not be written as a literal into the workload\'s manifest (the value is not shown here). '
      + 'Keep it in a Secret and refer to it: `const secret = new Secret(chart, \'app-credentials\', { data: { ... } })` and `{ name: "DB_PASSWORD", valueFrom: secret.envValue(\'<key>\') }`, '
      + 'or `valueFrom: EnvSource.secretKey(\'<existing-secret>\', \'<key>\')` for a Secret made elsewhere. If the value is not secret, set `allowLiteralCredential: true` on this variable');
    expect(message).not.toContain('hunter2-literal');
  });

  test('a Secret value that appears in another object is a synth error naming where, without the value', () => {
    const chart = newChart();
    new Secret(chart, 'creds', { data: { password: 'correct-horse' } });
    new Worker(chart, 'w', { image: 'app', args: ['--password=correct-horse'] });
    const message = synthError(chart);
    expect(message).toContain('[test/creds] data["password"]: the value of this key also appears outside the Secret, in Deployment "w" at /spec/template/spec/containers/0/args/0; '
      + 'a secret value must only be written into its Secret: consume it with `secret.envValue("password")`, `envFrom()` or `asVolume()`');
    expect(message.split('correct-horse').length).toBe(1);
  });

  test('values shorter than 6 characters are not searched for (they match by chance)', () => {
    const chart = newChart();
    new Secret(chart, 'creds', { data: { flag: 'true' } });
    new Worker(chart, 'w', { image: 'app', args: ['--verbose=true'] });
    expect(ofKind(synth(chart), 'Secret')).toHaveLength(1);
  });

  test('other Secrets may hold the same value', () => {
    const chart = newChart();
    new Secret(chart, 'a', { data: { password: 'correct-horse' } });
    new Secret(chart, 'b', { data: { password: 'correct-horse' } });
    expect(ofKind(synth(chart), 'Secret')).toHaveLength(2);
  });
});

describe('bad inputs', () => {
  const cases: [string, (chart: Chart) => void, string][] = [
    ['an env var reading a key the ConfigMap does not have', chart => {
      const cm = new ConfigMap(chart, 'settings', { data: { level: 'info', port: '8080' } });
      new Worker(chart, 'w', { image: 'app', env: [{ name: 'LEVEL', valueFrom: cm.envValue('lvl') }] });
    }, '[test/w] env[0].valueFrom.configMapKeyRef.key: "lvl" is not allowed; the ConfigMap "settings" (created at test/settings) has no such key (it has "level", "port"). Add the key to the ConfigMap or consume a key it has'],
    ['an env var reading a key the Secret does not have', chart => {
      const s = new Secret(chart, 'creds', {});
      new Worker(chart, 'w', { image: 'app', env: [{ name: 'DB_PASSWORD', valueFrom: s.envValue('password') }] });
    }, '[test/w] env[0].valueFrom.secretKeyRef.key: "password" is not allowed; the Secret "creds" (created at test/creds) has no such key (it has no keys). Add the key to the Secret or consume a key it has'],
    ['a volume item naming a missing key', chart => {
      const cm = new ConfigMap(chart, 'settings', { data: { 'app.yaml': 'x' } });
      new Worker(chart, 'w', { image: 'app', volumes: [{ name: 'v', mountPath: '/v', source: cm.asVolume({ items: [{ key: 'app.yml', path: 'app.yaml' }] }) }] });
    }, '[test/w] volumes[0].configMap.items[0].key: "app.yml" is not allowed; the ConfigMap "settings" (created at test/settings) has no such key (it has "app.yaml"). Add the key to the ConfigMap or consume a key it has'],
    ['a credential-like literal', chart => {
      new Worker(chart, 'w', { image: 'app', env: [{ name: 'API_KEY', value: 'abc' }] });
    }, '[test/w] env[0].value: "API_KEY" looks like a credential, so its value must not be written as a literal'],
    ['a bad key', chart => {
      new ConfigMap(chart, 'settings', { data: { 'bad key': 'x' } });
    }, '[test/settings] data: "bad key" is not allowed; a key must be letters, digits, "-", "_" and "." (at most 253 characters, not "." or "..")'],
    ['a bad name', chart => {
      new Secret(chart, 'creds', { name: 'Creds_1' });
    }, '[test/creds] name: "Creds_1" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)'],
    ['a non-string value', chart => {
      new ConfigMap(chart, 'settings', { data: { port: 8080 as any } });
    }, '[test/settings] data["port"]: must be a string (got number); write numbers and booleans as strings, such as "8080" or "true"'],
    ['a bad Secret type', chart => {
      new Secret(chart, 'creds', { type: 'not a type' });
    }, '[test/creds] type: "not a type" is not allowed; must be a Secret type such as "Opaque" or "kubernetes.io/tls"'],
  ];
  test.each(cases)('%s', (_, build, message) => {
    const chart = new Chart(Testing.app(), 'test');
    build(chart);
    expect(synthError(chart)).toContain(message);
  });
});
