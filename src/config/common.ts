import { DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT } from '../common/formats';
import { checkLabels, checkRecommendedLabelValues } from '../common/labels';
import { Problems } from '../common/validation';

/** A ConfigMap or Secret key: letters, digits, "-", "_" and ".", at most 253 characters. @internal */
export const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const DATA_KEY_TEXT = 'letters, digits, "-", "_" and "." (at most 253 characters, not "." or "..")';

/** Checks the name, labels and keys of a ConfigMap or Secret. @internal */
export function checkKeyedObject(
  problems: Problems, o: { name: string; partOf?: string; labels?: Record<string, string>; data: Record<string, string> },
) {
  // ConfigMap and Secret names are DNS subdomains (dots allowed), not labels.
  checkLabels(problems, 'labels', o.labels);
  checkNameAsLabel(problems, o.name);
  checkRecommendedLabelValues(problems, { partOf: o.partOf });
  for (const [k, v] of Object.entries(o.data)) {
    if (!DATA_KEY.test(k) || k === '.' || k === '..') problems.badValue('data', k, `a key must be ${DATA_KEY_TEXT}`);
    if (typeof v !== 'string') problems.add(`data[${JSON.stringify(k)}]`, `must be a string (got ${typeof v}); write numbers and booleans as strings, such as "8080" or "true"`);
  }
}

/**
 * A ConfigMap or Secret name is a DNS subdomain (up to 253 characters), but it is also
 * written as the app.kubernetes.io/name and instance labels, whose values stop at 63.
 *
 * @internal
 */
export function checkNameAsLabel(problems: Problems, name: string) {
  if (!problems.pattern('name', name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_TEXT)) return;
  if (name.length > 63) {
    problems.badValue('name', name, `must be at most 63 characters (it has ${name.length}): it is also written as the app.kubernetes.io/name label`);
  }
}
