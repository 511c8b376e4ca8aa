import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkMetadata, recommendedLabels } from '../common/labels';
import { Problems, show } from '../common/validation';
import { WholeApp } from '../common/whole-app';
import { yamlRoundTripProblems } from '../common/yaml';
import { checkNameAsLabel } from '../config/common';
import { leakedSecretValues, registerSecretValues } from '../config/hygiene';

/** The Secret type the Deckhouse agent reads PostgreSQL probe credentials from. */
export const POSTGRESQL_CREDENTIALS_SECRET_TYPE = 'network.deckhouse.io/postgresql-credentials';

/** How the Deckhouse agent uses TLS when it connects to PostgreSQL. */
export enum PostgreSqlTlsMode {
  /** No TLS (libpq `sslmode=disable`). */
  DISABLED = 'Disabled',
  /** TLS without verifying the server (libpq `sslmode=require`); the agent's behaviour when the key is missing. */
  SKIP_VERIFICATION = 'SkipVerification',
  /** TLS, verifying the server certificate against `caCert` (libpq `sslmode=verify-ca`). */
  VERIFY_CA = 'VerifyCA',
  /** TLS, verifying the certificate and the host name (libpq `sslmode=verify-full`). */
  VERIFY_ALL = 'VerifyAll',
}

/**
 * Props of a PostgreSqlCredentialsSecret. Every value given here is written into the
 * manifest (as `stringData`): pass only what you are willing to keep in your source and
 * YAML, or create the Secret outside cdk8s and name it in `authSecretName` instead.
 */
