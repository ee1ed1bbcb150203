import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorMessage, silentLogger, type LogFields, type Logger, type LogLevel } from './logger.js';
import { readinessReport, type ReadinessSource } from './readiness.js';
import { createServerMetrics, type ServerMetrics } from './server-metrics.js';
import { statusBody, type StatusReason } from './status.js';
import { loadTlsMaterial, watchTlsFiles, type TlsMaterial } from './tls-files.js';

// The one HTTPS layer of every kubeward server (admission webhook, audit receiver, ...): TLS from files
// reloaded on change, a body size limit and a deadline per request, JSON logs without request contents,
// Prometheus metrics, /healthz and /readyz, load shedding, and a graceful shutdown that drains what is in
// flight. A handler only turns a request into a response; a handler that throws costs that request a 500,
// never the process. See docs/adr/0007-https-server.md.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  readonly method: string;
  /** The path without the query, e.g. `/validate`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The whole body, at most the route's `maxBodyBytes`. */
  readonly body: Buffer;
  /** Aborted at the request deadline, when the client goes away, or when shutdown gives up waiting. */
  readonly signal: AbortSignal;
  readonly remoteAddress: string | undefined;
  /** Adds fields to this request's log line. Metadata only (kind, name, uid, decision), never contents. */
  annotate(fields: LogFields): void;
}

export interface RouteResponse {
  readonly status: number;
  readonly body: string | Buffer;
  /** Default `application/json`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  /** Overrides the server's `maxBodyBytes` for this route. */
  readonly maxBodyBytes?: number;
  /** Overrides the server's `requestTimeoutMs` for this route. */
  readonly timeoutMs?: number;
  /** Level of this route's request log lines; default `info`. */
  readonly logLevel?: LogLevel;
  handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

export interface HttpsServerOptions {
  /** Names the server in logs, e.g. `admission`. */
  readonly name: string;
  /** Default: every address (`::`, and IPv4 through it). */
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly tls: {
    readonly certFile: string;
    readonly keyFile: string;
    /** How often the files are checked besides watch events; default 10 s. */
    readonly pollIntervalMs?: number;
  };
  readonly routes: readonly Route[];
  /** What `/readyz` waits for (caches synced, ...). The server itself is one: not ready once shutting down. */
  readonly readiness?: readonly ReadinessSource[];
  readonly logger?: Logger;
  /** Default: new metrics on a new registry, with process metrics. */
  readonly metrics?: ServerMetrics;
  /** Default 3 MiB. */
  readonly maxBodyBytes?: number;
  /** Deadline from the first byte to the answer; default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Requests in flight above which new ones are refused with 429; default 1000. */
  readonly maxInFlight?: number;
  /**
   * Idle keep-alive timeout. Default 125 s: longer than the 90 s idle timeout of Go's HTTP clients (the
   * API server), so the client closes idle connections first and never sends on one we are closing.
   */
  readonly keepAliveTimeoutMs?: number;
  readonly shutdown?: {
    /** After shutdown starts, keep serving this long while /readyz fails, so endpoints stop routing here. Default 0. */
    readonly delayMs?: number;
    /** Then wait at most this long for requests in flight; default 25 s. */
    readonly drainTimeoutMs?: number;
  };
}

export interface RunningHttpsServer {
  readonly port: number;
  /** `https://HOST:PORT` as it can be dialled (`127.0.0.1` when listening on every address). */
  readonly url: string;
  readonly metrics: ServerMetrics;
  /** The certificate in service (changes on reload). */
  readonly certificate: () => TlsMaterial;
  /** Fails /readyz, waits `delayMs`, stops accepting, drains in-flight requests, closes connections. Idempotent. */
  shutdown(reason?: string): Promise<void>;
  /** Settles once shutdown is complete. */
  readonly closed: Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_IN_FLIGHT = 1000;

const PROBE_PATHS = new Set(['/healthz', '/livez', '/readyz', '/metrics']);

export async function startHttpsServer(options: HttpsServerOptions): Promise<RunningHttpsServer> {
  const logger = (options.logger ?? silentLogger).child({ server: options.name });
  const metrics = options.metrics ?? createServerMetrics();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const routes = new Map<string, Route[]>();
  for (const route of options.routes) {
    if (PROBE_PATHS.has(route.path)) throw new Error(`route ${route.path} is served by the server itself`);
    const list = routes.get(route.path) ?? [];
    list.push(route);
    routes.set(route.path, list);
  }

  let certificate = await loadTlsMaterial(options.tls.certFile, options.tls.keyFile);
  metrics.tlsNotAfter.set(certificate.notAfter.getTime() / 1000);
  const server: Server = createServer({
    cert: certificate.cert,
    key: certificate.key,
    minVersion: 'TLSv1.2',
    // A client that opens a connection and never finishes the handshake must not hold a socket for
    // Node's default of 120 s.
    handshakeTimeout: Math.min(requestTimeoutMs, 10_000),
  });
  const stopWatching = watchTlsFiles({
    certFile: options.tls.certFile,
    keyFile: options.tls.keyFile,
    current: certificate,
    ...(options.tls.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.tls.pollIntervalMs }),
    onReload: (material) => {
      server.setSecureContext({ cert: material.cert, key: material.key, minVersion: 'TLSv1.2' });
      certificate = material;
      metrics.tlsReloads.inc({ result: 'success' });
      metrics.tlsNotAfter.set(material.notAfter.getTime() / 1000);
      logger.info('serving certificate reloaded', { subject: material.subject, notAfter: material.notAfter.toISOString(), fingerprint256: material.fingerprint256 });
    },
    onError: (error) => {
      metrics.tlsReloads.inc({ result: 'failure' });
      logger.warn('serving certificate files changed but do not load; the previous certificate stays in service', { error: errorMessage(error) });
    },
  });

