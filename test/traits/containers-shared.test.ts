// The shared container model: one WorkloadContainer means the same in a Worker and a
// WebApp, and pod labels and annotations are props of every workload.
import { EnvSource, LifecycleHook, PortReference, VolumeSource, WebApp, Worker, WorkloadContainer } from '../../src';
import { graphOf } from '../job-graph/support';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const PROXY: WorkloadContainer = {
  name: 'proxy',
  image: 'envoyproxy/envoy:v1.30.1',
  sidecar: true,
  args: ['--config-path', '/etc/envoy/envoy.yaml'],
  ports: [{ name: 'admin', containerPort: 9901 }],
  requests: { cpu: '50m', memory: '64Mi' },
  lifecycle: { preStop: LifecycleHook.fromHttpGet('/drain_listeners', { port: PortReference.fromName('admin') }) },
  writablePaths: ['/tmp'],
};

test('one WorkloadContainer renders the same init container in a Worker and in a WebApp', () => {
  const chart = newChart();
  new Worker(chart, 'worker', { image: 'ghcr.io/example/worker:1', initContainers: [PROXY] });
  new WebApp(chart, 'web', { containers: [{ name: 'web', image: 'ghcr.io/example/web:1' }], initContainers: [PROXY] });
  const [a, b] = ofKind(synth(chart), 'Deployment').map(d => d.spec.template.spec.initContainers[0]);
  expect(a).toEqual(b);
  expect(a).toMatchObject({ name: 'proxy', restartPolicy: 'Always', lifecycle: { preStop: { httpGet: { path: '/drain_listeners', port: 'admin' } } } });
});

describe('pod labels and annotations, every workload', () => {
  test('a WebApp\'s pods carry podLabels and not labels (ACK\'s separate fields)', () => {
    const chart = newChart();
    new WebApp(chart, 'web', { containers: [{ name: 'web', image: 'ghcr.io/example/web:1' }], labels: { tier: 'front' }, podLabels: { team: 'shop' } });
    const d = ofKind(synth(chart), 'Deployment')[0];
    expect(d.metadata.labels.tier).toBe('front');
    expect(d.spec.template.metadata.labels.tier).toBeUndefined();
    expect(d.spec.template.metadata.labels.team).toBe('shop');
  });

  test('a WebApp may give a pod label a value of its own, other than labels\'', () => {
    const chart = newChart();
    new WebApp(chart, 'web', { containers: [{ name: 'web', image: 'ghcr.io/example/web:1' }], labels: { team: 'a' }, podLabels: { team: 'b' } });
    expect(ofKind(synth(chart), 'Deployment')[0].spec.template.metadata.labels.team).toBe('b');
  });

  test('a WebApp podLabel that is a recommended label is an error, no longer silently replaced', () => {
    const chart = newChart();
    new WebApp(chart, 'web', { containers: [{ name: 'web', image: 'ghcr.io/example/web:1' }], podLabels: { 'app.kubernetes.io/component': 'frontend' } });
    expect(synthError(chart)).toContain('[test/web] podLabels["app.kubernetes.io/component"]: "frontend" is not allowed; is a recommended label the construct writes itself ("web-app" on the pods), and it selects or describes them; set it through `name`, `instance` or `partOf`, or remove it');
  });

  test('an annotation value that is not a string is an error (the property tests found it written, invalid, in a pod template)', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'busybox:1.36', podAnnotations: { team: 1.5 as any }, annotations: { 'example.com/on': true as any } });
    const lines = synthError(chart).split('\n').map(l => l.trim());
    expect(lines).toContain('[test/w] podAnnotations["team"]: 1.5 is not allowed; must be a string: annotation values are text (write a number or a boolean in quotes)');
    expect(lines).toContain('[test/w] annotations["example.com/on"]: true is not allowed; must be a string: annotation values are text (write a number or a boolean in quotes)');
  });

  test('a JobGraph puts labels and podLabels on the pods of its Deployment and CronJobs, podAnnotations too', () => {
    const { chart } = graphOf([
      { name: 'main', exec: '/bin/main', restarts: 'unlimited' },
      { name: 'backup', exec: '/bin/backup', when: { interval: '1h' } },
    ], { detachable: ['backup'], labels: { team: 'ops' }, podLabels: { 'sidecar.istio.io/inject': 'false' }, podAnnotations: { 'example.com/note': 'x' } });
    const objs = synth(chart);
    const deployment = ofKind(objs, 'Deployment')[0];
    const cron = ofKind(objs, 'CronJob')[0];
    for (const meta of [deployment.spec.template.metadata, cron.spec.jobTemplate.spec.template.metadata]) {
      expect(meta.labels).toMatchObject({ 'team': 'ops', 'sidecar.istio.io/inject': 'false' });
      expect(meta.annotations).toMatchObject({ 'example.com/note': 'x' });
    }
    expect(deployment.metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
  });
});

