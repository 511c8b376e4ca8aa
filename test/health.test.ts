import {
  HealthCheck, HealthCheckDefaults, HealthCheckHandlerKind, HttpScheme, PortReference, Worker,
} from '../src';
import { newChart, synth, synthError } from './support/synth';

/** The first container of the only Deployment, after a schema-checked synth. */
function container(build: (chart: ReturnType<typeof newChart>) => void): any {
  const chart = newChart();
  build(chart);
  const objs = synth(chart);
  return objs.find(o => o.kind === 'Deployment').spec.template.spec.containers[0];
}

describe('HealthCheck handlers', () => {
  test('HTTP GET keeps path, named port, scheme, host and headers', () => {
    const c = container(chart => new Worker(chart, 'w', {
      image: 'app',
      ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: HealthCheck.fromHttpGet('/healthz', {
        port: PortReference.fromName('http'), scheme: HttpScheme.HTTPS, host: 'localhost', headers: [{ name: 'X-Probe', value: 'kubelet' }],
      }),
    }));
    expect(c.livenessProbe.httpGet).toEqual({
      path: '/healthz', port: 'http', scheme: 'HTTPS', host: 'localhost', httpHeaders: [{ name: 'X-Probe', value: 'kubelet' }],
    });
  });

  test('a port-based check without a port uses the container\'s first declared port', () => {
    const c = container(chart => new Worker(chart, 'w', {
      image: 'app', ports: [{ containerPort: 9000 }, { containerPort: 9001 }], readinessProbe: HealthCheck.fromTcpSocket(),
    }));
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 9000 });
  });

  test('a command check runs the command as given', () => {
    const c = container(chart => new Worker(chart, 'w', { image: 'app', livenessProbe: HealthCheck.fromCommand(['pg_isready', '-q']) }));
    expect(c.livenessProbe.exec).toEqual({ command: ['pg_isready', '-q'] });
  });

  test('a gRPC check writes the port as a number, resolving a port name', () => {
    const c = container(chart => new Worker(chart, 'w', {
      image: 'app',
      ports: [{ name: 'grpc', containerPort: 50051 }],
      readinessProbe: HealthCheck.fromGrpc({ port: PortReference.fromName('grpc'), service: 'orders' }),
    }));
    expect(c.readinessProbe.grpc).toEqual({ port: 50051, service: 'orders' });
  });

  test('the handler kind and options are readable, so other constructs can translate a check', () => {
    const check = HealthCheck.fromHttpGet('/ready', { port: PortReference.fromNumber(8080), periodSeconds: 5 });
    expect(check.kind).toBe(HealthCheckHandlerKind.HTTP_GET);
    expect(check.path).toBe('/ready');
    expect(check.port?.number).toBe(8080);
    expect(check.timings).toEqual({ periodSeconds: 5 });
  });
});

describe('timings', () => {
  test('all five timings are written from the KubeVela profile by default', () => {
    const c = container(chart => new Worker(chart, 'w', { image: 'app', livenessProbe: HealthCheck.fromCommand(['true']) }));
    expect(c.livenessProbe).toEqual({
      exec: { command: ['true'] }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
    });
  });

  test('a value the user sets wins over the profile, field by field', () => {
    const c = container(chart => new Worker(chart, 'w', {
      image: 'app', readinessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 30, successThreshold: 2 }),
    }));
    expect(c.readinessProbe).toMatchObject({
      initialDelaySeconds: 0, periodSeconds: 30, timeoutSeconds: 1, successThreshold: 2, failureThreshold: 3,
    });
  });

  test('the ACK profile gives HTTP 3, TCP 15 and command 5 seconds of initial delay', () => {
    const ack = HealthCheckDefaults.ack();
    expect(ack.timingsFor(HealthCheckHandlerKind.HTTP_GET).initialDelaySeconds).toBe(3);
    expect(ack.timingsFor(HealthCheckHandlerKind.TCP_SOCKET).initialDelaySeconds).toBe(15);
    expect(ack.timingsFor(HealthCheckHandlerKind.COMMAND).initialDelaySeconds).toBe(5);
    expect(ack.timingsFor(HealthCheckHandlerKind.COMMAND)).toMatchObject({
      periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
    });
  });

  test('a custom profile replaces the construct\'s defaults', () => {
    const c = container(chart => new Worker(chart, 'w', {
      image: 'app',
      healthCheckDefaults: HealthCheckDefaults.custom({
        timings: { initialDelaySeconds: 2, periodSeconds: 20, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 5 },
        commandInitialDelaySeconds: 7,
      }),
      livenessProbe: HealthCheck.fromCommand(['true']),
    }));
    expect(c.livenessProbe).toMatchObject({ initialDelaySeconds: 7, periodSeconds: 20, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 5 });
  });

  test('successThreshold above 1 is allowed for readiness', () => {
    const c = container(chart => new Worker(chart, 'w', { image: 'app', readinessProbe: HealthCheck.fromCommand(['true'], { successThreshold: 3 }) }));
    expect(c.readinessProbe.successThreshold).toBe(3);
  });
});

