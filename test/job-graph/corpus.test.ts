import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ContainerPilotConfig, JobGraph, JobGraphProps } from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

/**
 * Configurations written for these tests that exercise what ContainerPilot's own
 * repository's configurations do (docs/, config/testdata/, integration_tests/, and the
 * job lists of jobs/testdata/), each with its outcome: compiled, with what each job
 * became, or refused, with every line. The originals are not copied here;
 * scripts/containerpilot-corpus.ts runs a checkout of them.
 */
type Options = Partial<JobGraphProps> & { variables?: Record<string, string> };
type Outcome =
  | { compiled: { init: string[]; containers: string[]; services: string[]; cronJobs: string[]; grace: number } }
  | { refused: string[] };

const corpus: [string, Options, Outcome][] = [
  // docs/30-configuration/examples/consul-agent.json5 and service-reg-only.json5, corrected
  ['agent-chain-fixed.json5', { variables: { AGENT_JOIN: 'consul.example' }, nativeSidecars: true }, { compiled: { init: ['agent', 'setup'], containers: ['web'], services: ['web'], cronJobs: [], grace: 5 } }],
  // docs/30-configuration/examples/consul-agent.json5 (and nginx-upstreams.json5: same missing commas)
  ['agent-chain.json5', { variables: { AGENT_JOIN: 'consul.example' } }, { refused: ["config: agent-chain.json5: is not valid JSON5: invalid character '{' at 11:5"] }],
  // integration_tests/fixtures/app/containerpilot-with-coprocess.json5
  ['coprocess-restarts.json5', {}, { refused: ['job[sidekick].restarts: 1 cannot be expressed in Kubernetes: a pod restarts a container always or never, not a number of times; use "unlimited" or "never"'] }],
  // integration_tests/tests/test_envvars
  ['healthy-chain.json5', { nativeSidecars: true }, { compiled: { init: ['first'], containers: ['second'], services: ['second', 'first'], cronJobs: [], grace: 5 } }],
  // jobs/testdata/*.json5
  ['job-list.json5', {}, { refused: ['job[alpha].consul: cannot be expressed in Kubernetes: enableTagOverride and deregisterCriticalServiceAfter are settings of the Consul catalog, which a Service does not have; remove the consul block', "job[beta].initial_status: \"warning\" cannot be expressed in Kubernetes: a pod gets Service traffic only once its readiness probe has passed, which is initial_status \"critical\" (ContainerPilot's default registers after the first passing check, the same thing); remove initial_status", "job[gamma].initial_status: \"passing\" cannot be expressed in Kubernetes: a pod gets Service traffic only once its readiness probe has passed, which is initial_status \"critical\" (ContainerPilot's default registers after the first passing check, the same thing); remove initial_status", 'job[beta].port: 8080 is not allowed; is also the port of job[alpha]; the jobs share one network namespace (one container under ContainerPilot, one pod in Kubernetes), so only one process can listen on it'] }],
  // config/testdata/test.json5
  ['kitchen-sink.json5', { loopSidecars: ['rotateKeys'] }, { refused: ['config: kitchen-sink.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)', 'config: kitchen-sink.json5: telemetry: telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself', 'job[backEnd].interfaces: "weave0" cannot be expressed in Kubernetes: a pod has one IP, which Kubernetes assigns and a Service advertises; only "eth0", "eth0:inet", "eth0[0]", "inet" name it, so start the list with one of them or remove interfaces', 'job[onHealthy-queue].when.source: "watch.queue" cannot be expressed in Kubernetes: the events of a watch come from Consul, which Kubernetes does not have; wait for a job of the pod, or use a Service and DNS', 'job[report].when.once: "stopped" cannot be expressed in Kubernetes: Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"', 'job[onChange-cache].when.each: "changed" cannot be expressed in Kubernetes: changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS', 'job[onHealthy-queue].when.each: "healthy" cannot be expressed in Kubernetes: a container starts once per pod start, so a job cannot run again every time an event repeats; use once'] }],
  // docs/30-configuration/examples/periodic-tasks.json5
  ['periodic-alarm.json5', { detachable: ['compact'] }, { refused: ['job[page-oncall].when.each: "exitFailed" cannot be expressed in Kubernetes: Kubernetes cannot start a container because another one failed (a failed init container is retried, never handed over); make the job succeed or handle the failure inside its command', 'jobs: no job runs in the pod (a long-running job, a job with a port or health check, or a loop sidecar; a job others wait for healthy runs as a native sidecar before them); a Deployment needs at least one container'] }],
  // integration_tests/fixtures/app/containerpilot-with-file-log.json5
  ['periodic-only.json5', { loopSidecars: ['heartbeat'] }, { compiled: { init: [], containers: ['heartbeat'], services: [], cronJobs: [], grace: 5 } }],
  // integration_tests/fixtures/nginx/etc/nginx-with-consul.json5
  ['proxy-watch.json5', {}, { refused: ['config: proxy-watch.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)', 'job[onChange].when.each: "changed" cannot be expressed in Kubernetes: changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS'] }],
  // integration_tests/tests/test_logging
  ['raw-logging.json5', { loopSidecars: ['greet', 'greet-raw'] }, { compiled: { init: [], containers: ['greet', 'greet-raw', 'svc-one', 'svc-two'], services: ['svc-one', 'svc-two'], cronJobs: [], grace: 5 } }],
  // integration_tests/tests/test_sighup
  ['signals.json5', {}, { refused: ['job[on-hup].when.source: "SIGHUP" cannot be expressed in Kubernetes: Kubernetes cannot start a container when a signal is sent to the pod', 'job[on-usr2].when.source: "SIGUSR2" cannot be expressed in Kubernetes: Kubernetes cannot start a container when a signal is sent to the pod'] }],
  // integration_tests/tests/test_sigterm
  ['sigterm.json5', {}, { refused: ['job[postStop].when.once: "stopped" cannot be expressed in Kubernetes: Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"'] }],
  // docs/30-configuration/examples/stopping.json5
  ['stop-hooks.json5', {}, { refused: ['job[server].health: unknown key "tll"; health has exec, interval, ttl, timeout, logging', "job[server].health.ttl: undefined is not allowed; must be a whole number of seconds >= 1 (ContainerPilot's rule: an integer > 0; a fraction is cut to its integer part)", 'job[beforeStop]: unknown key "restart"; a job has name, exec, when, timeout, stopTimeout, restarts, health, port, initial_status, tags, interfaces, consul, logging', 'job[afterStop].when.once: "stopped" cannot be expressed in Kubernetes: Kubernetes has no hook after a container has stopped (preStop runs before it stops); use once: "stopping"'] }],
  // integration_tests/tests/test_tasks
  ['tasks.json5', { loopSidecars: ['fast', 'bounded', 'cut-short', 'forever'] }, { compiled: { init: [], containers: ['fast', 'bounded', 'cut-short', 'forever'], services: [], cronJobs: [], grace: 5 } }],
  // integration_tests/tests/test_telemetry
  ['telemetry-sensor.json5', { loopSidecars: ['sensor'] }, { refused: ['config: telemetry-sensor.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)', 'config: telemetry-sensor.json5: telemetry: telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself'] }],
  // the CONSUL_AGENT branch of real-world files
  ['templated-cluster.json5', { variables: { CONSUL_AGENT: '1', PEERS: 'a.example,b.example', APP_ENV: 'staging_eu' } }, { compiled: { init: ['pre-start'], containers: ['consul-agent', 'app'], services: ['app'], cronJobs: [], grace: 16 } }],
  // integration_tests/fixtures/app/containerpilot.json5, integration_tests/tests/test_discovery_consul
  ['templated-watches.json5', {}, { refused: ['config: templated-watches.json5: line 9: template value {{ .SITE_PORT }} is not filled; pass it in `variables` (e.g. { SITE_PORT: "..." }) or write {{ .SITE_PORT | default "value" }}', 'config: templated-watches.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)', 'config: templated-watches.json5: telemetry: telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself', 'job[reload-for-proxy].when.each: "changed" cannot be expressed in Kubernetes: changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS'] }],
  // docs/30-configuration/examples/database-config.json5
  ['watched-databases.json5', {}, { refused: ['config: watched-databases.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)', "job[agent].health.interval: undefined is not allowed; must be a whole number of seconds >= 1 (ContainerPilot's rule: an integer > 0; a fraction is cut to its integer part)", "job[agent].health.ttl: undefined is not allowed; must be a whole number of seconds >= 1 (ContainerPilot's rule: an integer > 0; a fraction is cut to its integer part)", 'job[configure-store].when.source: "watch.store" cannot be expressed in Kubernetes: the events of a watch come from Consul, which Kubernetes does not have; wait for a job of the pod, or use a Service and DNS', 'job[configure-cache].when.each: "changed" cannot be expressed in Kubernetes: changed events come from Consul watches, which Kubernetes does not have; use a Service and DNS'] }],
  // integration_tests/tests/test_reap_zombies
  ['zombies.json5', {}, { refused: ["job[spawner].restarts: the job runs once (restarts: \"never\", ContainerPilot's default) but no job waits for it with once: \"exitSuccess\"; Kubernetes restarts every container of a Deployment's pod, so a one-shot job must become an init container: make the job that needs it wait with when: { source: \"spawner\", once: \"exitSuccess\" }, set restarts: \"unlimited\", or list it in loopSidecars (a container of the pod that runs it once, then idles)"] }],
];

