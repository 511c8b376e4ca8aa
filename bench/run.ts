// The synth benchmark: `npm run bench` (see the README's Performance section).
//
// Each configuration (side x app mix x N) runs in a child process of its own, so its peak
// RSS (`process.resourceUsage().maxRSS`) is its own, and runs several times; the table
// shows medians. The parent first checks that both sides produce the same objects.
//
//   node bench/.out/run.js [--n 100,1000,5000] [--runs 3] [--cold-runs 3] [--skip-cold]
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App } from 'cdk8s';
import * as YAML from 'yaml';
import { INTENDED_DIFFERENCES, Layout, Mix, Side, buildApp, compareSides } from './workloads';

const ROOT = path.resolve(__dirname, '..', '..');
const MiB = 1024 * 1024;

interface RunConfig { side: Side; mix: Mix; n: number; layout: Layout; floor: boolean }
interface RunResult {
  side: Side;
  mix: Mix;
  n: number;
  layout: Layout;
  objects: number;
  /** Building the constructs plus `app.synth()` (validation, rendering, writing the YAML). */
  wallMs: number;
  constructMs: number;
  synthMs: number;
  /** CPU time (user + system) of the same span: less disturbed by other processes than wall time. */
  cpuMs: number;
  /** Peak RSS of the child, and its RSS once everything is imported (before building). */
  peakRssMiB: number;
  baselineRssMiB: number;
  /** The serialization floor on the same final objects (library side only). */
  jsonMs?: number;
  yamlMs?: number;
}

// ------------------------------------------------------------------------------------
// Child: one configuration
// ------------------------------------------------------------------------------------

