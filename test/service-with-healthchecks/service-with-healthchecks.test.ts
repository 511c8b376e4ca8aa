import * as fs from 'fs';
import Ajv from 'ajv';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import { deckhouseCrd, swhSpec, synthSwh } from './support';
import {
  HealthCheck, HttpScheme, PortReference, ServiceIpFamily, ServiceIpFamilyPolicy, ServiceProbe,
  ServiceProbeHttpMethod, ServiceProbeMode, ServiceSessionAffinity, ServiceTrafficDistribution,
  ServiceTrafficPolicy, ServiceWithHealthchecks, ServiceWithHealthchecksProps, Worker,
} from '../../src';
import { sharedReference, validateManifest } from '../support/manifests';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const crd = deckhouseCrd();
const withCrd = crd ? test : test.skip;

const num = (n: number) => PortReference.fromNumber(n);
const named = (n: string) => PortReference.fromName(n);
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n';

/** A PostgreSQL worker declaring "postgres" (5432) and "metrics" (9187). */
function postgres(chart: Chart): Worker {
  return new Worker(chart, 'pg', {
    image: 'postgres:16',
    replicas: 2,
    ports: [{ name: 'postgres', containerPort: 5432 }, { name: 'metrics', containerPort: 9187 }],
  });
}

function build(props: (chart: Chart) => Partial<ServiceWithHealthchecksProps>): Chart {
  const chart = newChart();
  const given = props(chart);
  new ServiceWithHealthchecks(chart, 'svc', {
    probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432) }))],
    ...(given.workload || given.selector || given.type === ServiceType.EXTERNAL_NAME ? {} : { workload: postgres(chart) }),
    ...given,
  } as ServiceWithHealthchecksProps);
  return chart;
}

describe('the CRD schema check itself', () => {
  withCrd('rejects an object the CRD does not allow, so a passing check means something', () => {
    const bad = {
      apiVersion: 'network.deckhouse.io/v1alpha1',
      kind: 'ServiceWithHealthchecks',
      metadata: { name: 'x' },
      spec: { healthcheck: { probes: [{ mode: 'GRPC', tcp: { targetPort: 'db' } }] }, bogus: 1 },
    };
    const r = validateManifest(bad);
    expect(r.status).toBe('invalid');
    expect(r.errors.join('\n')).toContain('/spec/healthcheck/probes/0/mode must be equal to one of the allowed values');
    expect(r.errors.join('\n')).toContain('/spec/healthcheck/probes/0/tcp/targetPort must be integer');
    expect(r.errors.join('\n')).toContain('must NOT have additional properties "bogus"');
  });

  withCrd('the JSON Schema beside the CRD accepts what the construct emits too', () => {
    const schemaFile = sharedReference('deckhouse-servicewithhealthchecks.schema.json')!;
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const { swh } = synthSwh(build(() => ({})));
    expect(validate(swh[0])).toBe(true);
  });
});

