/**
 * Runs every ContainerPilot configuration under a folder through JobGraph and prints,
 * per file, whether it compiled (with what each job became) or the synth errors.
 * For trying JobGraph on real configurations (such as a checkout of ContainerPilot's
 * own repository); not part of CI, and nothing it reads is committed.
 *
 *   ts-node --project scripts/tsconfig.json scripts/containerpilot-corpus.ts <folder>
 *     [--env NAME=value ...] [--native-sidecars] [--place-periodic] [--loop-one-shots] [--markdown]
 *
 * --env fills template values; --native-sidecars opts in to native sidecars;
 * --place-periodic lists every periodic job in `detachable` when a CronJob can run it
 * (restarts "unlimited" and a cron-expressible interval), else in `loopSidecars`;
 * --loop-one-shots lists in `loopSidecars` every one-shot job started at startup that no
 * job waits for and that has no port or health; --markdown also runs every ```json5 block
 * of the folder's .md files (named file.md#n; a block of top-level keys is read in braces).
 * A file holding only a list is read as the jobs (ContainerPilot's job test data).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as JSON5 from 'json5';
import { ContainerPilotConfig, JobGraph } from '../src';
import { cronFor } from '../src/job-graph/compile';
import { parseGoDuration } from '../src/job-graph/duration';
import { renderGoTemplate } from '../src/job-graph/go-template';

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' || e.name === 'node_modules' ? [] : filesUnder(p, ext);
    return ext.test(e.name) ? [p] : [];
  }).sort();
}

/** Each configuration as [name, text]: the .json5 files, and with --markdown the json5 blocks of .md files. */
function configs(dir: string, markdown: boolean): [string, string][] {
  const out: [string, string][] = filesUnder(dir, /\.json5$/).map(f => [path.relative(dir, f), fs.readFileSync(f, 'utf8')]);
  if (!markdown) return out;
  for (const f of filesUnder(dir, /\.md$/)) {
    const blocks = [...fs.readFileSync(f, 'utf8').matchAll(/```json5?\n([\s\S]*?)```/g)];
    // A block showing some top-level keys (`jobs: [...]`) is read inside braces.
    blocks.forEach((b, i) => out.push([`${path.relative(dir, f)}#${i + 1}`, /^\s*(\/\/[^\n]*\n\s*)*[{[]/.test(b[1]) ? b[1] : `{\n${b[1]}\n}`]));
  }
  return out;
}

const args = process.argv.slice(2);
const dir = args.find(a => !a.startsWith('--') && !a.includes('='));
if (!dir || !fs.existsSync(dir)) {
  console.error(`usage: containerpilot-corpus <folder> [--env NAME=value ...] [--native-sidecars] [--place-periodic] [--loop-one-shots] (got ${JSON.stringify(dir)})`);
  process.exit(2);
}
const env: Record<string, string> = {};
args.forEach((a, i) => {
  if (args[i - 1] === '--env') {
    const [k, ...v] = a.split('=');
    env[k] = v.join('=');
  }
});
const nativeSidecars = args.includes('--native-sidecars');
const placePeriodic = args.includes('--place-periodic');
const loopOneShots = args.includes('--loop-one-shots');

/** The periodic jobs of a file, split into CronJob-able and loop ones (best effort: only for placing them). */
function periodicJobs(text: string): { detachable: string[]; loopSidecars: string[] } {
  const out = { detachable: [] as string[], loopSidecars: [] as string[] };
  try {
    const doc = JSON5.parse(renderGoTemplate(text, env).output);
    const jobs: any[] = Array.isArray(doc) ? doc : Array.isArray(doc?.jobs) ? doc.jobs : [];
    const awaited = new Set(jobs.filter(j => j?.when?.once === 'exitSuccess').map(j => j.when.source));
    for (const j of jobs) {
      if (!j || typeof j.name !== 'string') continue;
      const stopped = jobs.some(w => w?.when?.source === j.name && w.when.once === 'stopping');
      const oneShot = j.exec !== undefined && (j.restarts === undefined || j.restarts === 'never') && j.port === undefined && j.health === undefined && !stopped
        && (j.when === undefined || j.when.once === 'startup') && !awaited.has(j.name);
      if (loopOneShots && oneShot) out.loopSidecars.push(j.name);
      if (!placePeriodic || j.when?.interval === undefined) continue;
      const ms = parseGoDuration(j.when.interval);
      const forever = j.restarts === undefined || j.restarts === 'unlimited';
      (forever && ms !== undefined && cronFor(ms) ? out.detachable : out.loopSidecars).push(j.name);
    }
  } catch {
    // the synth below reports what is wrong with the file
  }
  return out;
}

let compiled = 0;
const files = configs(dir, args.includes('--markdown'));
for (const [rel, text] of files) {
  const chart = new Chart(Testing.app(), 'corpus');
  const graph = new JobGraph(chart, 'g', {
    image: 'registry.example.com/app:1.0',
    config: ContainerPilotConfig.fromJson5(text, { variables: env, sourceName: rel }),
    nativeSidecars,
    ...(placePeriodic || loopOneShots ? periodicJobs(text) : {}),
  });
  try {
    const objs = Testing.synth(chart);
    compiled++;
    const pod = objs.find(o => o.kind === 'Deployment')?.spec.template.spec ?? {};
    const names = (cs: any[] | undefined) => (cs ?? []).map(c => c.name + (c.lifecycle?.preStop ? ' (preStop hook)' : '') + (c.restartPolicy ? ' (native sidecar)' : '')).join(', ');
    console.log(`COMPILED ${rel}`);
    console.log(`  init containers: ${names(pod.initContainers) || '-'}`);
    console.log(`  containers: ${names(pod.containers) || '-'}`);
    console.log(`  services: ${graph.services.map(s => s.name).join(', ') || '-'}; cron jobs: ${graph.cronJobs.map(c => c.name).join(', ') || '-'}; terminationGracePeriodSeconds: ${pod.terminationGracePeriodSeconds}`);
  } catch (e: any) {
    console.log(`REFUSED ${rel}`);
    for (const line of String(e.message).split('\n').filter(l => l.startsWith('[') || l.trim().startsWith('['))) console.log(`  ${line.trim()}`);
  }
}
console.log(`\n${compiled} of ${files.length} compiled`);
