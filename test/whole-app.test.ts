// The whole-app checks (a Secret value written into another object, a plain Service named
// like a ServiceWithHealthchecks) go through one index per app (src/common/whole-app.ts).
// These tests count what a synth does, not how long it takes: a check that walks or renders
// the app once per object fails them at any machine speed.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { Construct, Node } from 'constructs';
import {
  ConfigMap, HealthCheck, PortReference, Secret, ServiceProbe, ServiceWithHealthchecks, WebApp, Worker,
} from '../src';
import { synthError } from './support/synth';
import * as yamlModule from '../src/common/yaml';

/** App `i`: a Secret and a ConfigMap consumed (env, envFrom, file) by a Worker behind a ServiceWithHealthchecks, and a WebApp. */
function addApp(chart: Construct, i: number, leak = false): void {
  const scope = new Construct(chart, `app-${i}`);
  const secret = new Secret(scope, 'creds', { name: `creds-${i}`, data: { password: `pw-${i}-correct-horse`, token: `tok-${i}-battery` } });
  const settings = new ConfigMap(scope, 'settings', { name: `settings-${i}`, data: { level: 'info' } });
  const api = new Worker(scope, 'api', {
    name: `api-${i}`,
    image: 'registry.example.com/api:1.0',
    args: leak ? [`--password=pw-${i}-correct-horse`] : ['--serve'],
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [{ name: 'DB_PASSWORD', valueFrom: secret.envValue('password') }],
    envFrom: [settings.envFrom()],
    volumes: [{ name: 'creds', mountPath: '/etc/creds', source: secret.asVolume() }],
  });
  new ServiceWithHealthchecks(scope, 'svc', {
    name: `api-${i}`,
    workload: api,
    probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromName('http') }))],
  });
  new WebApp(scope, 'web', {
    name: `web-${i}`,
    containers: [{
      name: 'web',
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ name: 'http', containerPort: 8080 }],
      env: [{ name: 'API_TOKEN', valueFrom: secret.envValue('token') }],
      volumes: [{ name: 'settings', mountPath: '/etc/app', source: settings.asVolume() }],
    }],
    service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
  });
}

/**
 * Counts, during `run`, the renders of each object (ApiObject.toJson) and the walks of the
 * whole tree from its root (Node.findAll on the root, which cdk8s itself does a few times
 * per validation pass).
 */
function count(app: App, run: () => void): { renders: number; maxRendersOfOne: number; rootWalks: number } {
  const renders = new Map<ApiObject, number>();
  let rootWalks = 0;
  const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
  const findAll = jest.spyOn(Node.prototype, 'findAll');
  toJson.mockImplementation(function (this: ApiObject) {
    renders.set(this, (renders.get(this) ?? 0) + 1);
    return ORIGINAL_TO_JSON.call(this);
  });
  findAll.mockImplementation(function (this: Node, order?: any) {
    if (this === app.node) rootWalks++;
    return ORIGINAL_FIND_ALL.call(this, order);
  });
  try {
    run();
  } finally {
    toJson.mockRestore();
    findAll.mockRestore();
  }
  const all = [...renders.values()];
  return { renders: all.reduce((a, b) => a + b, 0), maxRendersOfOne: Math.max(0, ...all), rootWalks };
}
const ORIGINAL_TO_JSON = ApiObject.prototype.toJson;
const ORIGINAL_FIND_ALL = Node.prototype.findAll;

function objectCount(app: App): number {
  return app.node.findAll().filter(c => c instanceof ApiObject).length;
}

