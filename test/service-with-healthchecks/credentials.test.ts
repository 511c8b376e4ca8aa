import { PostgreSqlCredentialsSecret, PostgreSqlTlsMode } from '../../src';
import { newChart, ofKind, synth, synthError } from '../support/synth';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----';

describe('PostgreSqlCredentialsSecret', () => {
  test('emits a Secret of type network.deckhouse.io/postgresql-credentials with the given values only', () => {
    const chart = newChart();
    const creds = new PostgreSqlCredentialsSecret(chart, 'pg-probe', { user: 'probe', password: 'from-test' });
    const [secret] = ofKind(synth(chart), 'Secret');
    expect(creds.secretName).toBe('pg-probe');
    expect(secret.type).toBe('network.deckhouse.io/postgresql-credentials');
    expect(secret.stringData).toEqual({ user: 'probe', password: 'from-test', tlsMode: 'SkipVerification' });
    expect(secret.data).toBeUndefined();
  });

  test('writes every key when given: user, password, tlsMode, clientCert, clientKey, caCert', () => {
    const chart = newChart();
    new PostgreSqlCredentialsSecret(chart, 'c', { name: 'pg-mtls', user: 'probe', password: 'p', tlsMode: PostgreSqlTlsMode.VERIFY_ALL, clientCert: CERT, clientKey: KEY, caCert: CERT });
    const [secret] = ofKind(synth(chart), 'Secret');
    expect(secret.metadata.name).toBe('pg-mtls');
    expect(Object.keys(secret.stringData).sort()).toEqual(['caCert', 'clientCert', 'clientKey', 'password', 'tlsMode', 'user']);
    expect(secret.stringData.tlsMode).toBe('VerifyAll');
  });

  test.each([
    ['an empty user', { user: '' }, 'user: "" is not allowed; must be a PostgreSQL user name'],
    ['an empty password', { user: 'u', password: '' }, 'password: "" is not allowed; must not be empty. Leave it unset for certificate or trust authentication'],
    ['a client certificate without its key', { user: 'u', clientCert: CERT }, 'clientKey: is required with `clientCert`: a client certificate needs its key'],
    ['VerifyCA without caCert', { user: 'u', tlsMode: PostgreSqlTlsMode.VERIFY_CA }, 'caCert: is required when tlsMode is "VerifyCA": the server certificate is verified against it'],
    ['a certificate with TLS disabled', { user: 'u', tlsMode: PostgreSqlTlsMode.DISABLED, caCert: CERT }, 'caCert: is set but tlsMode is "Disabled", so it is never used; remove it or choose a TLS mode'],
    ['a key that is not PEM', { user: 'u', clientCert: CERT, clientKey: 'secret' }, 'clientKey: is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" ... "-----END PRIVATE KEY-----")'],
    ['an unknown tlsMode', { user: 'u', tlsMode: 'require' }, 'tlsMode: "require" is not allowed; must be one of "Disabled", "SkipVerification", "VerifyCA", "VerifyAll"'],
    ['a bad name', { name: 'PG', user: 'u' }, 'name: "PG" is not allowed; must be a lower-case RFC 1123 subdomain'],
  ])('%s fails synth', (_n, props, message) => {
    const chart = newChart();
    new PostgreSqlCredentialsSecret(chart, 'creds', props as any);
    expect(synthError(chart)).toContain(`[test/creds] ${message}`);
  });
});
