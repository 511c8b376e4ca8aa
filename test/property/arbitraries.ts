import * as fc from 'fast-check';
import { dnsLabel, hostileNumber, hostileString, portNumber } from './support';
import { EnvSource, HealthCheck, PortReference, VolumeSource } from '../../src';

/** Arbitraries shared by the property tests of the workload constructs. */

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
  source: fc.oneof(
    fc.constant(VolumeSource.emptyDir()),
    dnsLabel.map(n => VolumeSource.configMap(n)),
    dnsLabel.map(n => VolumeSource.persistentVolumeClaim(n)),
  ),
});
export const hostileVolume = fc.oneof(
  fc.record({ name: hostileString, mountPath: fc.constant('/x'), source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: hostileString, source: fc.constant(VolumeSource.emptyDir()) }),
  fc.record({ name: fc.constant('v'), mountPath: fc.constant('/x'), source: fc.oneof(hostileString.map(n => VolumeSource.configMap(n)), fc.constant(VolumeSource.nfs('nfs.example.com', '/exports')), fc.constant(undefined)) }),
);

