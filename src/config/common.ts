import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT } from '../common/formats';
import { checkLabels } from '../common/labels';
import { Problems } from '../common/validation';

/** A ConfigMap or Secret key: letters, digits, "-", "_" and ".", at most 253 characters. @internal */
export const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const DATA_KEY_TEXT = 'letters, digits, "-", "_" and "." (at most 253 characters, not "." or "..")';

/** Checks the name, labels and keys of a ConfigMap or Secret. @internal */
export function checkKeyedObject(problems: Problems, o: { name: string; labels?: Record<string, string>; data: Record<string, string> }) {
  // ConfigMap and Secret names are DNS subdomains (dots allowed), not labels.
  checkLabels(problems, 'labels', o.labels);
  problems.pattern('name', o.name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT);
  for (const [k, v] of Object.entries(o.data)) {
    if (!DATA_KEY.test(k) || k === '.' || k === '..') problems.badValue('data', k, `a key must be ${DATA_KEY_TEXT}`);
    if (typeof v !== 'string') problems.add(`data[${JSON.stringify(k)}]`, `must be a string (got ${typeof v}); write numbers and booleans as strings, such as "8080" or "true"`);
  }
}

/** Smallest value length searched for in other objects: shorter values match by chance. @internal */
export const MIN_LEAK_SEARCH_LENGTH = 6;

/**
 * Where any of `values` appears in an object of the app other than a Secret, as
 * `Kind "name" at /json/pointer` (never the value itself).
 *
 * @internal
 */
export function findLeaks(scope: IConstruct, values: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const searched = [...new Set(values.filter(v => typeof v === 'string' && v.length >= MIN_LEAK_SEARCH_LENGTH))];
  if (searched.length === 0) return found;
  for (const c of scope.node.root.node.findAll()) {
    if (!(c instanceof ApiObject) || c.kind === 'Secret') continue;
    let json: unknown;
    try {
      json = c.toJson();
    } catch {
      continue; // the object's own validation reports why it cannot render
    }
    const walk = (v: unknown, at: string) => {
      if (typeof v === 'string') {
        for (const s of searched) {
          if (v.includes(s)) found.set(s, [...(found.get(s) ?? []), `${c.kind} ${JSON.stringify(c.name)} at ${at || '/'}`]);
        }
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${at}/${i}`));
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    };
    walk(json, '');
  }
  return found;
}
