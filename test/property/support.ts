/**
 * Property tests of the constructs (issue 17, item 3): random props, valid and hostile.
 * For every input the outcome must be one of
 * - a synth error whose every line names the construct path and a field, or
 * - manifests that the schema check accepts, with no `null`, `NaN`, `undefined` or
 *   `[object Object]` the user did not write, and byte-identical YAML when the same
 *   input is synthesized again.
 * Never a TypeError or any other exception.
 *
 * Runs are bounded and seeded (PROPERTY_SEED, default 17; PROPERTY_RUNS, default 60 per
 * construct) so CI is reproducible; fast-check prints the seed and the shrunk input of a
 * failure. The first accepted inputs of each construct are written as YAML, as `cdk8s
 * synth` writes it, to dist/property-manifests/<construct>-<n>.yaml, for the API server
 * step of CI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { goYamlPlainReading } from '../../src/common/yaml';
import { validateManifest } from '../support/manifests';

export const SEED = Number(process.env.PROPERTY_SEED ?? 17);
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
/** Accepted apps written per construct for the API server. */
export const WRITTEN_PER_CONSTRUCT = 10;
export const OUT_DIR = path.resolve(__dirname, '..', '..', 'dist', 'property-manifests');

// ---- arbitraries -------------------------------------------------------------------

/** Strings kubectl's YAML reader turns into numbers or booleans, and other YAML-looking text. */
export const YAML_LOOKING = ['on', 'off', 'yes', 'no', 'y', 'N', 'true', 'null', '~', '0o17', '0O17', '0x1F', '0X1F', '0B101', '1e3_', '1e3', '1_000', '0777', '.5', '.inf', '- a', 'a: b', '{}', '[]', '#x', '&a', '*a', '!x', '|', '>', '%x', '@x', '`x', '"x', '\'x'];

/** A lower-case DNS label, as a user would write a name. */
export const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);

/** Any string a hostile or careless caller might pass where a name or value is expected. */
export const hostileString: fc.Arbitrary<any> = fc.oneof(
  fc.constantFrom(...YAML_LOOKING),
  fc.constantFrom('', ' ', 'a b', 'UPPER', 'ünïcødé', '名前', '🚀', 'a\nb', 'a/b', '-a', 'a-', 'a..b', '[object Object]', 'undefined', 'NaN'),
  fc.string({ minLength: 0, maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constant('x'.repeat(64)),
  fc.constant('y'.repeat(300)),
  fc.constantFrom(undefined, null, 0, 1.5, true, {}, []),
);

/** A name: mostly valid, sometimes hostile. */
export const maybeName = fc.oneof({ weight: 3, arbitrary: dnsLabel }, { weight: 1, arbitrary: hostileString });

/** Numbers at every edge: valid small ones, zero, negative, fractional, beyond int32, not finite. */
export const hostileNumber: fc.Arbitrary<any> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-1, 0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, -0),
  },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '3', '') },
);

/** A port number: valid, or at an edge. */
export const portNumber: fc.Arbitrary<any> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 65536, 80.5, 2 ** 31, NaN, undefined, null, '80') },
);

/** A quantity: valid ones in several units, or hostile text. */
export const quantity: fc.Arbitrary<any> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('100m', '250m', '0.5', '1', '2', '64Mi', '128Mi', '1Gi', '500M', '1e3', '1.5Gi') },
  { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom('-1', '0', '1.2.3', '1Zi', 'lots')) },
);

/** A list that may hold holes (`undefined`, `null`), as JavaScript callers can pass. */
export function listWithHoles<T>(item: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<any[]> {
  const entry = fc.oneof({ weight: 6, arbitrary: item as fc.Arbitrary<any> }, { weight: 1, arbitrary: fc.constantFrom(undefined, null) });
  return fc.array(entry, { maxLength });
}

/** A map of labels: valid keys and values, with a hostile one now and then. */
export const labelMap: fc.Arbitrary<Record<string, any>> = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom('team', 'tier', 'example.com/owner', 'env') }, { weight: 1, arbitrary: hostileString.filter(s => typeof s === 'string') }),
  fc.oneof({ weight: 4, arbitrary: dnsLabel }, { weight: 1, arbitrary: hostileString }),
  { maxKeys: 3 },
);

