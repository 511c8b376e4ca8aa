/**
 * Appends `value` to the list of `key`. Indexes built over a whole app use it: copying the
 * list on every append (`[...list, value]`) is quadratic for a key many objects share
 * (a label every workload carries, such as app.kubernetes.io/managed-by).
 *
 * @internal
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
