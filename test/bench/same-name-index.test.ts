// ServiceWithHealthchecks finds same-named plain Services through its app's index
// (src/common/whole-app.ts); these check that the index sees every Service added.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { HealthCheck, PortReference, ServiceProbe, ServiceWithHealthchecks, Worker } from '../../src';
import { newChart, synthError } from '../support/synth';

const MESSAGE = '[test/svc] name: a plain Service "svc" is also defined (at test/plain); the Deckhouse controller creates and owns the Service of a ServiceWithHealthchecks, so remove the other one or rename one of them';

function swh(chart: Chart): ServiceWithHealthchecks {
  const worker = new Worker(chart, 'w', { image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] });
  return new ServiceWithHealthchecks(chart, 'svc', {
    workload: worker,
    probes: [ServiceProbe.fromHealthCheck(HealthCheck.fromTcpSocket({ port: PortReference.fromName('http') }))],
  });
}

describe('same-named plain Service check', () => {
  test('a Service added after a successful synth fails the next synth', () => {
    const chart = newChart();
    swh(chart);
    expect(() => Testing.synth(chart)).not.toThrow();
    new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } });
    expect(synthError(chart)).toContain(MESSAGE);
  });

  test('node.validate() outside a synth sees the current tree', async () => {
    const chart = newChart();
    const svc = swh(chart);
    Testing.synth(chart);
    await Promise.resolve(); // the synth's index is dropped once the synchronous work is over
    new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } });
    expect(svc.node.validate()).toContainEqual(MESSAGE.replace('[test/svc] ', ''));
  });

  test('each of many ServiceWithHealthchecks in one app is checked', () => {
    const app = Testing.app();
    const charts = [0, 1, 2].map(i => new Chart(app, `c${i}`, { namespace: `ns${i}` }));
    charts.forEach(c => swh(c));
    new ApiObject(charts[1], 'plain', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } });
    let message = '';
    try {
      app.synthYaml();
    } catch (e: any) {
      message = String(e.message);
    }
    expect(message).toMatch(/\[c1\/svc\] name: a plain Service "svc" is also defined \(at c1\/plain\)/);
    expect(message).not.toContain('[c0/svc]');
    expect(message).not.toContain('[c2/svc]');
  });
});
