/**
 * A Python, Java, C# or Go program runs the library's compiled JavaScript (lib/) inside
 * the jsii runtime, and a JavaScript error reaches it as the error's `message` (Python
 * raises it as a `JSIIError`/`RuntimeError` with that text; the stack stays on the
 * JavaScript side). So the construct path and the field must be in `message` itself, not
 * in a stack, a `cause`, a log line or a property. This test runs the compiled lib/ in a
 * separate Node process, as the runtime does, and looks only at what such a host gets.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const lib = path.join(root, 'lib', 'index.js');

/** Newest modification time of the .ts files under a directory. */
function newest(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return Math.max(t, newest(p));
    return e.name.endsWith('.ts') ? Math.max(t, fs.statSync(p).mtimeMs) : t;
  }, 0);
}

// The program a jsii host effectively runs: build an app, synth, report the error as the
// runtime serializes it ({ name, message }: what crosses to the other language).
const program = `
const { App, Chart } = require('cdk8s');
const { HealthCheck, Worker } = require(${JSON.stringify(lib)});
const app = new App({ outdir: require('os').tmpdir() });
const chart = new Chart(app, 'shop');
new Worker(chart, 'mailer', { image: 'Mailer' });
new Worker(chart, 'indexer', {
  image: 'indexer:1.0',
  livenessProbe: HealthCheck.fromCommand(['true'], { successThreshold: 3 }),
});
try {
  app.synth();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (e) {
  process.stdout.write(JSON.stringify({ name: e.name, message: e.message }));
}
`;

describe('a synth error as a jsii host (Python, Java, C#, Go) sees it', () => {
  let error: { ok?: boolean; name?: string; message?: string };

  beforeAll(() => {
    if (!fs.existsSync(lib)) throw new Error('lib/ is missing: run `npx projen compile` first (this test runs the compiled library)');
    if (fs.statSync(lib).mtimeMs < newest(path.join(root, 'src'))) {
      throw new Error('lib/ is older than src/: run `npx projen compile` first (this test runs the compiled library)');
    }
    const run = spawnSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the consumer program failed:\n${run.stderr}`);
    error = JSON.parse(run.stdout);
  });

  test('synth fails', () => {
    expect(error.ok).toBeUndefined();
    expect(error.name).toBe('Error');
  });

  test('the message names the construct path and the field, with the bad value and what is allowed', () => {
    expect(error.message).toContain('\n  [shop/mailer] image: "Mailer" is not allowed; must be an image reference such as "busybox"');
  });

  test('one message carries every problem of the app, each with its own path', () => {
    expect(error.message).toContain(
      '\n  [shop/indexer] livenessProbe.successThreshold: 3 is not allowed; must be 1 for a liveness check (Kubernetes rejects anything else)');
    expect(error.message!.split('\n').filter(l => l.startsWith('  [shop/'))).toHaveLength(2);
  });
});
