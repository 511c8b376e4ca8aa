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

  /** Records a problem of `field`. */
  public add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Records a bad value with what is allowed (and, optionally, how to fix it). */
  public badValue(field: string, value: unknown, allowed: string, fix?: string): void {
    this.add(field, `${show(value)} is not allowed; ${allowed}${fix ? `. ${fix}` : ''}`);
  }

  /** Integer in [min, max] (max optional). Returns true when the value is fine or absent. */
  public integer(field: string, value: number | undefined, min: number, max?: number): boolean {
    if (value === undefined) return true;
    const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
    if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      this.badValue(field, value, `must be an integer ${range}`);
      return false;
    }
    return true;
  }

  /** One of a fixed set of strings (for enums that arrive untyped from other languages or files). */
  public oneOf(field: string, value: string | undefined, allowed: readonly string[]): boolean {
    if (value === undefined || allowed.includes(value)) return true;
    this.badValue(field, value, `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}`);
    return false;
  }

  /** Matches a pattern, described in words for the message. */
  public pattern(field: string, value: string | undefined, re: RegExp, described: string): boolean {
    if (value === undefined || re.test(value)) return true;
    this.badValue(field, value, `must be ${described}`);
    return false;
  }

  /** Adds every problem of `other`, with `prefix.` in front of each field. */
  public merge(prefix: string, other: Problems): void {
    for (const p of other.list) this.list.push(prefix ? { field: `${prefix}.${p.field}`, message: p.message } : p);
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
