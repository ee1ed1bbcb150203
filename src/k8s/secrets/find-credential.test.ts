import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CREDENTIAL_DETECTORS } from './detectors.js';
import { findCredential, isCredentialName, isSecretLookingLiteral } from './find-credential.js';
import { shannonEntropy } from './entropy.js';

// Fixture tokens are assembled from parts so that the repository itself holds no complete token.
const join = (...parts: string[]): string => parts.join('');
const KNOWN: readonly [string, string][] = [
  ['aws-access-key-id', join('AKIA', 'IOSFODNN7EXAMPLE')],
  ['github-token', join('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')],
  ['github-token', join('github_pat_', '11ABCDEFG0123456789abc_', 'x'.repeat(20), 'Yz0123456789abcdefghijklmnopqrstu')],
  ['gitlab-token', join('glpat-', 'xY12zW34vU56tS78rQ90')],
  ['slack-token', join('xoxb-', '123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx')],
  ['slack-webhook', join('https://hooks.slack.com/services/', 'T00000000/B00000000/', 'XXXXXXXXXXXXXXXXXXXXXXXX')],
  ['google-api-key', join('AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q')],
  ['stripe-key', join('sk_', 'live_', '4eC39HqLyjWDarjtT1zdp7dc')],
  ['npm-token', join('npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')],
  ['jwt', join('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')],
  ['private-key', join('-----BEGIN ', 'RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----')],
  ['private-key', join('-----BEGIN ', 'OPENSSH PRIVATE KEY-----\nb3Blbn\n')],
  ['private-key', join('-----BEGIN ', 'PRIVATE KEY-----\nMIIE\n')],
  ['url-credentials', join('postgres://app:', 'S3cr3tPw', '@db.internal:5432/app')],
];

describe('findCredential: known formats', () => {
  for (const [kind, value] of KNOWN) {
    it(`detects ${kind}`, () => {
      const match = findCredential(value);
      assert.equal(match?.kind, kind);
      assert.ok(match !== undefined && !match.description.includes(value), 'the description never carries the value');
    });
  }
  it('skips a pattern only when the text holds none of its hints: every known token holds one', () => {
    for (const [kind, value] of KNOWN) {
      const detector = CREDENTIAL_DETECTORS.find((candidate) => candidate.id === kind);
      assert.ok(detector?.hints.some((hint) => value.includes(hint)), kind);
    }
  });
  it('detects a token embedded in a larger text', () => {
    assert.equal(findCredential(`aws:\n  key: ${join('AKIA', 'IOSFODNN7EXAMPLE')}\n`)?.kind, 'aws-access-key-id');
  });
  it('ignores look-alikes: a short AKIA prefix, a public certificate, a URL without password, a placeholder in a URL', () => {
    assert.equal(findCredential('AKIA1234'), undefined);
    assert.equal(findCredential('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'), undefined);
    assert.equal(findCredential('https://example.com/path?q=1'), undefined);
    assert.equal(findCredential('postgres://app:${DB_PASSWORD}@db:5432/app'), undefined);
  });
});

describe('findCredential: name plus entropy', () => {
  it('flags a high-entropy literal under a credential name', () => {
    assert.equal(findCredential('q8Zr2LmX7vT4pN', 'DB_PASSWORD')?.kind, 'named-secret');
    assert.equal(findCredential('q8Zr2LmX7vT4pN', 'apiKey')?.kind, 'named-secret');
    assert.equal(findCredential('q8Zr2LmX7vT4pN', 'client-secret')?.kind, 'named-secret');
  });
  it('does not flag the same literal under a neutral name (entropy alone is not enough)', () => {
    assert.equal(findCredential('q8Zr2LmX7vT4pN', 'BUILD_ID'), undefined);
    assert.equal(findCredential('q8Zr2LmX7vT4pN'), undefined);
  });
  it('recognises credential names in any case and spelling (the name prefilter keeps them)', () => {
    for (const name of ['PASSWD', 'Pwd', 'dbPassphrase', 'SECRET', 'x-Auth-Token', 'Credentials', 'APIKEY', 'apiKey', 'PRIVATE_KEY', 'secretKey', 'AccessKey', 'clientSecret', 'authToken', 'BEARER']) {
      assert.equal(isCredentialName(name), true, name);
    }
  });
  it('does not flag names that describe a secret rather than hold one', () => {
    for (const name of ['PASSWORD_FILE', 'TOKEN_TTL', 'SECRET_NAME', 'api_key_path', 'vaultTokenUrl', 'KEY']) {
      assert.equal(isCredentialName(name), false, name);
    }
  });
  it('does not flag placeholders, references, flags, numbers, paths or low-entropy text', () => {
    for (const value of ['changeme', '${DB_PASSWORD}', '$(SECRET)', '{{ .Values.pw }}', '<password>', 'true', '12345678', '/run/secrets/db', 'aaaaaaaaaaaa', 'xxxxxxxx', 'abababab']) {
      assert.equal(isSecretLookingLiteral(value), false, value);
      assert.equal(findCredential(value, 'PASSWORD'), undefined, value);
    }
  });
  it('finds `name=value` assignments inside configuration text', () => {
    const properties = 'db.url=jdbc:postgresql://db/app\ndb.password=Xk29fLq81mZr\nlog.level=info\n';
    const match = findCredential(properties, 'application.properties');
    assert.equal(match?.kind, 'secret-assignment');
    assert.ok(match !== undefined && !match.description.includes('Xk29fLq81mZr'));
    assert.match(match?.description ?? '', /db\.password/);
    assert.equal(findCredential('db.password=${DB_PASSWORD}\nlog.level=info\n', 'application.properties'), undefined);
    assert.equal(findCredential('{"clientSecret": "Zq7Lm2Xv9Tr4"}', 'config.json')?.kind, 'secret-assignment');
  });
});

describe('shannonEntropy', () => {
  it('is 0 for empty and uniform strings, log2(n) for n distinct characters', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('ab'), 1);
    assert.equal(shannonEntropy('abcdefgh'), 3);
  });
});

describe('findCredential: linear time on adversarial input', () => {
  it('scans 1 MB runs that would make unbounded patterns quadratic in well under a few seconds', () => {
    // ConfigMap values reach 1 MiB; a quadratic pattern takes minutes on these (measured before the bounds).
    const inputs = ['a'.repeat(1_000_000), 'a-'.repeat(500_000), 'a='.repeat(500_000), 'eyJ'.repeat(300_000), 'x://u:'.repeat(150_000), `http:${'a'.repeat(1_000_000)}`];
    const start = performance.now();
    for (const input of inputs) assert.equal(findCredential(input, 'data'), undefined);
    assert.ok(performance.now() - start < 5000, `took ${Math.round(performance.now() - start)} ms`);
  });
});
