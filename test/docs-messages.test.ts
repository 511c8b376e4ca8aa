// The rules tables of the construct pages quote error messages; each quoted message must
// be one a test asserts (test/**/*.test.ts), so a page cannot show a message the library
// no longer gives. Rows are `| input | `message` |` under a "Rules and their messages"
// heading.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

function testSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testSources(p);
    return e.name.endsWith('.ts') ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

// As the messages read at run time: string-literal escapes undone.
const asserted = testSources(path.join(root, 'test')).join('\n')
  .replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

function quotedMessages(file: string): Array<{ where: string; message: string }> {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: Array<{ where: string; message: string }> = [];
  let inRules = false;
  lines.forEach((line, i) => {
    if (/^#+ /.test(line)) inRules = /^#+ Rules and their messages/.test(line);
    if (!inRules) return;
    const m = /^\| .* \| (`+) ?(.+?) ?\1 \|$/.exec(line);
    if (m) out.push({ where: `${path.relative(root, file)}:${i + 1}`, message: m[2].replace(/\\\|/g, '|') });
  });
  return out;
}

// A test may build a message from parts (a shared rule text after the field and value):
// then each "; "-separated part must be asserted.
function isAsserted(message: string): boolean {
  return asserted.includes(message) || message.split('; ').every(part => asserted.includes(part));
}

test('every message quoted in a rules table is asserted by a test', () => {
  const docs = path.join(root, 'docs');
  const quoted = fs.readdirSync(docs).filter(f => f.endsWith('.md')).sort()
    .flatMap(f => quotedMessages(path.join(docs, f)));
  expect(quoted.length).toBeGreaterThan(100);
  expect(quoted.filter(q => !isAsserted(q.message)).map(q => `${q.where}: ${q.message}`)).toEqual([]);
});