describe('whole-app checks cost one walk per validation pass and one render per object', () => {
  test.each([10, 40])('%i apps in one chart: each object rendered once (the checks and the output share it), the tree walked a fixed number of times', (n) => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps');
    for (let i = 0; i < n; i++) addApp(chart, i);
    const objects = objectCount(app);
    const c = count(app, () => app.synthYaml());
    expect(c.maxRendersOfOne).toBe(1);
    expect(c.renders).toBe(objects);
    // cdk8s walks the app 2-3 times per validation pass (2 passes here) and the index once
    // per pass; a check that walked it once per Secret or per ServiceWithHealthchecks would
    // add n or more.
    expect(c.rootWalks).toBeLessThanOrEqual(8);
  });

  test('with one chart per app, cdk8s validates once per chart, yet each object is rendered once', () => {
    const app = Testing.app();
    const n = 15;
    for (let i = 0; i < n; i++) addApp(new Chart(app, `c${i}`), i);
    const objects = objectCount(app);
    const c = count(app, () => app.synthYaml());
    expect(c.maxRendersOfOne).toBe(1);
    expect(c.renders).toBe(objects);
  });

  test('with one chart per app, each construct\'s checks run once per synth, not once per chart cdk8s validates the app for', () => {
    const app = Testing.app();
    const n = 15;
    for (let i = 0; i < n; i++) addApp(new Chart(app, `c${i}`), i);
    // Every Worker, WebApp, ServiceWithHealthchecks, Secret and ConfigMap runs the YAML-misreading check in its validation.
    const checks = jest.spyOn(yamlModule, 'yamlRoundTripProblems');
    try {
      app.synthYaml();
      // cdk8s 2.70 runs n + 1 validation passes here (one per chart, after the synth's own).
      expect(checks).toHaveBeenCalledTimes(5 * n);
      checks.mockClear();
      app.synthYaml(); // a later synth checks the app afresh
      expect(checks).toHaveBeenCalledTimes(5 * n);
    } finally {
      checks.mockRestore();
    }
  });

  test.each([1, 3])('app.synth() writing files, %i chart(s): each object rendered once, and the files are what toJson() gives', (charts) => {
    const app = Testing.app();
    const all = Array.from({ length: charts }, (_, i) => new Chart(app, `c${i}`));
    for (let i = 0; i < 6; i++) addApp(all[i % charts], i);
    const objects = objectCount(app);
    const c = count(app, () => app.synth());
    expect(c.maxRendersOfOne).toBe(1);
    expect(c.renders).toBe(objects);
    // What was written is what a fresh render of each object gives.
    const written = fs.readdirSync(app.outdir).filter(f => f.endsWith('.k8s.yaml')).sort()
      .flatMap(f => Yaml.load(path.join(app.outdir, f)));
    const fresh = app.charts.flatMap(chart => chart.node.findAll().filter((o): o is ApiObject => o instanceof ApiObject).map(o => o.toJson()));
    expect(written).toEqual(fresh);
  });

  test('Testing.synth of one chart renders each object once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    for (let i = 0; i < 5; i++) addApp(chart, i);
    const c = count(app, () => Testing.synth(chart));
    expect(c.maxRendersOfOne).toBe(1);
    expect(c.renders).toBe(objectCount(app));
  });

  test('the walks do not grow with the number of checks: 40 apps walk the tree as often as 10', () => {
    const walks = (n: number) => {
      const app = Testing.app();
      const chart = new Chart(app, 'apps');
      for (let i = 0; i < n; i++) addApp(chart, i);
      return count(app, () => app.synthYaml()).rootWalks;
    };
    expect(walks(40)).toBe(walks(10));
  });
});

