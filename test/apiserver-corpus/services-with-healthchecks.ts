// Deckhouse ServiceWithHealthchecks with every probe kind and every Service field the
// construct has, for the API server check (scripts/apiserver).
import { App, Chart } from 'cdk8s';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import {
  HealthCheck, HttpScheme, PortReference, PostgreSqlCredentialsSecret, PostgreSqlTlsMode, ServiceIpFamily,
  ServiceIpFamilyPolicy, ServiceProbe, ServiceProbeHttpMethod, ServiceProbeMode, ServiceSessionAffinity,
  ServiceTrafficDistribution, ServiceTrafficPolicy, ServiceWithHealthchecks, WebApp, Worker,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'services-with-healthchecks');

  const db = new Worker(chart, 'db', {
    image: 'registry.example.com/db/postgres-ha:16.4',
    replicas: 2,
    ports: [{ name: 'postgres', containerPort: 5432 }, { name: 'http', containerPort: 8008 }],
    writablePaths: ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
  });
  const creds = new PostgreSqlCredentialsSecret(chart, 'db-probe', { user: 'probe', tlsMode: PostgreSqlTlsMode.DISABLED });
  new ServiceWithHealthchecks(chart, 'db-primary', {
    workload: db,
    partOf: 'db',
    labels: { role: 'primary' },
    annotations: { 'example.com/note': 'writes only' },
    ports: [{ name: 'postgres', port: 5432, targetPort: PortReference.fromName('postgres'), appProtocol: 'postgresql' }],
    probes: [
      ServiceProbe.fromPostgreSql({
        port: PortReference.fromName('postgres'),
        dbName: 'postgres',
        authSecretName: creds.secretName,
        query: 'select not pg_is_in_recovery()',
        timeoutSeconds: 2,
        failureThreshold: 2,
      }),
      ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/primary', { port: PortReference.fromName('http') }), { method: ServiceProbeHttpMethod.HEAD }),
      ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromNumber(5432) })),
    ],
    initialDelaySeconds: 10,
    periodSeconds: 5,
    sessionAffinity: ServiceSessionAffinity.CLIENT_IP,
    sessionAffinityTimeoutSeconds: 600,
    internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
    trafficDistribution: ServiceTrafficDistribution.PREFER_CLOSE,
    publishNotReadyAddresses: false,
    allowProbeTraffic: true,
  });

  // Plain selector, numbers only, every probe spelled out with ServiceProbe.of.
  new ServiceWithHealthchecks(chart, 'edge', {
    selector: { 'app.kubernetes.io/name': 'edge-proxy' },
    type: ServiceType.LOAD_BALANCER,
    ports: [
      { name: 'https', port: 443, targetPort: PortReference.fromNumber(8443), nodePort: 31443 },
      { name: 'quic', port: 443, targetPort: PortReference.fromNumber(8443), protocol: Protocol.UDP },
    ],
    externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
    healthCheckNodePort: 32000,
    loadBalancerClass: 'example.com/lb',
    loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
    allocateLoadBalancerNodePorts: true,
    ipFamilies: [ServiceIpFamily.IPV4],
    ipFamilyPolicy: ServiceIpFamilyPolicy.SINGLE_STACK,
    probes: [
      ServiceProbe.of({
        mode: ServiceProbeMode.HTTP,
        http: {
          targetPort: PortReference.fromNumber(8443),
          path: '/healthz',
          host: 'edge.example.com',
          scheme: HttpScheme.HTTPS,
          method: ServiceProbeHttpMethod.GET,
          insecureSkipTlsVerify: true,
          httpHeaders: [{ name: 'X-Probe', value: 'deckhouse' }],
        },
        timeoutSeconds: 3,
        successThreshold: 1,
        failureThreshold: 3,
      }),
      ServiceProbe.of({ mode: ServiceProbeMode.TCP, tcp: { targetPort: PortReference.fromNumber(8443) } }),
    ],
  });

  // NodePort with a fixed ClusterIP and external IPs, in front of a WebApp.
  const web = new WebApp(chart, 'web', {
    containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080 }], writablePaths: ['/tmp'] }],
    security: { useImageUser: true },
    createService: false,
  });
  new ServiceWithHealthchecks(chart, 'web-checked', {
    workload: web,
    type: ServiceType.NODE_PORT,
    clusterIp: '10.96.100.10',
    externalIps: ['203.0.113.10'],
    probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromHttpGet('/', { port: PortReference.fromName('http') }))],
  });

  // ExternalName: no selector, no ports.
  new ServiceWithHealthchecks(chart, 'legacy', {
    type: ServiceType.EXTERNAL_NAME,
    externalName: 'legacy.example.com',
    probes: [ServiceProbe.of({ mode: ServiceProbeMode.TCP, tcp: { targetPort: PortReference.fromNumber(443) } })],
  });
}
