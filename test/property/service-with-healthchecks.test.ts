import { ServiceType } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { checkConstruct, dnsLabel, hostileNumber, hostileString, labelMap, listWithHoles, mostlyValid, portNumber, report } from './support';
import { HealthCheck, PortReference, ServiceProbe, ServiceWithHealthchecks, Worker } from '../../src';

const validProbe = fc.constantFrom(
  ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(5432) })),
  ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/healthz', { port: PortReference.fromNumber(5432) })),
  ServiceProbe.fromPostgreSql({ authSecretName: 'pg-probe', query: 'select 1' }),
);
const hostileProbe = fc.oneof(
  fc.tuple(portNumber, hostileNumber).map(([port, t]) =>
    ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(port), timeoutSeconds: t }))),
  fc.tuple(hostileString, hostileString).map(([s, q]) => ServiceProbe.fromPostgreSql({ authSecretName: s, query: q })),
);

const fields = {
  name: [dnsLabel, fc.oneof(fc.constantFrom('1db', '0o17'), hostileString)],
  instance: [dnsLabel, hostileString],
  partOf: [dnsLabel, hostileString],
  labels: [fc.dictionary(fc.constantFrom('team'), dnsLabel, { maxKeys: 1 }), labelMap],
  annotations: [fc.dictionary(fc.constantFrom('example.com/note'), fc.constantFrom('fine', 'a b'), { maxKeys: 1 }), labelMap],
  probes: [fc.array(validProbe, { minLength: 1, maxLength: 2 }), fc.oneof(fc.constant([]), listWithHoles(fc.oneof(validProbe, hostileProbe)))],
  ports: [fc.constant([{ port: 5432, name: 'pg' }]), listWithHoles(fc.record({ port: portNumber, name: hostileString, nodePort: portNumber }, { requiredKeys: [] }))],
  type: [fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER), hostileString],
  initialDelaySeconds: [fc.integer({ min: 0, max: 100 }), hostileNumber],
  periodSeconds: [fc.integer({ min: 1, max: 100 }), hostileNumber],
  selector: [fc.constant(undefined), fc.oneof(labelMap, fc.constant({}))],
} as const;

test('ServiceWithHealthchecks: any props give a named synth error or valid, deterministic manifests', () => {
  report('service-with-healthchecks', checkConstruct('service-with-healthchecks', mostlyValid(fields as any, ['probes']), (chart, p) => {
    const db = new Worker(chart, 'db', { image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] });
    new ServiceWithHealthchecks(chart, 'svc', { ...(p.selector === undefined ? { workload: db } : {}), ...p } as any);
  }));
});
