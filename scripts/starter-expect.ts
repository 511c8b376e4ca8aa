/**
 * Checks what the starter app's `cdk8s synth` wrote against the README: the block after
 * `<!-- starter:output -->` lists each file and, indented under it, each object as
 * `apiVersion Kind name`. Any difference (a missing, extra or renamed object) fails.
 *
 * Usage: starter-expect <the app's dist folder> [README.md]
 */
import * as fs from 'fs';
import * as path from 'path';
import { readYamlDocuments } from '../test/support/manifests';

const MARKER = '<!-- starter:output -->';

function expected(readme: string): string {
  const lines = fs.readFileSync(readme, 'utf8').split('\n');
  const at = lines.findIndex(l => l.trim() === MARKER);
  if (at < 0 || !/^```/.test(lines[at + 1] ?? '')) {
    throw new Error(`${readme}: no ${MARKER} line followed by a code block`);
  }
  const end = lines.findIndex((l, i) => i > at + 1 && /^```/.test(l));
  return lines.slice(at + 2, end).join('\n').trimEnd();
}

function actual(dist: string): string {
  const files = fs.readdirSync(dist).filter(f => /\.ya?ml$/.test(f)).sort();
  return files.flatMap(f => [
    `${path.basename(dist)}/${f}`,
    ...readYamlDocuments(path.join(dist, f)).map(o => `  ${o.apiVersion} ${o.kind} ${o.metadata?.name ?? '(no name)'}`),
  ]).join('\n');
}

const [dist, readme = 'README.md'] = process.argv.slice(2);
if (!dist || !fs.existsSync(dist)) {
  console.error(`usage: starter-expect <dist folder> [README.md] (got ${JSON.stringify(dist)})`);
  process.exit(2);
}
const want = expected(readme);
const got = actual(dist);
if (want !== got) {
  console.error(`The starter app wrote:\n${got}\n\nbut ${readme} (after ${MARKER}) says:\n${want}`);
  process.exit(1);
}
console.log(`starter output matches ${readme}:\n${got}`);
