// WebApps with every feature, for the API server check (scripts/apiserver): several
// containers, init containers and a native sidecar, lifecycle hooks, every Service type,
// Ingress with TLS and a canary, HPA, CronHPA and KEDA, monitoring.
import { App, Chart } from 'cdk8s';
import { ImagePullPolicy, Protocol, ServiceType } from 'cdk8s-plus-28';
import {
  ConfigMap, EnvFromSource, EnvSource, HealthCheck, HealthCheckDefaults, HttpScheme, LifecycleHook,
  PortReference, ScheduledScaling, ServiceTrafficPolicy, VolumeSource, WebApp, WebAppIngressPathType,
} from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'web-apps');
  const http = PortReference.fromName('http');

  new WebApp(chart, 'minimal', { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.27' }] });

  const config = new ConfigMap(chart, 'shop-config', { data: { 'mode': 'prod', 'nginx.conf': 'events {}\n' } });
  new WebApp(chart, 'shop', {
    name: 'shop',
    instance: 'eu-1',
    partOf: 'shop',
    replicas: 1,
    labels: { tier: 'frontend' },
    annotations: { 'example.com/oncall': 'shop' },
    podLabels: { 'example.com/canary': 'false' },
    podAnnotations: { 'example.com/build': '2024-01-01' },
    imagePullSecrets: ['registry'],
    healthCheckDefaults: HealthCheckDefaults.kubeVela(),
    initContainers: [
      {
        name: 'migrate',
        image: 'registry.example.com/shop/migrate:7',
        command: ['/migrate', 'up'],
        env: [{ name: 'MODE', valueFrom: config.envValue('mode') }],
        requests: { cpu: '50m', memory: '64Mi' },
      },
    ],
    containers: [
      {
        name: 'web',
        image: 'registry.example.com/shop/web:7.1.0',
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        workingDir: '/srv',
        ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
        env: [
          { name: 'MODE', valueFrom: config.envValue('mode') },
          { name: 'POD_NAMESPACE', valueFrom: EnvSource.fieldRef('metadata.namespace') },
          { name: 'MEMORY_LIMIT', valueFrom: EnvSource.resourceField('limits.memory') },
        ],
        envFrom: [EnvFromSource.secret('shop-env', 'SHOP_', true)],
        requests: { cpu: '250m', memory: '256Mi', ephemeralStorage: '1Gi' },
        limits: { cpu: '1', memory: '512Mi', ephemeralStorage: '2Gi' },
        volumes: [
          { name: 'conf', mountPath: '/etc/nginx/conf.d', source: config.asVolume({ items: [{ key: 'nginx.conf', path: 'default.conf' }] }) },
          { name: 'uploads', mountPath: '/srv/uploads', source: VolumeSource.persistentVolumeClaim('shop-uploads') },
        ],
        writablePaths: ['/tmp', '/var/cache/nginx'],
        livenessProbe: HealthCheck.fromHttpGet('/live', { port: http, scheme: HttpScheme.HTTP, host: '127.0.0.1' }),
        readinessProbe: HealthCheck.fromHttpGet('/ready', { port: http, headers: [{ name: 'Accept', value: 'application/json' }] }),
        startupProbe: HealthCheck.fromHttpGet('/started', { port: http, failureThreshold: 60, periodSeconds: 2 }),
        lifecycle: {
          postStart: LifecycleHook.fromCommand(['/bin/sh', '-c', 'echo started > /tmp/started']),
          preStop: LifecycleHook.fromHttpGet('/drain', { port: http, headers: [{ name: 'X-Drain', value: '1' }] }),
        },
      },
      {
        name: 'log-agent',
        image: 'ghcr.io/example/log-agent:2',
        stdin: true,
        tty: true,
        requests: { cpu: '10m', memory: '32Mi' },
        lifecycle: { preStop: LifecycleHook.fromCommand(['/agent', 'flush']) },
      },
    ],
    service: {
      name: 'shop-web',
      type: ServiceType.NODE_PORT,
      externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
      labels: { exposure: 'nodeport' },
      annotations: { 'example.com/lb': 'none' },
      ports: [
        { name: 'http', port: 80, targetPort: http, nodePort: 30080 },
        { name: 'metrics', port: 9090, targetPort: PortReference.fromNumber(9090), protocol: Protocol.TCP },
      ],
    },
    ingress: {
      name: 'shop',
      ingressClassName: 'nginx',
      labels: { exposure: 'public' },
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
      rules: [
        { host: 'shop.example.com', path: '/', servicePort: 80 },
        { host: 'shop.example.com', path: '/api', pathType: WebAppIngressPathType.EXACT, servicePort: 80 },
        { host: '*.shop.example.com', path: '/static', pathType: WebAppIngressPathType.IMPLEMENTATION_SPECIFIC, servicePort: 80 },
        { path: '/healthz', servicePort: 80 },
      ],
      tls: [{ hosts: ['shop.example.com', '*.shop.example.com'], secretName: 'shop-tls' }],
      canary: { serviceName: 'shop-web-next', servicePort: 80, weight: 5, weightTotal: 1000 },
    },
    metrics: { port: PortReference.fromName('metrics'), interval: '15s', monitorLabels: { release: 'kube-prometheus-stack' } },
    dashboard: { requestRateMetric: 'http_requests_total' },
  });

  // HPA on CPU and memory, and a CronHPA moving the HPA's minimum.
  new WebApp(chart, 'api', {
    containers: [{
      name: 'api',
      image: 'ghcr.io/example/api:3.0.0',
      ports: [{ name: 'http', containerPort: 8080 }],
      requests: { cpu: '200m', memory: '128Mi' },
      limits: { cpu: '400m', memory: '256Mi' },
    }],
    autoscaling: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 60, memoryUtilization: 80 },
    scheduledScaling: ScheduledScaling.cronHpa({
      name: 'api-business-hours',
      jobs: [
        { name: 'scale-up', schedule: '0 0 8 * * 1-5', targetSize: 8 },
        { name: 'scale-down', schedule: '0 0 20 * * 1-5', targetSize: 2 },
        { name: 'launch', schedule: '@date 2030-11-11 00:00:00', targetSize: 15, runOnce: true },
        { name: 'every', schedule: '@every 1h30m', targetSize: 3 },
      ],
      excludeDates: ['* * * 1 1 *', '* * * 25 12 *'],
    }),
    service: { type: ServiceType.LOAD_BALANCER, ports: [{ port: 443, targetPort: http }] },
  });

  // A CronHPA on the Deployment itself (no HPA), scale to zero at night.
  new WebApp(chart, 'batch-ui', {
    containers: [{ name: 'ui', image: 'ghcr.io/example/batch-ui:1', ports: [{ name: 'http', containerPort: 3000 }] }],
    scheduledScaling: ScheduledScaling.cronHpa({
      jobs: [
        { name: 'night', schedule: '0 0 22 * * *', targetSize: 0 },
        { name: 'morning', schedule: '0 0 7 * * *', targetSize: 1 },
      ],
    }),
    defaultReadinessCheck: false,
  });

  // KEDA cron windows with CPU and memory triggers; a headless Service.
  new WebApp(chart, 'reports', {
    containers: [{
      name: 'reports',
      image: 'ghcr.io/example/reports:2',
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'peer', containerPort: 7946 }],
      requests: { cpu: '100m', memory: '200Mi' },
    }],
    scheduledScaling: ScheduledScaling.keda({
      name: 'reports-scaler',
      timezone: 'Europe/Berlin',
      windows: [
        { start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 4 },
        { start: '30 23 * * 5', end: '0 2 * * 6', desiredReplicas: 6 },
      ],
      minReplicas: 0,
      maxReplicas: 10,
      cpuUtilization: 70,
      memoryUtilization: 75,
      cooldownPeriod: 120,
    }),
    service: { headless: true, ports: [{ name: 'http', port: 8080 }, { name: 'peer', port: 7946 }] },
  });

  // No Service at all; an init container and a native sidecar.
  new WebApp(chart, 'no-service', {
    createService: false,
    initContainers: [
      {
        name: 'proxy',
        image: 'ghcr.io/example/proxy:1',
        sidecar: true,
        ports: [{ name: 'proxy', containerPort: 15001 }],
        readinessProbe: HealthCheck.fromTcpSocket({ port: PortReference.fromName('proxy') }),
      },
    ],
    containers: [{ name: 'app', image: 'ghcr.io/example/app:1', ports: [{ name: 'http', containerPort: 8080 }] }],
  });

  // ClusterIP with UDP, in a namespaced chart.
  const ns = new Chart(app, 'web-apps-in-namespace', { namespace: 'corpus-web' });
  new WebApp(ns, 'dns', {
    containers: [{
      name: 'dns',
      image: 'ghcr.io/example/dns:1',
      ports: [{ name: 'dns', containerPort: 5353, protocol: Protocol.UDP }, { name: 'dns-tcp', containerPort: 5353 }],
    }],
    service: { ports: [{ name: 'dns', port: 53, targetPort: PortReference.fromName('dns'), protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53, targetPort: PortReference.fromName('dns-tcp') }] },
  });
}
