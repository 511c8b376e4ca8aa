// The traffic traits as a user checks them: the NetworkPolicy of each workload, the
// HTTPRoute of a WebApp (beside or instead of its Ingress) and its additional Services.
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Protocol, ServiceType } from 'cdk8s-plus-28';
import { web, worker } from './traffic-cases';
import {
  ContainerPilotConfig, HealthCheck, HttpRouteHeaderMatchType, HttpRoutePathType, JobCommand, JobGraph, JobRestarts,
  NetworkPeer, PortReference, ScrapeMethod, ServiceProbe, ServiceWithHealthchecks, WebApp, Worker,
} from '../../src';
import { newChart, ofKind, synth } from '../support/synth';

const policyOf = (objs: any[], name: string) => ofKind(objs, 'NetworkPolicy').find(o => o.metadata.name === name);
const selectorOf = (name: string) => ({ matchLabels: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name } });
const KUBE_DNS_RULE = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
};

describe('NetworkPolicy', () => {
  test('denyIngress alone: the pods admit nothing, selected by their stable labels, named and labelled like the workload', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { ...worker, networkPolicy: { denyIngress: true } });
    const policy = policyOf(synth(chart), 'w');
    expect(policy.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'w', 'app.kubernetes.io/instance': 'w', 'app.kubernetes.io/component': 'worker', 'app.kubernetes.io/managed-by': 'cdk8s-workloads',
    });
    expect(policy.spec).toEqual({ podSelector: selectorOf('w'), policyTypes: ['Ingress'] });
    expect(w.networkPolicy).toBeInstanceOf(kplus.NetworkPolicy);
  });

  test('no networkPolicy, no NetworkPolicy', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', worker);
    expect(ofKind(synth(chart), 'NetworkPolicy')).toEqual([]);
    expect(w.networkPolicy).toBeUndefined();
  });

  test('a null networkPolicy reads as unset, as no networkPolicy (plain JavaScript; it threw a TypeError)', () => {
    const chart = newChart();
    const w = new Worker(chart, 'w', { ...worker, networkPolicy: null as any });
    expect(ofKind(synth(chart), 'NetworkPolicy')).toEqual([]);
    expect(w.networkPolicy).toBeUndefined();
  });

  test('a workload of the same namespace is admitted by its selector labels alone, on its named port', () => {
    const chart = newChart();
    const api = new Worker(chart, 'api', worker);
    new WebApp(chart, 'web', { ...web, networkPolicy: { name: 'web-in', denyIngress: true, allowFrom: [{ peer: NetworkPeer.workload(api), ports: [PortReference.fromName('http')] }] } });
    expect(policyOf(synth(chart), 'web-in').spec.ingress).toEqual([
      { from: [{ podSelector: selectorOf('api') }], ports: [{ port: 'http', protocol: 'TCP' }] },
    ]);
  });

  test('a workload of another namespace is admitted with its namespace named; the policy lives in the workload\'s namespace', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const front = new Chart(app, 'front', { namespace: 'front' });
    const shop = new WebApp(front, 'shop', web);
    new Worker(data, 'db', { image: 'postgres:16', ports: [{ name: 'postgres', containerPort: 5432 }], networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.workload(shop) }] } });
    const policy = policyOf(synth(data), 'db');
    expect(policy.metadata.namespace).toBe('data');
    expect(policy.spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } }, podSelector: selectorOf('shop') }],
      ports: [],
    }]);
  });

  test('a peer workload in no namespace cannot be named from a workload in one', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain');
    const data = new Chart(app, 'data', { namespace: 'data' });
    const shop = new WebApp(plain, 'shop', web);
    new Worker(data, 'app', { ...worker, networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.workload(shop) }] } });
    expect(() => Testing.synth(data)).toThrow('[data/app] networkPolicy.allowFrom[0].peer: the workload "shop" (at plain/shop) is in no namespace (the one kubectl applies to), but this workload is in namespace "data": a NetworkPolicy can name the peer\'s namespace only when it has one. Give the peer\'s chart a namespace');
  });

  test('a namespace, the ingress controller and an IP block as peers; a numbered port takes its declared protocol', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      ...web,
      networkPolicy: {
        denyIngress: true,
        allowFrom: [
          { peer: NetworkPeer.namespace('monitoring'), ports: [PortReference.fromNumber(9000)] },
          { peer: NetworkPeer.ingressController({ namespace: 'envoy-gateway-system', podLabels: { 'app.kubernetes.io/name': 'envoy' } }), ports: [PortReference.fromName('http')] },
          { peer: NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']), ports: [PortReference.fromNumber(5353)] },
        ],
      },
    });
    expect(policyOf(synth(chart), 'web').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: {} }], ports: [{ port: 9000, protocol: 'TCP' }] },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'envoy' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
      { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5353, protocol: 'UDP' }] },
    ]);
  });

  test('denyEgress allows the cluster DNS (UDP and TCP 53 of kube-dns) after the listed destinations', () => {
    const chart = newChart();
    const db = new Worker(chart, 'db', { image: 'postgres:16', ports: [{ name: 'postgres', containerPort: 5432 }] });
    new WebApp(chart, 'web', { ...web, networkPolicy: { denyEgress: true, allowTo: [{ peer: NetworkPeer.workload(db), ports: [PortReference.fromNumber(5432)] }] } });
    const spec = policyOf(synth(chart), 'web').spec;
    expect(spec.policyTypes).toEqual(['Egress']);
    expect(spec.ingress).toBeUndefined();
    expect(spec.egress).toEqual([{ to: [{ podSelector: selectorOf('db') }], ports: [{ port: 5432, protocol: 'TCP' }] }, KUBE_DNS_RULE]);
  });

  test('allowDns: false leaves DNS out; dnsServer names another DNS', () => {
    const chart = newChart();
    new Worker(chart, 'closed', { ...worker, networkPolicy: { denyEgress: true, allowDns: false } });
    new Worker(chart, 'local', {
      ...worker,
      name: 'local',
      networkPolicy: { denyEgress: true, dnsServer: NetworkPeer.ingressController({ namespace: 'kube-system', podLabels: { 'k8s-app': 'node-local-dns' } }) },
    });
    const objs = synth(chart);
    expect(policyOf(objs, 'closed').spec).toEqual({ podSelector: selectorOf('closed'), policyTypes: ['Egress'] });
    expect(policyOf(objs, 'local').spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'node-local-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    }]);
  });

  test('a port number declared for two protocols needs no protocol: TCP, or the one given', () => {
    const chart = newChart();
    const ports = [{ name: 'gossip', containerPort: 7946 }, { name: 'gossip-udp', containerPort: 7946, protocol: Protocol.UDP }];
    const peer = NetworkPeer.namespace('cluster');
    new Worker(chart, 'w', { image: 'busybox', ports, networkPolicy: { denyIngress: true, allowFrom: [{ peer, ports: [PortReference.fromNumber(7946)] }, { peer, ports: [PortReference.fromNumber(7946)], protocol: Protocol.UDP }] } });
    expect(policyOf(synth(chart), 'w').spec.ingress.map((r: any) => r.ports)).toEqual([[{ port: 7946, protocol: 'TCP' }], [{ port: 7946, protocol: 'UDP' }]]);
  });

  test('JobGraph: the policy selects the Deployment\'s pods, checked against the jobs\' ports', () => {
    const chart = newChart();
    const g = new JobGraph(chart, 'agent', {
      image: 'registry.example.com/agent:1.0',
      config: ContainerPilotConfig.fromJobs([{
        name: 'agent',
        exec: JobCommand.fromString('agent'),
        restarts: JobRestarts.unlimited(),
        port: 8500,
        health: { exec: JobCommand.fromString('/bin/check'), interval: 5, ttl: 10 },
      }]),
      networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.namespace('consul'), ports: [PortReference.fromNumber(8500)] }] },
    });
    const policy = policyOf(synth(chart), 'agent');
    expect(policy.spec.podSelector).toEqual(selectorOf('agent'));
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 8500, protocol: 'TCP' }]);
    expect(g.networkPolicy).toBeInstanceOf(kplus.NetworkPolicy);
  });

  test('every problem of a policy is reported at once', () => {
    const chart = newChart();
    new WebApp(chart, 'app', { ...web, networkPolicy: { allowFrom: [{ peer: NetworkPeer.namespace('Bad') }], allowDns: true } });
    expect(() => Testing.synth(chart)).toThrow(/networkPolicy: restricts nothing[^]*networkPolicy.allowFrom: needs `denyIngress: true`[^]*networkPolicy.allowDns: true is not allowed[^]*networkPolicy.allowFrom\[0\].peer.namespace: "Bad" is not allowed/);
  });

  test('escape hatch: a rule added through the cdk8s-plus child lands after the construct\'s, and its named port stays', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'web', { ...web, networkPolicy: { denyIngress: true, allowFrom: [{ peer: NetworkPeer.namespace('edge'), ports: [PortReference.fromName('http')] }] } });
    app.networkPolicy!.addIngressRule(kplus.Pods.select(chart, 'Prometheus', { labels: { app: 'prometheus' } }), [kplus.NetworkPolicyPort.tcp(9000)]);
    expect(policyOf(synth(chart), 'web').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } }, podSelector: {} }], ports: [{ port: 'http', protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9000, protocol: 'TCP' }] },
    ]);
  });

  test('the ServiceWithHealthchecks probe policy is written beside the workload\'s own, unchanged', () => {
    const chart = newChart();
    const db = new Worker(chart, 'db', { image: 'postgres:16', ports: [{ name: 'postgres', containerPort: 5432 }], networkPolicy: { denyIngress: true } });
    new ServiceWithHealthchecks(chart, 'db-primary', {
      workload: db,
      probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromName('postgres') }))],
      allowProbeTraffic: true,
    });
    const objs = synth(chart);
    expect(ofKind(objs, 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['db', 'db-primary-healthchecks']);
    expect(policyOf(objs, 'db-primary-healthchecks').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'd8-service-with-healthchecks' } } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    }]);
  });
});

