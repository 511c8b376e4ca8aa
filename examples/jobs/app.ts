// ContainerPilot's jobs compiled to Kubernetes: the same "shop" container, once typed
// in TypeScript and once read from containerpilot.json5; both give the same objects.
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  ContainerPilotConfig, JobCommand, JobEvent, JobGraph, JobGraphProps, JobRestarts,
} from 'cdk8s-workloads';

/** The template values ContainerPilot took from the environment. */
export const VARIABLES = { PORT: '8080', CONSUL_HOST: 'consul.service.consul' };

/** The jobs of containerpilot.json5, typed. */
export function typedConfig(): ContainerPilotConfig {
  return ContainerPilotConfig.fromJobs([
    {
      name: 'consul-agent',
      exec: JobCommand.fromString(`consul agent -data-dir=/data/consul -retry-join=${VARIABLES.CONSUL_HOST}`),
      restarts: JobRestarts.unlimited(),
      stopTimeout: '5s',
    },
    {
      name: 'leave-consul',
      exec: JobCommand.fromString('consul leave'),
      when: { source: 'consul-agent', once: JobEvent.STOPPING },
    },
    {
      name: 'setup',
      exec: JobCommand.fromString('/usr/local/bin/setup.sh --data /data'),
    },
    {
      name: 'app',
      exec: JobCommand.fromArgs(['/usr/local/bin/shop', '--port', VARIABLES.PORT]),
      restarts: JobRestarts.unlimited(),
      when: { source: 'setup', once: JobEvent.EXIT_SUCCESS },
      health: {
        exec: JobCommand.fromString(`/usr/bin/curl --fail -s -o /dev/null http://localhost:${VARIABLES.PORT}/health`),
        interval: 5,
        ttl: 10,
        timeout: '2s',
      },
      port: Number(VARIABLES.PORT),
      tags: ['shop', 'prod'],
    },
    {
      name: 'backup',
      exec: JobCommand.fromString('/usr/local/bin/backup.sh --to s3://shop-backups'),
      when: { interval: '60m' },
      timeout: '10m',
    },
  ]);
}

/** The same jobs, read from the file. */
export function fileConfig(): ContainerPilotConfig {
  return ContainerPilotConfig.fromJson5File(path.join(__dirname, 'containerpilot.json5'), {
    variables: VARIABLES,
    sourceName: 'containerpilot.json5',
  });
}

/** Everything but the jobs: the Kubernetes side of the migration. */
export function graphProps(config: ContainerPilotConfig): JobGraphProps {
  return {
    config,
    name: 'shop',
    partOf: 'shop',
    image: 'registry.example.com/shop/shop:1.4.0',
    // The backup needs nothing from the pod: it may run as a CronJob in a pod of its own.
    detachable: ['backup'],
    // setup writes /data for the agent and the app: one emptyDir shared by the pod.
    sharedDirectories: [{ name: 'data', mountPath: '/data' }],
    writablePaths: ['/tmp'],
  };
}

export function build(app: App): void {
  new JobGraph(new Chart(app, 'jobs'), 'shop', graphProps(typedConfig()));
  new JobGraph(new Chart(app, 'jobs-from-json5'), 'shop', graphProps(fileConfig()));
}
