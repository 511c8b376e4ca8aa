// Reads a V8 CPU profile (the JSON of `node --cpu-prof`, or of the inspector's
// `Profiler.stop`: nodes, samples, timeDeltas) and answers what the bench's `profile`
// section prints: time by package, self time by function, and inclusive time of chosen
// functions, counted once per stack even when they recurse.

/** A V8 call frame. `lineNumber` and `columnNumber` are 0-based. */
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
  readonly scriptId?: string | number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
  readonly hitCount?: number;
}

/** A `.cpuprofile`: times in microseconds. */
export interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  /** The node id of the top of the stack at each sample. */
  readonly samples: number[];
  /** Each sample's time minus the previous one's (the first: minus startTime). */
  readonly timeDeltas: number[];
}

export const LIB = 'cdk8s-workloads (lib/)';
export const GC = '(garbage collector)';
export const NODE = 'node internals';
export const OTHER = 'other';
/** The packages the bench reports on, by their directory name under node_modules. */
export const PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'yaml', 'constructs', 'fast-json-patch'];
/** The rows of the by-package table, in order. */
export const PACKAGE_ROWS = [LIB, ...PACKAGES, GC, NODE, OTHER];

/** V8's pseudo-frames: not JavaScript, never attributed to a caller. */
const PSEUDO = new Set(['(root)', '(program)', '(idle)', GC]);

/** A frame of V8's own built-in code (JSON.stringify, Array.prototype.sort, a RegExp...): no script. */
function isBuiltin(f: CallFrame): boolean {
  return f.url === '' && !PSEUDO.has(f.functionName);
}

function pathOf(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
}

/**
 * The package a frame's code belongs to: the library's compiled lib/ (`libDir`), the
 * innermost `node_modules/<name>` of its path (so cdk8s's bundled yaml is yaml), node's
 * own modules, the collector, or other (V8's (program), the bench's own code, the rest).
 */
