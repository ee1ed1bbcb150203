// The shared HTTPS layer over real sockets and real certificates: routing, limits, deadlines, logs,
// metrics, probes, certificate rotation, load shedding and graceful shutdown.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { createJsonLogger } from '../../src/server/logger.js';
import { startHttpsServer, shutdownOnSignals, type Route, type RunningHttpsServer } from '../../src/server/https-server.js';
import { createServingCertificate, createCertificateAuthority } from '../../src/server/dev-certificates.js';
import { httpsRequest, LogSink, writeTestCertificates, type CertificateFiles } from './https-test-support.js';

const echo: Route = {
  method: 'POST',
  path: '/echo',
  handle(request) {
    const text = request.body.toString('utf8');
    request.annotate({ bytes: request.body.length });
    return { status: 200, body: JSON.stringify({ length: text.length }) };
  },
};

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => signal.addEventListener('abort', () => resolvePromise(), { once: true }));
}

describe('https server', () => {
  let files: CertificateFiles;
  let server: RunningHttpsServer;
  const logs = new LogSink();
  let ready = false;
  let deadlineSignal: AbortSignal | undefined;

  before(async () => {
    files = await writeTestCertificates();
    server = await startHttpsServer({
      name: 'test',
      host: '127.0.0.1',
      port: 0,
      tls: { certFile: files.certFile, keyFile: files.keyFile, pollIntervalMs: 200 },
      logger: createJsonLogger(logs, { level: 'debug' }),
      maxBodyBytes: 1024,
      requestTimeoutMs: 2_000,
      readiness: [{ name: 'cache', status: () => ({ ready, message: ready ? 'synced' : 'not synced yet' }) }],
      routes: [
        echo,
        { method: 'POST', path: '/throws', handle: () => { throw new Error('handler bug'); } },
        { method: 'POST', path: '/rejects', handle: async () => { await Promise.resolve(); throw new Error('async handler bug'); } },
        {
          method: 'POST', path: '/slow', timeoutMs: 300,
          handle: async (request) => {
            deadlineSignal = request.signal;
            await waitForAbort(request.signal);
            return { status: 200, body: '{}' };
          },
        },
      ],
    });
  });
  after(async () => {
    await server.shutdown('test over');
    await files.remove();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    httpsRequest(`${server.url}${path}`, { ca: files.caPem, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  test('serves routes and logs metadata, never the body', async () => {
    const answer = await post('/echo', '{"data":{"password":"hunter2-secret"}}');
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { length: 38 });
    const line = logs.lines.find((entry) => entry['msg'] === 'request' && entry['path'] === '/echo');
    assert.ok(line, 'a request log line');
    assert.equal(line['status'], 200);
    assert.equal(line['bytes'], 38);
    assert.equal(line['server'], 'test');
    assert.equal(typeof line['durationMs'], 'number');
    assert.ok(!logs.text.includes('hunter2'), 'the body never reaches the log');
  });

  test('unknown paths and methods get a Status answer', async () => {
    const missing = await post('/nope', '{}');
    assert.equal(missing.status, 404);
    assert.equal(JSON.parse(missing.body).reason, 'NotFound');
    const wrongMethod = await httpsRequest(`${server.url}/echo`, { ca: files.caPem });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers['allow'], 'POST');
  });

  test('refuses bodies over the limit, declared or streamed', async () => {
    const declared = await post('/echo', 'x'.repeat(2048));
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).message, /larger than the limit of 1024 bytes/);
    const streamed = await post('/echo', 'y'.repeat(4096), { 'transfer-encoding': 'chunked' });
    assert.equal(streamed.status, 413);
    assert.equal((await post('/echo', '{}')).status, 200, 'still serving');
  });

  test('answers 504 at the deadline and aborts the handler', async () => {
    const answer = await post('/slow', '{}');
    assert.equal(answer.status, 504);
    assert.equal(JSON.parse(answer.body).reason, 'Timeout');
    assert.equal(deadlineSignal?.aborted, true);
  });

  test('a handler that throws costs one 500, not the server', async () => {
    for (const path of ['/throws', '/rejects']) {
      const answer = await post(path, '{}');
      assert.equal(answer.status, 500);
      assert.equal(JSON.parse(answer.body).message, 'internal error while answering the request');
    }
    assert.ok(logs.lines.some((entry) => entry['msg'] === 'handler failed' && entry['error'] === 'handler bug'));
    assert.equal((await post('/echo', '{}')).status, 200);
  });

  test('survives malformed HTTP and TLS garbage', async () => {
    const url = new URL(server.url);
    await new Promise<void>((resolvePromise) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), ca: files.caPem }, () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', () => {});
      socket.on('close', () => resolvePromise());
      socket.on('error', () => resolvePromise());
    });
    await new Promise<void>((resolvePromise) => {
      const socket = new Socket();
      socket.connect(Number(url.port), url.hostname, () => socket.end(Buffer.from('\x16\x03\x01garbage-not-a-handshake')));
      socket.resume();
      socket.on('close', () => resolvePromise());
      socket.on('error', () => resolvePromise());
    });
    assert.equal((await post('/echo', '{}')).status, 200);
  });

  test('/healthz, and /readyz that follows its sources', async () => {
    assert.equal((await httpsRequest(`${server.url}/healthz`, { ca: files.caPem })).status, 200);
    const notReady = await httpsRequest(`${server.url}/readyz`, { ca: files.caPem });
    assert.equal(notReady.status, 503);
    assert.match(notReady.body, /\[-\]cache failed: not synced yet/);
    assert.match(notReady.body, /\[\+\]shutdown ok: serving/);
    ready = true;
    const isReady = await httpsRequest(`${server.url}/readyz`, { ca: files.caPem });
    assert.equal(isReady.status, 200);
    assert.match(isReady.body, /readyz check passed/);
  });

  test('/metrics: request counts and latency, every name prefixed kubeward_', async () => {
    await post('/echo', '{}');
    const answer = await httpsRequest(`${server.url}/metrics`, { ca: files.caPem });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /kubeward_http_requests_total\{route="\/echo",method="POST",code="200"\} \d+/);
    assert.match(answer.body, /kubeward_http_requests_total\{route="other",method="POST",code="404"\} 1/);
    assert.match(answer.body, /kubeward_http_request_duration_seconds_bucket\{le="0.005",route="\/echo",method="POST"\} \d+/);
    assert.match(answer.body, /kubeward_tls_certificate_not_after_timestamp_seconds \d+/);
    const names = answer.body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split(/[{ ]/)[0] ?? '');
    assert.ok(names.length > 10);
    assert.deepEqual(names.filter((name) => !name.startsWith('kubeward_')), []);
  });

  test('serves a rotated certificate without a restart, and keeps the old one when the new pair is broken', async () => {
    const before = (await httpsRequest(`${server.url}/healthz`, { ca: files.caPem })).fingerprint256;
    await files.rotate();
    const rotated = await waitFor(async () => {
      const now = (await httpsRequest(`${server.url}/healthz`, { ca: files.caPem })).fingerprint256;
      return now !== before ? now : undefined;
    });
    assert.equal(rotated, server.certificate().fingerprint256);
    // A key that does not belong to the certificate: refused, the rotated pair stays.
    const stranger = await createServingCertificate(await createCertificateAuthority(), { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    await writeFile(files.keyFile, stranger.keyPem);
    await waitFor(async () => (logs.lines.some((line) => typeof line['msg'] === 'string' && line['msg'].includes('do not load')) ? true : undefined));
    assert.equal((await httpsRequest(`${server.url}/healthz`, { ca: files.caPem })).fingerprint256, rotated);
    const metrics = (await httpsRequest(`${server.url}/metrics`, { ca: files.caPem })).body;
    // rotate() writes the key before the certificate: a check between the two sees a mismatched pair, so on a slow
    // machine the rotation itself may count one failure before its success.
    assert.match(metrics, /kubeward_tls_reloads_total\{result="success"\} 1\n/);
    assert.match(metrics, /kubeward_tls_reloads_total\{result="failure"\} [12]\n/);
  });
});

