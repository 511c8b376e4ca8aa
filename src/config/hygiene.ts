/**
 * Secret hygiene: environment variable names that look like credentials must not carry
 * literal values, and the values of the app's Secrets must not appear in any other object,
 * because either would write a secret into a manifest in plain text.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { appendTo } from '../common/collections';
import { walkJson } from '../common/json';
import { WholeApp } from '../common/whole-app';

/** Words that, alone or at the end of a word of the name, mark a credential. */
const CREDENTIAL_WORDS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'TOKEN', 'SECRET', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS'];
/** Words that make a credential when followed by KEY (API_KEY, ACCESS_KEY ...). */
const KEY_QUALIFIERS = ['API', 'ACCESS', 'PRIVATE', 'SECRET', 'SIGNING', 'ENCRYPTION', 'AUTH', 'MASTER', 'LICENSE'];

/**
 * Whether an environment variable name looks like a credential: a word (split on "_",
 * "-" and ".") that is or ends with PASSWORD, PASSWD, PASSPHRASE, TOKEN, SECRET, APIKEY or
 * CREDENTIAL(S), or KEY after API, ACCESS, PRIVATE, SECRET, SIGNING, ENCRYPTION, AUTH,
 * MASTER or LICENSE. `DB_PASSWORD`, `GITHUB_TOKEN`, `CLIENT_SECRET`, `STRIPE_API_KEY`
 * and `AWS_SECRET_ACCESS_KEY` do; `TOKENIZER_MODEL`, `KEYSPACE`, `PWD` and `LOG_LEVEL` do not.
 *
 * @internal
 */
export function looksLikeCredential(name: string): boolean {
  const words = name.toUpperCase().split(/[_.-]+/).filter(w => w.length > 0);
  return words.some((w, i) =>
    CREDENTIAL_WORDS.some(c => w === c || w.endsWith(c))
    || (w === 'KEY' && i > 0 && KEY_QUALIFIERS.includes(words[i - 1])),
  );
}

/**
 * The message for a credential-like variable given as a literal. It never shows the
 * value, and it shows the Secret-based way.
 *
 * @internal
 */
export function credentialLiteralMessage(name: string): string {
  return `${JSON.stringify(name)} looks like a credential, so its value must not be written as a literal into the workload's manifest (the value is not shown here). `
    + 'Keep it in a Secret and refer to it: `const secret = new Secret(chart, \'app-credentials\', { data: { ... } })` and '
    + `\`{ name: ${JSON.stringify(name)}, valueFrom: secret.envValue('<key>') }\`, or \`valueFrom: EnvSource.secretKey('<existing-secret>', '<key>')\` for a Secret made elsewhere. `
    + 'If the value is not secret, set `allowLiteralCredential: true` on this variable';
}

/** Smallest value length searched for in other objects: shorter values match by chance. @internal */
export const MIN_LEAK_SEARCH_LENGTH = 6;

/** The values each Secret created by this app holds, by its ApiObject. */
const SECRET_VALUES = new WeakMap<ApiObject, readonly string[]>();

/** Records the values of a Secret created by this app, for `leakedSecretValues`. @internal */
export function registerSecretValues(secret: ApiObject, values: readonly string[]): void {
  SECRET_VALUES.set(secret, values);
}

/**
 * Where the values of the app's Secrets (those of `MIN_LEAK_SEARCH_LENGTH` characters or
 * more) appear in an object of the app other than a Secret, by value, as
 * `Kind "name" at /json/pointer` (never the value itself).
 *
 * Computed once per synth for the whole app and shared by all its Secrets: each object is
 * rendered once, and each of its strings is scanned once for all the values together,
 * so the cost grows with the size of the app, not with Secrets times objects.
 *
 * @internal
 */
export function leakedSecretValues(scope: IConstruct): ReadonlyMap<string, string[]> {
  return WholeApp.of(scope).result('secret-leaks', findLeaks);
}

function findLeaks(app: WholeApp): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const search = new SubstringSearch(app.objects.flatMap(o => SECRET_VALUES.get(o) ?? []));
  if (search.empty) return found;
  for (const o of app.objects) {
    if (o.kind === 'Secret') continue;
    const json = app.render(o);
    if (json === undefined) continue; // the object's own validation reports why it cannot render
    // The JSON pointer is only spelled out for a match.
    const where = (path: readonly (string | number)[]) =>
      `${o.kind} ${JSON.stringify(o.name)} at ${path.length ? path.map(p => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : '/'}`;
    walkJson(json, {
      string: (v, path) => {
        for (const s of search.in(v)) {
          appendTo(found, s, where(path));
        }
      },
    });
  }
  return found;
}

/**
 * Finds which of many values occur in a text, in time proportional to the text's length:
 * the values are indexed by their first `MIN_LEAK_SEARCH_LENGTH` characters, and each
 * position of the text is looked up once (rather than searching the text once per value).
 * A table of the values' first two characters skips most positions without a lookup.
 */
class SubstringSearch {
  private readonly byPrefix = new Map<string, string[]>();
  private readonly firstTwo = new Uint8Array(65536);

  constructor(values: readonly string[]) {
    for (const v of new Set(values)) {
      if (typeof v !== 'string' || v.length < MIN_LEAK_SEARCH_LENGTH) continue;
      const prefix = v.slice(0, MIN_LEAK_SEARCH_LENGTH);
      appendTo(this.byPrefix, prefix, v);
      this.firstTwo[pairCode(v, 0)] = 1;
    }
  }

  public get empty(): boolean {
    return this.byPrefix.size === 0;
  }

  /** The values that occur in `text`, each once. */
  public in(text: string): string[] {
    let hits: string[] | undefined;
    for (let i = 0; i + MIN_LEAK_SEARCH_LENGTH <= text.length; i++) {
      if (!this.firstTwo[pairCode(text, i)]) continue;
      const candidates = this.byPrefix.get(text.slice(i, i + MIN_LEAK_SEARCH_LENGTH));
      if (!candidates) continue;
      for (const c of candidates) {
        if (text.startsWith(c, i) && !hits?.includes(c)) (hits ??= []).push(c);
      }
    }
    return hits ?? NONE;
  }
}

const NONE: string[] = [];

/** The two characters at `i`, folded into 0..65535 (their low bytes). */
function pairCode(text: string, i: number): number {
  return (text.charCodeAt(i) % 256) * 256 + (text.charCodeAt(i + 1) % 256);
}
