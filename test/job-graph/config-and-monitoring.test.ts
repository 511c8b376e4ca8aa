import { MAIN, graphOf } from './support';
import { ConfigMap, ContainerPilotConfig, JobGraph, JobGraphProps, PortReference } from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const WEB = { name: 'web', exec: '/bin/web', restarts: 'unlimited', port: 8080, health: { exec: '/bin/check', interval: 5, ttl: 10 } };

/** A graph of two long-running jobs that read a ConfigMap of the app as files. */
function withSettings(level: string, props: Partial<JobGraphProps> = {}): any[] {
  const chart = newChart();
  const settings = new ConfigMap(chart, 'settings', { data: { level } });
  new JobGraph(chart, 'g', {
    image: 'registry.example.com/app:1.0',
    config: ContainerPilotConfig.fromJson5(JSON.stringify({ jobs: [MAIN, WEB] })),
    volumes: [{ name: 'settings', mountPath: '/etc/app', source: settings.asVolume() }],
    envFrom: [settings.envFrom('APP_')],
    ...props,
  });
  return synth(chart);
}
const podOf = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template;

describe('JobGraph: monitoring through the shared code', () => {
  test('metrics on a job\'s port become a PodMonitor selecting the graph\'s pods', () => {
    const { chart, graph } = graphOf([WEB], { metrics: { port: PortReference.fromNumber(8080), path: '/metrics' } });
    const objs = synth(chart);
    const [pm] = ofKind(objs, 'PodMonitor');
    expect(pm.spec.selector.matchLabels).toEqual(graph.selectorLabels);
    expect(pm.spec.podMetricsEndpoints).toEqual([{ portNumber: 8080, path: '/metrics' }]);
    expect(ofKind(objs, 'ServiceMonitor')).toEqual([]);
  });

  test('a metrics port no job declares fails synth', () => {
    const { chart } = graphOf([MAIN], { metrics: { port: PortReference.fromNumber(9090) } });
    expect(synthError(chart)).toContain('[test/g] metrics.port: 9090 is not allowed; the containers declare no ports.');
  });
});

describe('JobGraph: configuration through the shared code', () => {
  test('volumes and envFrom reach every job container', () => {
    const pod = podOf(withSettings('info')).spec;
    expect(pod.volumes).toContainEqual({ name: 'settings', configMap: { name: 'settings' } });
    for (const c of pod.containers) {
      expect(c.volumeMounts).toContainEqual({ name: 'settings', mountPath: '/etc/app' });
      expect(c.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'settings' } }]);
    }
  });

  test('the rollout hash follows the ConfigMap\'s data, and can be switched off', () => {
    const hash = (level: string) => podOf(withSettings(level)).metadata.annotations['checksum/config'];
    expect(hash('info')).toBe(hash('info'));
    expect(hash('debug')).not.toBe(hash('info'));
    expect(podOf(withSettings('info', { rolloutOnConfigChange: false })).metadata.annotations).toBeUndefined();
  });
});
