// `kubeward serve` as a process: it starts, answers, and on SIGTERM fails /readyz at once, keeps answering during
// --shutdown-delay, drains and exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { httpsRequest, writeTestCertificates } from '../server/https-test-support.js';
import { podOf, reviewOf } from './admission-requests.js';

test('kubeward serve runs, and SIGTERM drains it cleanly', async () => {
  const files = await writeTestCertificates();
  await writeFile(join(files.dir, 'none.yaml'), '# no settings\n');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-launcher.ts'), 'serve',
      '--tls-cert-file', files.certFile, '--tls-private-key-file', files.keyFile, '--no-cluster', '--port', '0', '--host', '127.0.0.1', '--shutdown-delay', '1', '--config', join(files.dir, 'none.yaml')],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: files.dir, KUBECONFIG: '' } });
    let stderr = '';
    const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
    const port = await new Promise<number>((resolvePromise, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const match = /"msg":"listening"[^\n]*"port":(\d+)/.exec(stderr);
        if (match?.[1] !== undefined) resolvePromise(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`exited ${String(code)}: ${stderr}`)));
    });
    const url = `https://127.0.0.1:${String(port)}`;
    assert.match(stderr, /"level":"warn","msg":"no cluster connection: the configured defaults apply to every namespace"/);
    const answer = await httpsRequest(`${url}/validate`, { ca: files.caPem, method: 'POST', body: JSON.stringify(reviewOf(podOf({ containers: [] }))) });
    assert.equal(answer.status, 200);
    assert.equal((await httpsRequest(`${url}/readyz`, { ca: files.caPem })).status, 200);
    child.kill('SIGTERM');
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
    const draining = await httpsRequest(`${url}/readyz`, { ca: files.caPem });
    assert.equal(draining.status, 503);
    assert.match(draining.body, /\[-\]shutdown failed: shutting down/);
    assert.equal((await httpsRequest(`${url}/validate`, { ca: files.caPem, method: 'POST', body: JSON.stringify(reviewOf(podOf({ containers: [] }))) })).status, 200, 'still answering during the delay');
    assert.equal(await exited, 0);
    assert.match(stderr, /"msg":"stopped","server":"admission","reason":"SIGTERM"/);
  } finally {
    await files.remove();
  }
});
