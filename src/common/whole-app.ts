import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { tryRender } from './json';

/**
 * What a whole-app check reads: every ApiObject of the app, and the results other checks
 * computed from them (by key), kept for one synth.
 *
 * A whole-app check (a Secret's value written into another object, a plain Service named
 * like a ServiceWithHealthchecks) run from each construct's own validation would walk the
 * whole app once per construct: quadratic in the app's size, and worse, because cdk8s 2.70
 * validates the whole app once more for every chart it renders. So every such check asks
 * the index of its app instead, which walks the tree once per validation pass (the same
 * walk cdk8s itself makes) and computes each check's results once per synth:
 *
 * - A validation on the root construct, which cdk8s runs first in every pass (it validates
 *   in pre-order), compares the app's constructs with those of the previous pass. If any
 *   was added, removed or moved, or the previous pass was in an earlier turn of the event
 *   loop, the results are dropped and computed again when first asked for.
 * - The passes of one `app.synth()` (one per chart, plus one) run in one synchronous turn
 *   with no user code between them, so they share the results: the secret check renders
 *   each object once per synth, not once per pass or per Secret.
 * - Once the synchronous synth is over (the next microtask), everything is dropped, so a
 *   later synth or `node.validate()` sees the app as it is then.
 *
 * One case reads older results: two synths in the same synchronous turn (say two
 * `Testing.synth` calls in a test with no `await` between them) with a change to an
 * existing object between them that adds or removes no construct. Such a change is seen
 * from the next turn on.
 *
 * @internal
 */
export class WholeApp {
  /** The index of the app `scope` belongs to. */
  public static of(scope: IConstruct): WholeApp {
    const root = scope.node.root;
    let index = INDEXES.get(root);
    if (!index) {
      index = new WholeApp(root);
      INDEXES.set(root, index);
    }
    return index;
  }

  private constructs?: IConstruct[];
  private cachedObjects?: ApiObject[];
  private readonly results = new Map<string, unknown>();
  private readonly rendered = new Map<ApiObject, unknown>();
  private dropQueued = false;

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({
      validate: () => {
        this.startPass();
        return [];
      },
    });
  }

  /** Every ApiObject of the app, in tree order. */
  public get objects(): ApiObject[] {
    if (!this.cachedObjects) {
      this.cachedObjects = (this.constructs ?? this.list()).filter((c): c is ApiObject => c instanceof ApiObject);
    }
    return this.cachedObjects;
  }

  /**
   * The result of the check named `key`, computed by `compute` at most once per synth
   * (see the class doc for when it is computed again).
   */
  public result<T>(key: string, compute: (app: WholeApp) => T): T {
    if (!this.constructs) this.list();
    if (!this.results.has(key)) this.results.set(key, compute(this));
    return this.results.get(key) as T;
  }

  /**
   * An object's manifest as JSON (undefined when it cannot render), rendered at most once
   * per synth however many whole-app checks read it.
   */
  public render(obj: ApiObject): unknown {
    if (!this.constructs) this.list();
    if (!this.rendered.has(obj)) this.rendered.set(obj, tryRender(obj));
    return this.rendered.get(obj);
  }

  /** A new validation pass: keep this synth's results only if the app is unchanged. */
  private startPass(): void {
    const previous = this.constructs;
    const now = this.list();
    if (!previous || previous.length !== now.length || previous.some((c, i) => c !== now[i])) {
      this.results.clear();
      this.rendered.clear();
      this.cachedObjects = undefined;
    }
  }

  /** Lists the app's constructs (once per pass) and drops everything at the end of this turn. */
  private list(): IConstruct[] {
    this.constructs = this.root.node.findAll();
    if (!this.dropQueued) {
      this.dropQueued = true;
      queueMicrotask(() => {
        this.dropQueued = false;
        this.constructs = undefined;
        this.cachedObjects = undefined;
        this.results.clear();
        this.rendered.clear();
      });
    }
    return this.constructs;
  }
}

const INDEXES = new WeakMap<IConstruct, WholeApp>();