describe('https server shutdown and overload', () => {
  let files: CertificateFiles;
  before(async () => { files = await writeTestCertificates(); });
  after(async () => { await files.remove(); });

  test('sheds requests above maxInFlight with 429', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolvePromise) => { release = resolvePromise; });
    const server = await startHttpsServer({
      name: 'shed', host: '127.0.0.1', port: 0, tls: { certFile: files.certFile, keyFile: files.keyFile }, maxInFlight: 1,
      routes: [{ method: 'POST', path: '/hold', handle: async () => { await gate; return { status: 200, body: '{}' }; } }],
    });
    try {
      const first = httpsRequest(`${server.url}/hold`, { ca: files.caPem, method: 'POST', body: '{}' });
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
      const second = await httpsRequest(`${server.url}/hold`, { ca: files.caPem, method: 'POST', body: '{}' });
      assert.equal(second.status, 429);
      assert.equal(second.headers['retry-after'], '1');
      release();
      assert.equal((await first).status, 200);
    } finally {
      release();
      await server.shutdown();
    }
  });

  test('SIGTERM: /readyz fails, in-flight requests finish, then the listener closes', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolvePromise) => { release = resolvePromise; });
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolvePromise) => { started = resolvePromise; });
    const server = await startHttpsServer({
      name: 'drain', host: '127.0.0.1', port: 0, tls: { certFile: files.certFile, keyFile: files.keyFile },
      shutdown: { delayMs: 300, drainTimeoutMs: 5_000 },
      routes: [{ method: 'POST', path: '/hold', handle: async () => { started(); await gate; return { status: 200, body: '{"done":true}' }; } }],
    });
    const removeHandlers = shutdownOnSignals(server);
    try {
      const inFlight = httpsRequest(`${server.url}/hold`, { ca: files.caPem, method: 'POST', body: '{}' });
      await handlerStarted;
      process.emit('SIGTERM');
      const readyz = await httpsRequest(`${server.url}/readyz`, { ca: files.caPem });
      assert.equal(readyz.status, 503, 'not ready during the shutdown delay');
      assert.match(readyz.body, /\[-\]shutdown failed: shutting down/);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
      release();
      const answer = await inFlight;
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['connection'], 'close');
      await server.closed;
      await assert.rejects(httpsRequest(`${server.url}/healthz`, { ca: files.caPem }), /ECONNREFUSED/);
    } finally {
      removeHandlers();
      release();
      await server.shutdown();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}
