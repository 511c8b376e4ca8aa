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

/** What `walkJson` reports: each string value, and each object key, with the path to it. @internal */
export interface JsonVisitor {
  /** A string value; `path` is the live path (copy it to keep it). */
  string?(value: string, path: readonly (string | number)[]): void;
  /** An object's key, before its value is walked; `path` leads to the object. */
  key?(key: string, path: readonly (string | number)[]): void;
}

/**
 * Visits every string value (and key) of a rendered manifest, keeping the path to it on
 * one stack, so a check spells a path out only for what it finds. The whole-app checks
 * walk every value of every object with it.
 *
 * @internal
 */
export function walkJson(value: unknown, visitor: JsonVisitor): void {
  const path: (string | number)[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      visitor.string?.(v, path);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        visitor.key?.(k, path);
        path.push(k);
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(value);
}
