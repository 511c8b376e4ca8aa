import type { ApiObject } from 'cdk8s';

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
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      const p = prune(v);
      if (Array.isArray(p) && p.length === 0) continue;
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      out[k] = p;
    }
    return out as T;
  }
  return value;
}

/**
 * An object's manifest as JSON, or undefined when it cannot render (its own validation
 * reports why), for the whole-object checks.
 *
 * @internal
 */
export function tryRender(obj: ApiObject): unknown {
  try {
    return obj.toJson();
  } catch {
    return undefined;
  }
}
