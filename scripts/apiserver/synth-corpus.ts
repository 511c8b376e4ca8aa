/**
 * Synthesizes the API server corpus (test/apiserver-corpus) into YAML files for apply.ts:
 *
 * - every module but hostile.ts exports `build(app)`: one app, written to
 *   OUT/<module>.yaml. Its synth must succeed.
 * - hostile.ts exports `HOSTILE_CASES`, inputs the API server refuses. Each is one app of
 *   its own. The library must refuse it at synth with a message naming the construct
 *   path; when it does not yet, its YAML is written to OUT/hostile/<case>.yaml, where
 *   the server's rejection fails the check unless known-rejections.json lists it.
 *
 * Each object is also checked against its schema (test/support/manifests.ts) and the
 * result is printed, so the report shows what the server finds that the schema misses.
 *
 * Usage: synth-corpus.ts CORPUS_DIR OUT_DIR
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { validateManifest } from '../../test/support/manifests';

/** A hostile input: builds its charts into the app it is given. */
export interface HostileCase {
  /** What the input is, and which class of the issue it stands for. */
  readonly description: string;
  readonly build: (app: App) => void;
}

const [corpusDir, outDir] = process.argv.slice(2);
if (!corpusDir || !outDir) {
  console.error('usage: synth-corpus.ts CORPUS_DIR OUT_DIR');
  process.exit(2);
}

/** The problems the schema check finds in an app's objects, one line each. */
function schemaProblems(app: App): string[] {
  return app.charts.flatMap(c => c.toJson()).flatMap(obj => {
    const r = validateManifest(obj);
    return r.status === 'invalid' ? [`${obj.kind} ${obj.metadata?.name}: ${r.errors.join('; ')}`] : [];
  });
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, 'hostile'), { recursive: true });
const modules = fs.readdirSync(corpusDir).filter(f => f.endsWith('.ts')).sort();
let failed = false;
for (const file of modules) {
  const name = file.replace(/\.ts$/, '');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(corpusDir, file));
  if (name === 'hostile') continue;
  const app = Testing.app();
  try {
    mod.build(app);
    fs.writeFileSync(path.join(outDir, `${name}.yaml`), app.synthYaml());
  } catch (e: any) {
    console.error(`${corpusDir}/${file}: synth failed: ${e.message}`);
    failed = true;
    continue;
  }
  const problems = schemaProblems(app);
  console.log(`corpus ${name}: ${app.charts.flatMap(c => c.toJson()).length} objects -> ${outDir}/${name}.yaml${problems.length ? `; the schema check refuses:\n  ${problems.join('\n  ')}` : ''}`);
}

if (modules.includes('hostile.ts')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cases: Record<string, HostileCase> = require(path.resolve(corpusDir, 'hostile.ts')).HOSTILE_CASES;
  let refused = 0;
  const written: string[] = [];
  for (const [id, c] of Object.entries(cases)) {
    const app = Testing.app();
    let error: any;
    try {
      c.build(app);
      app.synthYaml();
    } catch (e) {
      error = e;
    }
    if (error) {
      const message = String(error.message ?? error);
      // The library's message names the construct path: `[chart/id] field: ...`.
      if (!/\[[^\]\s]+\]/.test(message)) {
        console.error(`hostile ${id} (${c.description}): synth failed without naming the construct path:\n  ${message}`);
        failed = true;
      } else {
        refused++;
        console.log(`hostile ${id}: refused at synth: ${message.split('\n').find(l => /\[[^\]\s]+\]/.test(l))?.trim()}`);
      }
      continue;
    }
    const problems = schemaProblems(app);
    fs.writeFileSync(path.join(outDir, 'hostile', `${id}.yaml`), app.synthYaml());
    written.push(id);
    console.log(`hostile ${id}: synthesized (${c.description}); schema check: ${problems.length ? `refuses: ${problems.join('; ')}` : 'accepts'}`);
  }
  console.log(`hostile cases: ${refused} refused at synth, ${written.length} synthesized for the API server to judge`);
}
if (failed) process.exit(1);
