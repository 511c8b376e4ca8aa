import * as path from 'path';
import { Testing } from 'cdk8s';
import { expectValidManifests } from './manifests';

/**
 * Builds examples/<name>/app.ts (which exports `build(app)`) the way its main.ts does,
 * and returns the YAML `cdk8s synth` would write plus the objects, after checking every
 * object against its schema.
 */
export function synthExample(name: string): { yaml: string; objects: any[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(__dirname, '..', '..', 'examples', name, 'app'));
  const app = Testing.app();
  mod.build(app);
  const yaml = app.synthYaml();
  const objects = app.charts.flatMap(c => c.toJson());
  expectValidManifests(objects);
  return { yaml, objects };
}
