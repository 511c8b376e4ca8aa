// The Alibaba Cloud ACK walkthrough "create a stateless application from an image",
// as one cdk8s-workloads WebApp.
import { App, Chart } from 'cdk8s';
import { ServiceType } from 'cdk8s-plus-28';
import {
  HealthCheck, PortReference, ScheduledScaling, WebApp, ServiceTrafficPolicy,
} from 'cdk8s-workloads';

export function build(app: App): void {
  const chart = new Chart(app, 'web-app');

  new WebApp(chart, 'nginx', {
    containers: [{
      name: 'nginx',
      // The walkthrough uses the official nginx image, which starts as root. This is the
      // same nginx built to run as a non-root user (UID 101) on port 8080, so the pods
      // keep the "restricted" Pod Security Standard. (To run the official image instead,
      // you would have to opt out: `security: { runAsNonRoot: false, useImageUser: true }`
      // plus NET_BIND_SERVICE for port 80, and the pods no longer meet "restricted".)
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ name: 'http', containerPort: 8080 }],
      // ACK: autoscaling needs resources set on the container.
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
      // nginx writes its pid file and temp files under /tmp; the root filesystem stays read-only.
      writablePaths: ['/tmp'],
      livenessProbe: HealthCheck.fromHttpGet('/', { port: PortReference.fromName('http') }),
      // No readinessProbe: the WebApp adds a TCP check on port "http" by default.
    }],
    // Run as the user the image declares (101), which is non-root.
    security: { useImageUser: true },
    service: {
      name: 'nginx-svc',
      type: ServiceType.LOAD_BALANCER,
      externalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
      ports: [{ port: 80, targetPort: PortReference.fromName('http') }],
    },
    ingress: {
      name: 'nginx-ingress',
      rules: [{ host: 'foo.bar.com', path: '/' }],
      tls: [{ hosts: ['foo.bar.com'], secretName: 'foo-bar-com-tls' }],
    },
    // CPU-based scaling between 2 and 10 pods at 70% of the CPU request.
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
    // Business hours: at least 6 pods on weekdays from 08:00, back to 2 at 20:00. The
    // CronHPA targets the HorizontalPodAutoscaler and moves its minimum. Schedules have
    // six fields (seconds first) and run in the controller's time zone (Asia/Shanghai
    // in ACK's default install).
    scheduledScaling: ScheduledScaling.cronHpa({
      jobs: [
        { name: 'business-hours-up', schedule: '0 0 8 * * 1-5', targetSize: 6 },
        { name: 'business-hours-down', schedule: '0 0 20 * * 1-5', targetSize: 2 },
      ],
    }),
  });
}
