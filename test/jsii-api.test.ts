/**
 * Checks the public API as jsii exports it (the compiled `.jsii` assembly) for problems
 * that only show in the other languages, and that jsii itself lets through. It reads
 * whatever is in the assembly, so every construct added later is checked too.
 * (Reserved words are jsii's own warning; the compile task fails on any warning.)
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const assemblyFile = path.join(root, '.jsii');

function load(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function assembly(): any {
  if (!fs.existsSync(assemblyFile)) {
    throw new Error('.jsii is missing: run `npx projen compile` before this test');
  }
  return load(assemblyFile);
}

/** Every type of the library and of the jsii dependencies it extends (constructs, cdk8s ...). */
function allTypes(asm: any): Record<string, any> {
  const types: Record<string, any> = { ...asm.types };
  for (const dep of Object.keys(asm.dependencies ?? {})) {
    const file = path.join(path.dirname(require.resolve(`${dep}/package.json`, { paths: [root] })), '.jsii');
    if (fs.existsSync(file)) Object.assign(types, load(file).types ?? {});
  }
  return types;
}

/** Python spelling of a member name (what jsii-pacmak writes). */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

function capital(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

interface Member { readonly name: string; readonly kind: 'property' | 'method'; readonly owner: string; readonly static: boolean }

/** Own and inherited members (classes and interfaces). */
function members(types: Record<string, any>, fqn: string, seen = new Set<string>()): Member[] {
  const t = types[fqn];
  if (!t || seen.has(fqn)) return [];
  seen.add(fqn);
  const own: Member[] = [
    ...(t.properties ?? []).map((p: any) => ({ name: p.name, kind: 'property' as const, owner: fqn, static: !!p.static })),
    ...(t.methods ?? []).map((m: any) => ({ name: m.name, kind: 'method' as const, owner: fqn, static: !!m.static })),
  ];
  const bases: string[] = [...(t.base ? [t.base] : []), ...(t.interfaces ?? [])];
  const inherited = bases.flatMap(b => members(types, b, seen));
  // An override or a re-declared interface member is one member, not two.
  const names = new Set(own.map(m => `${m.kind}:${m.name}`));
  return [...own, ...inherited.filter(m => !names.has(`${m.kind}:${m.name}`))];
}

/** Every type reference in the library's public API, with where it is. */
function typeRefs(asm: any): Array<{ where: string; ref: any }> {
  const out: Array<{ where: string; ref: any }> = [];
  const visit = (where: string, ref: any): void => {
    if (!ref) return;
    out.push({ where, ref });
    if (ref.collection) visit(where, ref.collection.elementtype);
    if (ref.union) ref.union.types.forEach((u: any) => visit(where, u));
  };
  for (const [fqn, t] of Object.entries<any>(asm.types)) {
    for (const p of t.properties ?? []) visit(`${fqn}.${p.name}`, p.type);
    const callables = [...(t.initializer ? [{ ...t.initializer, name: '<initializer>' }] : []), ...(t.methods ?? [])];
    for (const m of callables) {
      if (m.returns) visit(`${fqn}.${m.name}() return`, m.returns.type);
      for (const p of m.parameters ?? []) visit(`${fqn}.${m.name}(${p.name})`, p.type);
    }
  }
  return out;
}

function structProperties(types: Record<string, any>, fqn: string): string[] {
  return members(types, fqn).filter(m => m.kind === 'property').map(m => m.name);
}

/** `any` or a union anywhere in the API. */
function looseTypes(asm: any): string[] {
  return typeRefs(asm)
    .filter(({ ref }) => ref.primitive === 'any' || ref.union)
    .map(({ where, ref }) => `${where}: ${ref.union ? 'a union' : 'any'}`);
}

/** Members whose names differ only in case or underscores. */
function caseClashes(asm: any, types: Record<string, any>): string[] {
  const clashes: string[] = [];
  for (const fqn of Object.keys(asm.types)) {
    const byGo = new Map<string, Member>();
    const byPython = new Map<string, Member>();
    for (const m of members(types, fqn)) {
      for (const [map, key] of [[byGo, capital(m.name)], [byPython, snake(m.name)]] as const) {
        const other = map.get(key);
        const pair = `${fqn}: ${other?.owner}.${other?.name} and ${m.owner}.${m.name}`;
        if (other && other.name !== m.name && !clashes.some(c => c.startsWith(`${pair} `))) clashes.push(`${pair} are both ${key}`);
        map.set(key, m);
      }
    }
  }
  return clashes;
}

/** Methods named like a property's getter or setter. */
function accessorClashes(asm: any, types: Record<string, any>): string[] {
  const clashes: string[] = [];
  for (const fqn of Object.keys(asm.types)) {
    const all = members(types, fqn);
    const props = all.filter(m => m.kind === 'property').map(m => m.name);
    for (const m of all.filter(x => x.kind === 'method')) {
      for (const p of props) {
        if (m.name === `get${capital(p)}` || m.name === `set${capital(p)}`) clashes.push(`${fqn}.${m.name} clashes with property ${p}`);
      }
    }
  }
  return clashes;
}

/** Members named like their type. */
function typeNameClashes(asm: any, types: Record<string, any>): string[] {
  return Object.entries<any>(asm.types).flatMap(([fqn, t]) => members(types, fqn)
    .filter(m => capital(m.name) === t.name)
    .map(m => `${fqn}.${m.name}`));
}

/** Props fields that collide with a positional parameter in Python. */
function keywordClashes(asm: any, types: Record<string, any>): string[] {
  const clashes: string[] = [];
  for (const [fqn, t] of Object.entries<any>(asm.types)) {
    const callables = [...(t.initializer ? [{ ...t.initializer, name: '<initializer>' }] : []), ...(t.methods ?? [])];
    for (const m of callables) {
      const params: any[] = m.parameters ?? [];
      const last = params[params.length - 1];
      const struct = last?.type?.fqn && types[last.type.fqn]?.datatype ? last.type.fqn : undefined;
      if (!struct) continue;
      const positional = new Set(params.slice(0, -1).map(p => snake(p.name)));
      for (const field of structProperties(types, struct)) {
        if (positional.has(snake(field))) clashes.push(`${fqn}.${m.name}: ${struct}.${field} and the parameter ${snake(field)}`);
      }
    }
  }
  return clashes;
}

// Keywords of each language (not its built-in names, which may be shadowed).
const KEYWORDS: Record<string, string[]> = {
  python: ('False None True and as assert async await break class continue def del elif else except finally for from '
    + 'global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
  java: ('abstract assert boolean break byte case catch char class const continue default do double else enum extends '
    + 'final finally float for goto if implements import instanceof int interface long native new package private '
    + 'protected public return short static strictfp super switch synchronized this throw throws transient try void '
    + 'volatile while true false null var record yield').split(' '),
  csharp: ('abstract as base bool break byte case catch char checked class const continue decimal default delegate do '
    + 'double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface '
    + 'internal is lock long namespace new null object operator out override params private protected public readonly '
    + 'ref return sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong '
    + 'unchecked unsafe ushort using virtual void volatile while').split(' '),
  go: ('break default func interface select case defer go map struct chan else goto package switch const fallthrough '
    + 'if range type continue for import return var').split(' '),
};

/**
 * Names that are a keyword in the spelling a language uses: Python snake-cases every
 * name; Java keeps method, parameter and props-builder names; C# and Go capitalize
 * members and keep parameter names.
 */
function reservedWords(asm: any): string[] {
  const found: string[] = [];
  const check = (where: string, name: string, languages: string[]): void => {
    for (const lang of languages) {
      const spelled = lang === 'python' ? snake(name) : name;
      if (KEYWORDS[lang].includes(spelled)) found.push(`${where}: "${spelled}" is a keyword in ${lang}`);
    }
  };
  for (const [fqn, t] of Object.entries<any>(asm.types)) {
    for (const p of t.properties ?? []) check(`${fqn}.${p.name}`, p.name, t.datatype ? ['python', 'java'] : ['python']);
    const callables = [...(t.initializer ? [{ ...t.initializer, name: '<initializer>' }] : []), ...(t.methods ?? [])];
    for (const m of callables) {
      if (m.name !== '<initializer>') check(`${fqn}.${m.name}()`, m.name, ['python', 'java']);
      for (const p of m.parameters ?? []) check(`${fqn}.${m.name}(${p.name})`, p.name, ['python', 'java', 'csharp', 'go']);
    }
  }
  return found;
}

const CHECKS = {
  'no name is a keyword in the spelling Python, Java, C# or Go gives it': reservedWords,
  'no `any` and no unions: every value has a type each language can express': looseTypes,
  'no two members differ only in case or underscores (Go and C# capitalize them, Python snake-cases them)': caseClashes,
  'no method is named like the getter or setter of a property (Java getX/setX, Go SetX)': accessorClashes,
  'no member is named like its type (C# forbids it)': typeNameClashes,
  'no props field collides with a positional parameter once Python flattens props into keyword arguments': keywordClashes,
};

describe('the public API works from Python, Java, C# and Go', () => {
  const asm = assembly();
  const types = allTypes(asm);

  test('the assembly has the library\'s types (so the checks see something)', () => {
    expect(Object.keys(asm.types)).toEqual(expect.arrayContaining(['cdk8s-workloads.Worker', 'cdk8s-workloads.HealthCheck']));
  });

  test.each(Object.entries(CHECKS))('%s', (_, check) => {
    expect(check(asm, types)).toEqual([]);
  });
});

describe('each check finds the problem it is for', () => {
  // A small made-up assembly with one problem of each kind.
  const str = { primitive: 'string' };
  const fake = {
    types: {
      'x.Props': { kind: 'interface', datatype: true, name: 'Props', properties: [{ name: 'id', type: str }] },
      'x.Thing': {
        kind: 'class',
        name: 'Thing',
        initializer: { parameters: [{ name: 'scope', type: str }, { name: 'id', type: str }, { name: 'props', type: { fqn: 'x.Props' } }] },
        properties: [{ name: 'value', type: { primitive: 'any' } }, { name: 'kind', type: str }, { name: 'thing', type: str }],
        methods: [{ name: 'Kind' }, { name: 'getValue' }, { name: 'either', parameters: [{ name: 'x', type: { union: { types: [str, { primitive: 'number' }] } } }] }],
      },
      'x.Snake': { kind: 'class', name: 'Snake', properties: [{ name: 'maxRetries', type: str }, { name: 'max_retries', type: str }] },
      'x.Words': {
        kind: 'class',
        name: 'Words',
        properties: [{ name: 'type', type: str }, { name: 'isGlobal', type: str }],
        methods: [{ name: 'of', parameters: [{ name: 'type', type: str }, { name: 'default', type: str }] }],
      },
    },
  };

  test.each([
    ['reservedWords', reservedWords, [
      'x.Words.of(type): "type" is a keyword in go',
      'x.Words.of(default): "default" is a keyword in java',
      'x.Words.of(default): "default" is a keyword in csharp',
      'x.Words.of(default): "default" is a keyword in go',
    ]],
    ['looseTypes', looseTypes, ['x.Thing.value: any', 'x.Thing.either(x): a union']],
    ['caseClashes', caseClashes, ['x.Thing: x.Thing.kind and x.Thing.Kind are both Kind', 'x.Snake: x.Snake.maxRetries and x.Snake.max_retries are both max_retries']],
    ['accessorClashes', accessorClashes, ['x.Thing.getValue clashes with property value']],
    ['typeNameClashes', typeNameClashes, ['x.Thing.thing']],
    ['keywordClashes', keywordClashes, ['x.Thing.<initializer>: x.Props.id and the parameter id']],
  ] as const)('%s', (_, check, expected) => {
    expect(check(fake, fake.types)).toEqual(expected);
  });
});
