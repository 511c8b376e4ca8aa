/**
 * Installs the reference CRDs into the API server that start.sh runs, then applies every
 * document of every YAML file under the given folders with server-side dry-run and
 * strict field validation (see server-check.ts), and exits non-zero when the server
 * rejects anything or warns about anything that is not a documented opt-out, naming the
 * file, the object and the server's message.
 *
 * Usage: apply.ts --server STATE_DIR/server.json --crds DIR [--known FILE]
 *                 [--optional DIR]... DIR...
 *   --crds DIR      every CustomResourceDefinition in DIR's YAML files is installed first
 *   --known FILE    known-rejections.json: failures listed there are reported, not failed
 *   --optional DIR  applied when it exists (dist/property-manifests, written by the
 *                   property tests); a plain DIR must exist and hold YAML files
 */
import * as fs from 'fs';
import { ApiClient } from './client';
import { readKnownRejections, ServerCheck } from './server-check';
import { yamlFiles } from '../../test/support/manifests';

function usage(message: string): never {
  console.error(`apply.ts: ${message}\nusage: apply.ts --server server.json --crds DIR [--known FILE] [--optional DIR]... DIR...`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let server: string | undefined;
  let crds: string | undefined;
  let known: string | undefined;
  const dirs: { dir: string; optional: boolean }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i] ?? usage(`${a} needs a value`);
    if (a === '--server') server = value();
    else if (a === '--crds') crds = value();
    else if (a === '--known') known = value();
    else if (a === '--optional') dirs.push({ dir: value(), optional: true });
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else dirs.push({ dir: a, optional: false });
  }
  if (!server) usage('--server is required');
  if (!crds) usage('--crds is required');
  if (dirs.length === 0) usage('no folder to apply');

  const files: string[] = [];
  for (const { dir, optional } of dirs) {
    if (!fs.existsSync(dir)) {
      if (optional) {
        console.log(`(${dir} does not exist: nothing to apply from it)`);
        continue;
      }
      usage(`${dir} does not exist`);
    }
    const found = yamlFiles(dir);
    if (found.length === 0 && !optional) usage(`no YAML files under ${dir}`);
    files.push(...found);
  }

  const client = ApiClient.fromFile(server);
  const check = new ServerCheck(client);
  const started = Date.now();
  const crdNames = await check.installCrds(yamlFiles(crds));
  await check.discover();
  const crdTime = Date.now() - started;
  const report = await check.checkFiles(files, process.cwd(), known ? readKnownRejections(known) : []);
  client.close();
  const applyTime = Date.now() - started - crdTime;

  for (const o of report.optOuts) {
    console.log(`opt-out ${o.file}: ${o.object}: ${o.violation} [${o.prop}]`);
  }
  for (const { failure: f, entry } of report.known) {
    console.log(`known   ${f.file}: ${f.object}: ${f.message}\n          (known-rejections.json: ${entry.reason})`);
  }
  for (const s of report.stale) {
    console.log(`stale   known-rejections.json lists ${s.file}: ${s.object} ("${s.message}"), which the server no longer refuses: remove the entry`);
  }
  for (const f of report.failures) {
    console.error(`FAIL    ${f.file}: ${f.object}: ${f.message}`);
  }
  console.log(`kube-apiserver ${client.info.version}: ${crdNames.length} CRDs installed and Established in ${(crdTime / 1000).toFixed(1)} s; `
    + `${report.objects} objects of ${report.files} files applied (server-side dry-run, strict field validation) and `
    + `${report.pods} pod templates created as Pods in "restricted" namespaces in ${(applyTime / 1000).toFixed(1)} s: `
    + `${report.failures.length} failures, ${report.known.length} known rejections, ${report.optOuts.length} documented opt-outs`);
  if (report.failures.length) process.exit(1);
}

main().catch(e => {
  console.error(`apply.ts: ${e.stack ?? e}`);
  process.exit(1);
});