/** `undefined` or a value, so optional props are left out half the time. */
export function optional<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined, freq: 2 });
}

/** A field's valid values and its hostile ones. */
export type FieldArbs = [valid: fc.Arbitrary<any>, hostile: fc.Arbitrary<any>];

/**
 * Props that are valid in every field, and in most runs corrupted in one or two fields
 * with hostile values: random all-hostile props would almost never synthesize, and the
 * accepted side of the property would go untested.
 */
export function mostlyValid(fields: Record<string, FieldArbs>, required: string[] = []): fc.Arbitrary<Record<string, any>> {
  const keys = Object.keys(fields);
  const valid = fc.record(Object.fromEntries(keys.map(k => [k, fields[k][0]])), { requiredKeys: required as any });
  const corruption = fc.constantFrom(...keys).chain(k => fields[k][1].map(v => [k, v] as const));
  const corruptions = fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as (readonly [string, any])[]) },
    { weight: 3, arbitrary: fc.array(corruption, { minLength: 1, maxLength: 2 }) },
  );
  return fc.tuple(valid, corruptions).map(([v, cs]) => {
    const out: Record<string, any> = { ...v };
    for (const [k, x] of cs) out[k] = x;
    return out;
  });
}

// ---- the property ------------------------------------------------------------------

/** The outcome of one input. */
export type Outcome = { kind: 'error'; lines: string[] } | { kind: 'ok'; yaml: string; objects: any[]; misread: string[] };

/** Builds the app for one input (a fresh App and Chart each time) and synthesizes it. */
export function outcomeOf(build: (chart: Chart) => void): Outcome {
  const app = Testing.app();
  const chart = new Chart(app, 'prop');
  build(chart);
  let yaml: string;
  try {
    yaml = app.synthYaml();
  } catch (e: any) {
    const message = String(e?.message ?? e);
    if (!message.startsWith('Validation failed with the following errors:')) throw e;
    return { kind: 'error', lines: message.split('\n').slice(1).map(l => l.trim()).filter(l => l !== '') };
  }
  const docs = YAML.parseAllDocuments(yaml, { version: '1.1' });
  return { kind: 'ok', yaml, objects: docs.map(d => d.toJSON()).filter(d => d), misread: kubectlMisreadings(docs) };
}

/** Plain scalars that kubectl's reader (go-yaml v2) turns into something other than the string written. */
function kubectlMisreadings(docs: YAML.Document[]): string[] {
  const out: string[] = [];
  for (const d of docs) {
    YAML.visit(d, {
      Scalar(_key, node) {
        if (node.type === 'PLAIN' && typeof node.value === 'string') {
          const reading = goYamlPlainReading(node.value);
          if (reading) out.push(`${JSON.stringify(node.value)} is written unquoted and kubectl reads it as ${reading}`);
        }
      },
    });
  }
  return out;
}

/** Every string inside a value (the user's input), to tell their text from ours. */
function stringsOf(v: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof v === 'string') {out.push(v);} else if (v && typeof v === 'object' && !seen.has(v)) {
    seen.add(v);
    for (const [k, x] of Object.entries(v as object)) {
      out.push(k);
      stringsOf(x, out, seen);
    }
  }
  return out;
}

const BAD_TOKENS = ['undefined', 'NaN', '[object Object]'];

