/**
 * Applies manifests to a real kube-apiserver (start.sh) with server-side dry-run and
 * strict field validation, the way `kubectl apply --server-side --dry-run=server
 * --validate=strict -f FILE` does, and reports every rejection and every warning with the
 * file, the object and the server's message:
 *
 * - each YAML document is split out of its file the way kubectl's reader does and its text
 *   is sent as is (`application/apply-patch+yaml`), so the server's own YAML reader (the
 *   one kubectl uses) parses it, not the YAML library that wrote it;
 * - objects without a namespace go to a namespace of their file, objects with one to that
 *   namespace; every such namespace is created labelled Pod Security "restricted"
 *   (enforce and warn), with its `default` ServiceAccount (no controller-manager runs);
 * - the Pod of every pod template (Deployment, Job, CronJob, ...) is created with dry-run
 *   in that namespace, so "restricted" is enforced on it and the Pod's own admission runs;
 * - a Pod Security violation is accepted only when it is a documented opt-out of the
 *   library (DOCUMENTED_OPT_OUTS), and a rejection only when known-rejections.json lists it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ApiClient, errorMessage, Response } from './client';

const FIELD_MANAGER = 'cdk8s-workloads-check';

/** One document of a YAML file: its text as written, and the object as far as read here. */
export interface YamlDocument {
  readonly file: string;
  /** 1-based, counting every document of the file, empty ones too. */
  readonly index: number;
  readonly text: string;
  readonly obj: any;
}

/**
 * Splits a multi-document YAML text the way kubectl does (k8s.io/apimachinery's
 * YAMLReader): a line that starts with `---` followed only by white space ends a
 * document. The documents keep their text byte for byte.
 */
export function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---') && line.slice(3).trim() === '') {
      docs.push(current);
      current = '';
    } else {
      current += line;
    }
  }
  docs.push(current);
  return docs;
}

/**
 * The documents of a file that kubectl would send: documents that are empty, only
 * comments, or `null` are skipped, as kubectl skips them. Each is read with YAML 1.1
 * (the YAML of the server's reader) only to find its kind, name and namespace; the server
 * parses the text itself.
 */
export function readManifestFile(file: string): YamlDocument[] {
  const out: YamlDocument[] = [];
  splitYamlDocuments(fs.readFileSync(file, 'utf8')).forEach((text, i) => {
    let obj: any;
    try {
      obj = YAML.parse(text, { version: '1.1', uniqueKeys: false });
    } catch (e: any) {
      // The server gets the text anyway and gives its own error; nothing is read here.
      obj = { unreadable: String(e.message ?? e) };
    }
    if (obj === null || obj === undefined) return;
    out.push({ file, index: i + 1, text, obj });
  });
  return out;
}

/** One Pod Security check that failed: `reason (detail)`. */
export interface Violation {
  readonly reason: string;
  readonly detail: string;
}

/**
 * The violations listed after `PodSecurity "level:version": ` in a warning or a
 * rejection: `reason (detail), reason (detail), ...`. Details contain commas and quoted
 * names, so the list is split only at the top level.
 */
