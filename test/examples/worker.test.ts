import { synthExample } from '../support/examples';

describe('examples/worker', () => {
  const { yaml, objects } = synthExample('worker');

  test('myworker is KubeVela\'s app-worker: busybox running `sleep 1000`, and no Service', () => {
    const deployment = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'myworker');
    expect(deployment).toBeDefined();
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('busybox');
    expect(container.command).toEqual(['sleep', '1000']);
    expect(objects.filter(o => o.kind === 'Service')).toEqual([]);
  });

  test('every probe carries all five timing fields', () => {
    const probes = objects.flatMap(o => o.spec?.template?.spec?.containers ?? [])
      .flatMap((c: any) => [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean));
    expect(probes.length).toBe(2);
    for (const p of probes) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']));
    }
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