export interface PostgreSqlCredentialsSecretProps {
  /**
   * The Secret's name: a lower-case RFC 1123 subdomain.
   * @default - the construct id
   */
  readonly name?: string;
  /** The PostgreSQL user the probe logs in as; give it the fewest privileges that run the query. */
  readonly user: string;
  /**
   * The user's password, written into the manifest as given.
   * @default - not written (certificate or trust authentication)
   */
  readonly password?: string;
  /**
   * How the agent uses TLS.
   * @default PostgreSqlTlsMode.SKIP_VERIFICATION (what the agent does when the key is missing; written out)
   */
  readonly tlsMode?: PostgreSqlTlsMode;
  /**
   * A PEM client certificate (with `clientKey`).
   * @default - none
   */
  readonly clientCert?: string;
  /**
   * The PEM private key of `clientCert`, written into the manifest as given.
   * @default - none
   */
  readonly clientKey?: string;
  /**
   * A PEM CA certificate to verify the server with; required for VERIFY_CA and VERIFY_ALL.
   * @default - none
   */
  readonly caCert?: string;
  /**
   * Labels beside the recommended ones.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The Secret of type `network.deckhouse.io/postgresql-credentials` that a PostgreSQL probe
 * of a ServiceWithHealthchecks logs in with (keys user, password, tlsMode, clientCert,
 * clientKey, caCert).
 *
 * Kubernetes cannot fill one Secret from another, so there are two honest ways to give
 * the probe its login: create the Secret outside cdk8s (kubectl, Sealed Secrets, External
 * Secrets ...) with that type and pass its name as `authSecretName`, which puts no value
 * in any manifest; or build it here from values you pass explicitly, which writes them
 * into the manifest.
 */
export class PostgreSqlCredentialsSecret extends Construct {
  /** The Secret (a cdk8s-plus object, as an escape hatch). */
  public readonly secret: kplus.Secret;
  /** The Secret's name, for `authSecretName`. */
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: PostgreSqlCredentialsSecretProps) {
    super(scope, id);
    const problems = new Problems();
    this.secretName = props.name ?? id;
    checkMetadata(problems, { name: 'x', labels: props.labels });
    checkNameAsLabel(problems, this.secretName);

    const tlsMode = props.tlsMode ?? PostgreSqlTlsMode.SKIP_VERIFICATION;
    if (typeof props.user !== 'string' || props.user.trim() === '') {
      problems.badValue('user', props.user, 'must be a PostgreSQL user name');
    }
    for (const k of ['password', 'clientCert', 'clientKey', 'caCert'] as const) {
      if (props[k] !== undefined && typeof props[k] !== 'string') problems.badValue(k, k === 'password' || k === 'clientKey' ? '(not shown)' : props[k], 'must be a string');
    }
    if (props.password !== undefined && props.password === '') {
      problems.badValue('password', '', 'must not be empty', 'Leave it unset for certificate or trust authentication');
    }
    problems.oneOf('tlsMode', tlsMode, Object.values(PostgreSqlTlsMode));
    pem(problems, 'clientCert', props.clientCert, 'CERTIFICATE');
    pem(problems, 'clientKey', props.clientKey, 'PRIVATE KEY');
    pem(problems, 'caCert', props.caCert, 'CERTIFICATE');
    if ((props.clientCert === undefined) !== (props.clientKey === undefined)) {
      const [set, missing] = props.clientCert !== undefined ? ['clientCert', 'clientKey'] : ['clientKey', 'clientCert'];
      problems.add(missing, `is required with \`${set}\`: a client certificate needs its key`);
    }
    if (tlsMode === PostgreSqlTlsMode.DISABLED) {
      for (const k of ['clientCert', 'clientKey', 'caCert'] as const) {
        if (props[k] !== undefined) problems.add(k, 'is set but tlsMode is "Disabled", so it is never used; remove it or choose a TLS mode');
      }
    }
    if ((tlsMode === PostgreSqlTlsMode.VERIFY_CA || tlsMode === PostgreSqlTlsMode.VERIFY_ALL) && props.caCert === undefined) {
      problems.add('caCert', `is required when tlsMode is ${show(tlsMode)}: the server certificate is verified against it`);
    }

    const labels = recommendedLabels({ name: this.secretName, instance: this.secretName, component: 'postgresql-credentials' });
    const stringData: Record<string, string> = { user: props.user, tlsMode };
    for (const k of ['password', 'clientCert', 'clientKey', 'caCert'] as const) {
      if (props[k] !== undefined) stringData[k] = props[k]!;
    }
    this.secret = new kplus.Secret(this, 'Secret', {
      metadata: { name: this.secretName, labels: { ...props.labels, ...labels.all } },
      type: POSTGRESQL_CREDENTIALS_SECRET_TYPE,
      stringData,
    });

    // The same secret hygiene as every Secret of this library: the password and the client
    // key are written only into this Secret, never into another object of the app.
    const sensitive = (['password', 'clientKey'] as const).filter(k => typeof props[k] === 'string').map(k => [k, props[k]!] as const);
    registerSecretValues(ApiObject.of(this.secret), sensitive.map(([, v]) => v));
    const messages = problems.messages;
    WholeApp.addValidation(this, () => {
      const leaks = leakedSecretValues(this);
      const out = [...messages, ...yamlRoundTripProblems(this, problems.yamlValues, true)];
      for (const [k, v] of sensitive) {
        const where = leaks.get(v);
        if (where) {
          out.push(`${k}: the value also appears outside the Secret, in ${where.join(', ')}; `
            + `a secret value must only be written into its Secret: refer to this Secret by name (\`authSecretName: ${JSON.stringify(this.secretName)}\`, or \`EnvSource.secretKey(${JSON.stringify(this.secretName)}, ${JSON.stringify(k)})\`)`);
        }
      }
      return out;
    });
  }
}

function pem(problems: Problems, field: string, value: string | undefined, kind: string) {
  if (typeof value !== 'string') return; // reported as not a string
  const re = new RegExp(`^-----BEGIN [A-Z ]*${kind}-----[\\s\\S]+-----END [A-Z ]*${kind}-----$`);
  if (!re.test(value.trim())) {
    problems.add(field, `is not a PEM ${kind.toLowerCase()} (expected "-----BEGIN ${kind}-----" ... "-----END ${kind}-----")`);
  }
}
