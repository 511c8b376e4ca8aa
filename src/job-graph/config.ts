import * as fs from 'fs';
import * as JSON5 from 'json5';
import { RECOVERY_TEXT, renderGoTemplate } from './go-template';
import { JobCommand, JobDefinition, JobRestarts } from './model';
import { show } from '../common/validation';

/** Options for reading a containerpilot.json5 file. */
export interface ContainerPilotFileOptions {
  /**
   * The environment the file is rendered with. ContainerPilot renders the whole file
   * as a Go text/template whose data is its environment: `{{ .NAME }}` and
   * `{{ env "NAME" }}` read these values. A name not given reads as "" in conditions
   * and `default`, as in ContainerPilot; printing it is an error, because its value in
   * the pod is not known at synth time.
   * @default - an empty environment
   */
  readonly variables?: { [name: string]: string };
  /**
   * How errors name the file.
   * @default - the path (fromJson5File) or "containerpilot.json5"
   */
  readonly sourceName?: string;
}

/** Settings of a configuration typed in code that a file holds beside its jobs. */
export interface ContainerPilotJobsOptions {
  /**
   * ContainerPilot's top-level `stopTimeout`: seconds its jobs get after SIGTERM before
   * they are killed. With the stopping jobs' time it sets the pod's
   * terminationGracePeriodSeconds.
   * @default 5 (ContainerPilot's default)
   */
  readonly stopTimeout?: number;
}

const REFUSED_TOP_LEVEL: Record<string, string> = {
  watches: 'watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)',
  telemetry: 'telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself',
};
const TOP_LEVEL_KEYS = ['consul', 'logging', 'stopTimeout', 'control', 'telemetry', 'watches', 'jobs'];
/** Top-level keys of ContainerPilot 2 (replaced by jobs and watches in version 3). */
const V2_KEYS = ['services', 'backends', 'coprocesses', 'tasks', 'preStart', 'preStop', 'postStop'];
/** Where ContainerPilot documents the version 3 format. */
export const V3_DOCS = 'https://github.com/TritonDataCenter/containerpilot/blob/master/docs/30-configuration/32-configuration-file.md';
/** ContainerPilot's stopTimeout when the file sets none (config/config.go). */
export const DEFAULT_STOP_TIMEOUT = 5;

/**
 * A ContainerPilot job configuration: typed in code with `fromJobs`, or read from a
 * containerpilot.json5 file. Either way JobGraph checks and compiles the same model,
 * so the same jobs give the same objects. Reading problems (syntax, template values
 * left unfilled, unknown top-level keys) are reported at synth with the rest.
 */
export class ContainerPilotConfig {
  /** Jobs typed in code. */
  public static fromJobs(jobs: JobDefinition[], options: ContainerPilotJobsOptions = {}): ContainerPilotConfig {
    const problems: string[] = [];
    const stopTimeout = checkStopTimeout(options.stopTimeout, 'stopTimeout', problems);
    return new ContainerPilotConfig(jobs.map(jobToRaw), problems, 'jobs', stopTimeout);
  }

  /** The text of a containerpilot.json5 file (JSON5: comments and trailing commas allowed). */
  public static fromJson5(text: string, options: ContainerPilotFileOptions = {}): ContainerPilotConfig {
    const source = options.sourceName ?? 'containerpilot.json5';
    const r = parse(text, options.variables ?? {}, source);
    return new ContainerPilotConfig(r.jobs, r.problems, source, r.stopTimeout);
  }

  /** A containerpilot.json5 file, read now. */
  public static fromJson5File(path: string, options: ContainerPilotFileOptions = {}): ContainerPilotConfig {
    const source = options.sourceName ?? path;
    const r = parse(fs.readFileSync(path, 'utf8'), options.variables ?? {}, source);
    return new ContainerPilotConfig(r.jobs, r.problems, source, r.stopTimeout);
  }

  private constructor(
    /** The jobs as plain JSON (what a file holds). */
    private readonly jobs: unknown,
    private readonly problems: string[],
    private readonly source: string,
    private readonly stopTimeout: number,
  ) {}

  /** The top-level stopTimeout, in seconds. @internal */
  public _stopTimeout(): number {
    return this.stopTimeout;
  }

  /** @internal */
  public _rawJobs(): unknown {
    return this.jobs;
  }

  /** Problems found while reading, as "field: message". @internal */
  public _readProblems(): string[] {
    return [...this.problems];
  }

  /** The name errors use for the input. @internal */
  public _source(): string {
    return this.source;
  }
}

