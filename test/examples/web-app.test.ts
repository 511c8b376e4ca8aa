import { synthExample } from '../support/examples';

describe('examples/web-app (the ACK walkthrough)', () => {
  const { yaml, objects } = synthExample('web-app');
  const find = (kind: string, name?: string) => objects.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));

  test('the Deployment runs non-root nginx on port 8080 and has no replicas field (the HPA owns the count)', () => {
    const [deployment] = find('Deployment', 'nginx');
    expect(deployment.spec).not.toHaveProperty('replicas');
    const c = deployment.spec.template.spec.containers[0];
    expect(c.image).toBe('nginxinc/nginx-unprivileged:1.27');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(c.securityContext.runAsNonRoot).toBe(true);
    expect(c.resources.requests).toEqual({ cpu: '250m', memory: '128Mi' });
  });

  test('Service nginx-svc is a LoadBalancer with externalTrafficPolicy Local, port 80 to the container\'s http port', () => {
    const [svc] = find('Service', 'nginx-svc');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);
  });

  test('Ingress nginx-ingress routes foo.bar.com / to nginx-svc:80 with TLS', () => {
    const [ing] = find('Ingress', 'nginx-ingress');
    expect(ing.spec.rules).toEqual([{
      host: 'foo.bar.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nginx-svc', port: { number: 80 } } } }] },
    }]);
    expect(ing.spec.tls).toEqual([{ hosts: ['foo.bar.com'], secretName: 'foo-bar-com-tls' }]);
  });

  test('an autoscaling/v2 HPA scales 2..10 on 70% CPU', () => {
    const [hpa] = find('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(10);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test('a CronHPA scales up for business hours by moving the HPA\'s minimum', () => {
    const [cron] = find('CronHorizontalPodAutoscaler');
    expect(cron.spec.scaleTargetRef).toEqual({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'nginx' });
    expect(cron.spec.jobs).toEqual([
      { name: 'business-hours-up', schedule: '0 0 8 * * 1-5', targetSize: 6 },
      { name: 'business-hours-down', schedule: '0 0 20 * * 1-5', targetSize: 2 },
    ]);
  });

  test('emits exactly these objects', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/nginx', 'PodDisruptionBudget/nginx', 'Service/nginx-svc', 'Ingress/nginx-ingress', 'HorizontalPodAutoscaler/nginx', 'CronHorizontalPodAutoscaler/nginx',
    ]);
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