describe('health check rules', () => {
  const worker = (probe: Partial<Record<'livenessProbe' | 'readinessProbe' | 'startupProbe', HealthCheck>>) => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', ports: [{ name: 'http', containerPort: 8080 }], ...probe });
    return synthError(chart);
  };

  test.each([
    ['periodSeconds 0', { livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 0 }) },
      'livenessProbe.periodSeconds: 0 is not allowed; must be an integer >= 1'],
    ['timeoutSeconds 0', { readinessProbe: HealthCheck.fromCommand(['true'], { timeoutSeconds: 0 }) },
      'readinessProbe.timeoutSeconds: 0 is not allowed; must be an integer >= 1'],
    ['failureThreshold 0', { readinessProbe: HealthCheck.fromCommand(['true'], { failureThreshold: 0 }) },
      'readinessProbe.failureThreshold: 0 is not allowed; must be an integer >= 1'],
    ['successThreshold 0', { readinessProbe: HealthCheck.fromCommand(['true'], { successThreshold: 0 }) },
      'readinessProbe.successThreshold: 0 is not allowed; must be an integer >= 1'],
    ['successThreshold 2 on liveness', { livenessProbe: HealthCheck.fromCommand(['true'], { successThreshold: 2 }) },
      'livenessProbe.successThreshold: 2 is not allowed; must be 1 for a liveness check (Kubernetes rejects anything else)'],
    ['successThreshold 2 on startup', { startupProbe: HealthCheck.fromCommand(['true'], { successThreshold: 2 }) },
      'startupProbe.successThreshold: 2 is not allowed; must be 1 for a startup check (Kubernetes rejects anything else)'],
    ['negative initialDelaySeconds', { livenessProbe: HealthCheck.fromCommand(['true'], { initialDelaySeconds: -1 }) },
      'livenessProbe.initialDelaySeconds: -1 is not allowed; must be an integer >= 0'],
    ['fractional periodSeconds', { livenessProbe: HealthCheck.fromCommand(['true'], { periodSeconds: 2.5 }) },
      'livenessProbe.periodSeconds: 2.5 is not allowed; must be an integer >= 1'],
    ['HTTP path without a slash', { livenessProbe: HealthCheck.fromHttpGet('healthz', { port: PortReference.fromNumber(8080) }) },
      'livenessProbe.httpGet.path: "healthz" is not allowed; must start with "/". Write the path as it appears in the URL, e.g. "/healthz"'],
    ['port 0', { livenessProbe: HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(0) }) },
      'livenessProbe.tcpSocket.port: 0 is not allowed; must be an integer from 1 to 65535'],
    ['port 70000', { livenessProbe: HealthCheck.fromHttpGet('/', { port: PortReference.fromNumber(70000) }) },
      'livenessProbe.httpGet.port: 70000 is not allowed; must be an integer from 1 to 65535'],
    ['an undeclared port name', { readinessProbe: HealthCheck.fromHttpGet('/', { port: PortReference.fromName('admin') }) },
      'readinessProbe.httpGet.port: "admin" is not allowed; the container declares no port of that name (it declares "http"). Declare the port on the container or refer to it by number'],
    ['an invalid port name', { readinessProbe: HealthCheck.fromTcpSocket({ port: PortReference.fromName('Not_A_Name') }) },
      'readinessProbe.tcpSocket.port: "Not_A_Name" is not allowed; must be a port number or an IANA service name'],
    ['an empty command', { livenessProbe: HealthCheck.fromCommand([]) },
      'livenessProbe.exec.command: [] is not allowed; must name a program to run (a non-empty list whose first item is not blank)'],
    ['a header name with a space', { livenessProbe: HealthCheck.fromHttpGet('/', { headers: [{ name: 'X Bad', value: 'v' }] }) },
      'livenessProbe.httpGet.httpHeaders.name: "X Bad" is not allowed; must be an HTTP token'],
    ['a header name with a colon', { livenessProbe: HealthCheck.fromHttpGet('/', { headers: [{ name: 'Host:', value: 'v' }] }) },
      'livenessProbe.httpGet.httpHeaders.name: "Host:" is not allowed; must be an HTTP token'],
  ])('%s', (_name, probe, message) => {
    expect(worker(probe)).toContain(`[test/w] ${message}`);
  });

  test('a port-based check needs a port when the container declares none', () => {
    const chart = newChart();
    new Worker(chart, 'w', { image: 'app', livenessProbe: HealthCheck.fromTcpSocket() });
    expect(synthError(chart)).toContain('[test/w] livenessProbe.tcpSocket.port: is required because the container declares no ports; pass `port: PortReference.fromNumber(n)`');
  });
});
