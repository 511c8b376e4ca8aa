import * as fs from 'fs';
import * as JSON5 from 'json5';
import { JobCommand, JobDefinition, JobRestarts } from './model';
import { show } from '../common/validation';

/** Options for reading a containerpilot.json5 file. */
export interface ContainerPilotFileOptions {
  /**
   * Values for the file's `{{ .NAME }}` template actions (ContainerPilot fills them
   * from the environment). Every action must be filled, or carry a `| default "x"`.
   * @default - none
   */
  readonly variables?: { [name: string]: string };
  /**
   * How errors name the file.
   * @default - the path (fromJson5File) or "containerpilot.json5"
   */
  readonly sourceName?: string;
}

/** Top-level keys of a ContainerPilot v3 file that configure ContainerPilot itself only. */
const IGNORED_TOP_LEVEL: Record<string, string> = {
  consul: 'the address of the Consul agent',
  logging: 'ContainerPilot\'s own log format',
  control: 'ContainerPilot\'s control socket',
};
const REFUSED_TOP_LEVEL: Record<string, string> = {
  watches: 'watches poll Consul and publish `changed` events, which Kubernetes cannot express; remove them (use a Service and DNS instead)',
  telemetry: 'telemetry is served by the ContainerPilot process, which the compiled pod no longer runs; remove it and expose metrics from the app itself',
};

/**
 * A ContainerPilot job configuration: typed in code with `fromJobs`, or read from a
 * containerpilot.json5 file. Either way JobGraph checks and compiles the same model,
 * so the same jobs give the same objects. Reading problems (syntax, template values
 * left unfilled, unknown top-level keys) are reported at synth with the rest.
 */
export class ContainerPilotConfig {
  /** Jobs typed in code. */
  public static fromJobs(jobs: JobDefinition[]): ContainerPilotConfig {
    return new ContainerPilotConfig(jobs.map(jobToRaw), [], 'jobs');
  }

  /** The text of a containerpilot.json5 file (JSON5: comments and trailing commas allowed). */
  public static fromJson5(text: string, options: ContainerPilotFileOptions = {}): ContainerPilotConfig {
    const source = options.sourceName ?? 'containerpilot.json5';
    const r = parse(text, options.variables ?? {}, source);
    return new ContainerPilotConfig(r.jobs, r.problems, source);
  }

  /** A containerpilot.json5 file, read now. */
  public static fromJson5File(path: string, options: ContainerPilotFileOptions = {}): ContainerPilotConfig {
    const source = options.sourceName ?? path;
    const r = parse(fs.readFileSync(path, 'utf8'), options.variables ?? {}, source);
    return new ContainerPilotConfig(r.jobs, r.problems, source);
  }

  private constructor(
    /** The jobs as plain JSON (what a file holds). */
    private readonly jobs: unknown,
    private readonly problems: string[],
    private readonly source: string,
  ) {}

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

const ACTION = /\{\{(.*?)\}\}/g;
const VARIABLE = /^\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const WITH_DEFAULT = /^\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\|\s*default\s+"((?:[^"\\]|\\.)*)"\s*$/;

function parse(text: string, variables: Record<string, string>, source: string): { jobs: unknown; problems: string[] } {
  const problems: string[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;

  // ContainerPilot renders the file as a Go template before parsing it.
  const unfilled = new Map<string, number>();
  const rendered = text.replace(ACTION, (whole, inner: string, offset: number) => {
    const v = VARIABLE.exec(inner);
    const d = WITH_DEFAULT.exec(inner);
    const name = v?.[1] ?? d?.[1];
    if (!name) {
      problems.push(`${source}: line ${lineOf(offset)}: template action ${show(whole)} is not supported; use {{ .NAME }} or {{ .NAME | default "value" }}`);
      return '';
    }
    if (Object.prototype.hasOwnProperty.call(variables, name)) return variables[name];
    if (d) return JSON.parse(`"${d[2]}"`);
    if (!unfilled.has(name)) unfilled.set(name, lineOf(offset));
    return '';
  });
  for (const [name, line] of unfilled) {
    problems.push(`${source}: line ${line}: template value {{ .${name} }} is not filled; pass it in \`variables\` (e.g. { ${name}: "..." }) or write {{ .${name} | default "value" }}`);
  }
  if (unfilled.size > 0 || problems.length > 0) return { jobs: [], problems };

  let doc: unknown;
  try {
    doc = JSON5.parse(rendered);
  } catch (e: any) {
    problems.push(`${source}: is not valid JSON5: ${String(e.message ?? e).replace(/^JSON5: /, '')}`);
    return { jobs: [], problems };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push(`${source}: must hold an object with a \`jobs\` list, not ${show(doc)}`);
    return { jobs: [], problems };
  }
  const top = doc as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (key === 'jobs' || key in IGNORED_TOP_LEVEL) continue;
    if (key in REFUSED_TOP_LEVEL) problems.push(`${source}: ${key}: ${REFUSED_TOP_LEVEL[key]}`);
    else problems.push(`${source}: unknown key ${show(key)}; a ContainerPilot file has jobs, watches, telemetry, consul, logging and control`);
  }
  if (!Array.isArray(top.jobs)) {
    problems.push(`${source}: jobs: ${show(top.jobs)} is not allowed; must be a list of jobs`);
    return { jobs: [], problems };
  }
  return { jobs: top.jobs, problems };
}