describe('output', () => {
  test('emits network.deckhouse.io/v1alpha1 ServiceWithHealthchecks with recommended labels', () => {
    const { swh } = synthSwh(build(() => ({})));
    expect(swh[0].apiVersion).toBe('network.deckhouse.io/v1alpha1');
    expect(swh[0].metadata).toEqual({
      name: 'svc',
      labels: {
        'app.kubernetes.io/name': 'svc',
        'app.kubernetes.io/instance': 'svc',
        'app.kubernetes.io/component': 'service',
        'app.kubernetes.io/managed-by': 'cdk8s-workloads',
      },
    });
  });

  test('never emits a plain Service', () => {
    const { all } = synthSwh(build(() => ({})));
    expect(ofKind(all, 'Service')).toEqual([]);
  });

  test('name, labels, annotations, instance and partOf go to metadata', () => {
    const chart = build(() => ({ name: 'db-primary', instance: 'prod', partOf: 'shop', labels: { team: 'data' }, annotations: { 'example.com/owner': 'dba' } }));
    const { swh } = synthSwh(chart);
    expect(swh[0].metadata.name).toBe('db-primary');
    expect(swh[0].metadata.labels).toMatchObject({ 'team': 'data', 'app.kubernetes.io/instance': 'prod', 'app.kubernetes.io/part-of': 'shop' });
    expect(swh[0].metadata.annotations).toEqual({ 'example.com/owner': 'dba' });
  });

  test('the type is written out, ClusterIP by default', () => {
    expect(swhSpec(build(() => ({}))).type).toBe('ClusterIP');
  });

  test('the same props give byte-identical output', () => {
    const a = synth(build(() => ({})));
    const b = synth(build(() => ({})));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('selecting pods', () => {
  test('a workload\'s selector labels become the selector', () => {
    expect(swhSpec(build(() => ({}))).selector).toEqual({ 'app.kubernetes.io/name': 'pg', 'app.kubernetes.io/instance': 'pg' });
  });

  test('plain labels become the selector', () => {
    const spec = swhSpec(build(() => ({ selector: { app: 'legacy-db' }, ports: [{ port: 5432 }] })));
    expect(spec.selector).toEqual({ app: 'legacy-db' });
  });

  test('the service ports default to the workload\'s ports, named and numbered', () => {
    expect(swhSpec(build(() => ({}))).ports).toEqual([
      { name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' },
      { name: 'metrics', port: 9187, targetPort: 9187, protocol: 'TCP' },
    ]);
  });

  test('a named target port is written as the number the workload declares', () => {
    const spec = swhSpec(build(() => ({ ports: [{ port: 5433, targetPort: named('postgres') }] })));
    expect(spec.ports).toEqual([{ port: 5433, targetPort: 5432, protocol: 'TCP' }]);
  });

  test('a target port left out is the port itself', () => {
    const spec = swhSpec(build(() => ({ selector: { app: 'db' }, ports: [{ port: 5432 }] })));
    expect(spec.ports[0].targetPort).toBe(5432);
  });

  test('exposes the selector labels', () => {
    const chart = newChart();
    const svc = new ServiceWithHealthchecks(chart, 'svc', { selector: { app: 'db' }, ports: [{ port: 5432 }], probes: [ServiceProbe.fromPostgreSql({ port: num(5432) })] });
    expect(svc.selectorLabels).toEqual({ app: 'db' });
  });
});

describe('ports', () => {
  test('every port field is written', () => {
    const spec = swhSpec(build(() => ({
      type: ServiceType.NODE_PORT,
      ports: [
        { name: 'sql', port: 5432, targetPort: num(5432), protocol: Protocol.TCP, nodePort: 30432, appProtocol: 'postgresql' },
        { name: 'stats', port: 9187, targetPort: named('metrics'), protocol: Protocol.TCP, appProtocol: 'kubernetes.io/h2c' },
      ],
    })));
    expect(spec.ports).toEqual([
      { name: 'sql', port: 5432, targetPort: 5432, protocol: 'TCP', nodePort: 30432, appProtocol: 'postgresql' },
      { name: 'stats', port: 9187, targetPort: 9187, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);
  });

  test('UDP and SCTP ports keep their protocol', () => {
    const spec = swhSpec(build(() => ({ selector: { app: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: Protocol.UDP }, { name: 'sig', port: 3868, protocol: Protocol.SCTP }] })));
    expect(spec.ports.map((p: any) => p.protocol)).toEqual(['UDP', 'SCTP']);
  });

  test('the same port number with two protocols is allowed', () => {
    const spec = swhSpec(build(() => ({ selector: { app: 'dns' }, ports: [{ name: 'dns-udp', port: 53, protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53 }] })));
    expect(spec.ports).toHaveLength(2);
  });
});

describe('Service fields', () => {
  test('clusterIp, externalIps, internalTrafficPolicy, publishNotReadyAddresses, trafficDistribution', () => {
    const spec = swhSpec(build(() => ({
      clusterIp: '10.96.0.50',
      externalIps: ['192.0.2.10', '2001:db8::10'],
      internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
      publishNotReadyAddresses: false,
      trafficDistribution: ServiceTrafficDistribution.PREFER_CLOSE,
    })));
    expect(spec).toMatchObject({
      clusterIP: '10.96.0.50',
      externalIPs: ['192.0.2.10', '2001:db8::10'],
      internalTrafficPolicy: 'Local',
      publishNotReadyAddresses: false,
      trafficDistribution: 'PreferClose',
    });
  });

  test('a headless Service (clusterIp "None") with ports equal to the pod ports', () => {
    const spec = swhSpec(build(() => ({ clusterIp: 'None' })));
    expect(spec.clusterIP).toBe('None');
  });

  test('LoadBalancer fields', () => {
    const spec = swhSpec(build(() => ({
      type: ServiceType.LOAD_BALANCER,
      externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
      healthCheckNodePort: 32000,
      loadBalancerClass: 'example.com/internal-vip',
      loadBalancerIp: '203.0.113.7',
      loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
      allocateLoadBalancerNodePorts: false,
    })));
    expect(spec).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerClass: 'example.com/internal-vip',
      loadBalancerIP: '203.0.113.7',
      loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
      allocateLoadBalancerNodePorts: false,
    });
  });

  test('NodePort with externalTrafficPolicy Cluster', () => {
    const spec = swhSpec(build(() => ({ type: ServiceType.NODE_PORT, externalTrafficPolicy: ServiceTrafficPolicy.CLUSTER })));
    expect(spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Cluster' });
  });

  test('dual stack', () => {
    const spec = swhSpec(build(() => ({
      ipFamilies: [ServiceIpFamily.IPV6, ServiceIpFamily.IPV4], ipFamilyPolicy: ServiceIpFamilyPolicy.REQUIRE_DUAL_STACK,
    })));
    expect(spec).toMatchObject({ ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'RequireDualStack' });
  });

  test('single stack', () => {
    const spec = swhSpec(build(() => ({ ipFamilies: [ServiceIpFamily.IPV4], ipFamilyPolicy: ServiceIpFamilyPolicy.SINGLE_STACK })));
    expect(spec).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  });

  test('ClientIP session affinity with its timeout', () => {
    const spec = swhSpec(build(() => ({ sessionAffinity: ServiceSessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 86400 })));
    expect(spec.sessionAffinity).toBe('ClientIP');
    expect(spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 86400 } });
  });

  test('ExternalName: an alias with no selector, ports optional', () => {
    const spec = swhSpec(build(() => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', probes: [ServiceProbe.fromPostgreSql({ port: num(5432) })] })));
    expect(spec.externalName).toBe('db.example.com');
    expect(spec.selector).toBeUndefined();
    expect(spec.ports).toBeUndefined();
  });

  test('fields left unset are not written', () => {
    const spec = swhSpec(build(() => ({})));
    expect(Object.keys(spec).sort()).toEqual(['healthcheck', 'ports', 'selector', 'type']);
  });
});

describe('healthcheck', () => {
  test('initialDelaySeconds and periodSeconds are written out, 10 and 10 by default', () => {
    const hc = swhSpec(build(() => ({}))).healthcheck;
    expect(hc.initialDelaySeconds).toBe(10);
    expect(hc.periodSeconds).toBe(10);
  });

  test('the bounds 0 and 108000 are accepted', () => {
    const hc = swhSpec(build(() => ({ initialDelaySeconds: 0, periodSeconds: 108000 }))).healthcheck;
    expect(hc).toMatchObject({ initialDelaySeconds: 0, periodSeconds: 108000 });
  });

  test('a TCP check of the shared model becomes a TCP probe with every timing written out', () => {
    const probe = swhSpec(build(() => ({}))).healthcheck.probes[0];
    expect(probe).toEqual({ mode: 'TCP', timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, tcp: { targetPort: 5432 } });
  });

  test('an HTTP check of the shared model becomes an HTTP probe: path, host, scheme, headers, method GET', () => {
    const probe = swhSpec(build(() => ({
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/healthz', {
        port: num(8080), host: 'localhost', scheme: HttpScheme.HTTP, headers: [{ name: 'X-Probe', value: 'deckhouse' }, { name: 'X-Probe', value: 'again' }],
      }))],
    }))).healthcheck.probes[0];
    expect(probe).toEqual({
      mode: 'HTTP',
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
      http: {
        targetPort: 8080,
        path: '/healthz',
        host: 'localhost',
        method: 'GET',
        scheme: 'HTTP',
        httpHeaders: [{ name: 'X-Probe', value: 'deckhouse' }, { name: 'X-Probe', value: 'again' }],
      },
    });
  });

  test('HTTPS with method HEAD and a CA certificate', () => {
    const probe = swhSpec(build(() => ({
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/', { port: num(8443), scheme: HttpScheme.HTTPS }), { method: ServiceProbeHttpMethod.HEAD, caCert: PEM })],
    }))).healthcheck.probes[0];
    expect(probe.http).toMatchObject({ method: 'HEAD', scheme: 'HTTPS', caCert: PEM });
    expect(probe.http.insecureSkipTLSVerify).toBeUndefined();
  });

  test('HTTPS without verification', () => {
    const probe = swhSpec(build(() => ({
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/', { port: num(8443), scheme: HttpScheme.HTTPS }), { insecureSkipTlsVerify: true })],
    }))).healthcheck.probes[0];
    expect(probe.http.insecureSkipTLSVerify).toBe(true);
  });

  test('a check\'s own timeout and thresholds are kept', () => {
    const probe = swhSpec(build(() => ({
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({
        port: num(5432), timeoutSeconds: 3, successThreshold: 2, failureThreshold: 5,
      }))],
    }))).healthcheck.probes[0];
    expect(probe).toMatchObject({ timeoutSeconds: 3, successThreshold: 2, failureThreshold: 5 });
  });

  test('a check whose period equals the service period is accepted', () => {
    const hc = swhSpec(build(() => ({
      periodSeconds: 5,
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432), periodSeconds: 5, initialDelaySeconds: 10 }))],
    }))).healthcheck;
    expect(hc.periodSeconds).toBe(5);
  });

  test('a named check port resolves to the workload\'s number', () => {
    const probe = swhSpec(build(() => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/metrics', { port: named('metrics') }))] }))).healthcheck.probes[0];
    expect(probe.http.targetPort).toBe(9187);
  });

  test('a check with no port probes the workload\'s first port', () => {
    const probe = swhSpec(build(() => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket())] }))).healthcheck.probes[0];
    expect(probe.tcp.targetPort).toBe(5432);
  });

  test('the same HealthCheck object gates a container and the Service', () => {
    const chart = newChart();
    const ready = HealthCheck.fromHttpGet('/ready', { port: named('http') });
    const web = new Worker(chart, 'web', { image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: ready });
    new ServiceWithHealthchecks(chart, 'web-svc', { workload: web, probes: [ServiceProbe.fromHealthCheck(ready)] });
    const { all, swh } = synthSwh(chart);
    expect(ofKind(all, 'Deployment')[0].spec.template.spec.containers[0].readinessProbe.httpGet).toMatchObject({ path: '/ready', port: 'http' });
    expect(swh[0].spec.healthcheck.probes[0].http).toMatchObject({ path: '/ready', targetPort: 8080 });
  });

  test('a PostgreSQL probe: port from the workload, query "select 1" by default, written out', () => {
    const probe = swhSpec(build(() => ({ probes: [ServiceProbe.fromPostgreSql()] }))).healthcheck.probes[0];
    expect(probe).toEqual({ mode: 'PostgreSQL', timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, postgreSQL: { targetPort: 5432, query: 'select 1' } });
  });

  test('a PostgreSQL probe with every field', () => {
    const probe = swhSpec(build(() => ({
      probes: [ServiceProbe.fromPostgreSql({
        port: named('postgres'),
        dbName: 'app',
        authSecretName: 'pg-probe',
        query: 'select not pg_is_in_recovery()',
        timeoutSeconds: 2,
        successThreshold: 2,
        failureThreshold: 4,
      })],
    }))).healthcheck.probes[0];
    expect(probe).toEqual({
      mode: 'PostgreSQL',
      timeoutSeconds: 2,
      successThreshold: 2,
      failureThreshold: 4,
      postgreSQL: { targetPort: 5432, dbName: 'app', authSecretName: 'pg-probe', query: 'select not pg_is_in_recovery()' },
    });
  });

  test('probes in Deckhouse\'s own shape: HTTP, TCP and PostgreSQL', () => {
    const probes = swhSpec(build(() => ({
      probes: [
        ServiceProbe.of({ mode: ServiceProbeMode.HTTP, http: { targetPort: named('metrics'), path: '/metrics', method: ServiceProbeHttpMethod.HEAD } }),
        ServiceProbe.of({ mode: ServiceProbeMode.TCP, tcp: { targetPort: num(5432) }, failureThreshold: 2 }),
        ServiceProbe.of({ mode: ServiceProbeMode.POSTGRESQL, postgreSql: { targetPort: num(5432), dbName: 'postgres' }, timeoutSeconds: 2 }),
      ],
    }))).healthcheck.probes;
    expect(probes).toEqual([
      { mode: 'HTTP', timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, http: { targetPort: 9187, path: '/metrics', method: 'HEAD', scheme: 'HTTP' } },
      { mode: 'TCP', timeoutSeconds: 1, successThreshold: 1, failureThreshold: 2, tcp: { targetPort: 5432 } },
      { mode: 'PostgreSQL', timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3, postgreSQL: { targetPort: 5432, dbName: 'postgres', query: 'select 1' } },
    ]);
  });
});

