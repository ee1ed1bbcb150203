import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

// One HTTP exchange over node:http(s), so a registry's CA can be given per client. Responses are
// streams: blobs go straight to the cache without being held in memory.

export interface HttpOptions {
  /** Extra PEM CA certificates for TLS (beside Node's defaults and NODE_EXTRA_CA_CERTS). */
  readonly ca?: readonly string[];
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: IncomingMessage;
  readonly url: URL;
}

export function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, options: HttpOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const requestOf = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const { tlsOptions } = { tlsOptions: url.protocol === 'https:' && options.ca !== undefined && options.ca.length > 0 ? { ca: [...options.ca] } : {} };
    const request = requestOf(url, {
      method,
      headers: { 'user-agent': 'kubeward', ...headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) },
      timeout: options.timeoutMs ?? 60_000,
      ...tlsOptions,
    }, (response) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response, url }));
    request.on('timeout', () => request.destroy(new Error(`${method} ${url.origin}${url.pathname}: no response within ${options.timeoutMs ?? 60_000} ms`)));
    request.on('error', (error) => reject(new Error(`${method} ${url.origin}${url.pathname}: ${error.message}`)));
    request.end(body);
  });
}

export async function readBody(response: HttpResponse, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      response.body.destroy();
      throw new Error(`${response.url.origin}${response.url.pathname}: response larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
