import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/**
 * Cross-namespace references between constructs of this library. A Service selects
 * pods of its own namespace only, and a pod reads ConfigMaps and Secrets of its own
 * namespace only; no API server can see such a reference, so synth checks it.
 *
 * @internal
 */

/** How a namespace appears in a message. */
export function showNamespace(ns: string | undefined): string {
  return ns === undefined ? 'no namespace (the one kubectl applies to)' : `namespace ${JSON.stringify(ns)}`;
}

/**
 * The namespace of the objects a construct emits: its first ApiObject's own namespace,
 * else its chart's. Undefined for a value that is not a construct (a jsii host may pass
 * its own implementation of an interface), or for no namespace.
 */
export function namespaceOf(c: unknown): { known: boolean; namespace?: string } {
  if (!Construct.isConstruct(c)) return { known: false };
  const obj = c instanceof ApiObject ? c : (c as IConstruct).node.findAll().find((x): x is ApiObject => x instanceof ApiObject);
  const scope = obj ?? c;
  let chartNs: string | undefined;
  try {
    chartNs = Chart.of(scope).namespace;
  } catch {
    return { known: false }; // not inside a chart
  }
  return { known: true, namespace: obj?.metadata.namespace ?? chartNs };
}
