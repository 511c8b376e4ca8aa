import * as YAML from 'yaml';
import { synthExample } from '../support/examples';

describe('examples/jobs', () => {
  const { yaml, objects } = synthExample('jobs');
  const docs = YAML.parseAllDocuments(yaml).map(d => d.toJSON());
  // The app has two charts: "jobs" (typed) and "jobs-from-json5" (containerpilot.json5).
  const half = objects.length / 2;
  const typed = objects.slice(0, half);
  const fromFile = objects.slice(half);
  const pod = typed.find(o => o.kind === 'Deployment').spec.template.spec;
  const container = (name: string) => pod.containers.find((c: any) => c.name === name);

  test('the typed jobs and containerpilot.json5 give identical YAML', () => {
    expect(objects.length).toBe(6);
    expect(docs).toHaveLength(6);
    expect(YAML.stringify(typed)).toEqual(YAML.stringify(fromFile));
    expect(typed.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/shop', 'Service/app', 'CronJob/shop-backup']);
  });

  test('setup is an init container, before the app', () => {
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['setup']);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['consul-agent', 'app']);
  });

  test('the app\'s health check is a readiness probe (interval 5, ttl 10, timeout 2s), and there is no liveness probe', () => {
    expect(container('app').readinessProbe).toEqual({
      exec: { command: ['/usr/bin/curl', '--fail', '-s', '-o', '/dev/null', 'http://localhost:8080/health'] },
      initialDelaySeconds: 0,
      periodSeconds: 5,
      timeoutSeconds: 2,
      successThreshold: 1,
      failureThreshold: 2,
    });
    expect(pod.containers.every((c: any) => c.livenessProbe === undefined)).toBe(true);
  });

  test('leave-consul is the consul-agent\'s preStop hook; the grace period is its 5 s stopTimeout plus ContainerPilot\'s default stopTimeout of 5 s', () => {
    expect(container('consul-agent').lifecycle.preStop.exec.command).toEqual(['consul', 'leave']);
    expect(pod.terminationGracePeriodSeconds).toBe(10);
  });

  test('the backup is an hourly CronJob that never overlaps and is killed after its 10 minute timeout', () => {
    const cron = typed.find(o => o.kind === 'CronJob');
    expect(cron.spec.schedule).toBe('0 * * * *');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(600);
  });

  test('the advertised app has a Service with its tags as an annotation', () => {
    const svc = typed.find(o => o.kind === 'Service');
    expect(svc.metadata.annotations).toEqual({ 'consul.hashicorp.com/service-tags': 'shop,prod' });
    expect(svc.spec.ports[0]).toMatchObject({ port: 8080, targetPort: 8080 });
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