export function podSecurityViolations(message: string): Violation[] | undefined {
  const m = /(?:would violate|violates) PodSecurity "[^"]*": (.*)$/s.exec(message);
  if (!m) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  const text = m[1];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === ',' && text[i + 1] === ' ') {
      parts.push(current);
      current = '';
      i++;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map(p => {
    const d = /^([^(]*?) \((.*)\)$/s.exec(p.trim());
    return d ? { reason: d[1], detail: d[2] } : { reason: p.trim(), detail: '' };
  });
}

/** A Pod Security violation that a documented prop of the library asks for. */
export interface OptOutRule {
  readonly reason: string;
  /** The detail must match this; absent: any detail. */
  readonly detail?: RegExp;
  /** The prop that writes it, as documented in the README's "Security opt-outs". */
  readonly prop: string;
}

/**
 * The documented opt-outs that "restricted" refuses (README, "Security opt-outs").
 * Each matches only what the prop writes: `runAsNonRoot: false` written explicitly (an
 * unset runAsNonRoot is a bug, not an opt-out), and hostPath volumes only (an nfs volume
 * has no opt-out).
 */
export const DOCUMENTED_OPT_OUTS: OptOutRule[] = [
  { reason: 'runAsNonRoot != true', detail: /^[^;]* must not set securityContext\.runAsNonRoot=false$/, prop: 'security.runAsNonRoot: false' },
  { reason: 'hostPath volumes', prop: 'security.allowHostPath: true' },
  { reason: 'restricted volume types', detail: /^volumes? .* uses? restricted volume type "hostPath"$/, prop: 'security.allowHostPath: true' },
];

/** The opt-out rule a violation matches, if any. */
export function optOutFor(v: Violation): OptOutRule | undefined {
  return DOCUMENTED_OPT_OUTS.find(r => r.reason === v.reason && (!r.detail || r.detail.test(v.detail)));
}

/** A rejection or warning that fails the check. */
export interface Failure {
  /** The file, relative to the root given to the check. */
  readonly file: string;
  /** `Kind namespace/name`, or `Pod of Kind namespace/name` for a pod template. */
  readonly object: string;
  readonly message: string;
}

/** A documented opt-out found in a manifest: accepted, and listed in the report. */
export interface OptOutUse {
  readonly file: string;
  readonly object: string;
  readonly violation: string;
  readonly prop: string;
}

/** An entry of known-rejections.json: a failure the library has and the lead must fix. */
export interface KnownRejection {
  readonly file: string;
  readonly object: string;
  /** Text the server's message must contain. */
  readonly message: string;
  /** Why the server refuses it, and which rule of the library is missing. */
  readonly reason: string;
}

export interface CheckReport {
  readonly files: number;
  readonly objects: number;
  readonly pods: number;
  readonly failures: Failure[];
  readonly known: { failure: Failure; entry: KnownRejection }[];
  readonly stale: KnownRejection[];
  readonly optOuts: OptOutUse[];
}

/** A document, where it goes, and how the report names it (`Kind namespace/name`). */
interface Target {
  readonly doc: YamlDocument;
  readonly what: string;
  readonly ns: string | undefined;
  readonly url: string;
}

interface ResourceInfo {
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Kinds whose pod template becomes Pods, and where the template is. */
const POD_TEMPLATES: Record<string, string[]> = {
  'apps/v1/Deployment': ['spec', 'template'],
  'apps/v1/StatefulSet': ['spec', 'template'],
  'apps/v1/DaemonSet': ['spec', 'template'],
  'apps/v1/ReplicaSet': ['spec', 'template'],
  'v1/ReplicationController': ['spec', 'template'],
  'batch/v1/Job': ['spec', 'template'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

export class ServerCheck {
  private resources = new Map<string, ResourceInfo>();
  private readonly namespaces = new Set<string>();

  constructor(private readonly client: ApiClient) {}

  /**
   * Creates (for real) every CustomResourceDefinition in the files and waits until each
   * is Established and its versions are in discovery. Throws with the server's message when one is refused.
   */
  public async installCrds(files: string[], timeoutMs = 60_000): Promise<string[]> {
    const names: string[] = [];
    const served: string[] = [];
    for (const file of files) {
      for (const doc of readManifestFile(file)) {
        if (doc.obj.kind !== 'CustomResourceDefinition') continue;
        const name = doc.obj.metadata?.name;
        for (const v of doc.obj.spec?.versions ?? []) {
          if (v.served) served.push(`/apis/${doc.obj.spec.group}/${v.name}#${doc.obj.spec.names?.plural}`);
        }
        const r = await this.apply(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`, doc.text, false);
        if (r.status >= 300) throw new Error(`${file}: CustomResourceDefinition ${name}: ${errorMessage(r)}`);
        if (r.warnings.length) throw new Error(`${file}: CustomResourceDefinition ${name}: ${r.warnings.join('; ')}`);
        names.push(name);
      }
    }
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      for (;;) {
        const r = await this.client.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
        const conds: any[] = r.body?.status?.conditions ?? [];
        const established = conds.find(c => c.type === 'Established');
        if (established?.status === 'True') break;
        const refused = conds.find(c => c.type === 'NamesAccepted' && c.status === 'False');
        if (refused) throw new Error(`CustomResourceDefinition ${name}: ${refused.message}`);
        if (Date.now() > deadline) throw new Error(`CustomResourceDefinition ${name} is not Established after ${timeoutMs / 1000} s: ${JSON.stringify(conds)}`);
        await sleep(200);
      }
    }
    // Established comes a moment before discovery serves the new versions.
    for (const entry of served) {
      const [url, plural] = entry.split('#');
      for (;;) {
        const r = await this.client.request('GET', url);
        if (r.status === 200 && (r.body?.resources ?? []).some((x: any) => x.name === plural)) break;
        if (Date.now() > deadline) throw new Error(`${url} does not serve ${plural} after ${timeoutMs / 1000} s`);
        await sleep(200);
      }
    }
    return names;
  }

  /** Reads the server's discovery: which resource and scope each apiVersion/kind has. */
  public async discover(): Promise<void> {
    const groupVersions: string[] = [];
    const core = await this.get('/api');
    groupVersions.push(...(core.versions as string[]));
    const groups = await this.get('/apis');
    for (const g of groups.groups) for (const v of g.versions) groupVersions.push(v.groupVersion);
    const resources = new Map<string, ResourceInfo>();
    for (const gv of groupVersions) {
      const list = await this.get(gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`);
      for (const r of list.resources) {
        if (r.name.includes('/')) continue;
        resources.set(`${gv}/${r.kind}`, { resource: r.name, namespaced: r.namespaced });
      }
    }
    this.resources = resources;
  }

  /**
   * Applies every document of the files with dry-run and checks the Pods of their pod
   * templates; `root` makes the file names in the report relative.
   */
  public async checkFiles(files: string[], root: string, known: KnownRejection[] = []): Promise<CheckReport> {
    if (this.resources.size === 0) await this.discover();
    const failures: Failure[] = [];
    const optOuts: OptOutUse[] = [];
    let objects = 0;
    let pods = 0;
    for (const file of files) {
      const rel = path.relative(root, file);
      const fail = (object: string, message: string) => failures.push({ file: rel, object, message });
      const notes = (object: string, messages: string[]) => {
        for (const w of messages) {
          const left = this.notOptedOut(w, rel, object, optOuts);
          if (left) fail(object, left);
        }
      };
      const targets: Target[] = [];
      for (const doc of readManifestFile(file)) {
        const t = this.target(doc, namespaceFor(rel));
        if ('problem' in t) fail(t.what, t.problem);
        else targets.push(t);
      }
      for (const t of targets) if (t.ns) await this.ensureNamespace(t.ns);
      // ServiceAccounts and PriorityClasses are created for real first: a Pod that names
      // one is refused when it does not exist, and a dry-run creates nothing. Their dry-run
      // below reports whatever is wrong with them.
      for (const t of targets.filter(x => isPodPrerequisite(x.doc.obj))) await this.apply(t.url, t.doc.text, false);

      for (const t of targets) {
        objects++;
        const r = await this.apply(t.url, t.doc.text, true);
        if (r.status >= 300) {
          fail(t.what, errorMessage(r));
          continue;
        }
        notes(t.what, r.warnings);
        const changed = changedFields(t.doc.obj, r.body);
        if (changed.length) {
          fail(t.what, `the server would store something else than the manifest says, without an error: ${changed.join('; ')} `
            + '(a dropped field belongs to a feature that is off in this Kubernetes version; a changed number is beyond int32)');
        }
        const templatePath = POD_TEMPLATES[`${t.doc.obj.apiVersion}/${t.doc.obj.kind}`];
        const template = templatePath && dig(r.body, templatePath);
        if (!template) continue;
        pods++;
        const podWhat = `Pod of ${t.what}`;
        // The Pod a controller would create: the template as the server read and
        // defaulted it, under a generated name.
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            generateName: `${String(t.doc.obj.metadata.name).slice(0, 50)}-`,
            namespace: t.ns,
            labels: template.metadata?.labels,
            annotations: template.metadata?.annotations,
          },
          spec: template.spec,
        };
        const pr = await this.client.request('POST', `/api/v1/namespaces/${t.ns}/pods?dryRun=All&fieldValidation=Strict`, JSON.stringify(pod));
        if (pr.status >= 300) {
          const message = errorMessage(pr);
          const left = pr.status === 403 ? this.notOptedOut(message, rel, podWhat, optOuts) : message;
          if (left) fail(podWhat, left);
        } else {
          notes(podWhat, pr.warnings);
        }
      }
    }
    return { files: files.length, objects, pods, optOuts, ...matchKnown(failures, known) };
  }

  /** Where a document goes, or why it cannot be sent. */
  private target(doc: YamlDocument, fileNamespace: string): Target | { what: string; problem: string } {
    const { apiVersion, kind, metadata } = doc.obj;
    const at = `document ${doc.index}`;
    if (doc.obj.unreadable) return { what: at, problem: `not YAML: ${doc.obj.unreadable}` };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { what: at, problem: 'no apiVersion and kind' };
    const info = this.resources.get(`${apiVersion}/${kind}`);
    const name = metadata?.name;
    const ns = !info || info.namespaced ? (typeof metadata?.namespace === 'string' ? metadata.namespace : fileNamespace) : undefined;
    const what = `${kind} ${ns ? `${ns}/` : ''}${name ?? '(no name)'}`;
    if (!info) return { what, problem: `the server has no resource for ${apiVersion} ${kind}` };
    if (typeof name !== 'string' || name === '') return { what, problem: 'metadata.name is not a non-empty string' };
    return { doc, what, ns, url: objectPath(apiVersion, info, ns, name) };
  }

  /**
   * The part of a warning or a Pod Security rejection that is not a documented opt-out
   * (the whole message when it is not about Pod Security), or undefined when nothing is
   * left. The opt-outs found are added to `optOuts`.
   */
  private notOptedOut(message: string, file: string, object: string, optOuts: OptOutUse[]): string | undefined {
    const violations = podSecurityViolations(message);
    if (!violations) return message;
    const left: string[] = [];
    for (const v of violations) {
      const rule = optOutFor(v);
      const text = v.detail ? `${v.reason} (${v.detail})` : v.reason;
      if (rule) optOuts.push({ file, object, violation: text, prop: rule.prop });
      else left.push(text);
    }
    if (left.length === 0) return undefined;
    return message.replace(/(PodSecurity "[^"]*": ).*$/s, `$1${left.join(', ')}`);
  }

  /** Creates a namespace labelled restricted (enforce and warn), and its default ServiceAccount. */
  private async ensureNamespace(ns: string): Promise<void> {
    if (this.namespaces.has(ns)) return;
    const labels = {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    };
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
    const r = await this.apply(`/api/v1/namespaces/${encodeURIComponent(ns)}`, body, false);
    if (r.status >= 300) throw new Error(`creating namespace ${ns}: ${errorMessage(r)}`);
    const sa = JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    const s = await this.apply(`/api/v1/namespaces/${encodeURIComponent(ns)}/serviceaccounts/default`, sa, false);
    if (s.status >= 300) throw new Error(`creating ServiceAccount ${ns}/default: ${errorMessage(s)}`);
    this.namespaces.add(ns);
  }

  /** Server-side apply of a document's text (YAML or JSON), with dry-run or for real. */
  private apply(url: string, text: string, dryRun: boolean): Promise<Response> {
    const query = `fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict${dryRun ? '&dryRun=All' : ''}`;
    return this.client.request('PATCH', `${url}?${query}`, text, 'application/apply-patch+yaml');
  }

  private async get(url: string): Promise<any> {
    const r = await this.client.request('GET', url);
    if (r.status >= 300) throw new Error(`GET ${url}: ${errorMessage(r)}`);
    return r.body;
  }
}

/**
 * What the server would store differently from what was sent, without an error, as
 * `JSON pointer: what happened`: fields it drops (the fields of a disabled feature gate,
 * Kubernetes' dropDisabledFields) and numbers it changes (an integer beyond int32 wraps
 * around: replicas 4294967297 is stored as 1). Not counted: a Secret's stringData (merged
 * into data by design), and zero values (0, false, "", [], {}), which the server stores
 * and omits from its answer (Go's omitempty).
 */
export function changedFields(sent: any, stored: any, at = ''): string[] {
  if (at === '' && sent?.apiVersion === 'v1' && sent?.kind === 'Secret') {
    const { stringData: _, ...rest } = sent;
    sent = rest;
  }
  if (typeof sent === 'number') {
    return typeof stored === 'number' && stored !== sent ? [`${at}: ${sent} is stored as ${stored}`] : [];
  }
  if (sent === null || sent === undefined || typeof sent !== 'object') return [];
  if (stored === null || stored === undefined || typeof stored !== 'object') return [`${at || '/'}: dropped`];
  const out: string[] = [];
  if (Array.isArray(sent)) {
    sent.forEach((v, i) => out.push(...changedFields(v, Array.isArray(stored) ? stored[i] : undefined, `${at}/${i}`)));
    return out;
  }
  for (const [k, v] of Object.entries(sent)) {
    if (isZero(v)) continue;
    const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!(k in stored)) out.push(`${p}: dropped`);
    else out.push(...changedFields(v, stored[k], p));
  }
  return out;
}

function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** Splits failures into those known-rejections.json lists and the rest; entries that matched nothing are stale. */
export function matchKnown(all: Failure[], known: KnownRejection[]): Pick<CheckReport, 'failures' | 'known' | 'stale'> {
  const failures: Failure[] = [];
  const matched: CheckReport['known'] = [];
  const used = new Set<KnownRejection>();
  for (const f of all) {
    const entry = known.find(k => k.file === f.file && k.object === f.object && f.message.includes(k.message));
    if (entry) {
      matched.push({ failure: f, entry });
      used.add(entry);
    } else {
      failures.push(f);
    }
  }
  return { failures, known: matched, stale: known.filter(k => !used.has(k)) };
}

/** Reads known-rejections.json: `{ "rejections": [KnownRejection, ...] }`. */
export function readKnownRejections(file: string): KnownRejection[] {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const list: KnownRejection[] = data.rejections ?? [];
  for (const k of list) {
    for (const field of ['file', 'object', 'message', 'reason'] as const) {
      if (typeof k[field] !== 'string' || k[field] === '') throw new Error(`${file}: an entry has no "${field}": ${JSON.stringify(k)}`);
    }
  }
  return list;
}

/**
 * The namespace for the objects of a file that name none: one per file, so that the
 * ServiceAccounts of one app never satisfy the Pods of another. A DNS label.
 */
export function namespaceFor(file: string): string {
  const words = file.replace(/^dist\//, '').replace(/\.ya?ml$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const slug = `check-${words.replace(/^-+|-+$/g, '')}`;
  if (slug.length <= 63) return slug;
  const hash = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return `${slug.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

function objectPath(apiVersion: string, info: ResourceInfo, ns: string | undefined, name: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = info.namespaced ? `/namespaces/${encodeURIComponent(ns!)}` : '';
  return `${base}${scope}/${info.resource}/${encodeURIComponent(name)}`;
}

/** Objects a Pod names and the server looks up when it admits the Pod. */
function isPodPrerequisite(obj: any): boolean {
  return (obj?.apiVersion === 'v1' && obj?.kind === 'ServiceAccount')
    || (obj?.apiVersion === 'scheduling.k8s.io/v1' && obj?.kind === 'PriorityClass');
}

function dig(obj: any, keys: string[]): any {
  return keys.reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
