import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { credentialKeysOf } from '../reference.js';

// Registry credentials: Docker config files (~/.docker/config.json, `--registry-auth FILE`, the
// `.dockerconfigjson` of a kubernetes.io/dockerconfigjson Secret, the legacy `.dockercfg`). Credential
// values never leave this module except in the Authorization header of a request to their registry.

export interface Credential {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth2 refresh token (`identitytoken`), exchanged at the token endpoint. */
  readonly identityToken?: string;
  /** A registry token used as-is (`registrytoken`). */
  readonly registryToken?: string;
}

export class CredentialError extends Error {}

/** Credentials by registry host; later sources win over earlier ones for the same host. */
export class CredentialStore {
  private readonly byHost = new Map<string, Credential>();

  add(host: string, credential: Credential): void {
    this.byHost.set(normalizeHost(host), credential);
  }

  /** Adds every entry of a Docker config document (`{ auths: { HOST: { auth } } }` or the legacy `{ HOST: { auth } }`). */
  addDockerConfig(text: string, what: string): void {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new CredentialError(`${what}: not JSON (${(error as Error).message})`);
    }
    if (typeof document !== 'object' || document === null) throw new CredentialError(`${what}: not a JSON object`);
    const record = document as Record<string, unknown>;
    const auths = typeof record['auths'] === 'object' && record['auths'] !== null ? record['auths'] as Record<string, unknown> : record;
    for (const [host, entry] of Object.entries(auths)) {
      if (typeof entry !== 'object' || entry === null || host === 'credsStore' || host === 'credHelpers') continue;
      const credential = credentialOf(entry as Record<string, unknown>, `${what}: entry "${host}"`);
      if (credential !== undefined) this.add(host, credential);
    }
  }

  /** Reads a Docker config file; a missing file adds nothing. */
  addDockerConfigFile(path: string, required = false): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (required) throw new CredentialError(`${path}: cannot read registry credentials (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return;
    }
    this.addDockerConfig(text, path);
  }

  /** A Secret object of type kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg (data base64, as the API serves it). */
  addPullSecret(secret: unknown, what: string): void {
    const record = (typeof secret === 'object' && secret !== null ? secret : {}) as Record<string, unknown>;
    const data = (typeof record['data'] === 'object' && record['data'] !== null ? record['data'] : {}) as Record<string, unknown>;
    const encoded = data['.dockerconfigjson'] ?? data['.dockercfg'];
    if (typeof encoded !== 'string') throw new CredentialError(`${what}: not a docker registry Secret (no .dockerconfigjson or .dockercfg key)`);
    this.addDockerConfig(Buffer.from(encoded, 'base64').toString('utf8'), what);
  }

  lookup(registry: string): Credential | undefined {
    for (const key of credentialKeysOf(registry)) {
      const credential = this.byHost.get(normalizeHost(key));
      if (credential !== undefined) return credential;
    }
    return undefined;
  }

  get size(): number {
    return this.byHost.size;
  }
}

/** `https://index.docker.io/v1/` -> `index.docker.io`: the host (and port) of a config key. */
function normalizeHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

function credentialOf(entry: Record<string, unknown>, what: string): Credential | undefined {
  const text = (key: string): string | undefined => (typeof entry[key] === 'string' && entry[key] !== '' ? entry[key] as string : undefined);
  const identityToken = text('identitytoken');
  const registryToken = text('registrytoken');
  let username = text('username');
  let password = text('password');
  const auth = text('auth');
  if (auth !== undefined) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) throw new CredentialError(`${what}: "auth" is not base64 of USER:PASSWORD`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (username === undefined && identityToken === undefined && registryToken === undefined) return undefined;
  return {
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(identityToken === undefined ? {} : { identityToken }),
    ...(registryToken === undefined ? {} : { registryToken }),
  };
}

/** ~/.docker/config.json, or $DOCKER_CONFIG/config.json. */
export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const directory = env['DOCKER_CONFIG'];
  return join(directory !== undefined && directory !== '' ? directory : join(env['HOME'] ?? homedir(), '.docker'), 'config.json');
}

export interface Challenge {
  readonly scheme: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** The challenges of a WWW-Authenticate header (RFC 7235): `Bearer realm="...",service="...",scope="..."`. */
export function parseChallenges(header: string): Challenge[] {
  const challenges: { scheme: string; parameters: Record<string, string> }[] = [];
  const token = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?\s*,?/gy;
  let match: RegExpExecArray | null;
  while ((match = token.exec(header)) !== null && match[0] !== '') {
    const [, name = '', quoted, bare] = match;
    if (quoted === undefined && bare === undefined) challenges.push({ scheme: name.toLowerCase(), parameters: {} });
    else {
      const current = challenges.at(-1);
      if (current !== undefined) current.parameters[name.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare ?? '';
    }
  }
  return challenges;
}
