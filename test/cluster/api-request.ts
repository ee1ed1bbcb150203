// Raw requests to the test API server with a user's token, for what the typed client hides: the
// `Warning` headers admission webhooks add, the Status of a denial, and `dryRun=All`.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { ControlPlane, TestUserName } from './control-plane.js';

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The `Warning` headers' texts (RFC 7234 `299 - "text"`), unquoted. */
  readonly warnings: readonly string[];
}

export function apiRequest(plane: ControlPlane, method: string, path: string, body?: unknown, user: TestUserName = 'admin'): Promise<ApiAnswer> {
  const ca = readFileSync(plane.caFile);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolvePromise, reject) => {
    const req = request(`${plane.server}${path}`, {
      method, ca, agent: false, timeout: 30_000,
      headers: {
        authorization: `Bearer ${plane.users[user].token}`,
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', 'content-length': String(payload.length) }),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const header = res.headers['warning'];
        const raw = header === undefined ? [] : Array.isArray(header) ? header : [header];
        const warnings = raw.flatMap((value) => [...value.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((match) => (match[1] ?? '').replace(/\\(.)/g, '$1')));
        let parsed: Record<string, unknown> = {};
        try { parsed = JSON.parse(text) as Record<string, unknown>; } catch { parsed = { text }; }
        resolvePromise({ status: res.statusCode ?? 0, body: parsed, warnings });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

export function messageOf(answer: ApiAnswer): string {
  const message = answer.body['message'];
  return typeof message === 'string' ? message : '';
}