  let inFlight = 0;
  let shuttingDown = false;
  const inFlightControllers = new Set<AbortController>();
  let drained: (() => void) | undefined;

  const readiness: ReadinessSource[] = [
    { name: 'shutdown', status: () => (shuttingDown ? { ready: false, message: 'shutting down' } : { ready: true, message: 'serving' }) },
    ...(options.readiness ?? []),
  ];

  const builtIn = (path: string): RouteResponse | Promise<RouteResponse> | undefined => {
    switch (path) {
      case '/healthz':
      case '/livez':
        return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
      case '/readyz': {
        const report = readinessReport(readiness);
        return { status: report.ready ? 200 : 503, body: report.text, contentType: 'text/plain; charset=utf-8' };
      }
      case '/metrics':
        return metrics.registry.metrics().then((body) => ({ status: 200, body, contentType: metrics.registry.contentType }));
      default:
        return undefined;
    }
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void serve(request, response);
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    inFlight++;
    metrics.inFlight.set(inFlight);
    const controller = new AbortController();
    inFlightControllers.add(controller);
    const fields: Record<string, LogFields[string]> = {};
    let routeLabel = 'other';
    let logLevel: LogLevel = 'info';
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    const answer = (result: RouteResponse): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      const body = typeof result.body === 'string' ? Buffer.from(result.body, 'utf8') : result.body;
      if (!response.headersSent && !response.destroyed) {
        response.statusCode = result.status;
        response.setHeader('content-type', result.contentType ?? 'application/json');
        response.setHeader('content-length', body.length);
        for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
        // While shutting down, connections close after their answer so clients reconnect elsewhere.
        if (shuttingDown) response.setHeader('connection', 'close');
        response.end(body);
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = request.method ?? 'UNKNOWN';
      metrics.requests.inc({ route: routeLabel, method, code: String(result.status) });
      metrics.duration.observe({ route: routeLabel, method }, seconds);
      const level: LogLevel = result.status >= 500 ? 'warn' : logLevel;
      logger[level]('request', { method, path: routeLabel, status: result.status, durationMs: Math.round(seconds * 1e6) / 1e3, ...fields });
    };
    const fail = (status: number, reason: StatusReason, message: string, close = false): void => {
      answer({ status, body: statusBody(status, reason, message), ...(close ? { headers: { connection: 'close' } } : {}) });
    };
    try {
      const url = new URL(request.url ?? '/', 'https://localhost');
      const path = url.pathname;
      const method = request.method ?? '';
      const candidates = routes.get(path);
      const route = candidates?.find((candidate) => candidate.method === method);
      if (route !== undefined) {
        routeLabel = path;
        logLevel = route.logLevel ?? 'info';
      } else if (PROBE_PATHS.has(path)) {
        routeLabel = path;
        logLevel = 'debug';
      }
      const timeoutMs = route?.timeoutMs ?? requestTimeoutMs;
      timer = setTimeout(() => {
        controller.abort(new Error('deadline exceeded'));
        fail(504, 'Timeout', `the request was not answered within its deadline of ${String(timeoutMs)} ms`, true);
      }, timeoutMs);
      response.on('close', () => {
        if (!answered) controller.abort(new Error('client went away'));
      });

      if (route === undefined) {
        if (PROBE_PATHS.has(path) && (method === 'GET' || method === 'HEAD')) {
          request.resume();
          const result = await builtIn(path);
          if (result !== undefined) answer(result);
          return;
        }
        request.resume();
        if (candidates !== undefined || PROBE_PATHS.has(path)) {
          const allowed = candidates === undefined ? ['GET'] : candidates.map((candidate) => candidate.method);
          answer({ status: 405, body: statusBody(405, 'MethodNotAllowed', `${method} is not allowed on ${path} (allowed: ${allowed.join(', ')})`), headers: { allow: allowed.join(', ') } });
        } else {
          fail(404, 'NotFound', `no route for ${path}`);
        }
        return;
      }
      if (inFlight > maxInFlight) {
        metrics.shed.inc({ route: routeLabel });
        request.resume();
        answer({ status: 429, body: statusBody(429, 'TooManyRequests', `too many requests in flight (more than ${String(maxInFlight)}); retry`), headers: { 'retry-after': '1' } });
        return;
      }
      const limit = route.maxBodyBytes ?? maxBodyBytes;
      const body = await readBody(request, limit, controller.signal);
      if (body === 'too-large') {
        fail(413, 'RequestEntityTooLarge', `the request body is larger than the limit of ${String(limit)} bytes`, true);
        return;
      }
      if (body === 'aborted') return; // the deadline or a gone client already decided
      const result = await route.handle({
        method,
        path,
        query: url.searchParams,
        headers: request.headers,
        body,
        signal: controller.signal,
        remoteAddress: request.socket.remoteAddress,
        annotate: (extra) => Object.assign(fields, extra),
      });
      answer(result);
    } catch (error) {
      logger.error('handler failed', { path: routeLabel, error: errorMessage(error) });
      fail(500, 'InternalError', 'internal error while answering the request');
    } finally {
      clearTimeout(timer);
      inFlightControllers.delete(controller);
      inFlight--;
      metrics.inFlight.set(inFlight);
      if (inFlight === 0) drained?.();
    }
  }

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug('client error', { error: error.message, code: error.code });
    // An HTTP parse error gets a 400; a failed handshake or reset has no channel to answer on.
    const isHttpError = typeof error.code === 'string' && error.code.startsWith('HPE_');
    if (isHttpError && socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('tlsClientError', (error: Error) => logger.debug('TLS handshake failed', { error: error.message }));
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 125_000;
  // Node's own limits stay behind ours, so our deadline answers first with a clear status.
  server.headersTimeout = Math.min(60_000, requestTimeoutMs + 1_000);
  server.requestTimeout = requestTimeoutMs + 2_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    const onListening = (): void => {
      server.off('error', reject);
      resolvePromise();
    };
    if (options.host === undefined) server.listen(options.port, onListening);
    else server.listen(options.port, options.host, onListening);
  });
  server.on('error', (error) => logger.error('server error', { error: error.message }));
  const address = server.address() as AddressInfo;
  const dialHost = options.host === undefined || options.host === '::' || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const url = `https://${dialHost.includes(':') ? `[${dialHost}]` : dialHost}:${String(address.port)}`;
  logger.info('listening', { address: address.address, port: address.port, certificateSubject: certificate.subject, certificateNotAfter: certificate.notAfter.toISOString() });

  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolvePromise) => { resolveClosed = resolvePromise; });
  let shutdownPromise: Promise<void> | undefined;
  const shutdown = (reason = 'requested'): Promise<void> => {
    shutdownPromise ??= (async () => {
      shuttingDown = true;
      const delayMs = options.shutdown?.delayMs ?? 0;
      const drainTimeoutMs = options.shutdown?.drainTimeoutMs ?? 25_000;
      logger.info('shutting down', { reason, delayMs, inFlight });
      if (delayMs > 0) await sleep(delayMs);
      const listenerClosed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let giveUp: NodeJS.Timeout | undefined;
        const finished = await new Promise<boolean>((resolvePromise) => {
          drained = () => resolvePromise(true);
          giveUp = setTimeout(() => resolvePromise(false), drainTimeoutMs);
        });
        clearTimeout(giveUp);
        if (!finished) {
          logger.warn('drain timeout: abandoning requests still in flight', { inFlight });
          for (const controller of inFlightControllers) controller.abort(new Error('server shutting down'));
        }
      }
      server.closeAllConnections();
      await listenerClosed;
      stopWatching();
      logger.info('stopped', { reason });
      resolveClosed();
    })();
    return shutdownPromise;
  };

  return { port: address.port, url, metrics, certificate: () => certificate, shutdown, closed };
}

/** Reads a body up to `limit` bytes; stops reading (and answers 413) as soon as it is known to be larger. */
function readBody(request: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | 'too-large' | 'aborted'): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolvePromise(value);
    };
    const onAbort = (): void => settle('aborted');
    signal.addEventListener('abort', onAbort);
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        request.pause();
        settle('too-large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle(Buffer.concat(chunks, size)));
    request.on('error', () => settle('aborted'));
    request.on('aborted', () => settle('aborted'));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/**
 * Shuts the server down on SIGTERM or SIGINT (what Kubernetes sends before it kills a pod). Returns a
 * function that removes the handlers.
 */
export function shutdownOnSignals(server: RunningHttpsServer, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
  const handlers = signals.map((signal) => {
    const handler = (): void => void server.shutdown(signal);
    process.once(signal, handler);
    return { signal, handler };
  });
  return () => {
    for (const { signal, handler } of handlers) process.off(signal, handler);
  };
}
