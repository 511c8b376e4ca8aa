/**
 * docs/languages.md shows each language's first app as short snippets; the consumer apps
 * under consumers/ (run by `npm run consumers`) prove them. A snippet marked
 * `<!-- lines of: FILE... -->` must consist of lines of those files: every non-blank line
 * is a line of one of them (indentation aside), and an import line imports only names those
 * files import from the same module.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'languages.md'), 'utf8');

interface Snippet { readonly files: string[]; readonly lines: string[]; readonly at: number }

function snippets(): Snippet[] {
  const out: Snippet[] = [];
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- lines of: (.+) -->$/.exec(lines[i]);
    if (!marker) continue;
    if (!/^```\w+$/.test(lines[i + 1] ?? '')) throw new Error(`docs/languages.md:${i + 1}: no code block after the marker`);
    const end = lines.indexOf('```', i + 2);
    out.push({ files: marker[1].trim().split(/\s+/), lines: lines.slice(i + 2, end), at: i + 3 });
  }
  return out;
}

// `from M import a, b` / `from M import (\n a,\n b,\n)` (Python), `import { a, b } from 'M';` (TypeScript).
const IMPORTS = [
  /^from\s+(\S+)\s+import\s+\(([^)]*)\)/gm,
  /^from\s+(\S+)\s+import\s+([^(\n]+)$/gm,
  /^import\s+\{([^}]*)\}\s+from\s+'([^']+)';/gm,
];

function imported(text: string): Set<string> {
  const names = new Set<string>();
  for (const re of IMPORTS) {
    for (const m of text.matchAll(re)) {
      const [module, list] = re === IMPORTS[2] ? [m[2], m[1]] : [m[1], m[2]];
      list.split(',').map(n => n.trim()).filter(n => n).forEach(n => names.add(`${module}:${n}`));
    }
  }
  return names;
}

function importLine(line: string): { module: string; names: string[] } | undefined {
  const py = /^from\s+(\S+)\s+import\s+([\w, ]+)$/.exec(line);
  if (py) return { module: py[1], names: py[2].split(',').map(n => n.trim()) };
  const ts = /^import\s+\{([^}]*)\}\s+from\s+'([^']+)';$/.exec(line);
  if (ts) return { module: ts[2], names: ts[1].split(',').map(n => n.trim()).filter(n => n) };
  return undefined;
}

describe('docs/languages.md snippets are lines of the consumer apps', () => {
  const all = snippets();

  test('the page has the snippets of every language', () => {
    const files = all.flatMap(s => s.files);
    for (const dir of ['examples/worker/', 'consumers/python/', 'consumers/java/', 'consumers/go/']) {
      expect(files.some(f => f.startsWith(dir))).toBe(true);
    }
  });

  test.each(all.map(s => [`line ${s.at} (${s.files.join(', ')})`, s] as const))('%s', (_name, snippet) => {
    const sources = snippet.files.map(f => fs.readFileSync(path.join(root, f), 'utf8'));
    const sourceLines = new Set(sources.flatMap(s => s.split('\n').map(l => l.trim())));
    const sourceImports = imported(sources.join('\n'));
    const missing: string[] = [];
    for (const line of snippet.lines.map(l => l.trim()).filter(l => l !== '')) {
      if (sourceLines.has(line)) continue;
      const imp = importLine(line);
      if (imp && imp.names.every(n => sourceImports.has(`${imp.module}:${n}`))) continue;
      missing.push(line);
    }
    expect(missing).toEqual([]);
  });
});
