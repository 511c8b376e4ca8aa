/**
 * The string formats Kubernetes (and the tools we follow) accept, as regular
 * expressions, with the words used for them in error messages.
 *
 * @internal
 */

/** RFC 1123 DNS label: what Kubernetes requires of most object names and port names' parent objects. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DNS_LABEL_TEXT = 'a lower-case RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit, at most 63 characters)';

/** RFC 1123 DNS subdomain: ConfigMap, Secret and PVC names. */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_SUBDOMAIN_TEXT = 'a lower-case RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)';

/** IANA_SVC_NAME: a container or service port name (at most 15 characters, a letter somewhere, no "--"). */
export function isPortName(name: string): boolean {
  return typeof name === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 15 && /[a-z]/.test(name) && !name.includes('--');
}
export const PORT_NAME_TEXT = 'an IANA service name: 1 to 15 lower-case letters, digits and "-", with at least one letter, no "--", not starting or ending with "-"';

/**
 * A Kubernetes resource quantity ("250m", "0.5", "512Mi", "1e3", "1.5Gi").
 * The grammar of k8s.io/apimachinery/pkg/api/resource.
 */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}
export const QUANTITY_TEXT = 'a Kubernetes quantity such as "250m", "0.5", "2", "512Mi" or "1Gi"';

/**
 * A container image reference as the distribution/reference grammar defines it:
 * [registry[:port]/]path[:tag][@digest]. Lower-case path components; a tag of at most
 * 128 characters; a digest as algorithm:hex.
 */
const IMAGE = new RegExp(
  '^' +
  '(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?/)?' + // registry
  '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*' + // first path component
  '(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*' + // more path components
  '(?::[\\w][\\w.-]{0,127})?' + // tag
  '(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?' + // digest
  '$',
);
export function isImageReference(value: string): boolean {
  return value.length <= 255 && IMAGE.test(value);
}
export const IMAGE_TEXT = 'an image reference such as "busybox", "nginx:1.27", "registry.example.com:5000/team/app:v1" or "app@sha256:<hex>" (lower-case repository path)';

/** An environment variable name as Kubernetes 1.28 validates it (C_IDENTIFIER-like, dots and dashes allowed). */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
export const ENV_NAME_TEXT = 'letters, digits, "_", "-" and ".", not starting with a digit';

/** An HTTP header field name: an RFC 7230 token. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const HTTP_TOKEN_TEXT = 'an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces or colons)';

/** Label keys and values (prefix/name, and value at most 63 characters). */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
export function isLabelKey(key: string): boolean {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !DNS_SUBDOMAIN.test(parts[0])) return false;
  return LABEL_NAME.test(name);
}
export function isLabelValue(value: string): boolean {
  return value === '' || (typeof value === 'string' && LABEL_NAME.test(value));
}

/** The largest value of a Kubernetes int32 field (replicas, probe timings, ports ...). */
export const INT32_MAX = 2147483647;

/** RFC 1123 label as a predicate (object names, volume and container names). */
export function isDnsLabel(value: unknown): boolean {
  return typeof value === 'string' && DNS_LABEL.test(value);
}

/** RFC 1123 subdomain as a predicate (ConfigMap, Secret and PVC names, references to them). */
export function isDnsSubdomain(value: unknown): boolean {
  return typeof value === 'string' && DNS_SUBDOMAIN.test(value);
}

/**
 * RFC 1035 label: what Kubernetes requires of a Service name (a DNS label that starts
 * with a letter, so that it never looks like an IP address or a number).
 */
export function isRfc1035Label(value: unknown): boolean {
  return typeof value === 'string' && /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value);
}
export const RFC1035_LABEL_TEXT = 'a lower-case RFC 1035 label (a-z, 0-9 and "-", starting with a letter, ending with a letter or digit, at most 63 characters)';

/** An environment variable name or envFrom prefix, as the API server's IsEnvVarName checks it. */
export function isEnvVarName(value: unknown): boolean {
  return typeof value === 'string' && ENV_NAME.test(value);
}

/** What a label value may be, in words. */
export const LABEL_VALUE_TEXT = 'a label value: at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit (or empty)';

/**
 * The fieldRef paths an environment variable may read, as the API server of Kubernetes
 * 1.28 allows them for env (validEnvDownwardAPIFieldPathExpressions), besides
 * `metadata.labels['<key>']` and `metadata.annotations['<key>']`.
 */
export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.podIP', 'status.podIPs',
];

/**
 * Why an env `fieldRef` path is refused, or undefined when the server accepts it. A
 * subscript is only for labels and annotations, and its key must be a label key (an
 * annotation key is compared in lower case, as the server does).
 */
