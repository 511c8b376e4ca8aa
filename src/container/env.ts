import type { ConfigOrigin } from './origin';

/**
 * Where an environment variable takes its value from, when it is not a literal.
 * One source per variable, by construction.
 */
export class EnvSource {
  /**
   * One key of a Secret (`valueFrom.secretKeyRef`).
   * @param secretName the Secret's name
   * @param key the key in the Secret
   * @param optional when true, the pod starts even if the Secret or key is missing
   */
  public static secretKey(secretName: string, key: string, optional?: boolean): EnvSource {
    return new EnvSource('secretKeyRef', { name: secretName, key, optional });
  }

  /**
   * One key of a ConfigMap (`valueFrom.configMapKeyRef`).
   * @param configMapName the ConfigMap's name
   * @param key the key in the ConfigMap
   * @param optional when true, the pod starts even if the ConfigMap or key is missing
   */
  public static configMapKey(configMapName: string, key: string, optional?: boolean): EnvSource {
    return new EnvSource('configMapKeyRef', { name: configMapName, key, optional });
  }

  /**
   * A field of the pod (`valueFrom.fieldRef`), such as `metadata.name`,
   * `metadata.namespace`, `metadata.labels['app']`, `spec.nodeName`, `status.podIP`.
   */
  public static fieldRef(fieldPath: string): EnvSource {
    return new EnvSource('fieldRef', { fieldPath });
  }

  /**
   * A resource request or limit of a container (`valueFrom.resourceFieldRef`), such as
   * `limits.cpu` or `requests.memory`.
   * @param resource the resource field
   * @param containerName the container whose resources are read; required outside that container's own env
   * @param divisor the unit the value is given in, such as "1m" or "1Mi"
   */
  public static resourceField(resource: string, containerName?: string, divisor?: string): EnvSource {
    return new EnvSource('resourceFieldRef', { resource, containerName, divisor });
  }

  /**
   * One key of a ConfigMap or Secret created in this app (see `ConfigMap.envValue`).
   * @internal
   */
  public static _fromOrigin(origin: ConfigOrigin, key: string, optional?: boolean): EnvSource {
    const kind = origin.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
    return new EnvSource(kind, { name: origin.name, key, optional }, origin);
  }

  /** The kind of source: `secretKeyRef`, `configMapKeyRef`, `fieldRef` or `resourceFieldRef`. */
  public readonly kind: string;
  /** The ConfigMap or Secret created in this app that this source reads, if any. @internal */
  public readonly _origin?: ConfigOrigin;
  private readonly reference: Record<string, unknown>;

  private constructor(kind: string, reference: Record<string, unknown>, origin?: ConfigOrigin) {
    this.kind = kind;
    this.reference = reference;
    this._origin = origin;
  }

  /** The object written under `valueFrom`. @internal */
  public _toKube(): Record<string, unknown> {
    return { [this.kind]: { ...this.reference } };
  }

  /** The referenced ConfigMap or Secret and key, for the checks that need them. @internal */
  public _ref(): { name?: string; key?: string; fieldPath?: string; resource?: string } {
    return this.reference as any;
  }
}

/**
 * An environment variable: a literal `value` or a `valueFrom` source, not both
 * (KubeVela's `env[]` shape).
 */
export interface EnvVar {
  /** The variable's name. */
  readonly name: string;
  /**
   * A literal value.
   * @default - none; give this or `valueFrom`, or neither for an empty string
   */
  readonly value?: string;
  /**
   * Where the value comes from.
   * @default - none; give this or `value`
   */
  readonly valueFrom?: EnvSource;
  /**
   * Allows a literal `value` for a variable whose name looks like a credential
   * (PASSWORD, TOKEN, SECRET, API_KEY ...). Without it such a literal is a synth error,
   * because the value would be written into the workload's manifest in plain text:
   * keep credentials in a Secret and use `valueFrom`. Set it only for values that are
   * not secret (a dummy token for a local test, the name of a Secret).
   * @default false
   */
  readonly allowLiteralCredential?: boolean;
}

/** All keys of a ConfigMap or Secret as environment variables (`envFrom`). */
export class EnvFromSource {
  /** Every key of a ConfigMap, optionally with a prefix. */
  public static configMap(configMapName: string, prefix?: string, optional?: boolean): EnvFromSource {
    return new EnvFromSource('configMapRef', configMapName, prefix, optional);
  }

  /** Every key of a Secret, optionally with a prefix. */
  public static secret(secretName: string, prefix?: string, optional?: boolean): EnvFromSource {
    return new EnvFromSource('secretRef', secretName, prefix, optional);
  }

  /**
   * Every key of a ConfigMap or Secret created in this app (see `ConfigMap.envFrom`).
   * @internal
   */
  public static _fromOrigin(origin: ConfigOrigin, prefix?: string, optional?: boolean): EnvFromSource {
    const kind = origin.kind === 'Secret' ? 'secretRef' : 'configMapRef';
    return new EnvFromSource(kind, origin.name, prefix, optional, origin);
  }

  private constructor(
    /** `configMapRef` or `secretRef`. */
    public readonly kind: string,
    /** The ConfigMap's or Secret's name. */
    public readonly sourceName: string,
    /** The prefix put before each key, if any. */
    public readonly prefix?: string,
    /** Whether the pod starts when the source is missing. */
    public readonly optional?: boolean,
    /** The ConfigMap or Secret created in this app that this source reads, if any. @internal */
    public readonly _origin?: ConfigOrigin,
  ) {}
}