function child(config: RunConfig): RunResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-workloads-bench-'));
  try {
    const baselineRssMiB = process.memoryUsage().rss / MiB;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const app = buildApp(config.side, config.mix, config.n, outdir, config.layout);
    const t1 = performance.now();
    app.synth();
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    // Read before anything else allocates: the high-water mark of the run itself.
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const result: RunResult = {
      ...config,
      objects: countObjects(app),
      wallMs: t2 - t0,
      constructMs: t1 - t0,
      synthMs: t2 - t1,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMiB,
      baselineRssMiB,
    };
    if (config.floor) {
      // The same final objects cdk8s wrote, serialized with nothing else to do.
      const objects = app.charts.flatMap(c => c.toJson());
      const j0 = performance.now();
      JSON.stringify(objects);
      const j1 = performance.now();
      // The options cdk8s's own Yaml.stringify uses.
      objects.map(o => YAML.stringify(o, { keepUndefined: true, lineWidth: 0 })).join('---\n');
      const j2 = performance.now();
      result.jsonMs = j1 - j0;
      result.yamlMs = j2 - j1;
    }
    return result;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function countObjects(app: App): number {
  return app.node.findAll().filter(c => c instanceof ApiObject).length;
}

// ------------------------------------------------------------------------------------
// Parent
// ------------------------------------------------------------------------------------

function runChild(config: RunConfig): RunResult {
  const out = execFileSync(process.execPath, [__filename, '--child', JSON.stringify(config)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * MiB, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function load(): string {
  return os.loadavg().map(l => l.toFixed(2)).join(' ');
}

/** Runs library and hand-written configurations interleaved, `runs` times each; medians. */
function measure(mix: Mix, n: number, runs: number, layout: Layout = 'one-chart') {
  const lib: RunResult[] = [];
  const hand: RunResult[] = [];
  for (let r = 0; r < runs; r++) {
    lib.push(runChild({ side: 'library', mix, n, layout, floor: true }));
    hand.push(runChild({ side: 'hand', mix, n, layout, floor: false }));
    process.stderr.write(`  ${mix} ${layout} N=${n} run ${r + 1}/${runs}: library ${lib[r].wallMs.toFixed(0)} ms (CPU ${lib[r].cpuMs.toFixed(0)}), hand-written ${hand[r].wallMs.toFixed(0)} ms (CPU ${hand[r].cpuMs.toFixed(0)}) (load ${load()})\n`);
  }
  const med = (rs: RunResult[], f: (r: RunResult) => number) => median(rs.map(f));
  return {
    mix,
    n,
    layout,
    objects: lib[0].objects,
    handObjects: hand[0].objects,
    libCpu: med(lib, r => r.cpuMs),
    handCpu: med(hand, r => r.cpuMs),
    libMs: med(lib, r => r.wallMs),
    libRss: med(lib, r => r.peakRssMiB),
    libConstructMs: med(lib, r => r.constructMs),
    libSynthMs: med(lib, r => r.synthMs),
    handMs: med(hand, r => r.wallMs),
    handRss: med(hand, r => r.peakRssMiB),
    handConstructMs: med(hand, r => r.constructMs),
    handSynthMs: med(hand, r => r.synthMs),
    baselineRss: med(lib, r => r.baselineRssMiB),
    jsonMs: med(lib, r => r.jsonMs!),
    yamlMs: med(lib, r => r.yamlMs!),
    spread: `${Math.min(...lib.map(r => r.wallMs)).toFixed(0)}-${Math.max(...lib.map(r => r.wallMs)).toFixed(0)} / ${Math.min(...hand.map(r => r.wallMs)).toFixed(0)}-${Math.max(...hand.map(r => r.wallMs)).toFixed(0)}`,
  };
}

/** Milliseconds from spawning `cmd` to its exit. */
function timeCommand(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed:\n${r.stdout}\n${r.stderr}`);
  return ms;
}

function coldStart(runs: number) {
  const rows: { what: string; ms: number; all: number[] }[] = [];
  const examples = fs.readdirSync(path.join(ROOT, 'examples'))
    .filter(d => fs.existsSync(path.join(ROOT, 'examples', d, 'cdk8s.yaml'))).sort();
  for (const name of examples) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-workloads-cold-'));
    const all: number[] = [];
    for (let r = 0; r < runs; r++) {
      all.push(timeCommand('npx', ['cdk8s', 'synth', '--check-upgrade', 'false', '--output', out], path.join(ROOT, 'examples', name)));
    }
    fs.rmSync(out, { recursive: true, force: true });
    rows.push({ what: `cdk8s synth examples/${name}`, ms: median(all), all });
  }
  // Import time, each in a fresh node: cdk8s + cdk8s-plus-28 alone, and the library
  // (which loads both). The difference is what the library adds.
  const imports: [string, string][] = [
    ['require cdk8s + cdk8s-plus-28', 'require("cdk8s"); require("cdk8s-plus-28")'],
    ['require cdk8s-workloads (loads both)', 'require("cdk8s-workloads")'],
  ];
  for (const [what, code] of imports) {
    const all: number[] = [];
    for (let r = 0; r < runs * 2; r++) {
      const script = `const t=process.hrtime.bigint(); ${code}; process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
      all.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
    }
    rows.push({ what, ms: median(all), all });
  }
  const ts = execFileSync(process.execPath, ['-e', `const t=performance.now(); require("${path.join(ROOT, 'node_modules', 'typescript')}"); process.stdout.write(String(performance.now()-t))`], { encoding: 'utf8' });
  rows.push({ what: 'require typescript (what ts-node loads first)', ms: Number(ts), all: [Number(ts)] });
  return rows;
}

function pad(s: string | number, w: number): string {
  return String(s).padStart(w);
}

function main() {
  const ns = arg('n', '100,1000,5000').split(',').map(Number);
  const runs = Number(arg('runs', '3'));
  const coldRuns = Number(arg('cold-runs', '3'));
  const libPkg = path.join(ROOT, 'lib', 'index.js');
  if (!fs.existsSync(libPkg)) throw new Error('lib/ is missing: run `npx projen compile` (the bench task does)');

  console.log(`machine: ${os.cpus().length} CPUs (nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`load average at start: ${load()}`);

  // 1. The two sides must produce the same objects, or the comparison is meaningless.
  const check = compareSides('mix', 30);
  if (check.differences.length > 0) {
    console.error(`The two sides differ beyond the intended differences:\n${check.differences.join('\n')}`);
    process.exit(1);
  }
  console.log(`\nsame objects: library and hand-written agree on all ${check.objects} objects of 30 mixed apps once these intended differences are removed:`);
  for (const d of INTENDED_DIFFERENCES) console.log(`  - ${d.what}: ${d.why}`);

  // 2. Throughput and memory.
  const rows = [];
  for (const n of ns) rows.push(measure('mix', n, runs));
  const bigWebApps = Math.max(...ns);
  rows.push(measure('webapp', bigWebApps, runs));
  // cdk8s's own scaling with one chart per app (see Layout): small N, it is quadratic.
  const perChart = arg('per-chart-n', '100,300').split(',').filter(x => x).map(Number);
  for (const n of perChart) rows.push(measure('mix', n, runs, 'chart-per-app'));

  console.log(`\nsynth of N apps in one App (layout: all in one chart, or one chart per app); mix = Worker, WebApp (Deployment+Service+Ingress+HPA), Worker+ServiceWithHealthchecks in turn; median of ${runs} runs, each in its own process`);
  console.log('time = constructing + app.synth() (validation, rendering, writing YAML); RSS = peak of the process; floor = the same final objects through JSON.stringify / yaml');
  const header = ['apps', 'layout', 'N', 'objects', 'library ms', 'lib RSS MiB', 'hand ms', 'hand RSS MiB', 'time ratio', 'RSS ratio', 'CPU ratio', 'JSON ms', 'yaml ms', 'lib/hand min-max ms'];
  const widths = [7, 14, 5, 8, 11, 12, 9, 13, 11, 10, 10, 8, 8, 22];
  console.log(header.map((h, i) => pad(h, widths[i])).join(' '));
  for (const r of rows) {
    console.log([
      r.mix, r.layout, r.n, r.objects, r.libMs.toFixed(0), r.libRss.toFixed(0), r.handMs.toFixed(0), r.handRss.toFixed(0),
      (r.libMs / r.handMs).toFixed(2), (r.libRss / r.handRss).toFixed(2), (r.libCpu / r.handCpu).toFixed(2),
      r.jsonMs.toFixed(0), r.yamlMs.toFixed(0), r.spread,
    ].map((c, i) => pad(c, widths[i])).join(' '));
  }
  console.log(`(RSS after imports, before building: ${rows[0].baselineRss.toFixed(0)} MiB)`);
  console.log('\nsplit (median ms): constructing / app.synth()');
  for (const r of rows) {
    console.log(`  ${r.mix} ${r.layout} N=${r.n}: library ${r.libConstructMs.toFixed(0)} / ${r.libSynthMs.toFixed(0)}, hand-written ${r.handConstructMs.toFixed(0)} / ${r.handSynthMs.toFixed(0)}`);
  }

  // 3. Goals.
  const mix = rows.filter(r => r.mix === 'mix' && r.layout === 'one-chart');
  const at = (n: number) => mix.find(r => r.n === n);
  const worstRatio = Math.max(...mix.map(r => r.libMs / r.handMs));
  console.log('\ngoals (one chart):');
  console.log(`  (CPU time ratio: ${mix.map(r => `N=${r.n} ${(r.libCpu / r.handCpu).toFixed(2)}`).join(', ')})`);
  console.log(`  library / hand-written <= 1.10 at every N: ${mix.map(r => `N=${r.n} ${(r.libMs / r.handMs).toFixed(2)}`).join(', ')}; worst ${worstRatio.toFixed(2)} -> ${worstRatio <= 1.10 ? 'met' : 'MISSED'}`);
  if (at(1000) && at(5000)) {
    const g = at(5000)!.libMs / at(1000)!.libMs;
    const gh = at(5000)!.handMs / at(1000)!.handMs;
    console.log(`  linear (5000 at most 5.5x 1000): library ${g.toFixed(2)}x, hand-written ${gh.toFixed(2)}x -> ${g <= 5.5 ? 'met' : 'MISSED'}`);
  }
  const web = rows.find(r => r.mix === 'webapp')!;
  console.log(`  ${web.n} WebApps under 1 GiB peak RSS: ${web.libRss.toFixed(0)} MiB -> ${web.libRss < 1024 ? 'met' : 'MISSED'}`);

  // 4. Cold start.
  if (!process.argv.includes('--skip-cold')) {
    console.log(`\ncold start (median of ${coldRuns} runs, from process start to exit, load ${load()}):`);
    const cold = coldStart(coldRuns);
    for (const c of cold) console.log(`  ${c.what.padEnd(48)} ${pad(c.ms.toFixed(0), 6)} ms   (runs: ${c.all.map(x => x.toFixed(0)).join(', ')})`);
    const worker = cold.find(c => c.what.endsWith('examples/worker'));
    if (worker) console.log(`  goal: worker example under 5 s cold: ${(worker.ms / 1000).toFixed(2)} s -> ${worker.ms < 5000 ? 'met' : 'MISSED'}`);
    const a = cold.find(c => c.what.startsWith('require cdk8s +'))!;
    const b = cold.find(c => c.what.startsWith('require cdk8s-workloads'))!;
    console.log(`  the library adds ${(b.ms - a.ms).toFixed(0)} ms of import time to cdk8s + cdk8s-plus-28's ${a.ms.toFixed(0)} ms`);
  }
  console.log(`\nload average at end: ${load()}`);
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(child(JSON.parse(process.argv[3])))}\n`);
} else {
  main();
}
