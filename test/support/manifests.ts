/**
 * Validation of synthesized manifests, shared by the tests and by the example
 * pipeline (scripts/validate-manifests.ts):
 * - built-in kinds against the upstream Kubernetes OpenAPI schema (kubernetes-models),
 *   plus a walk for unknown fields (which kubernetes-models allows but `kubectl apply`
 *   rejects) over the attribute maps of @kubernetes/client-node's models;
 * - custom resources against their CRD's openAPIV3Schema (ajv), with unknown fields
 *   rejected the way the API server's strict field validation does.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as YAML from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const clientModels: Record<string, any> = require('@kubernetes/client-node/dist/gen/model/models.js');

/** ../shared, where the reference CRDs live; absent in a clone without it. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

/**
 * The path of a file in ../shared/reference, or undefined when ../shared is absent.
 * Under CI (CI=true) ../shared is always there, so its absence is an error.
 */
export function sharedReference(file: string): string | undefined {
  const p = path.join(SHARED_DIR, 'reference', file);
  if (fs.existsSync(p)) return p;
  if (process.env.CI === 'true') {
    throw new Error(`${p} is missing: under CI the ../shared folder must be beside the checkout`);
  }
  return undefined;
}

/** CRDs the library emits, by "apiVersion/kind", with the reference file that defines each. */
export const CRD_FILES: Record<string, string> = {
  'network.deckhouse.io/v1alpha1/ServiceWithHealthchecks': 'deckhouse-servicewithhealthchecks-crd.yaml',
  'autoscaling.alibabacloud.com/v1beta1/CronHorizontalPodAutoscaler': 'alibaba-cronhpa-crd.yaml',
  'keda.sh/v1alpha1/ScaledObject': 'keda.sh_scaledobjects.yaml',
  'monitoring.coreos.com/v1/ServiceMonitor': 'monitoring.coreos.com_servicemonitors.yaml',
  'monitoring.coreos.com/v1/PodMonitor': 'monitoring.coreos.com_podmonitors.yaml',
  'gateway.networking.k8s.io/v1/HTTPRoute': 'gateway.networking.k8s.io_httproutes.yaml',
};

export interface ValidationResult {
  /** "valid", "invalid", or "skipped" (a CRD schema that is not available here). */
  readonly status: 'valid' | 'invalid' | 'skipped';
  readonly errors: string[];
}

/** Validates one manifest object. */
export function validateManifest(obj: any): ValidationResult {
  if (!obj || typeof obj !== 'object') return { status: 'invalid', errors: ['not an object'] };
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return { status: 'invalid', errors: ['apiVersion and kind are required'] };
  }
  const gvk = `${apiVersion}/${kind}`;
  if (CRD_FILES[gvk]) return validateCustomResource(obj, CRD_FILES[gvk]);

  const Model = builtInModel(apiVersion, kind);
  if (!Model) return { status: 'invalid', errors: [`unknown built-in kind ${gvk}: no schema to validate it against`] };
  const errors: string[] = [];
  try {
    new Model(obj).validate();
  } catch (e: any) {
    errors.push(String(e.message ?? e));
  }
  const typeName = clientTypeName(apiVersion, kind);
  if (typeName) errors.push(...unknownFields(obj, typeName, ''));
  else errors.push(`no field map for ${gvk} to check for unknown fields`);
  return { status: errors.length ? 'invalid' : 'valid', errors };
}

/** Validates every object of a list and throws one error naming each invalid object. */
export function expectValidManifests(objs: any[]): void {
  const problems: string[] = [];
  for (const obj of objs) {
    const r = validateManifest(obj);
    if (r.status === 'invalid') problems.push(`${obj?.kind} ${obj?.metadata?.name}: ${r.errors.join('; ')}`);
  }
  if (problems.length) throw new Error(`invalid manifests:\n  ${problems.join('\n  ')}`);
}

/** The .yaml/.yml files under a folder, at any depth, sorted. */
export function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  }).sort();
}

