// Deckhouse's ServiceWithHealthchecks in front of workloads of this library:
//  - a PostgreSQL Worker with two replicas, where only the primary gets write traffic:
//    the probe's query is true only on a server that is not in recovery;
//  - an HTTP API whose pods get traffic only while an HTTP probe (with a header) passes.
import { App, Chart } from 'cdk8s';
import {
  EnvSource, HealthCheck, PortReference, ServiceProbe, ServiceWithHealthchecks, Worker,
} from 'cdk8s-workloads';

export function build(app: App): void {
  const chart = new Chart(app, 'service-with-healthchecks', { namespace: 'shop' });

  // Two PostgreSQL pods; replication between them is set up by the image's own tooling.
  const postgres = new Worker(chart, 'postgres', {
    image: 'registry.example.com/db/postgres-ha:16.4',
    replicas: 2,
    ports: [{ name: 'postgres', containerPort: 5432 }],
    env: [
      { name: 'POSTGRES_PASSWORD', valueFrom: EnvSource.secretKey('postgres-superuser', 'password') },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ],
    writablePaths: ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
    cpu: '500m',
    memory: '1Gi',
    readinessProbe: HealthCheck.fromTcpSocket({ port: PortReference.fromName('postgres') }),
  });

  // Writes go to the primary only. The probe logs in with the Secret "pg-probe", which the
  // cluster operators create with type network.deckhouse.io/postgresql-credentials (keys
  // user, password, tlsMode): its values never appear in this code or in the YAML.
  new ServiceWithHealthchecks(chart, 'postgres-primary', {
    workload: postgres,
    ports: [{ name: 'postgres', port: 5432, targetPort: PortReference.fromName('postgres') }],
    probes: [ServiceProbe.fromPostgreSql({
      port: PortReference.fromName('postgres'),
      dbName: 'postgres',
      authSecretName: 'pg-probe',
      query: 'select not pg_is_in_recovery()',
    })],
    allowProbeTraffic: true,
  });

  // An HTTP API: one check, written once, gates both the container and the Service.
  const ready = HealthCheck.fromHttpGet('/ready', {
    port: PortReference.fromName('http'),
    headers: [{ name: 'X-Health-Probe', value: 'deckhouse' }],
  });
  const api = new Worker(chart, 'orders-api', {
    image: 'registry.example.com/shop/orders-api:2.3.1',
    replicas: 3,
    ports: [{ name: 'http', containerPort: 8080 }],
    cpu: '250m',
    memory: '256Mi',
    readinessProbe: ready,
  });
  new ServiceWithHealthchecks(chart, 'orders-api-svc', {
    name: 'orders-api',
    workload: api,
    ports: [{ name: 'http', port: 80, targetPort: PortReference.fromName('http'), appProtocol: 'http' }],
    periodSeconds: 5,
    initialDelaySeconds: 5,
    probes: [ServiceProbe.fromHealthCheck(ready)],
  });
}
