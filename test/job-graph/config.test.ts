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
const podOf = (objs: any[]) => ofKind(objs, 'Deployment')[0].spec.template.spec;
const container = (objs: any[]) => podOf(objs).containers[0];

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

  test('an unknown template function is an error naming the action and its line', () => {
    const err = synthError(graphFrom('{ jobs: [ { name: "web", restarts: "unlimited",\n exec: "{{ .X | upper }}" } ] }'));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 2: template action "{{ .X | upper }}": function "upper" not defined; the functions are and, or, not, eq, ne, lt, le, gt, ge, len, index, print, printf, println, default, env, split, join, replaceAll, regexReplaceAll, loop');
  });

  test('a syntax error is reported with its position', () => {
    expect(synthError(graphFrom('{ jobs: [ { name: "web" ] }'))).toContain('[test/g] config: containerpilot.json5: is not valid JSON5: invalid character \']\' at 1:25');
  });

  test('watches and telemetry are refused with the reason, unknown top-level keys too', () => {
    const err = synthError(graphFrom('{ jobs: [], watches: [], telemetry: {}, service: [] }'));
    expect(err).toContain('[test/g] config: containerpilot.json5: watches: watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)');
    expect(err).toContain('[test/g] config: containerpilot.json5: telemetry: telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself');
    expect(err).toContain('[test/g] config: containerpilot.json5: unknown key "service"; a ContainerPilot file has consul, logging, stopTimeout, control, telemetry, watches, jobs');
  });

  test('a ContainerPilot 2 file is named as such, with the way to version 3, and nothing else', () => {
    const err = synthError(graphFrom('{ consul: "consul:8500", services: [ { name: "app", port: 80 } ], backends: [], coprocesses: [] }'));
    expect(err).toBe([
      'Validation failed with the following errors:',
      '  [test/g] config: containerpilot.json5: services, backends, coprocesses: this is the ContainerPilot 2 format; ContainerPilot 3 (the format JobGraph reads, and the only one ContainerPilot 3 accepts) replaced services, backends, coprocesses, tasks, preStart, preStop and postStop with `jobs` and `watches`; convert the file as described in https://github.com/TritonDataCenter/containerpilot/blob/master/docs/30-configuration/32-configuration-file.md',
    ].join('\n'));
  });

  test('jobs must be a list', () => {
    expect(synthError(graphFrom('{ jobs: { name: "web" } }'))).toContain('[test/g] config: containerpilot.json5: jobs: {"name":"web"} is not allowed; must be a list of jobs');
  });

  test('a top-level logging with a key ContainerPilot does not have is refused', () => {
    expect(synthError(graphFrom('{ logging: { level: "INFO", colour: true }, jobs: [ { name: "web", exec: "/bin/web", restarts: "unlimited" } ] }')))
      .toContain('[test/g] config: containerpilot.json5: logging: unknown key "colour"; logging has level, format, output (ContainerPilot\'s rule)');
  });

  test('a top-level stopTimeout is whole seconds', () => {
    expect(synthError(graphFrom('{ stopTimeout: "10s", jobs: [ { name: "web", exec: "/bin/web", restarts: "unlimited" } ] }')))
      .toContain('[test/g] config: containerpilot.json5: stopTimeout: "10s" is not allowed; must be a whole number of seconds >= 0 (ContainerPilot reads it as an integer; 0 means its default, 5)');
  });

  test('a file holding only a list is read as the jobs', () => {
    expect(container(synth(graphFrom('[ { name: "web", exec: "/bin/web", restarts: "unlimited" } ]'))).name).toBe('web');
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

describe('the Go template stage', () => {
  const web = (exec: string) => `{ jobs: [ { name: "web", restarts: "unlimited", exec: ${exec} } ] }`;
  const command = (text: string, variables?: Record<string, string>) => container(synth(graphFrom(text, variables))).command;

  test('if / else if / else choose on values, a value not given being empty (missingkey=zero)', () => {
    const text = web('"/bin/web {{ if .CONSUL_AGENT }}--agent{{ else if .CONSUL }}--consul={{ .CONSUL }}{{ else }}--standalone{{ end }}"');
    expect(command(text)).toEqual(['/bin/web', '--standalone']);
    expect(command(text, { CONSUL: 'consul:8500' })).toEqual(['/bin/web', '--consul=consul:8500']);
    expect(command(text, { CONSUL_AGENT: '1', CONSUL: 'x' })).toEqual(['/bin/web', '--agent']);
  });

  test('a conditional can hold whole jobs, and the trim markers drop the space around actions', () => {
    const text = `{ jobs: [
      { name: "web", exec: "/bin/web", restarts: "unlimited" },
      {{- if .CONSUL_AGENT }}
      { name: "consul-agent", exec: "consul agent", restarts: "unlimited" },
      {{- end }}
    ] }`;
    expect(podOf(synth(graphFrom(text))).containers.map((c: any) => c.name)).toEqual(['web']);
    expect(podOf(synth(graphFrom(text, { CONSUL_AGENT: 'true' }))).containers.map((c: any) => c.name)).toEqual(['web', 'consul-agent']);
  });

  test('range over loop, with env and printf, makes jobs from numbered values', () => {
    const text = `{ jobs: [
      {{ range $i := loop 0 3 }}{{ if env (printf "WORKER_%d" $i) }}
      { name: "worker-{{ $i }}", exec: "{{ env (printf "WORKER_%d" $i) }}", restarts: "unlimited" },
      {{ end }}{{ end }}
    ] }`;
    const objs = synth(graphFrom(text, { WORKER_0: '/bin/a', WORKER_2: '/bin/c' }));
    expect(podOf(objs).containers.map((c: any) => [c.name, c.command[0]])).toEqual([['worker-0', '/bin/a'], ['worker-2', '/bin/c']]);
  });

  test('ContainerPilot\'s default, split, join, replaceAll and regexReplaceAll', () => {
    expect(command(web('"/bin/web {{ .PARTS | split ":" | join "." }} {{ .NAME | replaceAll "e" "_" }} {{ .NAME | regexReplaceAll "[epa]+" "_" }} {{ .N | default 10 }}"'), { PARTS: 'a:b:c', NAME: 'Template' }))
      .toEqual(['/bin/web', 'a.b.c', 'T_mplat_', 'T_m_l_t_', '10']);
  });

  test('with, variables, comparisons and a bare number from a value', () => {
    const text = `{{ $port := .PORT | default "8080" }}{ jobs: [ { name: "web", restarts: "unlimited", port: {{ $port }},
      health: { exec: "/bin/check", interval: 5, ttl: 10 },
      exec: "/bin/web {{ with .MODE }}--mode={{ . }}{{ end }} {{ if eq $port "8080" }}--default-port{{ end }}" } ] }`;
    const objs = synth(graphFrom(text, { MODE: 'fast' }));
    expect(container(objs).command).toEqual(['/bin/web', '--mode=fast', '--default-port']);
    expect(ofKind(objs, 'Service')[0].spec.ports[0].port).toBe(8080);
  });

  test('template, JSON5-level and job problems of one file come in one synth', () => {
    // line 2: an unknown function; line 3: a value not given; line 4: a job problem the
    // template did not hide (the failed actions read as null, so the file still parses)
    const err = synthError(graphFrom(`{ jobs: [
      { name: "web", exec: "/bin/web {{ .X | shout }}", restarts: "unlimited", port: 8080 },
      { name: "db", exec: "/bin/db --peer {{ .PEER }}", restarts: "unlimited" },
      { name: "tick", exec: "/bin/tick", when: { interval: "1m" } },
    ] }`));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 2: template action "{{ .X | shout }}": function "shout" not defined');
    expect(err).toContain('[test/g] config: containerpilot.json5: line 3: template value {{ .PEER }} is not filled');
    expect(err).toContain('[test/g] job[web].health: is required because port is set (ContainerPilot\'s rule: an advertised job needs a health check)');
    expect(err).toContain('[test/g] job[tick].when.interval: a periodic job needs a place to run in Kubernetes');
  });

  test('a missing {{ end }} is reported and closed at the end, and parsing goes on', () => {
    const err = synthError(graphFrom('{ jobs: [ {{ if .A }}\n { name: "web", exec: "/bin/web", restarts: 3 } ] }', { A: '1' }));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 1: template action "{{ if .A }}": has no matching {{ end }} (closed at the end of the file)');
    expect(err).toContain('[test/g] job[web].restarts: 3 cannot be expressed in Kubernetes');
  });

  test('when the rendered file is not JSON5 the message says the template problems read as null there', () => {
    const err = synthError(graphFrom('{ jobs: [ { name: "web", exec: "/bin/web", restarts: "unlimited" } ], {{ .KEY }} }'));
    expect(err).toContain('[test/g] config: containerpilot.json5: line 1: template value {{ .KEY }} is not filled');
    expect(err).toContain('[test/g] config: containerpilot.json5: is not valid JSON5 (in the file as rendered, where each template problem above reads as null): ');
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
