// How kubeward talks to a live API server. The official client (@kubernetes/client-node) loads the
// kubeconfig, picks the context and prepares authentication (tokens, client certificates, exec and
// auth-provider plugins, CA, proxy); the GET requests themselves go through node:https with the
// options it prepares, so kubeward receives the server's JSON untouched (no model round trip that
// would turn timestamps into Dates or drop unknown fields) and can ask for metadata-only lists.
// See docs/adr/0003-test-control-plane.md.
import { request as httpRequest } from 'node:http';
import type { RequestOptions } from 'node:https';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface ConnectOptions {
  /** A kubeconfig file; default: $KUBECONFIG (a path list, merged as kubectl does), else ~/.kube/config. */
  readonly kubeconfig?: string;
  /** A context of the kubeconfig; default: its current-context. */
  readonly context?: string;
  /** The environment to read KUBECONFIG and HOME from (the CLI passes its own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per-request timeout in milliseconds; default 30 s. */
  readonly requestTimeoutMs?: number;
  /**
   * Deadline of the whole read, credential plugins included, in milliseconds from the connection;
   * default 10 minutes. Past it every request fails at once with reason `deadline`.
   */
  readonly deadlineMs?: number;
  /** Largest response body accepted, in bytes; default 512 MiB. */
  readonly maxResponseBytes?: number;
}

export const DEFAULT_DEADLINE_MS = 10 * 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

export interface KubeConnection {
  readonly server: string;
  readonly context: string;
  /** The context's namespace (kubeconfig `namespace`), if it sets one. */
  readonly contextNamespace?: string;
  get(path: string, query?: Readonly<Record<string, string>>, accept?: string): Promise<ApiResponse>;
}

export type ApiResponse =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly failure: RequestFailure };

export type FailureReason = 'forbidden' | 'unauthorized' | 'not-found' | 'gone' | 'timeout' | 'deadline' | 'unreachable' | 'server-error' | 'invalid-response' | 'too-large';

export interface RequestFailure {
  readonly reason: FailureReason;
  readonly status?: number;
  /** The API server's Status message, or the network error. Never includes credentials. */
  readonly message: string;
}

export class KubeconfigError extends Error {}

export function openKubeConnection(options: ConnectOptions = {}): KubeConnection {
  const config = loadKubeconfig(options);
  const cluster = config.getCurrentCluster();
  if (cluster === null) throw new KubeconfigError(`context "${config.getCurrentContext()}" names no cluster`);
  const contextNamespace = config.getContextObject(config.getCurrentContext())?.namespace;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadline = Date.now() + deadlineMs;
  const pastDeadline: RequestFailure = { reason: 'deadline', message: `the read did not finish within ${formatSeconds(deadlineMs)} (--timeout)` };
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const server = cluster.server.replace(/\/+$/, '');
  return {
    server,
    context: config.getCurrentContext(),
    ...(contextNamespace !== undefined && contextNamespace !== '' ? { contextNamespace } : {}),
    get: async (path, query = {}, accept = 'application/json') => {
      const url = new URL(server + path);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      const requestOptions: RequestOptions = { method: 'GET', headers: { accept } };
      if (Date.now() >= deadline) return { ok: false, failure: pastDeadline };
      // A credential plugin (exec) that never answers must not outlast the deadline.
      let timer: NodeJS.Timeout | undefined;
      const credentials = await Promise.race([
        config.applyToHTTPSOptions(requestOptions).then(() => undefined, (error: unknown) => ({ reason: 'unauthorized', message: `cannot obtain credentials: ${messageOf(error)}` }) as RequestFailure),
        new Promise<RequestFailure>((resolvePromise) => { timer = setTimeout(() => resolvePromise(pastDeadline), Math.max(0, deadline - Date.now())); }),
      ]);
      clearTimeout(timer);
      if (credentials !== undefined) return { ok: false, failure: credentials };
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { ok: false, failure: pastDeadline };
      return remaining < timeoutMs ? send(url, requestOptions, remaining, maxBytes, pastDeadline) : send(url, requestOptions, timeoutMs, maxBytes);
    },
  };
}

