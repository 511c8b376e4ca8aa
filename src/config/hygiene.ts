/**
 * Secret hygiene shared by every workload: environment variable names that look like
 * credentials must not carry literal values, because a literal is written into the
 * workload's manifest in plain text.
 */

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
