import { DNS_LABEL, DNS_LABEL_TEXT, LABEL_VALUE_TEXT, isDnsLabel, isLabelKey, isLabelValue, isRfc1035Label } from './formats';
import { Problems } from './validation';

/** The package that writes the `app.kubernetes.io/managed-by` label. @internal */
export const MANAGED_BY = 'cdk8s-workloads';

/**
 * Kubernetes' recommended labels for one app component. The selector uses only
 * `name` and `instance`: they come from the names the user gives, not from the
 * construct path, so moving or renaming a construct leaves the selector as it was.
 *
 * @internal
 */
export function recommendedLabels(o: { name: string; instance: string; component: string; partOf?: string; version?: string }) {
  const selector = {
    'app.kubernetes.io/name': o.name,
    'app.kubernetes.io/instance': o.instance,
  };
  const all: Record<string, string> = {
    ...selector,
    'app.kubernetes.io/component': o.component,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  if (o.partOf) all['app.kubernetes.io/part-of'] = o.partOf;
  if (o.version) all['app.kubernetes.io/version'] = o.version;
  return { selector, all };
}

/** Checks an object name and user labels/annotations. @internal */
export function checkMetadata(
  problems: Problems,
  o: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; field?: string },
) {
  const f = (x: string) => (o.field ? `${o.field}.${x}` : x);
  problems.pattern(f('name'), o.name, DNS_LABEL, DNS_LABEL_TEXT);
  checkLabels(problems, f('labels'), o.labels);
  checkAnnotationKeys(problems, f('annotations'), o.annotations);
}

/** Checks the keys of a map of annotations, and that each value is a string; `field` names the map. @internal */
export function checkAnnotationKeys(problems: Problems, field: string, annotations?: Record<string, string>) {
  for (const [k, v] of Object.entries(annotations ?? {})) {
    if (!isLabelKey(k)) problems.badValue(field, k, 'is not a valid annotation key ([prefix/]name)');
    else if (typeof v !== 'string') problems.badValue(`${field}[${JSON.stringify(k)}]`, v, 'must be a string: annotation values are text (write a number or a boolean in quotes)');
  }
}

/** Checks a map of labels; `field` names the map ("labels", "metrics.monitorLabels"). @internal */
export function checkLabels(problems: Problems, field: string, labels?: Record<string, string>) {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!isLabelKey(k)) problems.badValue(field, k, 'is not a valid label key ([prefix/]name, name at most 63 characters of letters, digits, "-", "_", ".")');
    else if (typeof v !== 'string' || !isLabelValue(v)) problems.badValue(`${field}[${JSON.stringify(k)}]`, v, 'must be a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit');
    else problems.yamlSafe(`${field}[${JSON.stringify(k)}]`, v);
  }
}

/**
 * Checks the props that become values of the recommended labels (`instance`, `partOf`,
 * `version`): each lands in a label, and `instance` in the selector too.
 *
 * @internal
 */
export function checkRecommendedLabelValues(problems: Problems, o: { instance?: string; partOf?: string; version?: string }) {
  const labelOf: Record<string, string> = { instance: 'instance', partOf: 'part-of', version: 'version' };
  for (const key of ['instance', 'partOf', 'version'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '' || !isLabelValue(v)) {
      problems.badValue(key, v, `must be ${LABEL_VALUE_TEXT.replace(' (or empty)', '')}, because it is written as the app.kubernetes.io/${labelOf[key]} label`);
    } else {
      problems.yamlSafe(key, v);
    }
  }
}

/**
 * A Service name must be an RFC 1035 label (start with a letter). `defaulted` says the
 * name was taken from the workload, so the message says how to choose another.
 *
 * @internal
 */
export function checkServiceName(problems: Problems, field: string, name: string, defaulted: boolean) {
  if (!isDnsLabel(name) || isRfc1035Label(name)) return; // a name that is not even a label is reported by checkMetadata
  problems.badValue(field, name, 'must start with a letter: a Service name is an RFC 1035 label',
    defaulted ? 'The Service is named after the app: rename the app, or set `service.name`' : undefined);
}
