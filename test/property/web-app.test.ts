import { ServiceType } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { claimMounts, hostileCheck, hostileEnvVar, hostileVolume, traitFields, traitsWritable, validEnvVar, validVolume, withOneScaler } from './arbitraries';
import { checkConstruct, dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, mostlyValid, portNumber, quantity, report } from './support';
import { PortReference, WebApp } from '../../src';

const validContainer = fc.record({
  name: fc.constantFrom('web', 'app', 'proxy'),
  image: fc.constantFrom('nginxinc/nginx-unprivileged:1.27', 'busybox'),
  ports: fc.constant([{ name: 'http', containerPort: 8080 }]),
  requests: fc.record({ cpu: fc.constantFrom('100m', '0.5'), memory: fc.constantFrom('64Mi', '128Mi') }),
  limits: fc.record({ cpu: fc.constantFrom('1', '2'), memory: fc.constantFrom('256Mi', '1Gi') }, { requiredKeys: [] }),
  env: fc.uniqueArray(validEnvVar, { maxLength: 2, selector: e => e.name }),
  volumes: fc.uniqueArray(validVolume, { maxLength: 1, selector: v => v.name }),
}, { requiredKeys: ['name', 'image'] });
const hostileContainer = fc.record({
  name: fc.oneof(dnsLabel, hostileString),
  image: fc.oneof(fc.constant('busybox'), hostileString),
  ports: listWithHoles(fc.record({ containerPort: portNumber, name: fc.oneof(fc.constantFrom('http', '0o17'), hostileString) }, { requiredKeys: [] })),
  requests: fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] }),
  limits: fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] }),
  env: listWithHoles(hostileEnvVar),
  volumes: listWithHoles(hostileVolume, 2),
  command: listWithHoles(hostileString),
  livenessProbe: hostileCheck,
}, { requiredKeys: [] });

const fields = {
  name: [dnsLabel, fc.oneof(fc.constantFrom('1web', '0o17'), hostileString)],
  instance: [dnsLabel, hostileString],
  partOf: [dnsLabel, hostileString],
  containers: [
    // Only the first container declares the port, so the Service's default ports stay unique.
    fc.uniqueArray(validContainer, { minLength: 1, maxLength: 2, selector: c => c.name })
      .map(cs => cs.map((c, i) => (i === 0 ? c : { ...c, ports: [] }))),
    fc.oneof(listWithHoles(fc.oneof(validContainer, hostileContainer)), fc.constant([]), hostileString),
  ],
  replicas: [fc.integer({ min: 0, max: 10 }), hostileNumber],
  labels: [fc.dictionary(fc.constantFrom('team', 'tier'), dnsLabel, { maxKeys: 2 }), labelMap],
  podLabels: [fc.dictionary(fc.constantFrom('team', 'tier'), dnsLabel, { maxKeys: 2 }), labelMap],
  service: [fc.record({ type: fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT), ports: fc.constant([{ port: 80, targetPort: PortReference.fromName('http') }]) }, { requiredKeys: [] }),
    fc.record({
      name: hostileString,
      type: fc.oneof(fc.constantFrom(ServiceType.EXTERNAL_NAME), hostileString),
      ports: listWithHoles(fc.record({ port: portNumber, name: hostileString }, { requiredKeys: [] })),
    }, { requiredKeys: [] })],
  ingress: [fc.record({ rules: fc.constant([{ host: 'shop.example.com', path: '/' }]) }),
    fc.record({
      rules: fc.oneof(fc.constant([]),
        listWithHoles(fc.record({ host: hostileString, path: hostileString, servicePort: portNumber }, { requiredKeys: [] }))),
    })],
  ...traitFields,
} as const;

/** The props of an input: the claims of `volumeClaims` mounted in the first container. */
function webAppProps(input: Record<string, any>): Record<string, any> {
  const { volumeClaims, volumes } = claimMounts(input.volumeClaims);
  const [first, ...rest] = Array.isArray(input.containers) ? input.containers : [];
  if (volumes.length === 0 || !first || typeof first !== 'object') return { ...input, volumeClaims };
  const own = Array.isArray(first.volumes) ? first.volumes : [];
  return { ...input, volumeClaims, containers: [{ ...first, volumes: [...own, ...volumes] }, ...rest] };
}

test('WebApp: any props give a named synth error or valid, deterministic manifests', () => {
  const props = withOneScaler(mostlyValid(fields as any, ['containers'])).map(webAppProps);
  report('web-app', checkConstruct('web-app', props, (chart, p) => {
    new WebApp(chart, 'app', p as any);
  }, traitsWritable));
});
