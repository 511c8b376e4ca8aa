import * as fc from 'fast-check';
import { checkConstruct, dnsLabel, hostileString, labelMap, mostlyValid, report } from './support';
import { ConfigMap, PostgreSqlCredentialsSecret, Secret, Worker } from '../../src';

const validData = fc.dictionary(fc.constantFrom('level', 'app.yaml', 'MODE', 'a-b_c'), fc.constantFrom('info', 'level: info\n', '8080', 'on', ''), { maxKeys: 3 });
const hostileData = fc.dictionary(fc.oneof(fc.constantFrom('a b', '..', '.', ''), hostileString.filter(s => typeof s === 'string')), hostileString, { maxKeys: 2 });
const keyed = {
  name: [fc.oneof(dnsLabel, fc.constant('my.config')), fc.oneof(fc.constant('z'.repeat(64)), hostileString)],
  partOf: [dnsLabel, hostileString],
  labels: [fc.dictionary(fc.constantFrom('team'), dnsLabel, { maxKeys: 1 }), labelMap],
  data: [validData, hostileData],
} as const;

test('ConfigMap, consumed by a Worker: any props give a named synth error or valid, deterministic manifests', () => {
  report('config-map', checkConstruct('config-map', mostlyValid(keyed as any), (chart, p) => {
    const cm = new ConfigMap(chart, 'cm', p as any);
    new Worker(chart, 'w', { image: 'busybox', envFrom: [cm.envFrom()] });
  }));
});

test('Secret: any props give a named synth error or valid, deterministic manifests', () => {
  const fields = { ...keyed, writeStringData: [fc.boolean(), fc.constant(true)], type: [fc.constantFrom('Opaque', 'kubernetes.io/basic-auth'), hostileString] };
  report('secret', checkConstruct('secret', mostlyValid(fields as any), (chart, p) => {
    new Secret(chart, 's', p as any);
  }));
});

test('PostgreSqlCredentialsSecret: any props give a named synth error or valid, deterministic manifests', () => {
  const fields = {
    name: [dnsLabel, hostileString],
    user: [fc.constantFrom('probe', 'monitor'), hostileString],
    password: [fc.constantFrom('s3cret-pass', 'another-one-42'), hostileString],
    labels: [fc.dictionary(fc.constantFrom('team'), dnsLabel, { maxKeys: 1 }), labelMap],
  };
  report('postgresql-credentials', checkConstruct('postgresql-credentials', mostlyValid(fields as any, ['user']), (chart, p) => {
    new PostgreSqlCredentialsSecret(chart, 'pg', p as any);
  }));
});
