import * as fc from 'fast-check';
import { claimMounts, hostileCheck, hostileEnvVar, hostileVolume, traitFields, traitsWritable, validEnvVar, validVolume, withOneScaler } from './arbitraries';
import {
  checkConstruct, dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, maybeName, mostlyValid, portNumber, quantity,
  report,
} from './support';
import { EnvFromSource, HealthCheck, Worker } from '../../src';

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
  ports: [
    fc.uniqueArray(validPort, { maxLength: 2, selector: p => p.name }).filter(ps => new Set(ps.map(p => p.containerPort)).size === ps.length),
    listWithHoles(hostilePort),
  ],
  labels: [validLabels, labelMap],
  annotations: [validLabels, labelMap],
  podAnnotations: [validLabels, labelMap],
  volumes: [
    fc.uniqueArray(validVolume, { maxLength: 2, selector: v => v.name }).filter(vs => new Set(vs.map(v => v.mountPath)).size === vs.length),
    listWithHoles(hostileVolume, 2),
  ],
  readinessProbe: [fc.constant(HealthCheck.fromCommand(['true'])), hostileCheck],
  livenessProbe: [fc.constant(HealthCheck.fromCommand(['true'], { periodSeconds: 20 })), hostileCheck],
  security: [fc.record({ user: fc.integer({ min: 1, max: 65535 }), group: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] }),
    fc.record({ user: hostileNumber, group: hostileNumber, runAsNonRoot: fc.boolean(), allowNfs: fc.boolean() }, { requiredKeys: [] })],
  ...traitFields,
} as const;

/** The props of an input: the claims of `volumeClaims` mounted beside the Worker's own volumes. */
function workerProps(input: Record<string, any>): Record<string, any> {
  const { volumeClaims, volumes } = claimMounts(input.volumeClaims);
  if (volumes.length === 0) return { ...input, volumeClaims };
  return { ...input, volumeClaims, volumes: Array.isArray(input.volumes) ? [...input.volumes, ...volumes] : volumes };
}

test('Worker: any props give a named synth error or valid, deterministic manifests', () => {
  const result = checkConstruct('worker', withOneScaler(mostlyValid(workerFields as any, ['image', 'cpu', 'memory'])).map(workerProps), (chart, props) => {
    new Worker(chart, 'w', props as any);
  }, props => props.security?.runAsNonRoot !== false && props.security?.allowNfs !== true && traitsWritable(props));
  report('worker', result);
});

