/**
 * Validates every YAML document under a folder against the upstream Kubernetes schema
 * (or its CRD's schema) and exits non-zero at the first invalid one, naming the file,
 * the object and the schema error.
 */
import * as fs from 'fs';
import { readYamlDocuments, validateManifest, yamlFiles } from '../test/support/manifests';

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error(`usage: validate-manifests <folder> (got ${JSON.stringify(dir)})`);
  process.exit(2);
}
const files = yamlFiles(dir);
if (files.length === 0) {
  console.error(`no YAML files under ${dir}`);
  process.exit(1);
}
let valid = 0;
let skipped = 0;
for (const file of files) {
  for (const obj of readYamlDocuments(file)) {
    const r = validateManifest(obj);
    const what = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name ?? '(no name)'}`;
    if (r.status === 'invalid') {
      console.error(`INVALID ${file}: ${what}\n  ${r.errors.join('\n  ')}`);
      process.exit(1);
    }
    if (r.status === 'skipped') {
      skipped++;
      console.warn(`skipped ${file}: ${what}: ${r.errors.join('; ')}`);
    } else {
      valid++;
    }
  }
}
console.log(`validated ${valid} objects in ${files.length} files under ${dir}${skipped ? `; ${skipped} skipped (no CRD schema here)` : ''}`);
