/**
 * Drops undefined values, empty arrays and empty objects, recursively, so a JSON patch
 * writes only the fields that are set (the way cdk8s itself omits unset fields).
 *
 * @internal
 */
export function prune<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(v => prune(v)) as unknown as T;
  }
  if (value && typeof value === 'object') {
    // Runs on every rendered container: a plain key loop, without the [key, value] pair
    // arrays of Object.entries, keeps it from feeding the garbage collector.
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(input)) {
      const v = input[k];
      if (v === undefined) continue;
      const p = prune(v);
      if (!isEmpty(p)) out[k] = p;
    }
    return out as T;
  }
  return value;
}

/** An empty array or an object without keys (what `prune` returns for one is a plain object). */
function isEmpty(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}
