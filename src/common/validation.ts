import { INT32_MAX } from './formats';
import { yamlMisreading } from './yaml';

/** One synth-time problem: the field it is about and what is wrong with it. @internal */
export interface Problem {
  readonly field: string;
  readonly message: string;
}

/**
 * Collects synth-time problems for one construct so that a single `cdk8s synth`
 * reports every mistake at once. Problems are kept as `{ field, message }` and only
 * formatted (`field: message`) at the end; cdk8s prefixes each line with the construct
 * path. Each message names the bad value and what is allowed.
 *
 * @internal
 */
export class Problems {
  private readonly list: Problem[] = [];
  /** Values already reported by `yamlSafe`, so the whole-object YAML check does not repeat them. */
  private readonly yamlReported = new Set<string>();

  /** Records a problem of `field`. */
  public add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Records a bad value with what is allowed (and, optionally, how to fix it). */
  public badValue(field: string, value: unknown, allowed: string, fix?: string): void {
    this.add(field, `${show(value)} is not allowed; ${allowed}${fix ? `. ${fix}` : ''}`);
  }

  /**
   * Integer in [min, max]. Returns true when the value is fine or absent. Without `max`
   * the bound is the int32 maximum, because Kubernetes stores these fields as int32.
   */
  public integer(field: string, value: number | undefined, min: number, max?: number): boolean {
    if (value === undefined) return true;
    const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      this.badValue(field, value, `must be an integer ${range}`);
      return false;
    }
    if (max === undefined && value > INT32_MAX) {
      this.badValue(field, value, `must be an integer from ${min} to ${INT32_MAX}: Kubernetes stores it as a 32-bit integer`);
      return false;
    }
    return true;
  }

  /** Like `integer`, but a missing value is a problem too (`what` says what the number is). */
  public requiredInteger(field: string, value: number | undefined, min: number, max: number | undefined, what: string): boolean {
    if (value === undefined || value === null) {
      this.add(field, `is required: ${what}`);
      return false;
    }
    return this.integer(field, value, min, max);
  }

  /** One of a fixed set of strings (for enums that arrive untyped from other languages or files). */
  public oneOf(field: string, value: string | undefined, allowed: readonly string[]): boolean {
    if (value === undefined || allowed.includes(value)) return true;
    this.badValue(field, value, `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}`);
    return false;
  }

  /** Matches a pattern, described in words for the message. */
  public pattern(field: string, value: string | undefined, re: RegExp, described: string): boolean {
    if (value === undefined) return true;
    if (typeof value !== 'string' || !re.test(value)) {
      this.badValue(field, value, `must be ${described}`);
      return false;
    }
    return this.yamlSafe(field, value);
  }

  /**
   * A name or label value that cdk8s writes unquoted and kubectl reads back as a number
   * or a boolean (see docs/yaml-quirks.md). Returns true when the value is safe.
   */
  public yamlSafe(field: string, value: unknown): boolean {
    const reading = yamlMisreading(value);
    if (reading === undefined) return true;
    this.yamlReported.add(value as string);
    this.badValue(field, value, `cdk8s writes it without quotes and kubectl's YAML reader reads it back as ${reading}, not a string (see docs/yaml-quirks.md)`, 'Choose another value');
    return false;
  }

  /** Adds every problem of `other`, with `prefix.` in front of each field. */
  public merge(prefix: string, other: Problems): void {
    for (const p of other.list) this.list.push(prefix ? { field: `${prefix}.${p.field}`, message: p.message } : p);
    for (const v of other.yamlReported) this.yamlReported.add(v);
  }

  /** The values `yamlSafe` reported (for `yamlRoundTripProblems`). */
  public get yamlValues(): ReadonlySet<string> {
    return this.yamlReported;
  }

  /** The problems, as data. */
  public get entries(): readonly Problem[] {
    return [...this.list];
  }

  /** How many problems there are. */
  public get size(): number {
    return this.list.length;
  }

  /** The problems formatted as `field: message` lines. */
  public get messages(): string[] {
    return this.list.map(p => `${p.field}: ${p.message}`);
  }
}

/** A value as it appears in an error message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}
