import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { tryRender } from './json';

/**
 * What a whole-app check reads: every ApiObject of the app, and the results other checks
 * computed from them (by key), kept for one synth.
 *
 * A whole-app check (a Secret's value written into another object, a plain Service named
 * like a ServiceWithHealthchecks, a string kubectl would misread) run from each
 * construct's own validation would walk the whole app once per construct: quadratic in the
 * app's size, and worse, because cdk8s 2.70 validates the whole app once more for every
 * chart it renders. So every such check asks the index of its app instead, which walks the
 * tree once per validation pass (the same walk cdk8s itself makes) and computes each
 * check's results once per synth:
 *
 * - A validation on the root construct, which cdk8s runs first in every pass (it validates
 *   in pre-order), tells the first pass of a synth from the passes cdk8s runs after it
 *   within the same `app.synth()` / `app.synthYaml()` (one per chart, from `Chart.toJson`,
 *   once the first pass has succeeded, with only cdk8s's own code in between). A first
 *   pass drops everything computed before; a later pass keeps it unless a construct was
 *   added, removed or moved. So a synth after a failed one, or after any change, sees the
 *   app as it is then, even in the same turn.
 * - Once the synchronous synth is over (the next microtask), everything is dropped too.
 *
 * The checks need each object's final manifest, so they render every object (`toJson()`)
 * during validation; cdk8s then renders each object again for the output, right after the
 * validation pass that precedes it. That second render is the same work on the same
 * unchanged object, so the output takes the check's render instead (see `render`): each
 * object is rendered once per synth.
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

  /**
   * Adds a validation to `scope` whose messages are computed once per synth. cdk8s 2.70
   * validates the whole app once more for every chart it renders: with a chart per app,
   * N passes over N constructs' validations. The passes of one synth see the same app
   * (see the class doc), so the later ones take the first one's messages.
   */
  public static addValidation(scope: IConstruct, validate: () => string[]): void {
    // The function itself is the key of its messages among the app's results.
    scope.node.addValidation({ validate: () => WholeApp.of(scope).result(validate, validate) });
  }

  private constructs?: IConstruct[];
  private cachedObjects?: ApiObject[];
  private readonly results = new Map<string | object, unknown>();
  private readonly rendered = new Map<ApiObject, unknown>();
  /** Objects whose next `toJson()` from cdk8s's output may take their render (see `render`). */
  private readonly handedOver = new Set<ApiObject>();
  private dropQueued = false;

  private constructor(public readonly root: IConstruct) {
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
   * The result of the check named `key` (a name, or an object such as a validation
   * function), computed by `compute` at most once per synth (see the class doc for when it
   * is computed again).
   */
  public result<T>(key: string | object, compute: (app: WholeApp) => T): T {
    if (!this.constructs) this.list();
    if (!this.results.has(key)) this.results.set(key, compute(this));
    return this.results.get(key) as T;
  }

  /**
   * An object's manifest as JSON (undefined when it cannot render), rendered at most once
   * per synth however many whole-app checks read it.
   *
   * The render is also handed to the output: the object's next `toJson()` returns it, once,
   * if that call comes from cdk8s rendering a chart (`App._synthChart`, which cdk8s calls
   * right after a validation pass that succeeded) and nothing was dropped since. Any other
   * call (a user's own `toJson()`, a synth after a failed one) renders afresh. The checks
   * only read what they render, so what is written is exactly what `toJson()` returns.
   */
  public render(obj: ApiObject): unknown {
    if (!this.constructs) this.list();
    if (this.rendered.has(obj)) return this.rendered.get(obj);
    const json = tryRender(obj);
    this.rendered.set(obj, json);
    // An object with a toJson of its own instance (a jsii override from another language,
    // a test's spy) is left alone.
    if (json !== undefined && !Object.prototype.hasOwnProperty.call(obj, 'toJson')) {
      this.handedOver.add(obj);
      const index = this;
      Object.defineProperty(obj, 'toJson', {
        configurable: true,
        writable: true,
        enumerable: false,
        value: function sharedRender(this: ApiObject) {
          index.takeBack(obj);
          if (index.rendered.get(obj) === json && calledByCdk8sOutput()) return json;
          return this.toJson();
        },
      });
    }
    return json;
  }

  /** Removes the hand-over of `obj`'s render: its `toJson()` is its own again. */
  private takeBack(obj: ApiObject): void {
    if (this.handedOver.delete(obj)) delete (obj as { toJson?: unknown }).toJson;
  }

  /** Drops every result and render (and their hand-over to the output). */
  private drop(): void {
    this.results.clear();
    this.rendered.clear();
    this.cachedObjects = undefined;
    for (const obj of [...this.handedOver]) this.takeBack(obj);
  }

  /**
   * A new validation pass: the first of a synth starts afresh; a later one keeps this
   * synth's results only if the app is unchanged.
   */
  private startPass(): void {
    const previous = this.constructs;
    const now = this.list();
    if (!continuesASynth() || !previous || previous.length !== now.length || previous.some((c, i) => c !== now[i])) this.drop();
  }

  /** Lists the app's constructs (once per pass) and drops everything at the end of this turn. */
  private list(): IConstruct[] {
    this.constructs = this.root.node.findAll();
    if (!this.dropQueued) {
      this.dropQueued = true;
      queueMicrotask(() => {
        this.dropQueued = false;
        this.constructs = undefined;
        this.drop();
      });
    }
    return this.constructs;
  }
}

