import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkKeyedObject } from './common';
import { recommendedLabels } from '../common/labels';
import { Problems } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { yamlRoundTripProblems } from '../common/yaml';
import { EnvFromSource, EnvSource } from '../container/env';
import type { ConfigOrigin } from '../container/origin';
import { KeyedVolumeOptions, VolumeSource } from '../container/volume';

/** Props of a ConfigMap created by this app. */
export interface ConfigMapProps {
  /**
   * The ConfigMap's name: a lower-case RFC 1123 subdomain.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The configuration, key by key (a key is letters, digits, "-", "_" and "."; a whole
   * file such as `app.yaml` is one key).
   * @default - no keys
   */
  readonly data?: { [key: string]: string };
  /**
   * Marks the ConfigMap immutable: Kubernetes then rejects changes to it (and stops
   * watching it, which eases load on the API server).
   * @default false (not written)
   */
  readonly immutable?: boolean;
  /**
   * The `app.kubernetes.io/part-of` label: the application this configuration belongs to.
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
 * Plain (non-sensitive) configuration as a ConfigMap created by this app. Workloads
 * consume it through `envValue` (one key as one variable), `envFrom` (every key) or
 * `asVolume` (keys as files). A key that the ConfigMap does not have is a synth error,
 * and the pods of every consumer carry the hash of the data they read, so that changing
 * that data rolls exactly those pods.
 *
 * For a ConfigMap made elsewhere, use `EnvSource.configMapKey`,
 * `EnvFromSource.configMap` and `VolumeSource.configMap` with its name.
 *
 * @example
 * import { ConfigMap, Worker } from 'cdk8s-workloads';
 *
 * const settings = new ConfigMap(chart, 'settings', { data: { 'app.yaml': 'level: info\n' } });
 * new Worker(chart, 'worker', {
 *   image: 'app',
 *   volumes: [{ name: 'settings', mountPath: '/etc/app', source: settings.asVolume() }],
 * });
 */
export class ConfigMap extends Construct {
  /** The ConfigMap object. */
  public readonly apiObject: ApiObject;
  /** The ConfigMap's name. */
  public readonly name: string;
  /** Its keys, sorted. */
  public readonly keys: string[];
  private readonly origin: ConfigOrigin;

  constructor(scope: Construct, id: string, props: ConfigMapProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const data = { ...(props.data ?? {}) };
    this.keys = Object.keys(data).sort();
    this.origin = { kind: 'ConfigMap', name: this.name, path: this.node.path, data: Object.freeze({ ...data }), namespace: Chart.of(this).namespace };

    const problems = new Problems();
    checkKeyedObject(problems, { name: this.name, partOf: props.partOf, labels: props.labels, data });
    const labels = recommendedLabels({ name: this.name, instance: this.name, component: 'config', partOf: props.partOf });
    this.apiObject = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: this.name, labels: { ...props.labels, ...labels.all } },
      immutable: props.immutable || undefined,
      data: this.keys.length ? Object.fromEntries(this.keys.map(k => [k, data[k]])) : undefined,
    });
    const messages = problems.messages;
    WholeApp.addValidation(this, () => [...messages, ...yamlRoundTripProblems(this, problems.yamlValues)]);
  }

  /** One key as the value of an environment variable (`valueFrom.configMapKeyRef`). */
  public envValue(key: string): EnvSource {
    return EnvSource._fromOrigin(this.origin, key);
  }

  /**
   * Every key as an environment variable (`envFrom.configMapRef`).
   * @param prefix put before each key's name, such as "APP_"
   */
  public envFrom(prefix?: string): EnvFromSource {
    return EnvFromSource._fromOrigin(this.origin, prefix);
  }

  /** The keys as files: all of them, or `items` at chosen paths with chosen modes. */
  public asVolume(options: KeyedVolumeOptions = {}): VolumeSource {
    return VolumeSource._fromOrigin(this.origin, options);
  }
}
