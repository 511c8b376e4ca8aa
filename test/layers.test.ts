import * as fs from 'fs';
import * as path from 'path';

// The folders of src/ form layers: a folder imports only folders below it. This test
// builds the folder import graph from the sources and fails on any cycle, naming it.
const SRC = path.join(__dirname, '..', 'src');

/** The layer of each folder: a folder may import folders of a lower number only. */
const LAYER: Record<string, number> = {
  'imports': 0,
  'common': 0,
  'container': 1,
  'health': 2,
  'config': 2,
  'pod': 3,
  'service': 4,
  'monitoring': 4,
  'scaling': 4,
  'workload': 5,
  'worker': 6,
  'web-app': 6,
  'job-graph': 6,
  'service-with-healthchecks': 6,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The top folder of src/ a file belongs to ("" for a file directly in src/). */
function folderOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : '';
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (from === '') continue; // src/index.ts only re-exports
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.[^']*)'/g)) {
      const to = folderOf(path.resolve(path.dirname(file), m[1]));
      if (to !== from && to !== '') edges.add(to);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      const cycle = visit(m);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...graph.keys()].sort()) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the folders of src/ are layers', () => {
  test('the folder import graph has no cycle', () => {
    const cycle = findCycle(folderGraph());
    expect(cycle ? cycle.join(' -> ') : 'no cycle').toBe('no cycle');
  });

  test('the cycle finder reports a cycle when there is one', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });

  test('each folder imports only folders of a lower layer (docs/architecture.md)', () => {
    const upward: string[] = [];
    for (const [from, edges] of folderGraph()) {
      for (const to of edges) {
        if (!(from in LAYER) || !(to in LAYER)) upward.push(`${from} -> ${to}: add the folder to LAYER`);
        else if (LAYER[to] >= LAYER[from]) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