export function packageOf(f: CallFrame, libDir: string): string {
  if (f.functionName === GC && f.url === '') return GC;
  if (f.url.startsWith('node:')) return NODE;
  const p = pathOf(f.url);
  const lib = libDir.endsWith('/') ? libDir : `${libDir}/`;
  if (p.startsWith(lib)) return LIB;
  const i = p.lastIndexOf('/node_modules/');
  if (i >= 0) {
    const parts = p.slice(i + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (PACKAGES.includes(name)) return name;
  }
  return OTHER;
}

/** One function (name, script, position): its self time, and with the built-ins it calls directly. */
export interface FunctionTime {
  readonly key: string;
  readonly frame: CallFrame;
  readonly pkg: string;
  /** Samples whose top frame is this function. */
  readonly selfMs: number;
  /** The same, plus samples in V8 built-ins this function called (a builtin is charged to its nearest caller with a script). */
  readonly selfWithBuiltinsMs: number;
}

export function functionKey(f: CallFrame): string {
  return `${f.functionName}\u0000${f.url}\u0000${f.lineNumber}\u0000${f.columnNumber}`;
}

export class ProfileAnalysis {
  /** Milliseconds sampled at each node (the node is the top of the stack). */
  private readonly selfUs = new Map<number, number>();
  private readonly byId = new Map<number, ProfileNode>();
  private readonly parent = new Map<number, number>();
  private readonly root: ProfileNode;
  /** Total time the samples cover, in ms. */
  public readonly totalMs: number;

  constructor(profile: CpuProfile, private readonly libDir: string) {
    for (const n of profile.nodes) this.byId.set(n.id, n);
    for (const n of profile.nodes) for (const c of n.children ?? []) this.parent.set(c, n.id);
    const roots = profile.nodes.filter(n => !this.parent.has(n.id));
    if (roots.length !== 1) throw new Error(`a CPU profile has one root node, this one has ${roots.length}`);
    this.root = roots[0];
    if (profile.samples.length !== profile.timeDeltas.length) throw new Error('samples and timeDeltas differ in length');
    // Sample i covers the time from its timestamp to the next sample's (the last: to endTime),
    // as Chrome's DevTools count it. A negative gap (V8 reorders a few samples) counts as 0.
    const stamps: number[] = [];
    let t = profile.startTime;
    for (const d of profile.timeDeltas) {
      t += d;
      stamps.push(t);
    }
    let total = 0;
    profile.samples.forEach((id, i) => {
      const us = Math.max(0, (i + 1 < stamps.length ? stamps[i + 1] : profile.endTime) - stamps[i]);
      this.selfUs.set(id, (this.selfUs.get(id) ?? 0) + us);
      total += us;
    });
    this.totalMs = total / 1000;
  }

  /** The frame a node's time is charged to for packages: itself, or for a built-in its nearest caller with a script. */
  private chargedTo(id: number): ProfileNode {
    let n = this.byId.get(id)!;
    while (isBuiltin(n.callFrame) && this.parent.has(n.id)) n = this.byId.get(this.parent.get(n.id)!)!;
    return n;
  }

  /** Milliseconds by package (see `packageOf`); V8 built-ins count for the package of their caller. */
  public byPackage(): Map<string, number> {
    const out = new Map<string, number>(PACKAGE_ROWS.map(p => [p, 0]));
    for (const [id, us] of this.selfUs) {
      const pkg = packageOf(this.chargedTo(id).callFrame, this.libDir);
      out.set(pkg, (out.get(pkg) ?? 0) + us / 1000);
    }
    return out;
  }

  /** What `other` is made of: milliseconds by function name for pseudo-frames, else by script. */
  public otherBreakdown(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, us] of this.selfUs) {
      const f = this.chargedTo(id).callFrame;
      if (packageOf(f, this.libDir) !== OTHER) continue;
      const what = f.url === '' ? f.functionName : pathOf(f.url).replace(/^.*\/node_modules\//, 'node_modules/');
      out.set(what, (out.get(what) ?? 0) + us / 1000);
    }
    return out;
  }

  /** Self time of every function with samples, largest first. */
  public functions(): FunctionTime[] {
    const self = new Map<string, { frame: CallFrame; self: number; withBuiltins: number }>();
    const entry = (f: CallFrame) => {
      const key = functionKey(f);
      if (!self.has(key)) self.set(key, { frame: f, self: 0, withBuiltins: 0 });
      return self.get(key)!;
    };
    for (const [id, us] of this.selfUs) {
      entry(this.byId.get(id)!.callFrame).self += us;
      entry(this.chargedTo(id).callFrame).withBuiltins += us;
    }
    return [...self.entries()]
      .map(([key, e]) => ({
        key, frame: e.frame, pkg: packageOf(e.frame, this.libDir), selfMs: e.self / 1000, selfWithBuiltinsMs: e.withBuiltins / 1000,
      }))
      .sort((a, b) => b.selfMs - a.selfMs);
  }

  /**
   * Inclusive milliseconds of each group of frames: the time of every sample with a frame of
   * the group on its stack, counted once per sample however often the group is on the
   * stack (a recursive function, or two functions of one group calling each other).
   * `groupOf` names a frame's group, or undefined for none.
   */
  public inclusive(groupOf: (f: CallFrame) => string | undefined): Map<string, number> {
    // Subtree totals, then one walk from the root adding a node's subtree total to its group
    // only where no ancestor is in the same group (the outermost occurrence on each stack).
    const subtree = new Map<number, number>();
    const order: ProfileNode[] = [];
    const stack = [this.root];
    while (stack.length) {
      const n = stack.pop()!;
      order.push(n);
      for (const c of n.children ?? []) stack.push(this.byId.get(c)!);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      subtree.set(n.id, (this.selfUs.get(n.id) ?? 0) + (n.children ?? []).reduce((s, c) => s + subtree.get(c)!, 0));
    }
    const out = new Map<string, number>();
    const active = new Map<string, number>();
    // Iterative pre/post-order walk: enter increments the node's group, exit decrements it.
    const walk: { node: ProfileNode; exit: boolean }[] = [{ node: this.root, exit: false }];
    while (walk.length) {
      const { node, exit } = walk.pop()!;
      const group = groupOf(node.callFrame);
      if (exit) {
        if (group !== undefined) active.set(group, active.get(group)! - 1);
        continue;
      }
      if (group !== undefined) {
        if (!active.get(group)) out.set(group, (out.get(group) ?? 0) + subtree.get(node.id)! / 1000);
        active.set(group, (active.get(group) ?? 0) + 1);
      }
      walk.push({ node, exit: true });
      for (const c of node.children ?? []) walk.push({ node: this.byId.get(c)!, exit: false });
    }
    return out;
  }
}

/** A frame's script path relative to `dir` (with a trailing slash or not), or its path as is. */
export function relativeTo(url: string, dir: string): string {
  const p = pathOf(url);
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  return p.startsWith(d) ? p.slice(d.length) : p;
}

/**
 * The mean of each key over several runs' figures (a key missing from a run counts as 0
 * there), so the figures of one profile stay additive: the packages still add up to the
 * mean total.
 */
export function meanOf(runs: ReadonlyMap<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of runs) for (const [k, v] of run) out.set(k, (out.get(k) ?? 0) + v / runs.length);
  return out;
}
