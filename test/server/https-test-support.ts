import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createCertificateAuthority, createServingCertificate, type CertificateAuthority } from '../../src/server/dev-certificates.js';

// Helpers for tests of servers built on src/server (https-server.ts): certificate files in a temporary directory, a log
// sink, and an HTTPS client that trusts the test CA. Real sockets and real certificates, no mocks.

export interface CertificateFiles {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly authority: CertificateAuthority;
  readonly caPem: string;
  /** Writes a new serving certificate (same CA) over the files; returns its PEM. */
  rotate(): Promise<string>;
  remove(): Promise<void>;
}

export async function writeTestCertificates(names: { dns?: string[]; ip?: string[] } = {}): Promise<CertificateFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-tls-'));
  const authority = await createCertificateAuthority();
  const caFile = join(dir, 'ca.crt');
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  const issue = async (): Promise<string> => {
    const serving = await createServingCertificate(authority, { dnsNames: names.dns ?? ['localhost'], ipAddresses: names.ip ?? ['127.0.0.1'] });
    await writeFile(keyFile, serving.keyPem, { mode: 0o600 });
    await writeFile(certFile, serving.certPem);
    return serving.certPem;
  };
  await writeFile(caFile, authority.certPem);
  await issue();
  return { dir, caFile, certFile, keyFile, authority, caPem: authority.certPem, rotate: issue, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Collects JSON log lines. */
export class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const text = chunk.toString('utf8');
    this.text += text;
    for (const line of text.split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    callback();
  }
}

export interface HttpsAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** SHA-256 fingerprint of the certificate the server presented. */
  readonly fingerprint256: string;
}

export function httpsRequest(url: string, options: { ca: string; method?: string; body?: string | Buffer; headers?: Record<string, string> }): Promise<HttpsAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: options.method ?? 'GET', ca: options.ca, agent: false, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      const socket = res.socket as import('node:tls').TLSSocket;
      const fingerprint256 = socket.getPeerCertificate().fingerprint256;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), fingerprint256 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