export function fieldPathProblem(path: unknown): string | undefined {
  const allowed = `must be one of ${ENV_FIELD_PATHS.map(p => JSON.stringify(p)).join(', ')}, or metadata.labels['<key>'] / metadata.annotations['<key>']`;
  if (typeof path !== 'string' || path === '') return allowed;
  const m = /^([^[]+)\['(.*)'\]$/.exec(path);
  if (m) {
    const [, base, key] = m;
    if (base !== 'metadata.labels' && base !== 'metadata.annotations') return `${JSON.stringify(base)} takes no ['<key>'] subscript; only metadata.labels and metadata.annotations do`;
    const k = base === 'metadata.annotations' ? key.toLowerCase() : key;
    return isLabelKey(k) ? undefined : 'the key in [\'\'] must be a label key ([prefix/]name, name at most 63 characters of letters, digits, "-", "_", ".")';
  }
  return ENV_FIELD_PATHS.includes(path) ? undefined : allowed;
}

/** The resources a `resourceFieldRef` may read (validContainerResourceFieldPathExpressions, plus huge pages). */
export const RESOURCE_FIELD_NAMES: readonly string[] = [
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
];
const HUGEPAGES = /^(limits|requests)\.hugepages-.+$/;
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** Why a `resourceFieldRef` resource is refused, or undefined when the server accepts it. */
export function resourceFieldProblem(resource: unknown): string | undefined {
  if (typeof resource === 'string' && (RESOURCE_FIELD_NAMES.includes(resource) || HUGEPAGES.test(resource))) return undefined;
  return `must be one of ${RESOURCE_FIELD_NAMES.map(r => JSON.stringify(r)).join(', ')} (or limits./requests.hugepages-<size>)`;
}

/** Why a `resourceFieldRef` divisor is refused for its resource, or undefined when it is accepted. */
export function resourceDivisorProblem(resource: string, divisor: unknown): string | undefined {
  if (divisor === undefined) return undefined;
  const allowed = /\.cpu$/.test(resource) ? CPU_DIVISORS : BYTE_DIVISORS;
  if (typeof divisor === 'string' && allowed.includes(divisor)) return undefined;
  return `must be one of ${allowed.map(d => JSON.stringify(d)).join(', ')} for ${JSON.stringify(resource)}`;
}

const SUFFIX: Record<string, [bigint, number]> = {
  'n': [BigInt(1), -9],
  'u': [BigInt(1), -6],
  'm': [BigInt(1), -3],
  '': [BigInt(1), 0],
  'k': [BigInt(1), 3],
  'M': [BigInt(1), 6],
  'G': [BigInt(1), 9],
  'T': [BigInt(1), 12],
  'P': [BigInt(1), 15],
  'E': [BigInt(1), 18],
  'Ki': [BigInt(1024), 0],
  'Mi': [BigInt(1024) ** BigInt(2), 0],
  'Gi': [BigInt(1024) ** BigInt(3), 0],
  'Ti': [BigInt(1024) ** BigInt(4), 0],
  'Pi': [BigInt(1024) ** BigInt(5), 0],
  'Ei': [BigInt(1024) ** BigInt(6), 0],
};

/** A quantity as an exact decimal: mantissa × 10^exponent. */
function exactQuantity(q: string): { m: bigint; e: number } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|([numkMGTPE]i?|Ki))?$/.exec(q);
  if (!match || !isQuantity(q)) return undefined;
  const [, sign, whole, frac = '', exp, suffix = ''] = match;
  const s = SUFFIX[suffix];
  if (!s) return undefined;
  let m = BigInt(`${whole || '0'}${frac}` || '0') * s[0];
  if (sign === '-') m = -m;
  return { m, e: s[1] - frac.length + (exp ? Number.parseInt(exp.slice(1), 10) : 0) };
}

/** Whether a quantity is a whole number ("1Gi", "1e3"; not "250m" or "0.5"), as bytes must be. */
export function isWholeQuantity(q: string): boolean {
  const x = exactQuantity(q);
  if (!x) return false;
  return x.e >= 0 || x.m % (BigInt(10) ** BigInt(-x.e)) === BigInt(0);
}

/**
 * Compares two Kubernetes quantities exactly ("500m" < "1", "1Gi" > "1G"): negative,
 * zero or positive like a sort comparator, or undefined when either is not a quantity.
 */
export function compareQuantities(a: string, b: string): number | undefined {
  const x = exactQuantity(a);
  const y = exactQuantity(b);
  if (!x || !y) return undefined;
  const e = Math.min(x.e, y.e);
  const xm = x.m * BigInt(10) ** BigInt(x.e - e);
  const ym = y.m * BigInt(10) ** BigInt(y.e - e);
  return xm < ym ? -1 : xm > ym ? 1 : 0;
}
