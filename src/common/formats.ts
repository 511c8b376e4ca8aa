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
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 15 && /[a-z]/.test(name) && !name.includes('--');
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
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !DNS_SUBDOMAIN.test(parts[0])) return false;
  return LABEL_NAME.test(name);
}
export function isLabelValue(value: string): boolean {
  return value === '' || LABEL_NAME.test(value);
}