/** The problems of an accepted app: invalid manifests, nulls, tokens the user did not write. */
export function problemsOfAccepted(objects: any[], input: unknown): string[] {
  const problems: string[] = [];
  const userText = stringsOf(input).join('\n');
  for (const obj of objects) {
    const r = validateManifest(obj);
    if (r.status === 'invalid') problems.push(`${obj?.kind} ${obj?.metadata?.name}: ${r.errors.join('; ')}`);
    const walk = (v: unknown, at: string) => {
      if (v === null) {problems.push(`${obj.kind} ${obj.metadata?.name}: null at ${at}`);} else if (typeof v === 'number' && !Number.isFinite(v)) {problems.push(`${obj.kind} ${obj.metadata?.name}: ${v} at ${at}`);} else if (typeof v === 'string') {
        for (const t of BAD_TOKENS) {
          if (v.includes(t) && !userText.includes(t)) problems.push(`${obj.kind} ${obj.metadata?.name}: ${JSON.stringify(v)} at ${at} has "${t}", which the input does not`);
        }
      } else if (Array.isArray(v)) {v.forEach((x, i) => walk(x, `${at}/${i}`));} else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          for (const t of BAD_TOKENS) {
            if (k.includes(t) && !userText.includes(t)) problems.push(`${obj.kind}: key ${JSON.stringify(k)} at ${at} has "${t}"`);
          }
          walk(x, `${at}/${k}`);
        }
      }
    };
    walk(obj, '');
  }
  return problems;
}

/**
 * A synth error line: `[construct/path] field: message`. The field may hold a quoted
 * (JSON) name, which may itself hold a colon: `Deployment ":" spec.replicas: ...`.
 */
const ERROR_LINE = /^\[prop(\/[^\]]+)?\] (?:[^\s:"]|"(?:[^"\\]|\\.)*")(?:[^:"]|"(?:[^"\\]|\\.)*")*: \S/;

/**
 * Runs the property for one construct: `props` generates inputs, `build` adds the
 * construct(s) to a chart. Writes up to WRITTEN_PER_CONSTRUCT accepted apps as YAML.
 */
export function checkConstruct<T>(
  name: string, props: fc.Arbitrary<T>, build: (chart: Chart, input: T) => void,
  /** Whether an accepted input may go to the API server's "restricted" namespace (false for the opt-outs of "restricted"). */
  restricted: (input: T) => boolean = () => true,
): { accepted: number; refused: number } {
  let accepted = 0;
  let refused = 0;
  const written = new Set<string>();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of fs.readdirSync(OUT_DIR)) {
    if (f.startsWith(`${name}-`)) fs.rmSync(path.join(OUT_DIR, f));
  }
  fc.assert(fc.property(props, input => {
    const first = outcomeOf(chart => build(chart, input));
    if (first.kind === 'error') {
      refused++;
      const unnamed = first.lines.filter(l => !ERROR_LINE.test(l));
      if (unnamed.length) throw new Error(`synth error lines without a path and a field:\n${unnamed.join('\n')}`);
      return;
    }
    const problems = [...first.misread, ...problemsOfAccepted(first.objects, input)];
    if (problems.length) throw new Error(`accepted, but:\n${problems.join('\n')}`);
    const again = outcomeOf(chart => build(chart, input));
    if (again.kind !== 'ok' || again.yaml !== first.yaml) throw new Error('the same input gave different YAML');
    accepted++;
    if (written.size < WRITTEN_PER_CONSTRUCT && !written.has(first.yaml) && restricted(input)) {
      written.add(first.yaml);
      fs.writeFileSync(path.join(OUT_DIR, `${name}-${written.size}.yaml`), first.yaml);
    }
  }), { seed: SEED, numRuns: RUNS, endOnFailure: false });
  return { accepted, refused };
}

/** Both outcomes must occur, so the property looks at both; PROPERTY_VERBOSE prints the counts. */
export function report(name: string, r: { accepted: number; refused: number }): void {
  // eslint-disable-next-line no-console
  if (process.env.PROPERTY_VERBOSE) console.log(`${name}: ${r.accepted} accepted, ${r.refused} refused`);
  expect(r.accepted).toBeGreaterThan(0);
  expect(r.refused).toBeGreaterThan(0);
}

export { App };
