import { Chart, Testing } from 'cdk8s';
import { NetworkPeer, PortReference, WebApp, Worker } from '../../src';

test('smoke', () => {
  const app = Testing.app();
  const data = new Chart(app, 'data', { namespace: 'data' });
  const front = new Chart(app, 'front', { namespace: 'front' });
  const db = new Worker(data, 'db', { image: 'postgres:16', ports: [{ name: 'pg', containerPort: 5432 }] });
  const web = new WebApp(front, 'web', {
    containers: [{ name: 'web', image: 'nginx:1', ports: [{ name: 'http', containerPort: 8080 }] }],
    networkPolicy: {
      denyIngress: true,
      allowFrom: [{ peer: NetworkPeer.ingressController({ namespace: 'ingress', podLabels: { app: 'x' } }), ports: [PortReference.fromName('http')] },
        { peer: NetworkPeer.namespace('mon') }],
      denyEgress: true,
      allowTo: [{ peer: NetworkPeer.workload(db), ports: [PortReference.fromName('pg')] }, { peer: NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']), ports: [PortReference.fromNumber(443)] }],
    },
  });
  void web;
  console.log(JSON.stringify(Testing.synth(front).filter(o => o.kind === 'NetworkPolicy'), null, 1));
});
