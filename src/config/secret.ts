import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkKeyedObject } from './common';
import { MIN_LEAK_SEARCH_LENGTH, leakedSecretValues, registerSecretValues } from './hygiene';
import { recommendedLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { yamlRoundTripProblems } from '../common/yaml';
import { EnvFromSource, EnvSource } from '../container/env';
import type { ConfigOrigin } from '../container/origin';
import { KeyedVolumeOptions, VolumeSource } from '../container/volume';

/** Props of a Secret created by this app. */
export interface SecretProps {
  /**
   * The Secret's name: a lower-case RFC 1123 subdomain.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The sensitive values, key by key, as plain text. They are written base64-encoded
   * under `data` (or as given under `stringData` with `writeStringData`). Base64 is an
   * encoding, not encryption: anyone who can read the manifest or the Secret can read
   * the values. Keep the source of these values out of version control (read them from
   * the environment or a secret store when the app is synthesized).
   * @default - no keys
   */
  readonly data?: { [key: string]: string };
  /**
   * Writes the values in plain text under `stringData` instead of base64 under `data`
   * (easier to review, no safer or less safe: base64 is not encryption).
   * @default false
   */
  readonly writeStringData?: boolean;
  /**
   * The Secret's type, such as "kubernetes.io/tls".
   * @default "Opaque"
   */
  readonly type?: string;
  /**
   * Marks the Secret immutable.
   * @default false (not written)
   */
  readonly immutable?: boolean;
  /**
   * The `app.kubernetes.io/part-of` label.
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * More labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Sensitive data as a Secret created by this app, consumed like `ConfigMap` through
 * `envValue`, `envFrom` or `asVolume`. Its values are written only into this Secret: a
 * value (of 6 characters or more) that also appears in any other object of the app,
 * other than a Secret, is a synth error. Consumers' pods carry a hash of the data they
 * read, so a changed value rolls them.
 *
 * For a Secret made elsewhere (by an operator, or by hand), use `EnvSource.secretKey`,
 * `EnvFromSource.secret` and `VolumeSource.secret` with its name.
 */
export class Secret extends Construct {
  /** The Secret object. */
  public readonly apiObject: ApiObject;
  /** The Secret's name. */
  public readonly name: string;
  /** Its keys, sorted. */
  public readonly keys: string[];
  private readonly origin: ConfigOrigin;

  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const data = { ...(props.data ?? {}) };
    this.keys = Object.keys(data).sort();
    this.origin = { kind: 'Secret', name: this.name, path: this.node.path, data: Object.freeze({ ...data }), namespace: Chart.of(this).namespace };

    const problems = new Problems();
    checkKeyedObject(problems, { name: this.name, partOf: props.partOf, labels: props.labels, data });
    if (props.type !== undefined && (typeof props.type !== 'string' || !/^[-._a-zA-Z0-9/]{1,253}$/.test(props.type))) {
      problems.badValue('type', props.type, 'must be a Secret type such as "Opaque" or "kubernetes.io/tls"');
    }
    checkSecretTypeKeys(problems, props.type, data);
    const labels = recommendedLabels({ name: this.name, instance: this.name, component: 'secret', partOf: props.partOf });
    const sorted = this.keys.map(k => [k, String(data[k])] as const);
    this.apiObject = new k8s.KubeSecret(this, 'Resource', {
      metadata: { name: this.name, labels: { ...props.labels, ...labels.all } },
      type: props.type ?? 'Opaque',
      immutable: props.immutable || undefined,
      data: !props.writeStringData && sorted.length ? Object.fromEntries(sorted.map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])) : undefined,
      stringData: props.writeStringData && sorted.length ? Object.fromEntries(sorted) : undefined,
    });

    registerSecretValues(this.apiObject, sorted.map(([, v]) => v));

    const messages = problems.messages;
    WholeApp.addValidation(this, () => {
      const leaks = leakedSecretValues(this);
      const out = [...messages, ...yamlRoundTripProblems(this, problems.yamlValues, true)];
      for (const [k, v] of sorted) {
        const where = leaks.get(v);
        if (where && v.length >= MIN_LEAK_SEARCH_LENGTH) {
          out.push(`data[${JSON.stringify(k)}]: the value of this key also appears outside the Secret, in ${where.join(', ')}; `
            + `a secret value must only be written into its Secret: consume it with \`secret.envValue(${JSON.stringify(k)})\`, \`envFrom()\` or \`asVolume()\``);
        }
      }
      return out;
    });
  }

  /** One key as the value of an environment variable (`valueFrom.secretKeyRef`). */
  public envValue(key: string): EnvSource {
    return EnvSource._fromOrigin(this.origin, key);
  }

  /**
   * Every key as an environment variable (`envFrom.secretRef`).
   * @param prefix put before each key's name, such as "DB_"
   */
  public envFrom(prefix?: string): EnvFromSource {
    return EnvFromSource._fromOrigin(this.origin, prefix);
  }

  /** The keys as files: all of them, or `items` at chosen paths with chosen modes. */
  public asVolume(options: KeyedVolumeOptions = {}): VolumeSource {
    return VolumeSource._fromOrigin(this.origin, options);
  }
}

/**
 * The keys the API server requires for the built-in Secret types (its ValidateSecret):
 * such a Secret without them is refused at apply.
 */
function checkSecretTypeKeys(problems: Problems, type: unknown, data: Record<string, unknown>): void {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const need = (keys: string[], all: boolean) => {
    if (all ? keys.every(has) : keys.some(has)) return;
    const list = keys.map(k => JSON.stringify(k)).join(all ? ' and ' : ' or ');
    problems.badValue('type', type, `needs the key${keys.length > 1 && all ? 's' : ''} ${list} in data: the API server refuses a ${type} Secret without ${all ? 'them' : 'one of them'}`, 'Add the key, or use type "Opaque"');
  };
  const json = (k: string) => {
    if (!has(k)) return need([k], true);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data[k]));
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.add(`data[${JSON.stringify(k)}]`, `must be a JSON object: the API server refuses a ${type} Secret whose ${JSON.stringify(k)} is not (the value is not shown here)`);
    }
  };
  switch (type) {
    case 'kubernetes.io/basic-auth': return need(['username', 'password'], false);
    case 'kubernetes.io/ssh-auth': return need(['ssh-privatekey'], true);
    case 'kubernetes.io/tls': return need(['tls.crt', 'tls.key'], true);
    case 'kubernetes.io/dockercfg': return json('.dockercfg');
    case 'kubernetes.io/dockerconfigjson': return json('.dockerconfigjson');
    case 'kubernetes.io/service-account-token':
      // It needs the kubernetes.io/service-account.name annotation, and the token controller fills it.
      problems.badValue('type', type, 'is not supported here: the API server requires the kubernetes.io/service-account.name annotation and the token controller writes the token', 'Create a ServiceAccount token Secret with cdk8s-plus or kubectl');
      return;
    default: return;
  }
}
