import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { appendTo } from './collections';
import { WholeApp } from './whole-app';

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

/**
 * The plain Services of an app, indexed by the first entry of their selector and rebuilt
 * once per validation pass. A ServiceWithHealthchecks checks its own `workload` (and names
 * it), so it is not indexed here.
 */
interface SelectingService { readonly obj: ApiObject; readonly namespace?: string; readonly selector: Record<string, string> }
/** A library workload's pods, indexed by each of their labels. */
interface SelectedPods { readonly namespace?: string; readonly labels: Record<string, string> }
const entryKey = (k: string, v: string) => JSON.stringify([k, v]);
const firstEntry = (selector: Record<string, string>) => {
  const k = Object.keys(selector).sort()[0];
  return entryKey(k, selector[k]);
};
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

const PODS = new WeakMap<IConstruct, Map<string, SelectedPods[]>>();

/** The app's plain v1 Services by the first entry of their selector, once per synth (see WholeApp). */
function indexServices(app: WholeApp): Map<string, SelectingService[]> {
  const index = new Map<string, SelectingService[]>();
  for (const c of app.objects) {
    if (c.kind !== 'Service' || c.apiVersion !== 'v1') continue;
    const selector: Record<string, string> | undefined = (app.render(c) as any)?.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const key = firstEntry(selector);
    appendTo(index, key, { obj: c, namespace: c.metadata.namespace ?? Chart.of(c).namespace, selector });
  }
  return index;
}

/**
 * Registers the pods of a library workload, and checks at synth that no plain Service of
 * the app selects them from another namespace (where it selects nothing) unless pods of a
 * library workload in its own namespace match too. One walk of the app per validation
 * pass: the index is built by a validation on the root, which cdk8s runs first.
 */
export function checkServicesSelectFromOwnNamespace(
  workload: IConstruct, podLabels: () => Record<string, string>, namespace: string | undefined,
): void {
  const root = workload.node.root;
  const pods = PODS.get(root) ?? new Map<string, SelectedPods[]>();
  PODS.set(root, pods);
  const app = WholeApp.of(root);
  let mine: SelectedPods | undefined;
  const register = () => {
    if (mine) return mine;
    const registered: SelectedPods = { namespace, labels: podLabels() };
    for (const [k, v] of Object.entries(registered.labels)) appendTo(pods, entryKey(k, v), registered);
    mine = registered;
    return registered;
  };
  // Labels can still be added after construction: the pods are registered at the first validation.
  root.node.addValidation({
    validate: () => {
      register();
      return [];
    },
  });
  WholeApp.addValidation(workload, () => {
    const me = register();
    const index = app.result('services-by-selector', indexServices);
    const out: string[] = [];
    for (const [k, v] of Object.entries(me.labels)) {
      for (const s of index.get(entryKey(k, v)) ?? []) {
        if (s.namespace === me.namespace || !selects(s.selector, me.labels)) continue;
        if ((pods.get(firstEntry(s.selector)) ?? []).some(p => p.namespace === s.namespace && selects(s.selector, p.labels))) continue;
        out.push(`selector: the Service ${JSON.stringify(s.obj.name)} (at ${s.obj.node.path}) in ${showNamespace(s.namespace)} selects these pods, `
          + `which are in ${showNamespace(me.namespace)}: a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace`);
      }
    }
    return out;
  });
}
