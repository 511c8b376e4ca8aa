import { PortReference, WebApp } from '../../src';
import { newChart, synth } from '../support/synth';

test('smoke', () => {
  const chart = newChart();
  new WebApp(chart, 'web', {
    containers: [{ name: 'web', image: 'nginx:1', ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }] }],
    service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
    additionalServices: [{ name: 'web-admin', ports: [{ port: 9000 }] }],
    httpRoute: {
      parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: '/api', headers: [{ name: 'x-canary', value: 'yes' }] }], weight: 90, backends: [{ serviceName: 'web-v2', port: 80, weight: 10 }] }, {}],
    },
  });
  console.log(JSON.stringify(synth(chart).filter(o => o.kind !== 'Deployment'), null, 1));
});
