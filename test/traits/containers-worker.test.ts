// A Worker has what a WebApp container has: more app containers, init containers and
// native sidecars, lifecycle hooks, a working directory, pod labels (issue 15, point 6).
import { ApiObject } from 'cdk8s';
import { ImagePullPolicy, Protocol } from 'cdk8s-plus-28';
import {
  ConfigMap, HealthCheck, LifecycleHook, PortReference, ScrapeMethod, VolumeSource, Worker, WorkerProps, WorkloadContainer,
} from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const SHIPPER: WorkloadContainer = {
  name: 'log-shipper',
  image: 'fluent/fluent-bit:3.0',
  ports: [{ name: 'shipper-http', containerPort: 2020 }],
  requests: { cpu: '50m', memory: '32Mi' },
  limits: { memory: '64Mi' },
  writablePaths: ['/tmp'],
};

function build(props: Partial<WorkerProps>, id = 'consumer') {
  const chart = newChart();
  const worker = new Worker(chart, id, { image: 'ghcr.io/example/consumer:1', ...props });
  const objs = synth(chart);
  const deployment = ofKind(objs, 'Deployment')[0];
  return { worker, objs, deployment, pod: deployment.spec.template.spec, template: deployment.spec.template };
}

describe('Worker: more app containers', () => {
  test('they follow the main container in the pod, with their own image, ports, resources and writable paths', () => {
    const { pod, worker } = build({ cpu: '250m', containers: [SHIPPER] });
    expect(pod.containers.map((c: any) => c.name)).toEqual(['consumer', 'log-shipper']);
    const shipper = pod.containers[1];
    expect(shipper).toMatchObject({
      image: 'fluent/fluent-bit:3.0',
      ports: [{ name: 'shipper-http', containerPort: 2020 }],
      resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      volumeMounts: [{ name: 'log-shipper-rw-tmp', mountPath: '/tmp' }],
    });
    // cpu/memory stay the main container's, as KubeVela's flat props are
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '250m' }, limits: { cpu: '250m' } });
    expect(pod.volumes).toContainEqual({ name: 'log-shipper-rw-tmp', emptyDir: {} });
    // the escape hatch shows them, and the worker's ports are every app container's
    expect(worker.deployment.containers.map(c => c.name)).toEqual(['consumer', 'log-shipper']);
    expect(worker.ports).toEqual([{ name: 'shipper-http', containerPort: 2020 }]);
  });

  test('every container gets the restricted security context and no hidden pull policy', () => {
    const { pod } = build({ containers: [SHIPPER], initContainers: [{ name: 'migrate', image: 'ghcr.io/example/migrate:1' }] });
    for (const c of [...pod.containers, ...pod.initContainers]) {
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.imagePullPolicy).toBeUndefined();
    }
  });

  test('a metrics port of an extra container is what Prometheus scrapes', () => {
    const { objs } = build({ containers: [SHIPPER], metrics: { port: PortReference.fromName('shipper-http'), method: ScrapeMethod.ANNOTATIONS } });
    expect(ofKind(objs, 'Deployment')[0].spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': '2020' });
  });

  test('a ConfigMap of the app read by an extra container rolls the pods when it changes', () => {
    const hashOf = (level: string) => {
      const chart = newChart();
      const cm = new ConfigMap(chart, 'shipper-config', { data: { level } });
      new Worker(chart, 'consumer', { image: 'ghcr.io/example/consumer:1', containers: [{ ...SHIPPER, env: [{ name: 'LEVEL', valueFrom: cm.envValue('level') }] }] });
      return ofKind(synth(chart), 'Deployment')[0].spec.template.metadata.annotations['checksum/config'];
    };
    expect(hashOf('info')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf('info')).not.toEqual(hashOf('debug'));
  });
});