function jobToRaw(j: JobDefinition): unknown {
  if (!j || typeof j !== 'object') return j;
  const raw: Record<string, unknown> = { ...j };
  const conv = (v: unknown) => (v instanceof JobCommand || v instanceof JobRestarts ? v._raw() : v);
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  if (raw.exec !== undefined) raw.exec = conv(raw.exec);
  if (raw.restarts !== undefined) raw.restarts = conv(raw.restarts);
  if (j.when) raw.when = dropUndefined({ ...j.when });
  if (j.consul) raw.consul = dropUndefined({ ...j.consul });
  if (j.health) raw.health = dropUndefined({ ...j.health, exec: conv(j.health.exec) });
  return raw;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** ContainerPilot's top-level stopTimeout: an integer of seconds; 0 means the default. */
function checkStopTimeout(v: unknown, field: string, problems: string[]): number {
  if (v === undefined || v === null) return DEFAULT_STOP_TIMEOUT;
  // ContainerPilot decodes it weakly into an int: "10" is 10, 2.5 is 2.
  const n = typeof v === 'string' && /^[-+]?\d+$/.test(v) ? Number.parseInt(v, 10) : typeof v === 'number' ? Math.trunc(v) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    problems.push(`${field}: ${show(v)} is not allowed; must be a whole number of seconds >= 0 (ContainerPilot reads it as an integer; 0 means its default, ${DEFAULT_STOP_TIMEOUT})`);
    return DEFAULT_STOP_TIMEOUT;
  }
  return n === 0 ? DEFAULT_STOP_TIMEOUT : n;
}

interface Parsed {
  readonly jobs: unknown;
  readonly problems: string[];
  readonly stopTimeout: number;
}

/**
 * Reads a file the way ContainerPilot does (config/config.go): render the Go template,
 * parse JSON5, then split the top-level keys. Each stage goes on with what the one
 * before could recover, so one synth shows every problem that can be seen.
 */
function parse(text: string, variables: Record<string, string>, source: string): Parsed {
  const problems: string[] = [];
  const t = renderGoTemplate(text, variables);
  for (const p of t.problems) problems.push(`${source}: line ${p.line}: ${p.message}`);
  for (const [name, line] of t.unfilled) {
    problems.push(`${source}: line ${line}: template value {{ .${name} }} is not filled; pass it in \`variables\` (e.g. { ${name}: "..." }) or write {{ .${name} | default "value" }}`);
  }
  const after = t.problems.length + t.unfilled.size > 0 ? ` (in the file as rendered, where each template problem above reads as ${RECOVERY_TEXT})` : '';

  let doc: unknown;
  try {
    doc = JSON5.parse(t.output);
  } catch (e: any) {
    problems.push(`${source}: is not valid JSON5${after}: ${String(e.message ?? e).replace(/^JSON5: /, '')}`);
    // The jobs are unknown: the job stage has nothing to check.
    return { jobs: undefined, problems, stopTimeout: DEFAULT_STOP_TIMEOUT };
  }
  // A list alone is read as the jobs (the form of ContainerPilot's own job test data).
  if (Array.isArray(doc)) return { jobs: doc, problems, stopTimeout: DEFAULT_STOP_TIMEOUT };
  if (!doc || typeof doc !== 'object') {
    problems.push(`${source}: must hold an object with a \`jobs\` list, not ${show(doc)}`);
    return { jobs: undefined, problems, stopTimeout: DEFAULT_STOP_TIMEOUT };
  }
  const top = doc as Record<string, unknown>;
  const v2 = Object.keys(top).filter(k => V2_KEYS.includes(k));
  if (v2.length > 0) {
    problems.push(`${source}: ${v2.join(', ')}: this is the ContainerPilot 2 format; ContainerPilot 3 (the format JobGraph reads, and the only one ContainerPilot 3 accepts) replaced services, backends, coprocesses, tasks, preStart, preStop and postStop with \`jobs\` and \`watches\`; convert the file as described in ${V3_DOCS}`);
  }
  for (const key of Object.keys(top)) {
    if (TOP_LEVEL_KEYS.includes(key) || v2.includes(key)) continue;
    problems.push(`${source}: unknown key ${show(key)}; a ContainerPilot file has ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  for (const key of Object.keys(REFUSED_TOP_LEVEL)) {
    if (top[key] !== undefined && top[key] !== null) problems.push(`${source}: ${key}: ${REFUSED_TOP_LEVEL[key]}`);
  }
  if (top.logging !== undefined && top.logging !== null) {
    if (typeof top.logging !== 'object' || Array.isArray(top.logging)) {
      problems.push(`${source}: logging: ${show(top.logging)} is not allowed; must be an object with level, format and output`);
    } else {
      for (const k of Object.keys(top.logging)) {
        if (!LOGGING_KEYS.includes(k.toLowerCase())) problems.push(`${source}: logging: unknown key ${show(k)}; logging has ${LOGGING_KEYS.join(', ')} (ContainerPilot's rule)`);
      }
    }
  }
  const stopTimeout = checkStopTimeout(top.stopTimeout, `${source}: stopTimeout`, problems);
  // ContainerPilot accepts a file without jobs; the job stage says what the pod lacks.
  if (top.jobs === undefined || top.jobs === null) return { jobs: v2.length > 0 ? undefined : [], problems, stopTimeout };
  if (!Array.isArray(top.jobs)) {
    problems.push(`${source}: jobs: ${show(top.jobs)} is not allowed; must be a list of jobs`);
    return { jobs: undefined, problems, stopTimeout };
  }
  // ContainerPilot skips null entries of the list (config/decode ToSlice).
  return { jobs: top.jobs.filter(j => j !== null), problems, stopTimeout };
}

/** The keys of ContainerPilot's top-level logging (config/logger). */
const LOGGING_KEYS = ['level', 'format', 'output'];
