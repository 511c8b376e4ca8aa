// Traffic traits for the API server check (scripts/apiserver): a NetworkPolicy on each
// workload (deny ingress/egress, peers of every kind, named and numbered ports, a peer in
// another namespace, DNS), a WebApp with an Ingress and an HTTPRoute side by side (weighted
// canary backend, header matches, listeners by name), and additional Services.
import { App, Chart } from 'cdk8s';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import {
  ContainerPilotConfig, HealthCheck, HttpRouteHeaderMatchType, HttpRoutePathType, JobCommand, JobGraph, JobRestarts,
  NetworkPeer, PortReference, ServiceProbe, ServiceWithHealthchecks, WebApp, Worker,
} from '../../src';

export function build(app: App): void {
  const data = new Chart(app, 'traffic-data', { namespace: 'traffic-data' });
  const front = new Chart(app, 'traffic-front', { namespace: 'traffic-front' });

  const db = new Worker(data, 'db', {
    image: 'registry.example.com/db/postgres:16.4',
    ports: [{ name: 'postgres', containerPort: 5432 }, { name: 'metrics', containerPort: 9187 }],
    networkPolicy: { denyIngress: true, denyEgress: true, allowDns: false },
  });
  const queue = new Worker(data, 'queue', {
    image: 'registry.example.com/queue/worker:2.0',
    ports: [{ name: 'gossip', containerPort: 7946 }, { name: 'gossip-udp', containerPort: 7946, protocol: Protocol.UDP }],
    networkPolicy: {
      name: 'queue-peers',
      labels: { team: 'data' },
      denyIngress: true,
      // one protocol of a port number declared for both
      allowFrom: [{ peer: NetworkPeer.workload(db), ports: [PortReference.fromNumber(7946)], protocol: Protocol.UDP },
        { peer: NetworkPeer.namespace('monitoring') }],
    },
  });
  void queue;

  const web = new WebApp(front, 'shop', {
    containers: [{
      name: 'shop',
      image: 'registry.example.com/shop/web:3.1',
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }],
      requests: { cpu: '100m', memory: '128Mi' },
    }],
    service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
    additionalServices: [
      { name: 'shop-admin', ports: [{ port: 9000, targetPort: PortReference.fromName('admin') }], labels: { exposure: 'internal' } },
      { name: 'shop-public', type: ServiceType.LOAD_BALANCER, ports: [{ port: 443, targetPort: PortReference.fromNumber(8080), name: 'https' }] },
    ],
    ingress: { rules: [{ host: 'shop.example.com' }], ingressClassName: 'nginx' },
    httpRoute: {
      parentRefs: [
        { name: 'edge', namespace: 'gateways', sectionName: 'https' },
        { name: 'edge', namespace: 'gateways', sectionName: 'http', port: 80 },
        { name: 'internal' },
      ],
      hostnames: ['shop.example.com', '*.shop.example.com'],
      labels: { route: 'shop' },
      annotations: { 'example.com/owner': 'shop' },
      rules: [
        {
          matches: [
            { path: '/api', headers: [{ name: 'x-canary', value: 'always' }, { name: 'X-Version', value: '^v[23]$', type: HttpRouteHeaderMatchType.REGULAR_EXPRESSION }] },
            { path: '/healthz', pathType: HttpRoutePathType.EXACT },
          ],
          weight: 90,
          backends: [{ serviceName: 'shop-v2', port: 80, weight: 10 }, { serviceName: 'shop-dark', port: 8080, weight: 0, namespace: 'traffic-data' }],
        },
        { matches: [{ path: '/static/app.js%20v1' }] },
        {},
      ],
    },
    networkPolicy: {
      denyIngress: true,
      allowFrom: [
        { peer: NetworkPeer.ingressController({ namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }), ports: [PortReference.fromName('http')] },
        { peer: NetworkPeer.ingressController({ namespace: 'envoy-gateway-system', podLabels: { 'app.kubernetes.io/name': 'envoy' } }), ports: [PortReference.fromNumber(8080)] },
        { peer: NetworkPeer.ipBlock('10.20.0.0/16', ['10.20.1.0/24']), ports: [PortReference.fromName('admin')] },
      ],
      denyEgress: true,
      allowTo: [
        { peer: NetworkPeer.workload(db), ports: [PortReference.fromName('postgres')] },
        { peer: NetworkPeer.ipBlock('2001:db8::/32'), ports: [PortReference.fromNumber(443)] },
        { peer: NetworkPeer.namespace('payments'), ports: [PortReference.fromNumber(8443)] },
      ],
      dnsServer: NetworkPeer.ingressController({ namespace: 'kube-system', podLabels: { 'k8s-app': 'node-local-dns' } }),
    },
  });

  // db admits the shop from the other namespace, on its named port; the Deckhouse-style probe policy stays beside it.
  new Worker(data, 'db-replica', {
    image: 'registry.example.com/db/postgres:16.4',
    ports: [{ name: 'postgres', containerPort: 5432 }],
    networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.workload(web), ports: [PortReference.fromName('postgres')] }] },
  });
  new ServiceWithHealthchecks(data, 'db-primary', {
    workload: db,
    probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromName('postgres') }))],
    allowProbeTraffic: true,
  });

  // A JobGraph with an egress-only policy.
  new JobGraph(front, 'agent', {
    image: 'registry.example.com/agent:1.0',
    config: ContainerPilotConfig.fromJobs([{
      name: 'agent',
      exec: JobCommand.fromString('agent --listen :8500'),
      restarts: JobRestarts.unlimited(),
      health: { exec: JobCommand.fromString('/usr/bin/curl --fail -s http://localhost:8500/health'), interval: 5, ttl: 12 },
      port: 8500,
    }]),
    networkPolicy: { denyEgress: true, allowTo: [{ peer: NetworkPeer.namespace('consul'), ports: [PortReference.fromNumber(8300)] }] },
  });
}