const INDEXES = new WeakMap<IConstruct, WholeApp>();

/** The `depth` innermost frames below the function that calls this one (from its caller on): file and function name. */
function callers(depth: number): { file: string; fn: string }[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites;
    Error.stackTraceLimit = depth + 1;
    Error.captureStackTrace(holder, callers);
    const sites = holder.stack;
    if (!Array.isArray(sites)) return [];
    return sites.slice(1).map((s: NodeJS.CallSite) => ({ file: (s.getFileName() ?? '').replace(/\\/g, '/'), fn: s.getFunctionName() ?? '' }));
  } catch {
    return [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

const CDK8S_APP = /\/cdk8s\/lib\/app\.js$/;
const CDK8S_CHART = /\/cdk8s\/lib\/chart\.js$/;

/**
 * Whether this validation pass is one cdk8s 2.70 runs inside `app.synth()` or
 * `app.synthYaml()` after that synth's own first pass succeeded: validate ← App._synthChart
 * ← Chart.toJson ← App.synth / App.synthYaml, all cdk8s's code. Anything else (the first
 * pass of a synth, `Testing.synth`, a stack that cannot be read) counts as a first pass.
 */
function continuesASynth(): boolean {
  // startPass ← the root's validation ← Node.validate ← cdk8s's validate ← _synthChart ← Chart.toJson ← App.synth
  const stack = callers(10);
  const at = stack.findIndex(s => s.fn === '_synthChart' && CDK8S_APP.test(s.file));
  return at >= 0 && at + 2 < stack.length
    && stack[at + 1].fn === 'toJson' && CDK8S_CHART.test(stack[at + 1].file)
    && (stack[at + 2].fn === 'synth' || stack[at + 2].fn === 'synthYaml') && CDK8S_APP.test(stack[at + 2].file);
}

/**
 * Whether `toJson()` was called by cdk8s 2.70 rendering a chart for its output:
 * `chartToKube(chart).map(obj => obj.toJson())` in App._synthChart, which runs right
 * after a validation pass of the app that succeeded.
 */
function calledByCdk8sOutput(): boolean {
  // sharedRender ← the map callback in app.js ← Array.map ← App._synthChart
  const stack = callers(4);
  return stack.length === 4 && CDK8S_APP.test(stack[1].file) && stack[3].fn === '_synthChart' && CDK8S_APP.test(stack[3].file);
}