describe('the secret check through the shared index', () => {
  const leakMessage = (i: number, chart: string) => `[${chart}/app-${i}/creds] data["password"]: the value of this key also appears outside the Secret, in Deployment "api-${i}" at /spec/template/spec/containers/0/args/0; `
    + 'a secret value must only be written into its Secret: consume it with `secret.envValue("password")`, `envFrom()` or `asVolume()`';

  test('every leaking Secret of many is reported, once, with one chart per app', () => {
    const app = Testing.app();
    const charts = [0, 1, 2, 3].map(i => new Chart(app, `c${i}`));
    charts.forEach((c, i) => addApp(c, i, i === 1 || i === 3));
    let message = '';
    try {
      app.synthYaml();
    } catch (e: any) {
      message = String(e.message);
    }
    expect(message).toContain(leakMessage(1, 'c1'));
    expect(message).toContain(leakMessage(3, 'c3'));
    expect(message.split('also appears outside').length).toBe(3);
    expect(message).not.toContain('correct-horse');
  });

  test('a leaking object added after a successful synth fails the next synth, in the same turn', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    addApp(chart, 0);
    expect(() => Testing.synth(chart)).not.toThrow();
    new ApiObject(chart, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { note: 'pw-0-correct-horse' } });
    expect(synthError(chart)).toContain('[test/app-0/creds] data["password"]: the value of this key also appears outside the Secret, in ConfigMap "notes" at /data/note;');
  });

  test('a change to an existing object after a failed synth is seen by the next synth, in the same turn', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    addApp(chart, 0);
    const notes = new ApiObject(chart, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { note: 'pw-0-correct-horse' } });
    expect(synthError(chart)).toContain('in ConfigMap "notes" at /data/note;');
    notes.addJsonPatch(JsonPatch.replace('/data/note', 'nothing secret'));
    const out = Testing.synth(chart);
    expect(out.find(o => o.metadata?.name === 'notes')?.data).toEqual({ note: 'nothing secret' });
  });

  test('a change to an existing object after a successful synth is written by the next synth, in the same turn', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    addApp(chart, 0);
    const notes = new ApiObject(chart, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { note: 'first' } });
    expect(Testing.synth(chart).find(o => o.metadata?.name === 'notes')?.data).toEqual({ note: 'first' });
    notes.addJsonPatch(JsonPatch.replace('/data/note', 'second'));
    expect(Testing.synth(chart).find(o => o.metadata?.name === 'notes')?.data).toEqual({ note: 'second' });
    notes.addJsonPatch(JsonPatch.replace('/data/note', 'pw-0-correct-horse'));
    expect(synthError(chart)).toContain('in ConfigMap "notes" at /data/note;');
  });

  test('an object the checks rendered but no synth wrote renders afresh when asked directly', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    addApp(a, 0);
    const notes = new ApiObject(b, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { note: 'first' } });
    Testing.synth(a); // the whole-app checks render the objects of chart b too
    notes.metadata.addLabel('changed', 'yes');
    expect(notes.toJson().metadata.labels).toEqual({ changed: 'yes' });
    expect(Testing.synth(b)[0].metadata.labels).toEqual({ changed: 'yes' });
  });

  test('a change to an existing object is seen by the next synth once the turn is over', async () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    addApp(chart, 0);
    const notes = new ApiObject(chart, 'notes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' } });
    expect(() => Testing.synth(chart)).not.toThrow();
    await Promise.resolve();
    notes.metadata.addAnnotation('note', 'pw-0-correct-horse');
    expect(synthError(chart)).toContain('in ConfigMap "notes" at /metadata/annotations/note;');
  });

  test('a value found in several places lists each, in tree order, and shorter values inside longer ones are found too', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new Secret(chart, 'a', { data: { long: 'prefix-correct-horse', short: 'correct-horse' } });
    new ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { one: 'prefix-correct-horse', two: 'say correct-horse twice: correct-horse' } });
    const message = synthError(chart);
    expect(message).toContain('[test/a] data["long"]: the value of this key also appears outside the Secret, in ConfigMap "x" at /data/one;');
    expect(message).toContain('[test/a] data["short"]: the value of this key also appears outside the Secret, in ConfigMap "x" at /data/one, ConfigMap "x" at /data/two;');
  });
});

describe('the YAML-misreading walk over the shared render', () => {
  test('names the field of a finding with array indexes and bracketed keys', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const w = new Worker(chart, 'w', { name: 'w', image: 'registry.example.com/w:1.0', args: ['--serve', '0X1F'] });
    w.deployment.metadata.addAnnotation('example.com/level', '0o17');
    const message = synthError(chart);
    expect(message).toContain('[test/w] Deployment "w" metadata.annotations["example.com/level"]: "0o17" is not allowed; cdk8s writes it without quotes');
    expect(message).toContain('[test/w] Deployment "w" spec.template.spec.containers[0].args[1]: "0X1F" is not allowed; cdk8s writes it without quotes');
  });
});
