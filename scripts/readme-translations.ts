/**
 * Writes jsii-rosetta's translations of the README's TypeScript examples into the README.
 *
 * A block to fill is marked with a comment naming the language, right before its fence:
 *
 *     ```ts
 *     ...the TypeScript example...
 *     ```
 *     <!-- rosetta:python -->
 *     ```python
 *     (replaced by the translation of the closest TypeScript block above)
 *     ```
 *
 * A marker may instead name the TypeScript block it translates, so a translation can sit
 * in another section than its source: `<!-- rosetta:python example=worker -->` takes the
 * block that follows `<!-- example:worker -->`.
 *
 * The translations come from the tablet `jsii-rosetta extract --strict` writes
 * (.jsii.tabl.json), so only an example that compiled is ever shown in another language.
 * Languages: python, java, csharp, go. Run it as `npx projen readme-examples`, which
 * extracts first. With `--check`, it changes nothing and fails when the README is stale.
 */
import * as fs from 'fs';

const LANGUAGES = ['python', 'java', 'csharp', 'go'];
const MARKER = /^<!--\s*rosetta:(\w+)(?:\s+example=([\w-]+))?\s*-->\s*$/;
const NAME = /^<!--\s*example:([\w-]+)\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)(.*)$/;

interface Block { readonly lang: string; readonly info: string; readonly start: number; readonly end: number; readonly body: string }

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(fence)) j++;
    if (j >= lines.length) throw new Error(`README.md:${i + 1}: the code block is not closed`);
    out.push({ lang: open[3], info: open[4].trim(), start: i, end: j, body: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

/** TypeScript source (as rosetta saw it, i.e. the visible code) to its translations. */
function tablet(file: string): Map<string, Record<string, string>> {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`npx projen rosetta\` (jsii-rosetta extract --strict) first`);
  }
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const map = new Map<string, Record<string, string>>();
  for (const snippet of Object.values<any>(json.snippets ?? {})) {
    if (snippet.didCompile !== true) continue;
    const t: Record<string, string> = {};
    for (const [lang, tr] of Object.entries<any>(snippet.translations)) t[lang] = String(tr.source).trim();
    map.set(normalize(t.$), t);
  }
  return map;
}

const PYTHON_IMPORT = /^from\s+([\w.]+)\s+import\s+(.+)$/;

/**
 * rosetta writes the struct classes a Python translation needs on an import line of their
 * own before the example's imports, and once per use (`ResourceQuantities, ResourceQuantities`).
 * Merge the leading `from M import ...` lines: one line per module, each name once, sorted
 * (modules and names, as isort does), wrapped in parentheses past 100 characters.
 */
export function mergePythonImports(source: string): string {
  const lines = source.split('\n');
  const names = new Map<string, Set<string>>();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const m = PYTHON_IMPORT.exec(line);
    if (!m || m[2].includes('(')) break;
    const set = names.get(m[1]) ?? new Set<string>();
    m[2].split(',').map(n => n.trim()).filter(n => n !== '').forEach(n => set.add(n));
    names.set(m[1], set);
  }
  if (names.size === 0) return source;
  const imports = [...names.keys()].sort().map(module => {
    const list = [...names.get(module)!].sort();
    const line = `from ${module} import ${list.join(', ')}`;
    if (line.length <= 100) return line;
    return [`from ${module} import (`, ...list.map(n => `    ${n},`), ')'].join('\n');
  });
  return [...imports, '', '', ...lines.slice(i)].join('\n');
}

function normalize(source: string): string {
  return source.split('\n').map(l => l.trimEnd()).join('\n').trim();
}

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const [readme = 'README.md', tabletFile = '.jsii.tabl.json'] = args.filter(a => !a.startsWith('--'));
  const text = fs.readFileSync(readme, 'utf8');
  const lines = text.split('\n');
  const translations = tablet(tabletFile);
  const all = blocks(lines);

  // Replace from the bottom up so earlier line numbers stay valid.
  const edits: Array<{ start: number; end: number; lines: string[] }> = [];
  for (let k = 0; k < all.length; k++) {
    const b = all[k];
    const marker = b.start > 0 ? MARKER.exec(lines[b.start - 1]) : null;
    if (!marker) continue;
    const lang = marker[1];
    const where = `${readme}:${b.start}`;
    if (!LANGUAGES.includes(lang)) throw new Error(`${where}: rosetta:${lang} is not one of ${LANGUAGES.join(', ')}`);
    const isTs = (x: Block) => x.lang === 'ts' || x.lang === 'typescript';
    const named = marker[2];
    const source = named
      ? all.find(x => isTs(x) && x.start > 0 && NAME.exec(lines[x.start - 1])?.[1] === named)
      : all.slice(0, k).reverse().find(isTs);
    if (!source) {
      throw new Error(named
        ? `${where}: no TypeScript block after <!-- example:${named} -->`
        : `${where}: no TypeScript block above the rosetta:${lang} marker`);
    }
    const t = translations.get(normalize(source.body));
    if (!t) {
      throw new Error(`${where}: the TypeScript block at line ${source.start + 1} has no compiled translation in ${tabletFile}; `
        + 'run `npx projen rosetta` and fix the errors it reports (every README example must compile)');
    }
    const code = lang === 'python' ? mergePythonImports(t[lang]) : t[lang];
    edits.push({ start: b.start, end: b.end, lines: ['```' + lang, ...code.split('\n'), '```'] });
  }
  if (edits.length === 0) console.warn(`${readme}: no <!-- rosetta:LANGUAGE --> markers`);

  const out = [...lines];
  for (const e of edits.reverse()) out.splice(e.start, e.end - e.start + 1, ...e.lines);
  const result = out.join('\n');
  if (result === text) {
    console.log(`${readme}: ${edits.length} translated block(s) up to date`);
    return;
  }
  if (check) {
    console.error(`${readme}: translated examples are stale; run \`npx projen readme-examples\` and commit`);
    process.exit(1);
  }
  fs.writeFileSync(readme, result);
  console.log(`${readme}: wrote ${edits.length} translated block(s)`);
}

if (require.main === module) {
  try {
    main();
  } catch (e: any) {
    console.error(e.message);
    process.exit(1);
  }
}