describe('NetworkPolicy for the agents', () => {
  test('not emitted unless asked for', () => {
    const { all } = synthSwh(build(() => ({})));
    expect(ofKind(all, 'NetworkPolicy')).toEqual([]);
  });

  test('admits the d8-service-with-healthchecks namespace to each probed port of the selected pods', () => {
    const chart = build(() => ({
      allowProbeTraffic: true,
      probes: [
        ServiceProbe.fromPostgreSql(),
        ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/metrics', { port: named('metrics') })),
        ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432) })),
      ],
    }));
    const [np] = ofKind(synth(chart), 'NetworkPolicy');
    expect(np.metadata.name).toBe('svc-healthchecks');
    expect(np.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'pg', 'app.kubernetes.io/instance': 'pg' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'd8-service-with-healthchecks' } } }],
        ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 9187 }],
      }],
    });
  });
});

describe('a plain Service of the same name', () => {
  test('fails synth, naming both', () => {
    const chart = build(() => ({}));
    new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } });
    expect(synthError(chart)).toContain('[test/svc] name: a plain Service "svc" is also defined (at test/plain); the Deckhouse controller creates and owns the Service of a ServiceWithHealthchecks, so remove the other one or rename one of them');
  });

  test('in another namespace is fine', () => {
    const chart = build(() => ({}));
    const other = new Chart(chart.node.scope as any, 'other', { namespace: 'elsewhere' });
    new ApiObject(other, 'plain', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 1 }] } });
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

