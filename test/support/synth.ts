import { App, Chart, Testing } from 'cdk8s';
import { expectValidManifests } from './manifests';

/** A fresh app and chart for one test. */
export function newChart(): Chart {
  const app = Testing.app();
  return new Chart(app, 'test');
}

/**
 * Synthesizes a chart (running every validation, as `cdk8s synth` does) and checks each
 * object against its schema before a test looks at it.
 */
export function synth(chart: Chart): any[] {
  const objs = Testing.synth(chart);
  expectValidManifests(objs);
  return objs;
}

/** The objects of one kind. */
export function ofKind(objs: any[], kind: string): any[] {
  return objs.filter(o => o.kind === kind);
}

/** The synth error message, or a failure when synth succeeds. */
export function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e: any) {
    return String(e.message);
  }
  throw new Error('expected synth to fail, but it succeeded');
}

/** The YAML of a whole app, as `cdk8s synth` writes it. */
export function synthYaml(app: App): string {
  return app.synthYaml();
}
