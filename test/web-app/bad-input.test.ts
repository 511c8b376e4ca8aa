import { ServiceType } from 'cdk8s-plus-28';
import {
  HealthCheck, PortReference, ScheduledScaling, ServiceTrafficPolicy, VolumeSource, WebApp, WorkloadContainer, WebAppProps,
} from '../../src';
import { newChart, synthError } from '../support/synth';

/** A valid app: one nginx container on port "http" with CPU and memory requests. */
const web: WorkloadContainer = {
  name: 'web',
  image: 'nginxinc/nginx-unprivileged:1.27',
  ports: [{ name: 'http', containerPort: 8080 }],
  requests: { cpu: '100m', memory: '64Mi' },
};
const ok: WebAppProps = { containers: [web] };
const hpa = { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 };
const cron = (schedule: string) => ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule, targetSize: 4 }] });
const keda = (o: Partial<Parameters<typeof ScheduledScaling.keda>[0]> = {}) => ScheduledScaling.keda({
  timezone: 'Asia/Shanghai', maxReplicas: 10, windows: [{ start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: 4 }], ...o,
});
const ingress = { rules: [{ host: 'foo.bar.com' }] };

const cases: [string, WebAppProps, string][] = [
  ['HPA with fixed replicas', { ...ok, replicas: 3, autoscaling: hpa },
    'replicas: 3 is not allowed; must not be set when `autoscaling`, `eventScaling` or `scheduledScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply. Remove `replicas` (set minReplicas on the autoscaler for the floor)'],
  ['CronHPA with fixed replicas', { ...ok, replicas: 3, scheduledScaling: cron('0 0 8 * * *') },
    'replicas: 3 is not allowed; must not be set when `autoscaling`, `eventScaling` or `scheduledScaling` is on: the autoscaler owns the replica count, and a fixed count would reset it on every apply. Remove `replicas` (set minReplicas on the autoscaler for the floor)'],
  ['HPA without a CPU request', { containers: [{ ...web, requests: { memory: '64Mi' } }], autoscaling: hpa },
    'containers[0].requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['HPA on memory, a sidecar without a memory request',
    { ...ok, initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', sidecar: true, requests: { cpu: '50m' } }], autoscaling: { maxReplicas: 4, memoryUtilization: 80 } },
    'initContainers[0].requests.memory: is not set, but the app scales on memory utilization; every container (sidecars too) needs a memory request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['HPA min > max', { ...ok, autoscaling: { minReplicas: 5, maxReplicas: 3, cpuUtilization: 70 } },
    'autoscaling.minReplicas: 5 is not allowed; must not exceed maxReplicas (3)'],
  ['HPA min 0', { ...ok, autoscaling: { minReplicas: 0, maxReplicas: 3, cpuUtilization: 70 } },
    'autoscaling.minReplicas: 0 is not allowed; must be an integer >= 1'],
  ['HPA max 0', { ...ok, autoscaling: { maxReplicas: 0, cpuUtilization: 70 } },
    'autoscaling.maxReplicas: 0 is not allowed; must be an integer >= 1'],
  ['HPA on nothing', { ...ok, autoscaling: { maxReplicas: 3 } },
    'autoscaling: scales on nothing; set cpuUtilization and/or memoryUtilization (a percentage of the requests), or metrics (ScalingMetric.cpuAverageValue, .pods, .external ...)'],
  ['HPA utilization 0', { ...ok, autoscaling: { maxReplicas: 3, cpuUtilization: 0 } },
    'autoscaling.cpuUtilization: 0 is not allowed; must be an integer >= 1'],
  ['container port 0', { containers: [{ ...web, ports: [{ name: 'http', containerPort: 0 }] }], createService: false },
    'containers[0].ports[0].containerPort: 0 is not allowed; must be an integer from 1 to 65535'],
  ['container port 70000', { containers: [{ ...web, ports: [{ name: 'http', containerPort: 70000 }] }], createService: false },
    'containers[0].ports[0].containerPort: 70000 is not allowed; must be an integer from 1 to 65535'],
  ['duplicate container port names', { containers: [{ ...web, ports: [{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 8081 }] }] },
    'containers[0].ports[1].name: "http" is not allowed; must be unique among the container\'s ports'],
  ['an ExternalName Service in front of the app', { ...ok, service: { type: ServiceType.EXTERNAL_NAME } },
    'service.type: "ExternalName" is not allowed; must be one of "ClusterIP", "NodePort", "LoadBalancer"'],
  ['externalTrafficPolicy on ClusterIP', { ...ok, service: { externalTrafficPolicy: ServiceTrafficPolicy.LOCAL } },
    'service.externalTrafficPolicy: "Local" is not allowed; only applies to type "NodePort" or "LoadBalancer" (type is "ClusterIP"). Remove it or set type to "NodePort" or "LoadBalancer"'],
  ['headless NodePort', { ...ok, service: { type: ServiceType.NODE_PORT, headless: true } },
    'service.headless: true is not allowed; is only allowed with type ClusterIP, not "NodePort". Drop `headless` or use ServiceType.CLUSTER_IP'],
  ['nodePort on ClusterIP', { ...ok, service: { ports: [{ port: 80, targetPort: PortReference.fromName('http'), nodePort: 30080 }] } },
    'service.ports[0].nodePort: 30080 is not allowed; only applies to type "NodePort" or "LoadBalancer" (type is "ClusterIP"). Remove it or set type to "NodePort" or "LoadBalancer"'],
  ['service port 0', { ...ok, service: { ports: [{ port: 0, targetPort: PortReference.fromName('http') }] } },
    'service.ports[0].port: 0 is not allowed; must be an integer from 1 to 65535'],
  ['a service port used twice, after a hole', { ...ok, service: { ports: [null as any, { port: 80, name: 'a', targetPort: PortReference.fromName('http') }, { port: 80, name: 'b', targetPort: PortReference.fromName('http') }] } },
    'service.ports[2].port: 80 is not allowed; ports[1] already uses 80/TCP; each port and protocol pair may appear once'],
  // After a hole, an entry keeps its index as written (the holes were dropped first, so the next entry was named by the hole's index).
  ['an ingress rule after a hole', { ...ok, ingress: { rules: [null as any, { host: 'Bad Host' }] } },
    'ingress.rules[1].host: "Bad Host" is not allowed; must be a lower-case DNS name (a "*." wildcard is allowed as the first label), without a port or an IP address'],
  ['an additional Service after a hole', { ...ok, additionalServices: [undefined as any, {}] },
    'additionalServices[1].name: is required: each additional Service needs a name of its own (the app\'s Service is "app")'],
  ['a CronHPA job after a hole', { ...ok, scheduledScaling: ScheduledScaling.cronHpa({ jobs: [null as any, { name: 'up!', schedule: '0 0 8 * * *', targetSize: 4 }] }) },
    'scheduledScaling.jobs[1].name: "up!" is not allowed; must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit'],
  // Found by the property tests: the Ingress handed the NaN port to cdk8s-plus, which threw.
  ['service port NaN beside an Ingress (JavaScript)', { ...ok, ingress, service: { ports: [{ port: NaN, targetPort: PortReference.fromName('http') }] } },
    'service.ports[0].port: NaN is not allowed; must be an integer from 1 to 65535'],
  ['duplicate service port names (both map to "http")',
    { ...ok, service: { ports: [{ port: 80, targetPort: PortReference.fromNumber(8080) }, { port: 81, targetPort: PortReference.fromName('http') }] } },
    'service.ports[1].name: "http" is not allowed; port names must be unique, and ports[0] already has this one'],
  ['unnamed container ports behind a two-port Service',
    { containers: [{ ...web, ports: [{ containerPort: 8080 }, { containerPort: 9090 }] }] },
    'service.ports[0].name: is required because the Service has 2 ports; name each one (a lower-case RFC 1123 label such as "http")'],
  ['service targetPort name nobody declares', { ...ok, service: { ports: [{ port: 80, targetPort: PortReference.fromName('web') }] } },
    'service.ports[0].targetPort: "web" is not allowed; no app container declares a port of that name (declared: http=8080/TCP)'],
  ['service targetPort number nobody declares', { ...ok, service: { ports: [{ port: 80 }] } },
    'service.ports[0].targetPort: 80 is not allowed; no app container declares TCP port 80 (declared: http=8080/TCP). Declare the port on the container or map to one it declares'],
  ['service without ports', { containers: [{ ...web, ports: [] }], service: {} },
    'service.ports: is empty and no app container declares a port; declare the container port or give the Service ports'],
  ['service name not a DNS label', { ...ok, service: { name: 'Nginx_Svc' } },
    'service.name: "Nginx_Svc" is not allowed; must be a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)'],
  ['successThreshold 2 on liveness', { containers: [{ ...web, livenessProbe: HealthCheck.fromHttpGet('/', { successThreshold: 2 }) }] },
    'containers[0].livenessProbe.successThreshold: 2 is not allowed; must be 1 for a liveness check (Kubernetes rejects anything else)'],
  ['TLS host not among the rule hosts', { ...ok, ingress: { ...ingress, tls: [{ hosts: ['www.bar.com'], secretName: 'bar-tls' }] } },
    'ingress.tls[0].hosts[0]: "www.bar.com" is not allowed; is not the host of any rule (rule hosts: "foo.bar.com"); TLS for a host no rule serves is never used. Add a rule for the host or fix the spelling'],
  ['TLS secret name invalid', { ...ok, ingress: { ...ingress, tls: [{ hosts: ['foo.bar.com'], secretName: 'Bar_TLS' }] } },
    'ingress.tls[0].secretName: "Bar_TLS" is not allowed; must be a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)'],
  ['ingress host with a port', { ...ok, ingress: { rules: [{ host: 'foo.bar.com:443' }] } },
    'ingress.rules[0].host: "foo.bar.com:443" is not allowed; must be a lower-case DNS name (a "*." wildcard is allowed as the first label), without a port or an IP address'],
  ['ingress path without a slash', { ...ok, ingress: { rules: [{ host: 'foo.bar.com', path: 'api' }] } },
    'ingress.rules[0].path: "api" is not allowed; must start with "/"'],
  ['ingress rule twice', { ...ok, ingress: { rules: [{ host: 'foo.bar.com' }, { host: 'foo.bar.com', path: '/' }] } },
    'ingress.rules[1].path: "/" is not allowed; is already routed for host "foo.bar.com"; each host + path may appear once'],
  ['ingress to a port the Service lacks', { ...ok, ingress: { rules: [{ host: 'foo.bar.com', servicePort: 443 }] } },
    'ingress.rules[0].servicePort: 443 is not allowed; is not a port of Service "app" (its ports: 8080)'],
  ['ingress without rules', { ...ok, ingress: { rules: [] } },
    'ingress.rules: is empty; give at least one rule of host + path'],
  ['ingress without a Service', { ...ok, createService: false, ingress },
    'ingress: needs the app\'s Service, but none is created (declare a container port, set `service`, and leave `createService` true)'],
  ['canary weight above the total', { ...ok, ingress: { ...ingress, canary: { serviceName: 'app-v2', servicePort: 8080, weight: 120 } } },
    'ingress.canary.weight: 120 is not allowed; must be an integer from 0 to 100'],
  ['canary to the app\'s own Service', { ...ok, ingress: { ...ingress, canary: { serviceName: 'app', servicePort: 8080, weight: 10 } } },
    'ingress.canary.serviceName: "app" is not allowed; is the app\'s own Service; the canary must be another Service (the new version\'s)'],
  ['CronHPA schedule with 5 fields', { ...ok, scheduledScaling: cron('0 8 * * 1-5') },
    'scheduledScaling.jobs[0].schedule: "0 8 * * 1-5" is not allowed; has 5 fields; CronHPA needs 6: second minute hour day-of-month month day-of-week (e.g. "0 0 8 * * 1-5" for 08:00 on weekdays)'],
  ['CronHPA schedule hour 24', { ...ok, scheduledScaling: cron('0 0 24 * * *') },
    'scheduledScaling.jobs[0].schedule: "0 0 24 * * *" is not allowed; hour field "24": "24" is out of range or not a value (allowed: 0-23, "*", ","-lists, "a-b" ranges and "/step")'],
  ['CronHPA @every without a duration unit', { ...ok, scheduledScaling: cron('@every 5') },
    'scheduledScaling.jobs[0].schedule: "@every 5" is not allowed; "@every" needs a positive Go duration such as "90s", "5m" or "1h30m", not "5"'],
  ['CronHPA duplicate job names', { ...ok, scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule: '0 0 8 * * *', targetSize: 4 }, { name: 'up', schedule: '0 0 20 * * *', targetSize: 2 }] }) },
    'scheduledScaling.jobs[1].name: "up" is not allowed; must be unique among the jobs (the controller reports status per job name)'],
  ['CronHPA negative targetSize', { ...ok, scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'down', schedule: '0 0 20 * * *', targetSize: -1 }] }) },
    'scheduledScaling.jobs[0].targetSize: -1 is not allowed; must be an integer from 0 to 2147483647'],
  ['CronHPA targetSize 0 on the HPA', { ...ok, autoscaling: hpa, scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'down', schedule: '0 0 20 * * *', targetSize: 0 }] }) },
    'scheduledScaling.jobs[0].targetSize: 0 is not allowed; must be an integer from 1 to 2147483647'],
  ['CronHPA excludeDates invalid', { ...ok, scheduledScaling: ScheduledScaling.cronHpa({ jobs: [{ name: 'up', schedule: '0 0 8 * * *', targetSize: 4 }], excludeDates: ['* * * 32 11 *'] }) },
    'scheduledScaling.excludeDates[0]: "* * * 32 11 *" is not allowed; day-of-month field "32": "32" is out of range or not a value (allowed: 1-31, "*", ","-lists, "a-b" ranges and "/step", "?")'],
  ['KEDA ScaledObject beside our HPA', { ...ok, autoscaling: hpa, scheduledScaling: keda() },
    'scheduledScaling: a KEDA ScaledObject creates its own HorizontalPodAutoscaler for the Deployment, so it cannot run beside the one from `autoscaling` (the two would fight over the replica count); remove `autoscaling` and give its CPU/memory targets to `ScheduledScaling.keda({ cpuUtilization, memoryUtilization, ... })`'],
  ['KEDA schedule with seconds', { ...ok, scheduledScaling: keda({ windows: [{ start: '0 0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: 4 }] }) },
    'scheduledScaling.windows[0].start: "0 0 8 * * 1-5" is not allowed; has 6 fields; KEDA needs 5: minute hour day-of-month month day-of-week, without seconds (e.g. "0 8 * * 1-5" for 08:00 on weekdays)'],
  ['KEDA start equals end', { ...ok, scheduledScaling: keda({ windows: [{ start: '0 8 * * *', end: '0 8 * * *', desiredReplicas: 4 }] }) },
    'scheduledScaling.windows[0].end: "0 8 * * *" is not allowed; is the same as start; KEDA rejects a window that opens and closes at once'],
  ['KEDA unknown time zone', { ...ok, scheduledScaling: keda({ timezone: 'Beijing' }) },
    'scheduledScaling.timezone: "Beijing" is not allowed; must be an IANA time zone name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"'],
  ['a KEDA window after a hole', { ...ok, scheduledScaling: keda({ windows: [null as any, { start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 0 }] }) },
    'scheduledScaling.windows[1].desiredReplicas: 0 is not allowed; must be an integer >= 1'],
  ['KEDA desiredReplicas 0', { ...ok, scheduledScaling: keda({ windows: [{ start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: 0 }] }) },
    'scheduledScaling.windows[0].desiredReplicas: 0 is not allowed; must be an integer >= 1'],
  ['KEDA desiredReplicas above max', { ...ok, scheduledScaling: keda({ maxReplicas: 3 }) },
    'scheduledScaling.windows[0].desiredReplicas: 4 is not allowed; must not exceed maxReplicas (3); KEDA would cap it silently'],
  ['KEDA cpu trigger without CPU requests', { containers: [{ ...web, requests: undefined }], scheduledScaling: keda({ cpuUtilization: 60 }) },
    'containers[0].requests.cpu: is not set, but the app scales on cpu utilization; every container (sidecars too) needs a cpu request, or the HorizontalPodAutoscaler cannot compute utilization (ACK: set the resources, or autoscaling does not work)'],
  ['sidecar flag on an app container', { containers: [{ ...web, sidecar: true }] },
    'containers[0].sidecar: true is not allowed; is only for init containers; move the container to `initContainers` to make it a native sidecar'],
  ['no containers', { containers: [] },
    'containers: is empty; a WebApp needs at least one app container'],
  ['hostPath without the opt-out', { containers: [{ ...web, volumes: [{ name: 'logs', mountPath: '/host/log', source: VolumeSource.hostPath('/var/log') }] }] },
    'containers[0].volumes: a hostPath volume is forbidden by the "restricted" and "baseline" Pod Security Standards; set `security: { allowHostPath: true }` to opt out knowingly'],
  ['probe on an init container', { ...ok, initContainers: [{ name: 'migrate', image: 'busybox', livenessProbe: HealthCheck.fromCommand(['true']) }] },
    'initContainers[0].livenessProbe: an init container that runs to completion cannot have health checks; make it a sidecar or move the check to an app container'],
  ['invalid image', { containers: [{ ...web, image: 'Nginx:Latest' }] },
    'containers[0].image: "Nginx:Latest" is not allowed; must be an image reference such as "busybox", "nginx:1.27", "registry.example.com:5000/team/app:v1" or "app@sha256:<hex>" (lower-case repository path)'],
];

describe('WebApp rejects bad input at synth, naming the path, field and value', () => {
  test('the table has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('%s', (_name, props, message) => {
    const chart = newChart();
    new WebApp(chart, 'app', props);
    const error = synthError(chart);
    // The whole line, not a prefix of it.
    expect(error.split('\n').map(l => l.trim())).toContain(`[test/app] ${message}`);
  });
});
