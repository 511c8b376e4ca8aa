/**
 * The link from a consumption (an env var, an envFrom entry, a volume) back to the
 * ConfigMap or Secret created in this app that it reads. The shared pod-template code
 * uses it to check that consumed keys exist and to hash the consumed data.
 *
 * @internal
 */
export interface ConfigOrigin {
  /** "ConfigMap" or "Secret". */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /** The construct path of the object, for messages. */
  readonly path: string;
  /** The object's data, as plain text (never rendered outside the object itself). */
  readonly data: { readonly [key: string]: string };
}