const tcp = (port: PortReference) => ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port }));
const http = (path: string, o: any = {}, x: any = {}) => ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet(path, { port: num(8080), ...o }), x);
const LB = ServiceType.LOAD_BALANCER;

const BAD: Array<[string, (chart: Chart) => Partial<ServiceWithHealthchecksProps>, string]> = [
  ['mode without its block', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.HTTP })] }),
    'probes[0].http: is required because mode is "HTTP"'],
  ['a port used twice after a hole keeps its index', () => ({ ports: [undefined as any, { port: 5432, name: 'a' }, { port: 5432, name: 'b' }] }),
    'ports[2].port: 5432 is not allowed; ports[1] already uses 5432/TCP; each port and protocol pair may appear once'],
  ['a probe after a hole keeps its index (it was named by the hole\'s)', () => ({ probes: [null as any, ServiceProbe.of({ mode: ServiceProbeMode.HTTP })] }),
    'probes[1].http: is required because mode is "HTTP"'],
  ['two handler blocks', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.TCP, tcp: { targetPort: num(5432) }, http: { targetPort: num(80), path: '/' } })] }),
    'probes[0].http: is set but mode is "TCP"; a probe has exactly one handler block, the one its mode names (`tcp`): remove `http` or change the mode'],
  ['no mode', () => ({ probes: [ServiceProbe.of({ tcp: { targetPort: num(5432) } } as any)] }),
    'probes[0].mode: is required; set one of "HTTP", "TCP", "PostgreSQL" and the matching block'],
  ['an unknown mode', () => ({ probes: [ServiceProbe.of({ mode: 'GRPC' as any })] }),
    'probes[0].mode: "GRPC" is not allowed; must be one of "HTTP", "TCP", "PostgreSQL"'],
  ['a block without targetPort', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.POSTGRESQL, postgreSql: {} as any })] }),
    'probes[0].postgreSQL.targetPort: is required'],
  ['targetPort 0', () => ({ probes: [tcp(num(0))] }),
    'probes[0].tcp.targetPort: 0 is not allowed; must be an integer from 1 to 65535'],
  ['targetPort 65536', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.HTTP, http: { targetPort: num(65536), path: '/' } })] }),
    'probes[0].http.targetPort: 65536 is not allowed; must be an integer from 1 to 65535'],
  ['a probe port name the workload does not declare', () => ({ probes: [ServiceProbe.fromPostgreSql({ port: named('pgsql') })] }),
    'probes[0].port: "pgsql" is not allowed; the container declares no port of that name (it declares "postgres", "metrics"). Declare the port on the container or refer to it by number'],
  ['a probe port name with plain labels', () => ({ selector: { app: 'db' }, ports: [{ port: 5432 }], probes: [tcp(named('db'))] }),
    'probes[0].tcp.targetPort: "db" is not allowed; a port name can only be resolved when the pods are selected with `workload`. Refer to the port by number'],
  ['a probe with no port and plain labels', () => ({ selector: { app: 'db' }, ports: [{ port: 5432 }], probes: [ServiceProbe.fromPostgreSql()] }),
    'probes[0].port: is required: the pods are selected by labels, so there is no declared port to default to; pass `PortReference.fromNumber(n)`'],
  ['method POST', () => ({ probes: [http('/', {}, { method: 'POST' })] }),
    'probes[0].method: "POST" is not allowed; must be one of "GET", "HEAD"'],
  ['a command check', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromCommand(['pg_isready']))] }),
    'probes[0].handler: "exec" is not allowed; Deckhouse probes pods from outside and runs only HTTP, TCP and PostgreSQL checks, so a HealthCheck.fromCommand check cannot gate a ServiceWithHealthchecks. Use HealthCheck.fromHttpGet, HealthCheck.fromTcpSocket or ServiceProbe.fromPostgreSql'],
  ['a gRPC check', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromGrpc({ port: num(9090) }))] }),
    'probes[0].handler: "grpc" is not allowed; Deckhouse probes pods from outside and runs only HTTP, TCP and PostgreSQL checks, so a HealthCheck.fromGrpc check cannot gate a ServiceWithHealthchecks. Use HealthCheck.fromHttpGet, HealthCheck.fromTcpSocket or ServiceProbe.fromPostgreSql'],
  ['a check with its own period', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432), periodSeconds: 5 }))] }),
    'probes[0].periodSeconds: 5 is not allowed; Deckhouse has one periodSeconds for all probes of a ServiceWithHealthchecks, and it is 10. Set `periodSeconds: 5` on the ServiceWithHealthchecks, or leave it unset on the check'],
  ['a check with its own initial delay', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432), initialDelaySeconds: 0 }))] }),
    'probes[0].initialDelaySeconds: 0 is not allowed; Deckhouse has one initialDelaySeconds for all probes of a ServiceWithHealthchecks, and it is 10. Set `initialDelaySeconds: 0` on the ServiceWithHealthchecks, or leave it unset on the check'],
  ['a TCP check with a host', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432), host: 'db' }))] }),
    'probes[0].tcp.host: "db" is not allowed; Deckhouse\'s TCP probe always connects to the pod IP. Remove `host` from the check'],
  ['HTTP options on a TCP check', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432) }), { method: ServiceProbeHttpMethod.HEAD })] }),
    'probes[0].method: "HEAD" is not allowed; only an HTTP probe has it; this is a TCP check'],
  ['an HTTP path without "/"', () => ({ probes: [http('healthz')] }),
    'probes[0].http.path: "healthz" is not allowed; must start with "/". Write the path as it appears in the URL, e.g. "/healthz"'],
  ['a header name with a space', () => ({ probes: [http('/', { headers: [{ name: 'X Probe', value: '1' }] })] }),
    'probes[0].http.httpHeaders.name: "X Probe" is not allowed; must be an HTTP token'],
  ['an HTTP host that is not a host name', () => ({ probes: [http('/', { host: 'http://db' })] }),
    'probes[0].http.host: "http://db" is not allowed; must be a host name or an IP address'],
  ['caCert with scheme HTTP', () => ({ probes: [http('/', {}, { caCert: PEM })] }),
    'probes[0].caCert: "-----BEGIN CERTIFICATE-----\\nMIIBszCCA..." is not allowed; only applies to scheme "HTTPS" (scheme is "HTTP")'],
  ['caCert that is not PEM', () => ({ probes: [http('/', { scheme: HttpScheme.HTTPS }, { caCert: 'abc' })] }),
    'probes[0].caCert: "abc" is not allowed; must be a PEM certificate'],
  ['insecureSkipTlsVerify with caCert', () => ({ probes: [http('/', { scheme: HttpScheme.HTTPS }, { caCert: PEM, insecureSkipTlsVerify: true })] }),
    'probes[0].insecureSkipTlsVerify: true is not allowed; contradicts `caCert`: either verify the certificate against caCert or skip verification, not both'],
  ['insecureSkipTlsVerify with HTTP', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.HTTP, http: { targetPort: num(80), path: '/', insecureSkipTlsVerify: true } })] }),
    'probes[0].http.insecureSkipTlsVerify: true is not allowed; only applies to scheme "HTTPS" (scheme is "HTTP")'],
  ['timeoutSeconds 0', () => ({ probes: [ServiceProbe.fromPostgreSql({ timeoutSeconds: 0 })] }),
    'probes[0].timeoutSeconds: 0 is not allowed; must be an integer >= 1'],
  ['failureThreshold 0 on a shared check', () => ({ probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: num(5432), failureThreshold: 0 }))] }),
    'probes[0].failureThreshold: 0 is not allowed; must be an integer >= 1'],
  ['an empty query', () => ({ probes: [ServiceProbe.fromPostgreSql({ query: ' ' })] }),
    'probes[0].query: " " is not allowed; must be a query that answers one true value'],
  ['an authSecretName that is no Secret name', () => ({ probes: [ServiceProbe.fromPostgreSql({ authSecretName: 'PG_Creds' })] }),
    'probes[0].authSecretName: "PG_Creds" is not allowed; must be the name of a Secret'],
  ['an empty dbName', () => ({ probes: [ServiceProbe.of({ mode: ServiceProbeMode.POSTGRESQL, postgreSql: { targetPort: num(5432), dbName: '' } })] }),
    'probes[0].postgreSQL.dbName: "" is not allowed; must be a PostgreSQL database name: 1 to 63 bytes'],
  ['no probes', () => ({ probes: [] }),
    'probes: must list at least one probe; without probes this is a plain Service'],
  ['periodSeconds 0', () => ({ periodSeconds: 0 }),
    'periodSeconds: 0 is not allowed; must be an integer from 1 to 108000'],
  ['initialDelaySeconds 108001', () => ({ initialDelaySeconds: 108001 }),
    'initialDelaySeconds: 108001 is not allowed; must be an integer from 0 to 108000'],
  ['initialDelaySeconds -1', () => ({ initialDelaySeconds: -1 }),
    'initialDelaySeconds: -1 is not allowed; must be an integer from 0 to 108000'],
  ['ExternalName without externalName', () => ({ type: ServiceType.EXTERNAL_NAME }),
    'externalName: is required because type is "ExternalName": the DNS name this Service is an alias for'],
  ['an upper-case externalName', () => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'DB.example.com' }),
    'externalName: "DB.example.com" is not allowed; must be a lower-case RFC 1123 DNS name'],
  ['externalName on ClusterIP', () => ({ externalName: 'db.example.com' }),
    'externalName: "db.example.com" is not allowed; only applies to type "ExternalName" (type is "ClusterIP"). Remove it or set type to "ExternalName"'],
  ['ExternalName selecting a workload', (chart) => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', workload: postgres(chart) }),
    'workload: is set but type is "ExternalName": an ExternalName Service selects no pods; remove `workload` or change the type'],
  ['clusterIp with ExternalName', () => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', clusterIp: '10.0.0.5' }),
    'clusterIp: "10.0.0.5" is not allowed; must not be set for type "ExternalName" (it has no cluster IP)'],
  ['a clusterIp that is no IP', () => ({ clusterIp: '10.0.0.300' }),
    'clusterIp: "10.0.0.300" is not allowed; must be "None" (headless), "" (allocate) or an IPv4/IPv6 address'],
  ['healthCheckNodePort on ClusterIP', () => ({ healthCheckNodePort: 30100 }),
    'healthCheckNodePort: 30100 is not allowed; only applies to type "LoadBalancer" with externalTrafficPolicy "Local" (type is "ClusterIP", externalTrafficPolicy is not set). Remove it, or set both'],
  ['healthCheckNodePort with externalTrafficPolicy Cluster', () => ({ type: LB, externalTrafficPolicy: ServiceTrafficPolicy.CLUSTER, healthCheckNodePort: 30100 }),
    'healthCheckNodePort: 30100 is not allowed; only applies to type "LoadBalancer" with externalTrafficPolicy "Local" (type is "LoadBalancer", externalTrafficPolicy is "Cluster")'],
  ['healthCheckNodePort 70000', () => ({ type: LB, externalTrafficPolicy: ServiceTrafficPolicy.LOCAL, healthCheckNodePort: 70000 }),
    'healthCheckNodePort: 70000 is not allowed; must be an integer from 1 to 65535'],
  ['externalTrafficPolicy on ClusterIP', () => ({ externalTrafficPolicy: ServiceTrafficPolicy.LOCAL }),
    'externalTrafficPolicy: "Local" is not allowed; only applies to type "NodePort" or "LoadBalancer" (type is "ClusterIP"). Remove it or set type to "NodePort" or "LoadBalancer"'],
  ['internalTrafficPolicy "Nearest"', () => ({ internalTrafficPolicy: 'Nearest' as any }),
    'internalTrafficPolicy: "Nearest" is not allowed; must be one of "Cluster", "Local"'],
  ['loadBalancerClass on NodePort', () => ({ type: ServiceType.NODE_PORT, loadBalancerClass: 'internal-vip' }),
    'loadBalancerClass: "internal-vip" is not allowed; only applies to type "LoadBalancer" (type is "NodePort"). Remove it or set type to "LoadBalancer"'],
  ['a loadBalancerClass that is no label name', () => ({ type: LB, loadBalancerClass: 'internal vip' }),
    'loadBalancerClass: "internal vip" is not allowed; must be a label-style name with an optional DNS prefix'],
  ['loadBalancerIp on ClusterIP', () => ({ loadBalancerIp: '203.0.113.7' }),
    'loadBalancerIp: "203.0.113.7" is not allowed; only applies to type "LoadBalancer" (type is "ClusterIP")'],
  ['a loadBalancerSourceRanges entry that is no CIDR', () => ({ type: LB, loadBalancerSourceRanges: ['10.0.0.0/33'] }),
    'loadBalancerSourceRanges[0]: "10.0.0.0/33" is not allowed; must be a CIDR such as "203.0.113.0/24" or "2001:db8::/32"'],
  ['allocateLoadBalancerNodePorts on ClusterIP', () => ({ allocateLoadBalancerNodePorts: false }),
    'allocateLoadBalancerNodePorts: false is not allowed; only applies to type "LoadBalancer" (type is "ClusterIP")'],
  ['an externalIps entry that is no IP', () => ({ externalIps: ['example.com'] }),
    'externalIps[0]: "example.com" is not allowed; must be an IPv4 or IPv6 address'],
  ['nodePort on ClusterIP', () => ({ ports: [{ port: 5432, nodePort: 30432 }] }),
    'ports[0].nodePort: 30432 is not allowed; only applies to type "NodePort" or "LoadBalancer" (type is "ClusterIP")'],
  ['a repeated nodePort', () => ({ type: ServiceType.NODE_PORT, ports: [{ name: 'a', port: 1, nodePort: 30001 }, { name: 'b', port: 2, nodePort: 30001 }] }),
    'ports[1].nodePort: 30001 is not allowed; ports[0] already uses this node port for TCP; node ports must be unique per protocol'],
  ['duplicate port names', () => ({ ports: [{ name: 'db', port: 5432 }, { name: 'db', port: 5433 }] }),
    'ports[1].name: "db" is not allowed; port names must be unique, and ports[0] already has this one'],
  ['an unnamed port among two', () => ({ ports: [{ name: 'db', port: 5432 }, { port: 9187 }] }),
    'ports[1].name: is required because the Service has 2 ports; name each one (a lower-case RFC 1123 label such as "http")'],
  ['a port name that is no DNS label', () => ({ ports: [{ name: 'Postgres', port: 5432 }] }),
    'ports[0].name: "Postgres" is not allowed; must be a lower-case RFC 1123 label'],
  ['port 0', () => ({ ports: [{ port: 0 }] }),
    'ports[0].port: 0 is not allowed; must be an integer from 1 to 65535'],
  ['the same port and protocol twice', () => ({ ports: [{ name: 'a', port: 5432 }, { name: 'b', port: 5432, targetPort: num(5433) }] }),
    'ports[1].port: 5432 is not allowed; ports[0] already uses 5432/TCP; each port and protocol pair may appear once'],
  ['protocol HTTP', () => ({ ports: [{ port: 80, protocol: 'HTTP' as any }] }),
    'ports[0].protocol: "HTTP" is not allowed; must be one of "TCP", "UDP", "SCTP"'],
  ['a target port name the workload does not declare', () => ({ ports: [{ port: 80, targetPort: named('web') }] }),
    'ports[0].targetPort: "web" is not allowed; the container declares no port of that name (it declares "postgres", "metrics"). Declare the port on the container or refer to it by number'],
  ['a target port name with plain labels', () => ({ selector: { app: 'db' }, ports: [{ port: 80, targetPort: named('web') }] }),
    'ports[0].targetPort: "web" is not allowed; a port name can only be resolved when the pods are selected with `workload`. Refer to the port by number'],
  ['targetPort 0', () => ({ ports: [{ port: 80, targetPort: num(0) }] }),
    'ports[0].targetPort: 0 is not allowed; must be an integer from 1 to 65535'],
  ['a UDP Service port to a TCP pod port', () => ({ ports: [{ port: 5432, protocol: Protocol.UDP, targetPort: named('postgres') }] }),
    'ports[0].targetPort: "postgres" is not allowed; names a TCP port of the workload, but this Service port is UDP. Make the protocols match'],
  ['a headless Service mapping ports', () => ({ clusterIp: 'None', ports: [{ port: 5433, targetPort: num(5432) }] }),
    'ports[0].targetPort: 5432 is not allowed; must equal port (5433) on a headless Service (clusterIp "None"): Kubernetes ignores it there. Set the Service port to the pod port'],
  ['an appProtocol with a space', () => ({ ports: [{ port: 80, appProtocol: 'my proto' }] }),
    'ports[0].appProtocol: "my proto" is not allowed; must be an IANA service name'],
  ['no ports with plain labels', () => ({ selector: { app: 'db' }, probes: [tcp(num(5432))] }),
    'ports: must list at least one port (only an ExternalName or headless Service may have none)'],
  ['sessionAffinity timeout 86401', () => ({ sessionAffinity: ServiceSessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 86401 }),
    'sessionAffinityTimeoutSeconds: 86401 is not allowed; must be an integer from 1 to 86400'],
  ['a sessionAffinity timeout without ClientIP', () => ({ sessionAffinityTimeoutSeconds: 600 }),
    'sessionAffinityTimeoutSeconds: 600 is not allowed; only applies with sessionAffinity "ClientIP" (sessionAffinity is "None"). Set `sessionAffinity: ServiceSessionAffinity.CLIENT_IP` or remove the timeout'],
  ['sessionAffinity "Cookie"', () => ({ sessionAffinity: 'Cookie' as any }),
    'sessionAffinity: "Cookie" is not allowed; must be one of "None", "ClientIP"'],
  ['three ipFamilies', () => ({ ipFamilies: [ServiceIpFamily.IPV4, ServiceIpFamily.IPV6, ServiceIpFamily.IPV4], ipFamilyPolicy: ServiceIpFamilyPolicy.REQUIRE_DUAL_STACK }),
    'ipFamilies: ["IPv4","IPv6","IPv4"] is not allowed; may list at most two families (one IPv4 and one IPv6)'],
  ['the same family twice', () => ({ ipFamilies: [ServiceIpFamily.IPV4, ServiceIpFamily.IPV4], ipFamilyPolicy: ServiceIpFamilyPolicy.PREFER_DUAL_STACK }),
    'ipFamilies: ["IPv4","IPv4"] is not allowed; lists a family twice; a dual-stack Service has one IPv4 and one IPv6 family'],
  ['two families on SingleStack', () => ({ ipFamilies: [ServiceIpFamily.IPV4, ServiceIpFamily.IPV6], ipFamilyPolicy: ServiceIpFamilyPolicy.SINGLE_STACK }),
    'ipFamilies: ["IPv4","IPv6"] is not allowed; two families need ipFamilyPolicy "PreferDualStack" or "RequireDualStack" (ipFamilyPolicy is "SingleStack")'],
  ['two families without a policy', () => ({ ipFamilies: [ServiceIpFamily.IPV4, ServiceIpFamily.IPV6] }),
    'ipFamilies: ["IPv4","IPv6"] is not allowed; two families need ipFamilyPolicy "PreferDualStack" or "RequireDualStack" (ipFamilyPolicy is not set, which means "SingleStack")'],
  ['an unknown ip family', () => ({ ipFamilies: ['IPv5' as any] }),
    'ipFamilies[0]: "IPv5" is not allowed; must be one of "IPv4", "IPv6"'],
  ['ipFamilyPolicy on ExternalName', () => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', ipFamilyPolicy: ServiceIpFamilyPolicy.SINGLE_STACK }),
    'ipFamilyPolicy: "SingleStack" is not allowed; does not apply to type "ExternalName". Remove it or change the type'],
  ['trafficDistribution "PreferSameNode"', () => ({ trafficDistribution: 'PreferSameNode' as any }),
    'trafficDistribution: "PreferSameNode" is not allowed; must be one of "PreferClose"'],
  ['an unknown type', () => ({ type: 'Headless' as any }),
    'type: "Headless" is not allowed; must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"'],
  ['no workload and no selector', () => ({ workload: undefined, selector: undefined, type: ServiceType.CLUSTER_IP, ports: [{ port: 1 }] }),
    'workload: is required: select the pods with `workload` (a Worker or WebApp of this library) or `selector` (plain labels)'],
  ['both workload and selector', (chart) => ({ workload: postgres(chart), selector: { app: 'db' } }),
    'selector: is set together with `workload` ("pg"); select the pods one way: the workload\'s labels, or plain labels'],
  ['an empty selector', () => ({ selector: {}, ports: [{ port: 1 }] }),
    'selector: is empty; give at least one label (an empty selector would select every pod in the namespace)'],
  ['a selector value that is no label value', () => ({ selector: { app: 'my db' }, ports: [{ port: 1 }] }),
    'selector["app"]: "my db" is not allowed; must be a label value'],
  ['a name starting with a digit', () => ({ name: '1db' }),
    'name: "1db" is not allowed; must start with a letter: a Service name is an RFC 1035 label'],
  ['allowProbeTraffic on ExternalName', () => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', allowProbeTraffic: true }),
    'allowProbeTraffic: needs selected pods to admit the agents to; this Service selects none'],
];

describe('bad input fails synth with a message naming path, field and value', () => {
  test('the table is long enough', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(30);
  });

  test.each(BAD)('%s', (_name, props, message) => {
    const chart = build(props);
    expect(synthError(chart)).toContain(`[test/svc] ${message}`);
  });

  test('every problem is reported at once', () => {
    const err = synthError(build(() => ({ periodSeconds: 0, initialDelaySeconds: -1, externalName: 'x.example.com' })));
    expect(err).toContain('[test/svc] periodSeconds: 0');
    expect(err).toContain('[test/svc] initialDelaySeconds: -1');
    expect(err).toContain('[test/svc] externalName: "x.example.com"');
  });
});
