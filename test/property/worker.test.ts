import * as fc from 'fast-check';
import { EnvFromSource, EnvSource, HealthCheck, PortReference, VolumeSource, Worker } from '../../src';
import {
  checkConstruct, dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, maybeName, mostlyValid, portNumber, quantity,
  report,
} from './support';

/** Environment variables: literals and every kind of source. */
export const validEnvVar = fc.record({
  name: fc.constantFrom('LOG_LEVEL', 'PORT', 'APP_MODE', 'x.y-z'),
  value: fc.constantFrom('info', '8080', 'on', '0o17', '', 'yes'),
}).chain(e => fc.oneof(
  fc.constant(e),
  fc.constantFrom(EnvSource.fieldRef('metadata.name'), EnvSource.fieldRef("metadata.labels['team']"), EnvSource.resourceField('limits.memory', undefined, '1Mi'),
    EnvSource.configMapKey('settings', 'level'), EnvSource.secretKey('creds', 'token')).map(valueFrom => ({ name: e.name, valueFrom })),
));
export const hostileEnvVar = fc.oneof(
  fc.record({ name: hostileString, value: fc.constant('v') }),
  fc.record({ name: fc.constant('V'), value: hostileString }),
  fc.constantFrom('spec.bogus', 'status.phase', "spec.nodeName['x']", 'metadata.labels').map(p => ({ name: 'F', valueFrom: EnvSource.fieldRef(p) })),
  fc.constantFrom('limits.gpu', 'cpu').map(r => ({ name: 'R', valueFrom: EnvSource.resourceField(r) })),
  fc.tuple(hostileString, fc.constantFrom('key', 'bad key')).map(([n, k]) => ({ name: 'C', valueFrom: EnvSource.configMapKey(n, k) })),
  fc.constant({ name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }),
);

/** A health check of any handler, with valid or edge timings and ports. */
export function healthCheck(timing: fc.Arbitrary<any>, port: fc.Arbitrary<any>) {
  return fc.tuple(
    fc.constantFrom('http', 'tcp', 'command'),
    fc.record({ periodSeconds: timing, timeoutSeconds: timing, failureThreshold: timing }, { requiredKeys: [] }),
    port,
  ).map(([kind, timings, p]) => {
    const ref = PortReference.fromNumber(p);
    if (kind === 'http') return HealthCheck.fromHttpGet('/healthz', { ...timings, port: ref });
    if (kind === 'tcp') return HealthCheck.fromTcpSocket({ ...timings, port: ref });
    return HealthCheck.fromCommand(['true'], timings);
  });
}
export const validCheck = healthCheck(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 65535 }));
export const hostileCheck = healthCheck(hostileNumber, portNumber);

export const validVolume = fc.record({
  name: dnsLabel,
  mountPath: fc.constantFrom('/data', '/cache', '/etc/app', '/var/run/x'),
  source: fc.oneof(fc.constant(VolumeSource.emptyDir()), dnsLabel.map(n => VolumeSource.configMap(n)), dnsLabel.map(n => VolumeSource.persistentVolumeClaim(n))),
});
export const hostileVolume = fc.oneof(
  fc.record({ name: hostileString, mountPath: fc.constant('/x'), source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: hostileString, source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: fc.constant('/x'), source: fc.oneof(hostileString.map(n => VolumeSource.configMap(n)), fc.constant(VolumeSource.nfs('nfs.example.com', '/exports')), fc.constant(undefined)) }),
);

const validPort = fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), name: fc.constantFrom('http', 'metrics', 'grpc', 'p-2') }, { requiredKeys: ['containerPort'] });
const hostilePort = fc.record({ containerPort: portNumber, name: fc.oneof(fc.constantFrom('0o17', 'http', 'much-too-long-port-name'), hostileString) }, { requiredKeys: [] });
const validLabels = fc.dictionary(fc.constantFrom('team', 'tier', 'example.com/owner'), dnsLabel, { maxKeys: 3 });

/** Worker props: every field with its valid and its hostile values. */
export const workerFields = {
  name: [dnsLabel, maybeName.filter(() => true).chain(() => hostileString)],
  instance: [dnsLabel, hostileString],
  partOf: [dnsLabel, hostileString],
  image: [fc.constantFrom('busybox', 'nginx:1.27', 'registry.example.com:5000/team/app:v1'), hostileString],
  command: [fc.array(fc.constantFrom('sleep', '1000', 'on', '0o17', 'a b'), { minLength: 1, maxLength: 3 }), fc.oneof(listWithHoles(hostileString), hostileString)],
  args: [fc.array(fc.constantFrom('--verbose', 'yes', '1e3_', '~'), { maxLength: 3 }), listWithHoles(hostileString)],
  env: [fc.uniqueArray(validEnvVar, { maxLength: 3, selector: e => e.name }), listWithHoles(fc.oneof(validEnvVar, hostileEnvVar))],
  envFrom: [fc.array(fc.tuple(dnsLabel, fc.constantFrom(undefined, 'APP_', 'ok.prefix-')).map(([n, p]) => EnvFromSource.configMap(n, p)), { maxLength: 2 }),
    listWithHoles(fc.tuple(maybeName, fc.oneof(fc.constantFrom('1BAD', 'a b', '='), hostileString)).map(([n, p]) => EnvFromSource.configMap(n, p)))],
  cpu: [fc.constantFrom('100m', '250m', '0.5', '1'), quantity],
  memory: [fc.constantFrom('64Mi', '128Mi', '1Gi'), quantity],
  cpuLimit: [fc.constantFrom('1', '2', '1500m'), quantity],
  memoryLimit: [fc.constantFrom('1Gi', '2Gi'), quantity],
  replicas: [fc.integer({ min: 0, max: 10 }), hostileNumber],
  ports: [fc.uniqueArray(validPort, { maxLength: 2, selector: p => p.name, comparator: (a, b) => a === b }).filter(ps => new Set(ps.map(p => p.containerPort)).size === ps.length),
    listWithHoles(hostilePort)],
  labels: [validLabels, labelMap],
  annotations: [validLabels, labelMap],
  podAnnotations: [validLabels, labelMap],
  volumes: [fc.uniqueArray(validVolume, { maxLength: 2, selector: v => v.name }).filter(vs => new Set(vs.map(v => v.mountPath)).size === vs.length), listWithHoles(hostileVolume, 2)],
  readinessProbe: [fc.constant(HealthCheck.fromCommand(['true'])), hostileCheck],
  livenessProbe: [fc.constant(HealthCheck.fromCommand(['true'], { periodSeconds: 20 })), hostileCheck],
  security: [fc.record({ user: fc.integer({ min: 1, max: 65535 }), group: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] }),
    fc.record({ user: hostileNumber, group: hostileNumber, runAsNonRoot: fc.boolean(), allowNfs: fc.boolean() }, { requiredKeys: [] })],
} as const;

test('Worker: any props give a named synth error or valid, deterministic manifests', () => {
  const result = checkConstruct('worker', mostlyValid(workerFields as any, ['image']), (chart, props) => {
    new Worker(chart, 'w', props as any);
  });
  report('worker', result);
});

export { validCheck as anyValidCheck, validVolume as anyValidVolume };
