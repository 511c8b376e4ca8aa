import { App, Chart } from 'cdk8s';
import { HealthCheck, PortReference, WebApp, Worker } from 'cdk8s-workloads';

const app = new App();
const chart = new Chart(app, 'hello');

// A background worker (KubeVela's `worker` component): a Deployment, no Service.
new Worker(chart, 'queue-worker', {
  image: 'busybox:1.36',
  command: ['sh', '-c', 'while true; do date; sleep 60; done'],
  cpu: '100m',
  memory: '64Mi',
});

// A web app (the ACK "app from an image" form): a Deployment and a Service.
new WebApp(chart, 'web', {
  containers: [{
    name: 'web',
    image: 'nginxinc/nginx-unprivileged:1.27', // nginx that runs as non-root, on 8080
    ports: [{ name: 'http', containerPort: 8080 }],
    writablePaths: ['/tmp'],                   // the root filesystem is read-only
    livenessProbe: HealthCheck.fromHttpGet('/', { port: PortReference.fromName('http') }),
  }],
  security: { useImageUser: true },            // run as the image's own non-root user
  service: { ports: [{ port: 80, targetPort: PortReference.fromName('http') }] },
});

app.synth();
