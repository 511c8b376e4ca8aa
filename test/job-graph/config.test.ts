import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContainerPilotConfig, JobGraph } from '../../src';
import { parseGoDuration } from '../../src/job-graph/duration';
import { newChart, ofKind, synth, synthError } from '../support/synth';

function graphFrom(text: string, variables?: Record<string, string>) {
  const chart = newChart();
  new JobGraph(chart, 'g', { image: 'registry.example.com/app:1.0', config: ContainerPilotConfig.fromJson5(text, { variables }) });
  return chart;
}
const container = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template.spec.containers[0];

describe('reading containerpilot.json5', () => {
  test('comments, unquoted keys and trailing commas are accepted', () => {
    const objs = synth(graphFrom(`{
      // the main process
      jobs: [ { name: 'web', exec: '/bin/web', restarts: 'unlimited', }, ],
    }`));
    expect(container(objs).command).toEqual(['/bin/web']);
  });

  test('{{ .VAR }} values are filled from the variables, in strings and as bare numbers', () => {
    const objs = synth(graphFrom(`{ jobs: [ { name: "web", exec: "/bin/web --port {{ .PORT }}", restarts: "unlimited",
      port: {{ .PORT }}, health: { exec: "/bin/check", interval: 5, ttl: 10 } } ] }`, { PORT: '8080' }));
    expect(container(objs).command).toEqual(['/bin/web', '--port', '8080']);
    expect(ofKind(objs, 'Service')[0].spec.ports[0].port).toBe(8080);
  });

  test('a {{ .VAR | default "x" }} value falls back to its default', () => {
    const objs = synth(graphFrom('{ jobs: [ { name: "web", exec: "/bin/web --mode {{ .MODE | default "fast" }}", restarts: "unlimited" } ] }'));
    expect(container(objs).command).toEqual(['/bin/web', '--mode', 'fast']);
  });

  test('a template value left unfilled is an error naming it and its line', () => {
    const err = synthError(graphFrom('{\n  jobs: [ { name: "web", exec: "/bin/web --port {{ .PORT }}", restarts: "unlimited" } ]\n}'));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 2: template value {{ .PORT }} is not filled; pass it in `variables` (e.g. { PORT: "..." }) or write {{ .PORT | default "value" }}');
  });

  test('a template action other than a value is an error', () => {
    const err = synthError(graphFrom('{ jobs: [ { name: "web", exec: "{{ range .X }}", restarts: "unlimited" } ] }'));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 1: template action "{{ range .X }}" is not supported; use {{ .NAME }} or {{ .NAME | default "value" }}');
  });

  test('a syntax error is reported with its position', () => {
    expect(synthError(graphFrom('{ jobs: [ { name: "web" ] }'))).toContain('[test/g] config: containerpilot.json5: is not valid JSON5: invalid character \']\' at 1:25');
  });

  test('watches and telemetry are refused with the reason, unknown top-level keys too', () => {
    const err = synthError(graphFrom('{ jobs: [], watches: [], telemetry: {}, services: [] }'));
    expect(err).toContain('[test/g] config: containerpilot.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)');
    expect(err).toContain('[test/g] config: containerpilot.json5: telemetry: telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself');
    expect(err).toContain('[test/g] config: containerpilot.json5: unknown key "services"; a ContainerPilot file has jobs, watches, telemetry, consul, logging and control');
  });

  test('jobs must be a list', () => {
    expect(synthError(graphFrom('{ jobs: { name: "web" } }'))).toContain('[test/g] config: containerpilot.json5: jobs: {"name":"web"} is not allowed; must be a list of jobs');
  });

  test('the consul address, logging and control keys configure ContainerPilot itself and are accepted', () => {
    const objs = synth(graphFrom('{ consul: "localhost:8500", logging: { level: "INFO" }, control: { socket: "/tmp/cp.sock" }, jobs: [ { name: "web", exec: "/bin/web", restarts: "unlimited" } ] }'));
    expect(ofKind(objs, 'Deployment')).toHaveLength(1);
  });

  test('fromJson5File reads the file and names it in errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobgraph-'));
    const file = path.join(dir, 'cp.json5');
    fs.writeFileSync(file, '{ jobs: [ { name: "web", exec: "/bin/web {{ .X }}", restarts: "unlimited" } ] }');
    const chart = newChart();
    new JobGraph(chart, 'g', { image: 'busybox:1.36', config: ContainerPilotConfig.fromJson5File(file, { sourceName: 'cp.json5' }) });
    expect(synthError(chart)).toContain('[test/g] config: cp.json5: line 1: template value {{ .X }} is not filled');
  });
});

describe('Go durations', () => {
  test.each([
    ['60s', 60_000], ['10m', 600_000], ['1500ms', 1500], ['1h30m', 5_400_000], ['0.5h', 1_800_000], ['250us', 0.25], ['60', 60_000], [60, 60_000], ['+5s', 5000],
  ])('%p is %p ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms as number);
  });

  test.each(['', '1.5', '5 s', '1d', 's', '1.5.5s', 1.5, true])('%p is not a duration', text => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