describe('HTTPRoute', () => {
  const parentRefs = [{ name: 'edge', namespace: 'infra', sectionName: 'https' }];

  test('by default one rule: path prefix "/" to the Service\'s only port, weight 1, every default written out', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'web', { ...web, httpRoute: { parentRefs, hostnames: ['shop.example.com'] } });
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata.name).toBe('web');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80, weight: 1 }] }],
    });
    expect(app.httpRoute).toBeInstanceOf(ApiObject);
  });

  test('a weighted canary: the app\'s Service and another Service share a rule; headers and exact paths match', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      ...web,
      httpRoute: {
        parentRefs,
        rules: [{
          matches: [
            { path: '/api', headers: [{ name: 'x-canary', value: 'always' }, { name: 'x-version', value: '^v2', type: HttpRouteHeaderMatchType.REGULAR_EXPRESSION }] },
            { path: '/healthz', pathType: HttpRoutePathType.EXACT },
          ],
          weight: 90,
          backends: [{ serviceName: 'web-v2', port: 8080, weight: 10, namespace: 'canary' }],
        }],
      },
    });
    expect(ofKind(synth(chart), 'HTTPRoute')[0].spec.rules).toEqual([{
      matches: [
        { path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-canary', value: 'always', type: 'Exact' }, { name: 'x-version', value: '^v2', type: 'RegularExpression' }] },
        { path: { type: 'Exact', value: '/healthz' } },
      ],
      backendRefs: [{ name: 'web', port: 80, weight: 90 }, { name: 'web-v2', namespace: 'canary', port: 8080, weight: 10 }],
    }]);
  });

  test('an Ingress and an HTTPRoute together (a migration): both route to the same Service', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'web', { ...web, ingress: { rules: [{ host: 'shop.example.com' }], canary: { serviceName: 'web-v2', servicePort: 80, weight: 10 } }, httpRoute: { parentRefs } });
    const objs = synth(chart);
    expect(ofKind(objs, 'Ingress').map(o => o.metadata.name)).toEqual(['web', 'web-canary']);
    expect(ofKind(objs, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 1 }]);
    expect(app.ingress).toBeDefined();
  });

  test('one Gateway twice, by listener; labels and annotations', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      ...web,
      httpRoute: {
        name: 'shop',
        parentRefs: [{ name: 'edge', sectionName: 'https' }, { name: 'edge', sectionName: 'http', port: 80 }],
        labels: { route: 'public' },
        annotations: { 'example.com/owner': 'shop' },
      },
    });
    const [route] = ofKind(synth(chart), 'HTTPRoute');
    expect(route.metadata.name).toBe('shop');
    expect(route.metadata.labels.route).toBe('public');
    expect(route.metadata.annotations).toEqual({ 'example.com/owner': 'shop' });
    expect(route.spec.parentRefs).toEqual([{ name: 'edge', sectionName: 'https' }, { name: 'edge', sectionName: 'http', port: 80 }]);
  });

  test('a rule to one of several Service ports', () => {
    const chart = newChart();
    new WebApp(chart, 'web', {
      ...web,
      service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }, { port: 9000, name: 'admin' }] },
      httpRoute: { parentRefs, rules: [{ matches: [{ path: '/admin' }], servicePort: 9000 }, { servicePort: 80 }] },
    });
    expect(ofKind(synth(chart), 'HTTPRoute')[0].spec.rules.map((r: any) => r.backendRefs[0].port)).toEqual([9000, 80]);
  });
});

