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