test('two containers of a WebApp cannot declare one port either (the rule is the pod\'s)', () => {
  const chart = newChart();
  new WebApp(chart, 'web', {
    containers: [
      { name: 'web', image: 'ghcr.io/example/web:1', ports: [{ name: 'http', containerPort: 8080 }] },
      { name: 'metrics', image: 'ghcr.io/example/exporter:1', ports: [{ name: 'metrics', containerPort: 8080 }] },
    ],
  });
  expect(synthError(chart)).toContain('[test/web] containers[1].ports[0].containerPort: 8080 is not allowed; is also declared by container "web" (TCP); the containers of a pod share one network namespace, so only one of them can listen on it');
});

// A list with a hole (plain JavaScript, or null from a jsii host) or an entry the checks
// refuse: the entries after it are named by their index as written, not by their place in
// the list that is left once the hole is dropped.
describe('an entry after a hole or a refused entry keeps its index as written', () => {
  const lines = (build: (chart: ReturnType<typeof newChart>) => void) => {
    const chart = newChart();
    build(chart);
    return synthError(chart).split('\n').map(l => l.trim());
  };
  const image = 'ghcr.io/example/worker:1';

  test('env, volumes, writable paths and the main container\'s ports of a Worker', () => {
    const out = lines(chart => new Worker(chart, 'w', {
      image,
      env: [null as any, { name: 'A', value: 1 as any }, { name: 'B', valueFrom: EnvSource.fieldRef('spec.bogus') }],
      volumes: [undefined as any, { name: 'Bad', mountPath: '/data', source: VolumeSource.emptyDir() }],
      writablePaths: [7 as any, 'tmp'],
      ports: [null as any, { containerPort: 70000 }],
    }));
    expect(out).toEqual(expect.arrayContaining([
      '[test/w] env[0]: null is not allowed; must be an environment variable ({ name, value } or { name, valueFrom }); remove the empty entry',
      '[test/w] env[1].value: 1 is not allowed; must be a string; write numbers and booleans as strings, such as "8080" or "true"',
      expect.stringMatching(/^\[test\/w\] env\[2\]\.valueFrom\.fieldRef\.fieldPath: "spec\.bogus" is not allowed/),
      expect.stringMatching(/^\[test\/w\] volumes\[1\]\.name: "Bad" is not allowed/),
      '[test/w] writablePaths[0]: 7 is not allowed; must be a string',
      expect.stringMatching(/^\[test\/w\] writablePaths\[1\]: "tmp" is not allowed/),
      expect.stringMatching(/^\[test\/w\] ports\[1\]\.containerPort: 70000 is not allowed/),
    ]));
  });

  test('the containers of a WebApp, and the ports and env of one after a hole', () => {
    const out = lines(chart => new WebApp(chart, 'web', {
      containers: [
        { name: 'web', image },
        null as any,
        { name: 'side', image, ports: [null as any, { containerPort: 0 }], env: [undefined as any, { name: 'bad name', value: 'x' }] },
      ],
    }));
    expect(out).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[test\/web\] containers\[2\]\.ports\[1\]\.containerPort: 0 is not allowed/),
      expect.stringMatching(/^\[test\/web\] containers\[2\]\.env\[1\]\.name: "bad name" is not allowed/),
    ]));
    expect(out.filter(l => /containers\[1\]\.(ports|env)/.test(l))).toEqual([]);
  });
});
