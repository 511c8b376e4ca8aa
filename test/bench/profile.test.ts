// The profile section's numbers come from bench/profile.ts; this checks its arithmetic on a
// profile small enough to add up by hand.
import { CallFrame, CpuProfile, GC, LIB, NODE, OTHER, ProfileAnalysis, functionKey, meanOf, packageOf, relativeTo } from '../../bench/profile';

const frame = (functionName: string, url = '', lineNumber = 0): CallFrame => ({ functionName, url, lineNumber, columnNumber: 0 });
const REC = frame('rec', 'file:///app/lib/b.js', 4);

// root ─┬─ main (lib/a.js) ─┬─ rec ── rec ── JSON.stringify (a V8 builtin: no url)
//       │                   ├─ ApiObject.toJson (cdk8s) ── stringify (the yaml bundled in cdk8s)
//       │                   └─ readFileSync (node:fs)
//       ├─ (garbage collector)
//       └─ (program)
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 9] },
    { id: 2, callFrame: frame('main', 'file:///app/lib/a.js'), children: [3, 7, 10] },
    { id: 3, callFrame: REC, children: [4] },
    { id: 4, callFrame: REC, children: [5] },
    { id: 5, callFrame: frame('stringify') },
    { id: 6, callFrame: frame(GC) },
    { id: 7, callFrame: frame('toJson', 'file:///app/node_modules/cdk8s/lib/api-object.js', 108), children: [8] },
    { id: 8, callFrame: frame('stringify', 'file:///app/node_modules/cdk8s/node_modules/yaml/dist/stringify/stringify.js') },
    { id: 9, callFrame: frame('(program)') },
    { id: 10, callFrame: frame('readFileSync', 'node:fs') },
  ],
  startTime: 1000,
  // Timestamps 1000, 2000, 4000, 5000, 6000, 7000, 10000, 11000, 13000, 14000; end 16000: so
  // the samples last 1, 2, 1, 1, 1, 3, 1, 2, 1 and 2 ms.
  samples: [2, 3, 4, 5, 5, 6, 7, 8, 9, 10],
  timeDeltas: [0, 1000, 2000, 1000, 1000, 1000, 3000, 1000, 2000, 1000],
  endTime: 16000,
};

describe('bench profile analysis', () => {
  const a = new ProfileAnalysis(PROFILE, '/app/lib');

  test('each sample lasts until the next one, the last until endTime', () => {
    expect(a.totalMs).toBe(15);
  });

  test('self time by function; a builtin is charged to its caller only in the "with builtins" figure', () => {
    const byName = Object.fromEntries(a.functions().map(f => [`${f.frame.functionName} ${f.frame.url}`, [f.selfMs, f.selfWithBuiltinsMs]]));
    expect(byName).toEqual({
      'main file:///app/lib/a.js': [1, 1],
      'rec file:///app/lib/b.js': [3, 5], // two nodes of one function: 2 + 1, and the builtin's 2 below it
      'stringify ': [2, 0],
      [`${GC} `]: [3, 3],
      'toJson file:///app/node_modules/cdk8s/lib/api-object.js': [1, 1],
      'stringify file:///app/node_modules/cdk8s/node_modules/yaml/dist/stringify/stringify.js': [2, 2],
      '(program) ': [1, 1],
      'readFileSync node:fs': [2, 2],
    });
    expect(a.functions()[0].frame.functionName).toBe('rec'); // largest self time first (3 ms; GC also 3, listed after)
  });

  test('time by package: builtins count for their caller, bundled packages for themselves, all time accounted for', () => {
    const pkgs = Object.fromEntries(a.byPackage());
    expect(pkgs).toEqual({
      [LIB]: 1 + 3 + 2, 'cdk8s': 1, 'cdk8s-plus-28': 0, 'yaml': 2, 'constructs': 0, 'fast-json-patch': 0, [GC]: 3, [NODE]: 2, [OTHER]: 1,
    });
    expect(Object.values(pkgs).reduce((s, x) => s + x, 0)).toBe(a.totalMs);
    expect(Object.fromEntries(a.otherBreakdown())).toEqual({ '(program)': 1 });
  });

  test('inclusive time counts a recursive function once per stack', () => {
    const inc = a.inclusive(f => (f.url ? functionKey(f) : undefined));
    expect(inc.get(functionKey(REC))).toBe(2 + 1 + 2); // not 5 + 3
    expect(inc.get(functionKey(frame('main', 'file:///app/lib/a.js')))).toBe(11);
    expect(inc.get(functionKey(PROFILE.nodes[6].callFrame))).toBe(3);
  });

  test('a group of functions on one stack counts once too', () => {
    const inc = a.inclusive(f => (packageOf(f, '/app/lib') === LIB ? 'lib' : undefined));
    expect(inc.get('lib')).toBe(11); // main's subtree, not main + rec + rec
  });

  test('packages by path', () => {
    expect(packageOf(frame('f', 'file:///app/node_modules/cdk8s-plus-28/lib/pod.js'), '/app/lib')).toBe('cdk8s-plus-28');
    expect(packageOf(frame('f', 'file:///app/node_modules/constructs/lib/construct.js'), '/app/lib/')).toBe('constructs');
    expect(packageOf(frame('f', 'file:///app/node_modules/cdk8s/node_modules/fast-json-patch/index.js'), '/app/lib')).toBe('fast-json-patch');
    expect(packageOf(frame('f', 'file:///app/node_modules/@types/x/index.js'), '/app/lib')).toBe(OTHER);
    expect(packageOf(frame('f', 'file:///app/library/x.js'), '/app/lib')).toBe(OTHER);
    expect(packageOf(frame('f', 'file:///app/bench/.out/run.js'), '/app/lib')).toBe(OTHER);
    expect(relativeTo('file:///app/lib/pod/pod-template.js', '/app/lib')).toBe('pod/pod-template.js');
  });

  test('a profile with two roots, or samples and deltas of different lengths, is refused', () => {
    expect(() => new ProfileAnalysis({ ...PROFILE, nodes: [...PROFILE.nodes, { id: 11, callFrame: frame('x') }] }, '/app/lib')).toThrow('one root');
    expect(() => new ProfileAnalysis({ ...PROFILE, timeDeltas: [0] }, '/app/lib')).toThrow('differ in length');
  });

  test('the mean over runs counts a key missing from a run as 0, so means still add up', () => {
    const mean = meanOf([new Map([['a', 2], ['b', 4]]), new Map([['a', 4]])]);
    expect(Object.fromEntries(mean)).toEqual({ a: 3, b: 2 });
  });
});