describe('Worker: init containers and native sidecars', () => {
  test('init containers run in the order given; sidecar: true makes a native sidecar with its probes', () => {
    const { pod } = build({
      initContainers: [
        { name: 'migrate', image: 'ghcr.io/example/migrate:1', command: ['/migrate', 'up'] },
        {
          name: 'proxy',
          image: 'envoyproxy/envoy:v1.30.1',
          sidecar: true,
          ports: [{ name: 'admin', containerPort: 9901 }],
          startupProbe: HealthCheck.fromHttpGet('/ready', { port: PortReference.fromName('admin') }),
        },
      ],
    });
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['migrate', 'proxy']);
    expect(pod.initContainers[0].restartPolicy).toBeUndefined();
    expect(pod.initContainers[0].command).toEqual(['/migrate', 'up']);
    expect(pod.initContainers[1].restartPolicy).toBe('Always');
    expect(pod.initContainers[1].startupProbe).toEqual({
      httpGet: { path: '/ready', port: 'admin' },
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  test('the escape hatch shows the init containers', () => {
    const { worker } = build({ initContainers: [{ name: 'migrate', image: 'ghcr.io/example/migrate:1' }] });
    expect(worker.deployment.initContainers.map(c => c.name)).toEqual(['migrate']);
  });
});

test('an init container that runs to completion may declare a port an app container listens on later', () => {
  const { pod } = build({ ports: [{ containerPort: 8080 }], initContainers: [{ name: 'warm', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] }] });
  expect(pod.initContainers[0].ports).toEqual([{ containerPort: 8080 }]);
});

test('the same port number for TCP and UDP in two containers is fine', () => {
  const { pod } = build({ ports: [{ containerPort: 5353 }], containers: [{ name: 'dns', image: 'busybox:1.36', ports: [{ containerPort: 5353, protocol: Protocol.UDP }] }] });
  expect(pod.containers[1].ports).toEqual([{ containerPort: 5353, protocol: 'UDP' }]);
});

describe('Worker: the main container\'s lifecycle hooks and working directory', () => {
  test('postStart and preStop hooks, the HTTP one on a named port, and workingDir', () => {
    const { pod } = build({
      ports: [{ name: 'admin', containerPort: 8081 }],
      workingDir: '/srv/consumer',
      lifecycle: {
        postStart: LifecycleHook.fromCommand(['/bin/register']),
        preStop: LifecycleHook.fromHttpGet('/drain', { port: PortReference.fromName('admin') }),
      },
    });
    expect(pod.containers[0].workingDir).toBe('/srv/consumer');
    expect(pod.containers[0].lifecycle).toEqual({
      postStart: { exec: { command: ['/bin/register'] } },
      preStop: { httpGet: { path: '/drain', port: 'admin' } },
    });
  });

  test('the shared fields mean the same on the main container and on an extra one', () => {
    const shared = {
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      command: ['/bin/run'],
      args: ['--fast'],
      workingDir: '/w',
      env: [{ name: 'A', value: '1' }],
      lifecycle: { preStop: LifecycleHook.fromCommand(['/bin/stop']) },
    };
    const { pod } = build({ ...shared, containers: [{ name: 'twin', image: 'ghcr.io/example/consumer:1', ...shared }] });
    const strip = ({ name, ...rest }: any) => rest;
    expect(strip(pod.containers[1])).toEqual(strip(pod.containers[0]));
  });
});

describe('Worker: pod labels', () => {
  test('labels go on the Deployment and the pods (as before); podLabels and podAnnotations only on the pods', () => {
    const { deployment, template } = build({
      labels: { team: 'platform' },
      podLabels: { 'sidecar.istio.io/inject': 'false', 'team': 'platform' },
      podAnnotations: { 'example.com/owner': 'platform' },
    });
    expect(deployment.metadata.labels).toMatchObject({ team: 'platform' });
    expect(deployment.metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
    expect(template.metadata.labels).toMatchObject({ 'team': 'platform', 'sidecar.istio.io/inject': 'false', 'app.kubernetes.io/name': 'consumer' });
    expect(template.metadata.annotations).toEqual({ 'example.com/owner': 'platform' });
    // the selector stays the recommended labels
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'consumer', 'app.kubernetes.io/instance': 'consumer' });
  });
});

describe('Worker containers: bad input fails synth with path, field and value', () => {
  test.each<[string, Partial<WorkerProps>, string]>([
    ['an extra container named like the worker', { containers: [{ name: 'consumer', image: 'busybox:1.36' }] },
      'containers[0].name: "consumer" is not allowed; must be unique among the pod\'s containers'],
    ['two init containers with one name', { initContainers: [{ name: 'init', image: 'busybox:1.36' }, { name: 'init', image: 'busybox:1.36' }] },
      'initContainers[1].name: "init" is not allowed; must be unique among the pod\'s containers'],
    ['an init container named like an app container', { containers: [SHIPPER], initContainers: [{ name: 'log-shipper', image: 'busybox:1.36' }] },
      'initContainers[0].name: "log-shipper" is not allowed; must be unique among the pod\'s containers'],
    ['a container name that is not a DNS label', { containers: [{ name: 'Log_Shipper', image: 'busybox:1.36' }] },
      'containers[0].name: "Log_Shipper" is not allowed; must be a lower-case RFC 1123 label'],
    ['sidecar on an app container', { containers: [{ ...SHIPPER, sidecar: true }] },
      'containers[0].sidecar: true is not allowed; is only for init containers; move the container to `initContainers` to make it a native sidecar'],
    ['a probe on an init container that runs to completion', { initContainers: [{ name: 'init', image: 'busybox:1.36', livenessProbe: HealthCheck.fromCommand(['true']) }] },
      'initContainers[0].livenessProbe: an init container that runs to completion cannot have health checks; make it a sidecar or move the check to an app container'],
    ['an extra container on the main container\'s port', { ports: [{ name: 'http', containerPort: 8080 }], containers: [{ name: 'proxy', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] }] },
      'containers[0].ports[0].containerPort: 8080 is not allowed; is also declared by container "consumer" (TCP); the containers of a pod share one network namespace, so only one of them can listen on it'],
    ['a native sidecar on an app container\'s port', { containers: [SHIPPER], initContainers: [{ name: 'proxy', image: 'busybox:1.36', sidecar: true, ports: [{ containerPort: 2020 }] }] },
      'initContainers[0].ports[0].containerPort: 2020 is not allowed; is also declared by container "log-shipper" (TCP); the containers of a pod share one network namespace, so only one of them can listen on it'],
    ['a lifecycle hook on an init container that runs to completion', { initContainers: [{ name: 'init', image: 'busybox:1.36', lifecycle: { preStop: LifecycleHook.fromCommand(['/bin/stop']) } }] },
      'initContainers[0].lifecycle: an init container that runs to completion cannot have lifecycle hooks (the API server refuses them); make it a sidecar or move the hooks to an app container'],
    ['a bad image in an extra container', { containers: [{ name: 'shipper', image: 'Fluent Bit' }] },
      'containers[0].image: "Fluent Bit" is not allowed; must be an image reference such as "busybox"'],
    ['two ports with one name in an extra container', { containers: [{ name: 'shipper', image: 'busybox:1.36', ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }] },
      'containers[0].ports[1].name: "http" is not allowed; must be unique among the container\'s ports'],
    ['a limit below the request in an init container', { initContainers: [{ name: 'init', image: 'busybox:1.36', requests: { memory: '128Mi' }, limits: { memory: '64Mi' } }] },
      'initContainers[0].limits.memory: "64Mi" is not allowed; must be at least the request ("128Mi"): Kubernetes rejects a limit below its request. Raise the limit or lower the request'],
    ['a hostPath in a sidecar without the opt-out', {
      initContainers: [{ name: 'logs', image: 'busybox:1.36', sidecar: true, volumes: [{ name: 'host-logs', mountPath: '/host', source: VolumeSource.hostPath('/var/log') }] }],
    }, 'initContainers[0].volumes: a hostPath volume is forbidden by the "restricted" and "baseline" Pod Security Standards; set `security: { allowHostPath: true }` to opt out knowingly'],
    ['an empty postStart command', { lifecycle: { postStart: LifecycleHook.fromCommand([]) } },
      'lifecycle.postStart.exec.command: [] is not allowed; must name a program to run'],
    ['a preStop on a port the container does not declare', { ports: [{ name: 'http', containerPort: 8080 }], lifecycle: { preStop: LifecycleHook.fromHttpGet('/drain', { port: PortReference.fromName('admin') }) } },
      'lifecycle.preStop.httpGet.port: "admin" is not allowed; the container declares no port of that name (it declares "http"). Declare the port on the container or refer to it by number'],
    ['a preStop path without a slash', { containers: [{ ...SHIPPER, lifecycle: { preStop: LifecycleHook.fromHttpGet('drain', { port: PortReference.fromNumber(2020) }) } }] },
      'containers[0].lifecycle.preStop.httpGet.path: "drain" is not allowed; must start with "/"'],
    ['an empty entry in containers', { containers: [SHIPPER, undefined as unknown as WorkloadContainer] },
      'containers[1]: undefined is not allowed; must be a container; remove the empty entry'],
    ['a podLabel that is a recommended label', { podLabels: { 'app.kubernetes.io/name': 'other' } },
      'podLabels["app.kubernetes.io/name"]: "other" is not allowed; is a recommended label the construct writes itself ("consumer" on the pods), and it selects or describes them; set it through `name`, `instance` or `partOf`, or remove it'],
    ['a podLabel that contradicts a label', { labels: { team: 'platform' }, podLabels: { team: 'search' } },
      'podLabels["team"]: "search" is not allowed; differs from labels["team"] ("platform"), which this workload also puts on its pods; give the key one value, or keep it in one of them'],
    ['a bad podLabel value', { podLabels: { team: 'a b' } },
      'podLabels["team"]: "a b" is not allowed; must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit'],
    ['a bad podAnnotation key', { podAnnotations: { 'bad key': 'v' } },
      'podAnnotations: "bad key" is not allowed; is not a valid annotation key ([prefix/]name)'],
  ])('%s', (_name, props, message) => {
    const chart = newChart();
    new Worker(chart, 'consumer', { image: 'ghcr.io/example/consumer:1', ...props });
    expect(synthError(chart)).toContain(`[test/consumer] ${message}`);
  });

  test('the problems of every container are reported in one synth', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', {
      image: 'ghcr.io/example/consumer:1',
      containers: [{ name: 'a', image: 'A' }],
      initContainers: [{ name: 'b', image: 'busybox:1.36', requests: { cpu: 'lots' } }],
    });
    const message = synthError(chart);
    expect(message).toContain('containers[0].image: "A" is not allowed');
    expect(message).toContain('initContainers[0].requests.cpu: "lots" is not allowed');
  });

  test('the main container keeps its field names (no prefix), an extra one its index', () => {
    const chart = newChart();
    new Worker(chart, 'consumer', { image: 'Bad', containers: [{ name: 'a', image: 'Bad' }] });
    const lines = synthError(chart).split('\n').filter(l => l.includes('[test/consumer]'));
    expect(lines.filter(l => l.includes('] image: "Bad"'))).toHaveLength(1);
    expect(lines.filter(l => l.includes('] containers[0].image: "Bad"'))).toHaveLength(1);
  });
});

test('ApiObject of the Deployment is the one the worker renders (no second pod spec)', () => {
  const { worker } = build({ containers: [SHIPPER] });
  expect(ApiObject.of(worker.deployment).toJson().spec.template.spec.containers).toHaveLength(2);
});

test('an autoscaled Worker needs the scaled request in every container beside the main one, sidecars too', () => {
  const chart = newChart();
  new Worker(chart, 'consumer', {
    image: 'ghcr.io/example/consumer:1',
    cpu: '250m',
    autoscaling: { maxReplicas: 5, cpuUtilization: 70 },
    containers: [{ name: 'shipper', image: 'busybox:1.36' }],
    initContainers: [{ name: 'proxy', image: 'busybox:1.36', sidecar: true }, { name: 'migrate', image: 'busybox:1.36' }],
  });
  const lines = synthError(chart).split('\n');
  const need = (f: string) => `[test/consumer] ${f}.requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)`;
  expect(lines).toContain(`  ${need('containers[0]')}`);
  expect(lines).toContain(`  ${need('initContainers[0]')}`);
  expect(lines.some(l => l.includes('initContainers[1].requests.cpu'))).toBe(false);
});
