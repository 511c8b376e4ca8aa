import { createHash } from 'crypto';
import { entryField } from './checks';
import type { ContainerSpec } from './pod-template';
import { Problems } from '../common/validation';
import type { ConfigOrigin } from '../container/origin';

/**
 * The pod annotation that carries the hash of the ConfigMap and Secret data a pod
 * consumes (Helm users add it by hand as `checksum/config`). When the consumed data
 * changes, the pod template changes, so `kubectl apply` rolls the pods.
 */
export const CONFIG_HASH_ANNOTATION = 'checksum/config';

/**
 * What a pod's containers read from ConfigMaps and Secrets created in this app: the
 * problems (a consumed key the object does not have) and the hash of exactly the data
 * read (undefined when the pod reads nothing created in this app).
 *
 * @internal
 */
export function configConsumption(containers: ContainerSpec[]): { problems: Problems; hash?: string } {
  const problems = new Problems();
  const consumed = new Map<string, string>();
  const take = (o: ConfigOrigin, key: string) => consumed.set(JSON.stringify([o.kind, o.name, key]), o.data[key]);
  const takeAll = (o: ConfigOrigin) => Object.keys(o.data).forEach(k => take(o, k));
  const takeKey = (field: string, o: ConfigOrigin, key: string) => {
    if (Object.prototype.hasOwnProperty.call(o.data, key)) {
      take(o, key);
      return;
    }
    const keys = Object.keys(o.data).sort().map(k => JSON.stringify(k));
    problems.badValue(field, key,
      `the ${o.kind} ${JSON.stringify(o.name)} (created at ${o.path}) has no such key (${keys.length ? `it has ${keys.join(', ')}` : 'it has no keys'})`,
      `Add the key to the ${o.kind} or consume a key it has`);
  };

  for (const c of containers) {
    (c.env ?? []).forEach((e, i) => {
      const origin = e.valueFrom?._origin;
      if (!origin) return;
      takeKey(`${entryField(c, 'env', i)}.valueFrom.${e.valueFrom!.kind}.key`, origin, e.valueFrom!._ref().key ?? '');
    });
    for (const e of c.envFrom ?? []) {
      if (e._origin) takeAll(e._origin);
    }
    (c.volumes ?? []).forEach((v, i) => {
      const origin = v.source._origin;
      if (!origin) return;
      const items: { key: string }[] | undefined = v.source._spec().items;
      if (!items) takeAll(origin);
      else items.forEach((it, j) => takeKey(`${entryField(c, 'volumes', i)}.${v.source.kind}.items[${j}].key`, origin, it.key));
    });
  }

  if (consumed.size === 0) return { problems };
  const material = [...consumed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { problems, hash: createHash('sha256').update(JSON.stringify(material)).digest('hex') };
}
