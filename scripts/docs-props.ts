/**
 * Writes the prop tables of the construct pages in docs/ from the jsii assembly (.jsii),
 * so a page lists every prop with its type, its `@default` and its doc comment, and
 * cannot fall behind the code. A table to fill sits between two lines:
 *
 *     <!-- props:WorkerProps -->
 *     (replaced: one row per property, inherited ones included)
 *     <!-- /props -->
 *
 * A struct (props interface) lists its properties, required first; a class lists its
 * public instance properties (the children a user can reach). Run by `npx projen docgen`
 * after API.md, so CI's check that generated files are committed catches a stale page.
 *
 * Usage: docs-props [.jsii] [docs]
 */
import * as fs from 'fs';
import * as path from 'path';

const MODULE = 'cdk8s-workloads';
const OPEN = /^<!--\s*props:([\w.]+)\s*-->\s*$/;
const CLOSE = /^<!--\s*\/props\s*-->\s*$/;

interface Property {
  readonly name: string;
  readonly type: any;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly protected?: boolean;
  readonly docs?: { summary?: string; remarks?: string; default?: string; deprecated?: string };
  /** Added here: the type that declares it, when that is a base interface. */
  readonly declaredIn?: string;
}

const [assemblyFile = '.jsii', docsDir = 'docs'] = process.argv.slice(2);
const types: Record<string, any> = JSON.parse(fs.readFileSync(assemblyFile, 'utf8')).types;

function typeName(t: any): string {
  if (t.primitive) return t.primitive === 'any' ? 'any' : t.primitive;
  if (t.fqn) {
    const short = t.fqn.startsWith(`${MODULE}.`) ? t.fqn.slice(MODULE.length + 1) : t.fqn;
    return t.fqn.startsWith(`${MODULE}.`) ? `[${short}](../API.md#${t.fqn})` : short;
  }
  if (t.collection) {
    const element = typeName(t.collection.elementtype);
    return t.collection.kind === 'array' ? `${element}[]` : `map of ${element}`;
  }
  if (t.union) return t.union.types.map(typeName).join(' or ');
  return JSON.stringify(t);
}

/** The properties of a type, its base interfaces' included (jsii lists each only once, where declared). */
function properties(fqn: string, seen = new Set<string>()): Property[] {
  const type = types[fqn];
  if (!type || seen.has(fqn)) return [];
  seen.add(fqn);
  const own: Property[] = (type.properties ?? []).filter((p: Property) => !p.static && !p.protected);
  const inherited = (type.interfaces ?? []).flatMap((base: string) =>
    properties(base, seen).map(p => ({ ...p, declaredIn: p.declaredIn ?? base })));
  const names = new Set(own.map(p => p.name));
  return [...own, ...inherited.filter((p: Property) => !names.has(p.name))];
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function table(name: string, where: string): string[] {
  const fqn = `${MODULE}.${name}`;
  const type = types[fqn];
  if (!type) throw new Error(`${where}: ${name} is not a type of ${MODULE}`);
  const props = properties(fqn);
  if (type.kind === 'class') {
    return [
      '| property | type | what it is |',
      '|---|---|---|',
      ...props.sort((a, b) => a.name.localeCompare(b.name)).map(p =>
        `| \`${p.name}\`${p.optional ? ' (may be undefined)' : ''} | ${typeName(p.type)} | ${cell(describe(p))} |`),
    ];
  }
  const sorted = props.sort((a, b) => Number(!!a.optional) - Number(!!b.optional) || a.name.localeCompare(b.name));
  const bases = [...new Set(sorted.map(p => p.declaredIn).filter((b): b is string => !!b))];
  return [
    '| prop | type | default | what it is |',
    '|---|---|---|---|',
    ...sorted.map(p => {
      const dflt = p.optional ? cell((p.docs?.default ?? '').replace(/^-\s*/, '')) || 'none' : '**required**';
      const mark = p.declaredIn ? ' \u2020' : '';
      return `| \`${p.name}\`${mark} | ${typeName(p.type)} | ${dflt} | ${cell(describe(p))} |`;
    }),
    ...(bases.length ? ['', `\u2020 from ${bases.map(b => typeName({ fqn: b })).join(', ')}, shared with the other types that extend it.`] : []),
  ];
}

function describe(p: Property): string {
  const text = [p.docs?.summary, p.docs?.remarks].filter(Boolean).join(' ');
  return p.docs?.deprecated ? `Deprecated: ${p.docs.deprecated}. ${text}` : text;
}

let changed = 0;
let tables = 0;
for (const file of fs.readdirSync(docsDir).filter(f => f.endsWith('.md')).sort()) {
  const full = path.join(docsDir, file);
  const lines = fs.readFileSync(full, 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const open = OPEN.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && CLOSE.test(l));
    if (close < 0) throw new Error(`${full}:${i + 1}: <!-- props:${open[1]} --> has no <!-- /props --> after it`);
    out.push(...table(open[1], `${full}:${i + 1}`), lines[close]);
    tables++;
    i = close;
  }
  const text = out.join('\n');
  if (text !== lines.join('\n')) {
    fs.writeFileSync(full, text);
    changed++;
  }
}
console.log(`docs-props: ${tables} table(s) in ${docsDir}/, ${changed} file(s) rewritten`);
