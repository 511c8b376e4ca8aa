// Every TypeScript block of the construct pages (docs/*.md) type-checks against the
// library's source, as jsii-rosetta checks the README's: a page cannot show a prop that
// does not exist. Each block is compiled as its own module, with the same two names the
// README's rosetta fixture provides (a `chart`, and `dbPassword` standing for a value
// read from a secret store) unless the block declares them itself.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');
const docs = path.join(root, 'docs');

interface Snippet { readonly file: string; readonly line: number; readonly source: string }

function snippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const name of fs.readdirSync(docs).filter(f => f.endsWith('.md')).sort()) {
    const lines = fs.readFileSync(path.join(docs, name), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
      const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
      out.push({ file: `docs/${name}`, line: i + 1, source: lines.slice(i + 1, end).join('\n') });
      i = end;
    }
  }
  return out;
}

function fixture(source: string): string {
  const declared = (name: string) => new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(source);
  return [
    declared('chart') ? '' : 'declare const chart: import(\'cdk8s\').Chart;',
    declared('dbPassword') ? '' : 'declare const dbPassword: string;',
    'export {};',
  ].join(' ');
}

test('the construct pages have TypeScript examples, and every one compiles', () => {
  const all = snippets();
  expect(all.length).toBeGreaterThanOrEqual(7);

  const files = new Map(all.map((s, k) => [path.join(root, 'docs', `.snippet-${k}.ts`), s]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    baseUrl: root,
    paths: { 'cdk8s-workloads': ['src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const text = (file: string) => {
    const s = files.get(path.resolve(file));
    // The fixture goes on the snippet's first line, so reported lines stay the page's.
    return s ? `${fixture(s.source)} ${s.source}` : undefined;
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    const t = text(file);
    return t !== undefined ? ts.createSourceFile(file, t, language) : getSourceFile(file, language, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = file => files.has(path.resolve(file)) || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = file => text(file) ?? readFile(file);

  const program = ts.createProgram([...files.keys()], options, host);
  const errors = ts.getPreEmitDiagnostics(program)
    .filter(d => d.file && files.has(path.resolve(d.file.fileName)))
    .map(d => {
      const s = files.get(path.resolve(d.file!.fileName))!;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${s.file}:${s.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(errors).toEqual([]);
}, 120_000);
