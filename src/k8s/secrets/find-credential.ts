import { detectKnownCredential } from './detectors.js';
import { shannonEntropy } from './entropy.js';

// Credential detection for literal values in manifests (env values, ConfigMap data). Two signals:
//  1. a known token format (detectors.ts) — reported on its own;
//  2. a credential-like *name* (DB_PASSWORD, apiKey, `client_secret=` inside a config file) whose value
//     is a literal with high Shannon entropy — names alone are too weak (PASSWORD_FILE, TOKEN_TTL) and
//     entropy alone flags hashes, ids and certificates, so only both together count.
// A match says what kind of credential was seen and under which name; it never carries the value.

export interface CredentialMatch {
  /** Detector id (`aws-access-key-id`, ...) or `named-secret` / `secret-assignment` for the entropy signal. */
  readonly kind: string;
  /** Noun phrase for messages, e.g. `an AWS access key id`. Never contains the value. */
  readonly description: string;
}

/** Bits per character a literal must reach to count as secret-looking when only its name hints at a secret. */
export const MIN_SECRET_ENTROPY = 3;
const MIN_SECRET_LENGTH = 8;

// Words that make a name credential-like, and words that, last in a name, say the value is about a secret, not one.
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey',
  'accesskey', 'clientsecret', 'authtoken', 'bearer',
]);
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['api', 'private', 'secret', 'access', 'signing', 'encryption', 'master', 'license']);
const NOT_A_SECRET_SUFFIXES: ReadonlySet<string> = new Set([
  'name', 'file', 'path', 'dir', 'url', 'uri', 'host', 'port', 'ttl', 'timeout', 'expiry', 'expiration', 'length', 'size',
  'mode', 'type', 'enabled', 'enable', 'ref', 'id', 'user', 'username', 'header', 'policy', 'version', 'format', 'algorithm',
  'seconds', 'duration', 'count', 'prefix', 'endpoint', 'location', 'mount', 'namespace', 'field', 'env', 'rotation', 'required',
]);
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'changeme', 'change-me', 'change_me', 'password', 'secret', 'replace_me', 'replaceme', 'redacted', 'placeholder', 'example',
  'your-password', 'yourpassword', 'notasecret', 'not-a-secret', 'none', 'null', 'undefined',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `client-secret.value` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

// Every credential-like name holds one of these (each secret word contains one; so does `key`), in any case.
const NAME_HINTS = /pass|pwd|secret|token|credential|key|bearer/i;

/** Whether a key or variable name says its value is a credential. */
export function isCredentialName(name: string): boolean {
  if (!NAME_HINTS.test(name)) return false;
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || NOT_A_SECRET_SUFFIXES.has(last)) return false;
  return words.some((word, index) => {
    if (SECRET_WORDS.has(word)) return true;
    const previous = words[index - 1];
    return word === 'key' && previous !== undefined && KEY_QUALIFIERS.has(previous);
  });
}

/** Whether a literal looks like a real secret rather than a placeholder, reference, flag, number or path. */
export function isSecretLookingLiteral(value: string): boolean {
  const text = value.trim();
  if (text.length < MIN_SECRET_LENGTH || text.length > 4096) return false;
  if (/\s/.test(text)) return false;
  if (/\$\{|\$\(|\{\{|^<.*>$|^%.*%$/.test(text)) return false;
  if (PLACEHOLDERS.has(text.toLowerCase()) || /^(.)\1+$/.test(text)) return false;
  if (/^[0-9.+-]+$/.test(text) || /^(?:true|false|yes|no|on|off)$/i.test(text)) return false;
  if (/^(?:\/|\.\/|~\/)/.test(text) || /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(text)) return false;
  return shannonEntropy(text) >= MIN_SECRET_ENTROPY;
}

// `name = value` / `name: value` inside a larger text (properties, ini, yaml, dotenv, JSON fragments).
// Names and values are bounded so that long runs (`a-a-a-...`) stay linear instead of quadratic.
const ASSIGNMENT = /(?:^|[\s;,&?{"'-])([A-Za-z][A-Za-z0-9_.-]{0,127})["']?[ \t]{0,16}[:=][ \t]{0,16}["']?([^\s"',;&}]{1,4096})/g;

/**
 * Looks for a credential in a literal value. `name` is the env var or data key holding it. Returns what
 * was found (never the value), or undefined.
 */
export function findCredential(value: string, name?: string): CredentialMatch | undefined {
  const known = detectKnownCredential(value);
  if (known !== undefined) return { kind: known.id, description: known.description };
  if (name !== undefined && isCredentialName(name) && isSecretLookingLiteral(value)) {
    return { kind: 'named-secret', description: 'a credential (a credential-like name with a high-entropy value)' };
  }
  // An assignment counts only under a credential-like name, and that name is part of the value.
  if (/[:=]/.test(value) && NAME_HINTS.test(value)) {
    for (const match of value.matchAll(ASSIGNMENT)) {
      const [, assignedName, assignedValue] = match;
      if (assignedName === undefined || assignedValue === undefined) continue;
      if (isCredentialName(assignedName) && isSecretLookingLiteral(assignedValue)) {
        return { kind: 'secret-assignment', description: `a literal credential assigned to "${assignedName}"` };
      }
    }
  }
  return undefined;
}