describe('additional Services', () => {
  test('a second Service with its own name, type and ports, selecting the same pods; the ServiceMonitor keeps to the main one', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'web', {
      ...web,
      metrics: { port: PortReference.fromName('admin'), method: ScrapeMethod.PROMETHEUS_OPERATOR },
      service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }, { port: 9000, targetPort: PortReference.fromName('admin') }] },
      additionalServices: [{ name: 'web-admin', type: ServiceType.NODE_PORT, ports: [{ port: 9000, targetPort: PortReference.fromName('admin'), nodePort: 30900 }], labels: { exposure: 'internal' } }],
    });
    const objs = synth(chart);
    const admin = ofKind(objs, 'Service').find(s => s.metadata.name === 'web-admin');
    expect(admin.spec).toEqual({
      type: 'NodePort',
      selector: { 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/name': 'web' },
      ports: [{ name: 'admin', port: 9000, targetPort: 'admin', protocol: 'TCP', nodePort: 30900 }],
    });
    expect(admin.metadata.labels['app.kubernetes.io/component']).toBe('additional-service');
    expect(admin.metadata.labels.exposure).toBe('internal');
    const monitor = ofKind(objs, 'ServiceMonitor')[0];
    expect(monitor.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('web-app');
    expect(app.additionalServices.map(s => s.name)).toEqual(['web-admin']);
    expect(app.additionalServices[0]).toBeInstanceOf(kplus.Service);
  });

  test('a user\'s port added through the child is rendered', () => {
    const chart = newChart();
    const app = new WebApp(chart, 'web', { ...web, additionalServices: [{ name: 'web-admin', ports: [{ port: 9000 }] }] });
    app.additionalServices[0].bind(9001, { name: 'debug', targetPort: 9000 });
    const admin = ofKind(synth(chart), 'Service').find(s => s.metadata.name === 'web-admin');
    expect(admin.spec.ports.map((p: any) => p.name)).toEqual(['admin', 'debug']);
  });

  test('additional Services without a main one (createService: false)', () => {
    const chart = newChart();
    new WebApp(chart, 'web', { ...web, service: undefined, createService: false, additionalServices: [{ name: 'web-admin', ports: [{ port: 9000 }] }] });
    expect(ofKind(synth(chart), 'Service').map(s => s.metadata.name)).toEqual(['web-admin']);
  });

  test('a Service of the same name in another namespace is no conflict', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'a' });
    const b = new Chart(app, 'b', { namespace: 'b' });
    new WebApp(a, 'web', { ...web, additionalServices: [{ name: 'admin', ports: [{ port: 9000 }] }] });
    new WebApp(b, 'web', { ...web, additionalServices: [{ name: 'admin', ports: [{ port: 9000 }] }] });
    expect(ofKind(synth(a), 'Service').map(s => s.metadata.name)).toEqual(['web', 'admin']);
  });
});
