// The README's first app and templates/starter/ are the same files: CI installs and
// synthesizes the starter (scripts/starter-check.sh), so the README cannot drift from
// what works. Each README block follows a `<!-- starter:FILE -->` line.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const starter = path.join(root, 'templates', 'starter');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');

function readmeBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  readme.forEach((line, i) => {
    const m = /^<!--\s*starter:(\S+)\s*-->$/.exec(line.trim());
    if (!m || m[1] === 'output') return;
    expect(readme[i + 1]).toMatch(/^```/);
    const end = readme.findIndex((l, j) => j > i + 1 && /^```/.test(l));
    expect(end).toBeGreaterThan(i);
    expect(blocks.has(m[1])).toBe(false);
    blocks.set(m[1], readme.slice(i + 2, end).join('\n'));
  });
  return blocks;
}

test('every starter file is in the README, character for character', () => {
  const blocks = readmeBlocks();
  const files = fs.readdirSync(starter).sort();
  expect([...blocks.keys()].sort()).toEqual(files);
  for (const file of files) {
    expect({ file, text: blocks.get(file) }).toEqual({ file, text: fs.readFileSync(path.join(starter, file), 'utf8').trimEnd() });
  }
});

test('the starter pins TypeScript below 7 and runs synth without the upgrade check', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(starter, 'package.json'), 'utf8'));
  expect(pkg.devDependencies.typescript).toMatch(/^~?[1-6]\./);
  expect(pkg.scripts.synth).toBe('cdk8s synth --check-upgrade false');
  // It asks for the library's current minor release (0.MINOR while experimental).
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const [major, minor] = version.split('.');
  expect(pkg.dependencies['cdk8s-workloads']).toBe(`^${major}.${minor}.0`);
  // What the README's install line names is what the starter depends on.
  const install = readme.find(l => l.startsWith('npm install cdk8s-workloads'))!;
  expect(install.split(/\s+/).slice(2).sort()).toEqual(Object.keys(pkg.dependencies).sort());
});

test('the README shows the output the starter check expects', () => {
  const at = readme.findIndex(l => l.trim() === '<!-- starter:output -->');
  expect(at).toBeGreaterThan(0);
  expect(readme.slice(at + 1, at + 3)).toEqual(['```text', 'dist/hello.k8s.yaml']);
});
