import { Chart } from 'cdk8s';
import { sharedReference, validateManifest } from '../support/manifests';
import { ofKind, synth } from '../support/synth';

export const CRD_FILE = 'deckhouse-servicewithhealthchecks-crd.yaml';

/** The Deckhouse CRD under ../shared, or undefined (with a visible warning) outside CI. */
export function deckhouseCrd(): string | undefined {
  const file = sharedReference(CRD_FILE);
  if (!file) {
    // eslint-disable-next-line no-console
    console.warn(`../shared/reference/${CRD_FILE} is missing: ServiceWithHealthchecks output is NOT validated against the Deckhouse CRD schema in this run`);
  }
  return file;
}

/**
 * Synthesizes the chart (every object schema-checked by `synth`) and returns its
 * ServiceWithHealthchecks objects, each checked once more to be "valid" (not merely
 * "skipped") against the CRD schema when the CRD is available.
 */
export function synthSwh(chart: Chart): { all: any[]; swh: any[] } {
  const all = synth(chart);
  const swh = ofKind(all, 'ServiceWithHealthchecks');
  if (sharedReference(CRD_FILE)) {
    for (const o of swh) expect(validateManifest(o)).toEqual({ status: 'valid', errors: [] });
  }
  return { all, swh };
}

/** The spec of the only ServiceWithHealthchecks of the chart. */
export function swhSpec(chart: Chart): any {
  const { swh } = synthSwh(chart);
  expect(swh).toHaveLength(1);
  return swh[0].spec;
}
