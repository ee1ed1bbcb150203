import type { Readable } from 'node:stream';
import { digestOf, verifyBytes, verifyingStream } from '../digest.js';
import { MANIFEST_ACCEPT, parseManifestDocument, type Descriptor, type ImageIndex, type ImageManifest } from '../manifest.js';
import { DIGEST } from '../reference.js';
import { CredentialStore, parseChallenges, type Credential } from './credentials.js';
import { readBody, send, type HttpOptions, type HttpResponse } from './http.js';

// A client of the OCI distribution spec (https://github.com/opencontainers/distribution-spec):
// manifests and blobs by digest (verified), pushes for tests and tools, and the auth dance registries
// use: anonymous first; on 401 the WWW-Authenticate challenge says Basic (send the credential) or
// Bearer (fetch a token from the realm for the repository scope, with the credential if there is one).

export interface RegistryClientOptions {
  readonly credentials?: CredentialStore;
  readonly http?: HttpOptions;
  /** Registries spoken to over plain HTTP (`--plain-http HOST:PORT`); every other one over HTTPS. */
  readonly plainHttp?: readonly string[];
}

export interface FetchedManifest {
  readonly document: ImageManifest | ImageIndex;
  readonly bytes: Buffer;
  readonly digest: string;
  readonly mediaType: string;
}

export interface Repository {
  readonly registry: string;
  readonly repository: string;
}

