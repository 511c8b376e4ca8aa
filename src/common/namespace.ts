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

/** The library workloads of an app, as they registered at construction (see below). */
interface RegisteredWorkload { readonly workload: IConstruct; readonly namespace?: string; readonly podLabels: () => Record<string, string> }
const WORKLOADS = new WeakMap<IConstruct, RegisteredWorkload[]>();

/**
 * The pods of the app's library workloads by each of their labels, with each workload's
 * own entry: built once per synth (see WholeApp) from the labels as they are then, so a
 * label added after an earlier synth counts.
 */
function indexPods(app: WholeApp, registered: readonly RegisteredWorkload[]) {
  const byLabel = new Map<string, SelectedPods[]>();
  const of = new Map<RegisteredWorkload, SelectedPods>();
  for (const r of registered) {
    if (r.workload.node.root !== app.root) continue; // removed from the tree since
    const pods: SelectedPods = { namespace: r.namespace, labels: r.podLabels() };
    of.set(r, pods);
    for (const [k, v] of Object.entries(pods.labels)) appendTo(byLabel, entryKey(k, v), pods);
  }
  return { byLabel, of };
}

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
 * library workload in its own namespace match too. The pods and the Services are indexed
 * once per synth, with the labels as they are then (labels can be added after construction).
 */
export function checkServicesSelectFromOwnNamespace(
  workload: IConstruct, podLabels: () => Record<string, string>, namespace: string | undefined,
): void {
  const root = workload.node.root;
  const registered = WORKLOADS.get(root) ?? [];
  WORKLOADS.set(root, registered);
  const mine: RegisteredWorkload = { workload, namespace, podLabels };
  registered.push(mine);
  const app = WholeApp.of(root);
  WholeApp.addValidation(workload, () => {
    const pods = app.result('pods-by-label', a => indexPods(a, registered));
    const me = pods.of.get(mine);
    if (!me) return [];
    const index = app.result('services-by-selector', indexServices);
    const out: string[] = [];
    for (const [k, v] of Object.entries(me.labels)) {
      for (const s of index.get(entryKey(k, v)) ?? []) {
        if (s.namespace === me.namespace || !selects(s.selector, me.labels)) continue;
        if ((pods.byLabel.get(firstEntry(s.selector)) ?? []).some(p => p.namespace === s.namespace && selects(s.selector, p.labels))) continue;
        out.push(`selector: the Service ${JSON.stringify(s.obj.name)} (at ${s.obj.node.path}) in ${showNamespace(s.namespace)} selects these pods, `
          + `which are in ${showNamespace(me.namespace)}: a Service selects only pods of its own namespace, so it would select nothing. Create both in the same namespace`);
      }
    }
    return out;
  });
}