function graph(file: string, options: Options): { chart: Chart; graph: JobGraph } {
  const { variables, ...props } = options;
  const chart = newChart();
  const g = new JobGraph(chart, 'g', {
    image: 'registry.example.com/app:1.0',
    config: ContainerPilotConfig.fromJson5File(path.join(__dirname, 'corpus', file), { variables, sourceName: file }),
    ...props,
  });
  return { chart, graph: g };
}

describe('configurations like ContainerPilot\'s own', () => {
  test.each(corpus)('%s', (file, options, outcome) => {
    const { chart, graph: g } = graph(file, options);
    if ('refused' in outcome) {
      expect(synthError(chart)).toBe(['Validation failed with the following errors:', ...outcome.refused.map(l => `  [test/g] ${l}`)].join('\n'));
      return;
    }
    const pod = ofKind(synth(chart), 'Deployment')[0].spec.template.spec;
    expect({
      init: (pod.initContainers ?? []).map((c: any) => c.name),
      containers: pod.containers.map((c: any) => c.name),
      services: g.services.map(s => s.name),
      cronJobs: g.cronJobs.map(c => c.name),
      grace: pod.terminationGracePeriodSeconds,
    }).toEqual(outcome.compiled);
  });

  test('the templated cluster renders its agent, peers and environment', () => {
    const [, options] = corpus.find(([f]) => f === 'templated-cluster.json5')!;
    const pod = ofKind(synth(graph('templated-cluster.json5', options).chart), 'Deployment')[0].spec.template.spec;
    const agent = pod.containers.find((c: any) => c.name === 'consul-agent');
    expect(agent.command).toEqual(['consul', 'agent', '-retry-join', 'a.example', '-retry-join', 'b.example']);
    expect(agent.lifecycle.preStop.exec.command).toEqual(['consul', 'leave']);
    expect(pod.initContainers[0].command).toEqual(['/srv/prestart', 'staging-eu']);
    const objs = synth(graph('templated-cluster.json5', {}).chart);
    expect(ofKind(objs, 'Deployment')[0].spec.template.spec.containers.map((c: any) => c.name)).toEqual(['app']);
    expect(ofKind(objs, 'Service')[0].spec.ports[0].port).toBe(3000);
  });

  test('the templated file without its value names the value', () => {
    expect(synthError(graph('templated-watches.json5', {}).chart)).toContain('[test/g] config: templated-watches.json5: line 9: template value {{ .SITE_PORT }} is not filled');
  });
});