/** The kubeconfig as kubectl would load it (KUBECONFIG path list merged, context selected). */
export function loadKubeconfig(options: ConnectOptions): KubeConfig {
  const env = options.env ?? process.env;
  const config = new KubeConfig();
  try {
    const paths = options.kubeconfig !== undefined
      ? [options.kubeconfig]
      : (env['KUBECONFIG'] ?? '').split(':').filter((path) => path !== '');
    if (paths.length === 0) {
      const home = env['HOME'];
      if (home === undefined || home === '') throw new KubeconfigError('no kubeconfig: set KUBECONFIG or pass --kubeconfig');
      paths.push(join(home, '.kube', 'config'));
    }
    // kubectl merges a KUBECONFIG path list, the first file to set a value winning.
    paths.forEach((path, index) => {
      try {
        if (index === 0) config.loadFromFile(path);
        else {
          const next = new KubeConfig();
          next.loadFromFile(path);
          config.mergeConfig(next, true);
        }
      } catch (error) {
        throw new KubeconfigError(`cannot load kubeconfig ${path}: ${kubeconfigProblemOf(error)}`);
      }
    });
  } catch (error) {
    if (error instanceof KubeconfigError) throw error;
    throw new KubeconfigError(`cannot load kubeconfig: ${kubeconfigProblemOf(error)}`);
  }
  if (options.context !== undefined) {
    if (config.getContextObject(options.context) === null) {
      throw new KubeconfigError(`context "${options.context}" is not in the kubeconfig`);
    }
    config.setCurrentContext(options.context);
  }
  if (config.getCurrentContext() === '' || config.getCurrentContext() === undefined) {
    throw new KubeconfigError('the kubeconfig has no current-context; pass --context');
  }
  return config;
}

function send(url: URL, options: RequestOptions, timeoutMs: number, maxBytes: number, onTimeout?: RequestFailure): Promise<ApiResponse> {
  return new Promise((resolvePromise) => {
    const isPlainHttp = url.protocol === 'http:';
    const { agent, ...plainOptions } = options;
    const request = isPlainHttp ? httpRequest(url, plainOptions) : httpsRequest(url, { ...options, ...(agent !== undefined ? { agent } : {}) });
    let settled = false;
    const settle = (response: ApiResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(response);
    };
    // One deadline for the whole exchange, not an idle timeout: a server that trickles bytes still ends.
    const timer = setTimeout(() => {
      settle({ ok: false, failure: onTimeout ?? { reason: 'timeout', message: `no complete answer within ${String(timeoutMs / 1000)} s` } });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => {
      settle({ ok: false, failure: { reason: 'unreachable', message: `${url.host}: ${messageOf(error)}` } });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          settle({ ok: false, failure: { reason: 'too-large', message: `the answer is larger than ${formatMiB(maxBytes)}; refused (--max-response-size)` } });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => settle({ ok: false, failure: { reason: 'unreachable', message: messageOf(error) } }));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text) as unknown;
        } catch {
          body = undefined;
        }
        if (status >= 200 && status < 300) {
          settle(body === undefined
            ? { ok: false, failure: { reason: 'invalid-response', status, message: 'the answer is not JSON' } }
            : { ok: true, status, body });
          return;
        }
        settle({ ok: false, failure: { reason: reasonOf(status), status, message: statusMessageOf(body) ?? `HTTP ${String(status)}` } });
      });
    });
    request.end();
  });
}

function reasonOf(status: number): FailureReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 410) return 'gone';
  if (status === 504 || status === 408) return 'timeout';
  return 'server-error';
}

/** The `message` of a metav1.Status body. */
function statusMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const message = (body as Record<string, unknown>)['message'];
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Why a kubeconfig could not be read, without quoting it: the YAML parser's message carries a snippet
 * of the lines around the error, which in a kubeconfig are tokens, passwords and keys. Only the reason
 * and the position are kept.
 */
export function kubeconfigProblemOf(error: unknown): string {
  const { reason, mark } = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (typeof reason === 'string' && typeof mark?.line === 'number' && typeof mark.column === 'number') {
    return `invalid YAML at line ${String(mark.line + 1)}, column ${String(mark.column + 1)}: ${reason}`;
  }
  // Other errors (a missing file, a missing field) name no value; their first line is enough.
  return messageOf(error).split('\n')[0] ?? '';
}

function formatSeconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}

function formatMiB(bytes: number): string {
  return `${String(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MiB`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
