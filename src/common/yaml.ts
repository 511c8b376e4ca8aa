import { ApiObject, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { walkJson } from './json';
import { WholeApp } from './whole-app';

/**
 * Strings that `cdk8s synth` writes without quotes but that kubectl's YAML reader
 * (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 rules plus Go's number syntax) reads
 * back as a number, a boolean or null: `0o17` (15), `0X1F` (31), `0B101` (5), `1e3_`
 * (1000). The cdk8s writer follows YAML 1.1 and quotes `on`, `yes`, `0x1F`, `1e3` and
 * `1_000`, but not Go's upper-case and `0o` prefixes or numbers with `_` in odd places.
 * See docs/yaml-quirks.md.
 *
 * @internal
 */

const WORDS: Record<string, string> = {};
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS[w] = 'the boolean true';
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS[w] = 'the boolean false';
for (const w of ['~', 'null', 'Null', 'NULL']) WORDS[w] = 'null';
for (const w of ['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']) WORDS[w] = 'a float';

const UINT64_MAX = BigInt(2) ** BigInt(64) - BigInt(1);
const INT64_MIN = -(BigInt(2) ** BigInt(63));
/** go-yaml's float syntax (applied after removing "_"). */
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0: sign, then 0x / 0o / 0b / 0 (octal) prefix or decimal. */
function goInteger(text: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2];
  let v: bigint;
  if (/^0[oO]/.test(digits)) v = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[xX]/.test(digits)) v = BigInt(`0x${digits.slice(2)}`);
  else if (/^0[bB]/.test(digits)) v = BigInt(`0b${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) v = BigInt(`0o${digits.slice(1)}`);
  else v = BigInt(digits);
  if (m[1] === '-') v = -v;
  return v >= INT64_MIN && v <= UINT64_MAX ? v : undefined;
}

/**
 * What go-yaml v2 (as sigs.k8s.io/yaml v1.3 uses it, in kubectl and the API server of
 * Kubernetes 1.28) makes of a plain, unquoted scalar: undefined when it stays a string,
 * else a description such as "the number 15".
 */
export function goYamlPlainReading(value: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(WORDS, value)) return WORDS[value];
  const first = value.charAt(0);
  if (first === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(value) ? goFloat(value) : undefined;
  }
  if (!/^[-+0-9]$/.test(first)) return undefined;
  const plain = value.replace(/_/g, '');
  const int = goInteger(plain);
  if (int !== undefined) return `the number ${int.toString()}`;
  return GO_YAML_FLOAT.test(plain) ? goFloat(plain) : undefined;
}

/** Go's ParseFloat fails (and go-yaml keeps the string) when the value is out of range. */
function goFloat(text: string): string | undefined {
  const n = Number(text);
  return Number.isFinite(n) ? `the number ${n}` : undefined;
}

/** Whether the cdk8s YAML writer (cdk8s's `Yaml.stringify`, YAML 1.1) writes the string without quotes. */
export function cdk8sWritesPlain(value: string): boolean {
  const out = Yaml.stringify(value);
  return !/^["'|>]/.test(out);
}

/**
 * How kubectl would read `value` back from the YAML cdk8s writes, when that is not the
 * string itself; undefined when the round trip keeps the string.
 */
export function yamlMisreading(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const reading = goYamlPlainReading(value);
  if (reading === undefined) return undefined;
  return cdk8sWritesPlain(value) ? reading : undefined;
}

/**
 * Every string in the objects a construct emits that kubectl would read back as
 * something else (env values, annotations, commands, ConfigMap data ...), as messages
 * naming the object and the field; values in `skip` were already reported by a field
 * check. It renders each object once, so it is linear in the construct's size.
 */
export function yamlRoundTripProblems(scope: IConstruct, skip: ReadonlySet<string>, hideValues = false): string[] {
  // Once per synth: cdk8s 2.70 validates the whole app once per chart, and the objects are
  // rendered once for every whole-app check together (see WholeApp).
  const app = WholeApp.of(scope);
  return app.result(`yaml-round-trip ${scope.node.path}`, () => findYamlMisreadings(app, scope, skip, hideValues));
}

function findYamlMisreadings(app: WholeApp, scope: IConstruct, skip: ReadonlySet<string>, hideValues: boolean): string[] {
  const out: string[] = [];
  for (const c of scope.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const json = app.render(c);
    // The field's path is spelled out only for a finding: the walk visits every value of
    // every object, and almost none is misread.
    const field = (path: readonly (string | number)[]) => path.reduce<string>((at, p) => (typeof p === 'number' ? `${at}[${p}]`
      : /^[A-Za-z_][\w]*$/.test(p) ? (at ? `${at}.${p}` : p) : `${at}[${JSON.stringify(p)}]`), '');
    walkJson(json, {
      string: (v, path) => {
        const reading = skip.has(v) ? undefined : yamlMisreading(v);
        if (reading) {
          out.push(`${c.kind} ${JSON.stringify(c.name)} ${field(path)}: ${hideValues ? 'the value (not shown here)' : JSON.stringify(v)} is not allowed; cdk8s writes it without quotes and kubectl's YAML reader reads it back as ${reading}, not a string (see docs/yaml-quirks.md). `
            + 'cdk8s cannot be made to quote it: write the value differently (a number in decimal, a word in another case)');
        }
      },
      key: (k, path) => {
        const keyReading = skip.has(k) ? undefined : yamlMisreading(k);
        if (keyReading) {
          out.push(`${c.kind} ${JSON.stringify(c.name)} ${field(path) || '/'}: the key ${JSON.stringify(k)} is not allowed; cdk8s writes it without quotes and kubectl's YAML reader reads it back as ${keyReading}, not a string (see docs/yaml-quirks.md). Choose another key`);
        }
      },
    });
  }
  return out;
}