export class RegistryError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class RegistryClient {
  private readonly credentials: CredentialStore;
  /** Authorization header values by `registry scope`; tokens are reused until a 401 says otherwise. */
  private readonly authorizations = new Map<string, string>();

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.credentials = options.credentials ?? new CredentialStore();
  }

  /** A manifest or index by tag or digest; a digest reference is verified against the bytes. */
  async manifest(repository: Repository, reference: string): Promise<FetchedManifest> {
    const what = `${repository.registry}/${repository.repository}@${reference}`;
    const response = await this.request(repository, 'pull', 'GET', `manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    const bytes = await this.expectOk(response, what, 4 * 1024 * 1024);
    const digest = digestOf(bytes);
    if (DIGEST.test(reference)) verifyBytes(bytes, reference, `manifest ${what}`);
    const header = response.headers['docker-content-digest'];
    if (typeof header === 'string' && header.startsWith('sha256:') && header !== digest) {
      throw new RegistryError(`manifest ${what}: the registry says digest ${header}, the content has ${digest}`);
    }
    const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'].split(';')[0]?.trim() : undefined;
    const document = parseManifestDocument(bytes, `manifest ${what}`, contentType);
    return { document, bytes, digest, mediaType: document.mediaType };
  }

  /** The digest a tag points at now (HEAD, falling back to GET for registries without the header). */
  async resolve(repository: Repository, tag: string): Promise<string> {
    const response = await this.request(repository, 'pull', 'HEAD', `manifests/${tag}`, { accept: MANIFEST_ACCEPT });
    response.body.resume();
    const header = response.headers['docker-content-digest'];
    if (response.status === 200 && typeof header === 'string' && DIGEST.test(header)) return header;
    return (await this.manifest(repository, tag)).digest;
  }

  /** A blob as a stream that fails at its end unless it hashes to the descriptor's digest and size. */
  async blob(repository: Repository, descriptor: Pick<Descriptor, 'digest' | 'size'>): Promise<Readable> {
    const what = `blob ${repository.registry}/${repository.repository}@${descriptor.digest}`;
    const response = await this.request(repository, 'pull', 'GET', `blobs/${descriptor.digest}`, {});
    if (response.status !== 200) await this.expectOk(response, what);
    return response.body.pipe(verifyingStream(descriptor.digest, what, descriptor.size));
  }

  async blobBytes(repository: Repository, descriptor: Pick<Descriptor, 'digest' | 'size'>, limit = 16 * 1024 * 1024): Promise<Buffer> {
    const what = `blob ${repository.registry}/${repository.repository}@${descriptor.digest}`;
    if (descriptor.size > limit) throw new RegistryError(`${what}: ${descriptor.size} bytes is more than the ${limit} this document may have`);
    const response = await this.request(repository, 'pull', 'GET', `blobs/${descriptor.digest}`, {});
    const bytes = await this.expectOk(response, what, limit);
    verifyBytes(bytes, descriptor.digest, what);
    return bytes;
  }

  /** Uploads a blob (monolithic POST then PUT), skipping it when the registry has it already. */
  async pushBlob(repository: Repository, bytes: Buffer): Promise<Descriptor> {
    const digest = digestOf(bytes);
    const what = `push ${repository.registry}/${repository.repository}@${digest}`;
    const head = await this.request(repository, 'pull,push', 'HEAD', `blobs/${digest}`, {});
    head.body.resume();
    if (head.status === 200) return { mediaType: 'application/octet-stream', digest, size: bytes.length };
    const start = await this.request(repository, 'pull,push', 'POST', 'blobs/uploads/', {});
    await this.expectStatus(start, what, [202]);
    const location = start.headers.location;
    if (typeof location !== 'string') throw new RegistryError(`${what}: the upload has no Location`);
    const url = new URL(location, this.baseUrl(repository.registry));
    url.searchParams.set('digest', digest);
    const put = await this.request(repository, 'pull,push', 'PUT', url, { 'content-type': 'application/octet-stream' }, bytes);
    await this.expectStatus(put, what, [201]);
    return { mediaType: 'application/octet-stream', digest, size: bytes.length };
  }

  async pushManifest(repository: Repository, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const put = await this.request(repository, 'pull,push', 'PUT', `manifests/${reference}`, { 'content-type': mediaType }, bytes);
    await this.expectStatus(put, `push manifest ${repository.registry}/${repository.repository}:${reference}`, [201]);
    return digestOf(bytes);
  }

  private baseUrl(registry: string): string {
    return `${this.options.plainHttp?.includes(registry) === true ? 'http' : 'https'}://${registry}`;
  }

  private async request(repository: Repository, actions: string, method: string, path: string | URL, headers: Record<string, string>, body?: Buffer): Promise<HttpResponse> {
    let url = typeof path === 'string' ? new URL(`/v2/${repository.repository}/${path}`, this.baseUrl(repository.registry)) : path;
    const scopeKey = `${repository.registry} repository:${repository.repository}:${actions}`;
    const origin = new URL(this.baseUrl(repository.registry)).origin;
    let retried = false;
    for (let hop = 0; hop < 6; hop++) {
      const authorization = url.origin === origin ? this.authorizations.get(scopeKey) : undefined;
      const response = await send(url, method, { ...headers, ...(authorization === undefined ? {} : { authorization }) }, body, this.options.http ?? {});
      if (response.status === 401 && !retried && url.origin === origin) {
        response.body.resume();
        retried = true;
        const challenge = response.headers['www-authenticate'];
        if (typeof challenge !== 'string') return response;
        this.authorizations.set(scopeKey, await this.authorize(repository, actions, challenge));
        hop--;
        continue;
      }
      const location = response.headers.location;
      if (REDIRECTS.has(response.status) && typeof location === 'string' && (method === 'GET' || method === 'HEAD')) {
        response.body.resume();
        url = new URL(location, url);
        continue;
      }
      return response;
    }
    throw new RegistryError(`${method} ${url.origin}${url.pathname}: too many redirects`);
  }

  private async authorize(repository: Repository, actions: string, header: string): Promise<string> {
    const credential = this.credentials.lookup(repository.registry);
    const challenges = parseChallenges(header);
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    if (bearer !== undefined) return `Bearer ${await this.token(repository, actions, bearer.parameters, credential)}`;
    if (challenges.some((challenge) => challenge.scheme === 'basic')) {
      if (credential?.username === undefined) throw new RegistryError(`${repository.registry}: the registry asks for a username and password, and none is configured for it (~/.docker/config.json or --registry-auth)`, 401);
      return basic(credential);
    }
    throw new RegistryError(`${repository.registry}: unsupported authentication challenge "${challenges[0]?.scheme ?? header.slice(0, 20)}"`, 401);
  }

  private async token(repository: Repository, actions: string, parameters: Readonly<Record<string, string>>, credential: Credential | undefined): Promise<string> {
    if (credential?.registryToken !== undefined) return credential.registryToken;
    const realm = parameters['realm'];
    if (realm === undefined) throw new RegistryError(`${repository.registry}: a Bearer challenge without realm`, 401);
    const url = new URL(realm);
    const scope = `repository:${repository.repository}:${actions}`;
    let response: HttpResponse;
    if (credential?.identityToken !== undefined) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, service: parameters['service'] ?? '', scope, client_id: 'kubeward' });
      response = await send(url, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from(form.toString()), this.options.http ?? {});
    } else {
      if (parameters['service'] !== undefined) url.searchParams.set('service', parameters['service']);
      url.searchParams.set('scope', scope);
      response = await send(url, 'GET', credential?.username === undefined ? {} : { authorization: basic(credential) }, undefined, this.options.http ?? {});
    }
    const bytes = await this.expectOk(response, `token for ${scope} from ${url.origin}${url.pathname}`, 1024 * 1024);
    let document: unknown;
    try {
      document = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError(`token endpoint ${url.origin}${url.pathname}: the answer is not JSON`);
    }
    const token = (document as Record<string, unknown>)['token'] ?? (document as Record<string, unknown>)['access_token'];
    if (typeof token !== 'string' || token === '') throw new RegistryError(`token endpoint ${url.origin}${url.pathname}: no token in the answer`);
    return token;
  }

  private async expectOk(response: HttpResponse, what: string, limit?: number): Promise<Buffer> {
    const bytes = await readBody(response, limit);
    if (response.status !== 200) throw errorOf(response, bytes, what);
    return bytes;
  }

  private async expectStatus(response: HttpResponse, what: string, statuses: readonly number[]): Promise<void> {
    const bytes = await readBody(response, 1024 * 1024);
    if (!statuses.includes(response.status)) throw errorOf(response, bytes, what);
  }
}

function basic(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username ?? ''}:${credential.password ?? ''}`).toString('base64')}`;
}

/** The registry's error list (`{"errors":[{"code","message"}]}`) in the message, never the request's headers. */
function errorOf(response: HttpResponse, bytes: Buffer, what: string): RegistryError {
  let code: string | undefined;
  let detail = '';
  try {
    const errors = (JSON.parse(bytes.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] }).errors;
    const first = errors?.[0];
    if (first !== undefined) {
      code = typeof first.code === 'string' ? first.code : undefined;
      detail = `: ${String(first.code)} ${typeof first.message === 'string' ? first.message : ''}`.trimEnd();
    }
  } catch {
    // not a registry error document
  }
  const hint = response.status === 401 || response.status === 403 ? ' (check the credentials for this registry)' : '';
  return new RegistryError(`${what}: HTTP ${response.status}${detail}${hint}`, response.status, code);
}