/** Parses a multi-document YAML file into objects. */
export function readYamlDocuments(file: string): any[] {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const d of docs) if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
  return docs.map(d => d.toJSON()).filter(d => d !== null && d !== undefined);
}

function builtInModel(apiVersion: string, kind: string): any {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath)[kind];
  } catch {
    return undefined;
  }
}

/** "apps/v1" + "Deployment" -> "V1Deployment"; "autoscaling/v2" + "HorizontalPodAutoscaler" -> "V2HorizontalPodAutoscaler". */
function clientTypeName(apiVersion: string, kind: string): string | undefined {
  const version = apiVersion.split('/').pop()!;
  const name = version.charAt(0).toUpperCase() + version.slice(1) + kind;
  return clientModels[name] ? name : undefined;
}

/** Fields of `obj` that the type does not have, as JSON pointers. */
function unknownFields(value: any, type: string, at: string): string[] {
  if (value === null || value === undefined) return [];
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return Array.isArray(value) ? value.flatMap((v, i) => unknownFields(v, arr[1], `${at}/${i}`)) : [];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => unknownFields(v, map[1], `${at}/${k}`)) : [];
  const model = clientModels[type];
  if (!model || !model.attributeTypeMap || typeof value !== 'object' || Array.isArray(value)) return [];
  const attrs: { baseName: string; type: string }[] = model.attributeTypeMap;
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const attr = attrs.find(a => a.baseName === k);
    if (!attr) out.push(`unknown field ${at}/${k} (${type} has no such field)`);
    else out.push(...unknownFields(v, attr.type, `${at}/${k}`));
  }
  return out;
}

// The OpenAPI formats CRDs use, checked the way the API server does (int32 range, RFC 1123
// host names); without them ajv warns about every unknown format and checks nothing.
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  formats: {
    'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
    'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
    'hostname': /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/,
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  },
});
const crdValidators = new Map<string, any>();

function validateCustomResource(obj: any, crdFile: string): ValidationResult {
  const file = sharedReference(crdFile);
  if (!file) return { status: 'skipped', errors: [`${crdFile} is not available (../shared is absent)`] };
  let validate = crdValidators.get(`${file}#${obj.apiVersion}`);
  if (!validate) {
    const crd = readYamlDocuments(file).find(d => d.kind === 'CustomResourceDefinition');
    const version = obj.apiVersion.split('/')[1];
    const v = crd.spec.versions.find((x: any) => x.name === version);
    if (!v) return { status: 'invalid', errors: [`${crdFile} defines no version ${version}`] };
    validate = ajv.compile(strictSchema(dropNulls(v.schema.openAPIV3Schema)));
    crdValidators.set(`${file}#${obj.apiVersion}`, validate);
  }
  const errors: string[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as any).additionalProperty}"` : '';
      errors.push(`${e.instancePath || '/'} ${e.message}${extra}`);
    }
  }
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) errors.push(`/metadata/name ${JSON.stringify(name)} is not a valid object name`);
  return { status: errors.length ? 'invalid' : 'valid', errors };
}

/** A CRD's description keys may be null; ajv wants none. */
function dropNulls(v: any): any {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]));
  }
  return v;
}

/**
 * Structural schemas: an object with `properties` and neither `additionalProperties`
 * nor `x-kubernetes-preserve-unknown-fields` accepts no other fields under strict
 * field validation. metadata is left to the API server's own rules.
 */
function strictSchema(s: any, isRoot = true): any {
  if (Array.isArray(s)) return s.map(x => strictSchema(x, false));
  if (!s || typeof s !== 'object') return s;
  const out: any = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as any).map(([pk, pv]) =>
        [pk, isRoot && pk === 'metadata' ? { type: 'object' } : strictSchema(pv, false)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? strictSchema(v, false) : v;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as any[]).map(x => strictSchema(x, false));
    } else if (k.startsWith('x-kubernetes-')) {
      continue;
    } else {
      out[k] = v;
    }
  }
  if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return out;
}
