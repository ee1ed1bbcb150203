import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { UsageError } from '../io.js';
import { formatSnapshot, snapshotCommand } from './snapshot-command.js';

async function run(argv: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  const code = await snapshotCommand.run(argv, { stdin: new PassThrough(), stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

test('snapshot refuses to run without --cluster, with paths, or with a bad --request-timeout', async () => {
  await assert.rejects(run([]), (error) => error instanceof UsageError && /pass --cluster/.test(error.message));
  await assert.rejects(run(['--cluster', 'file.yaml']), UsageError);
  await assert.rejects(run(['--cluster', '--request-timeout', '0']), /--request-timeout must be a positive number/);
});

test('an unreachable server is one error on stderr, exit 2, and no file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-snapshot-unit-'));
  try {
    const server = createServer();
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise()));
    const address = server.address();
    await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    await writeFile(join(dir, 'kubeconfig.json'), JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'gone',
      clusters: [{ name: 'gone', cluster: { server: `https://127.0.0.1:${String(port)}` } }],
      users: [{ name: 'u', user: { token: 'not-a-real-token' } }],
      contexts: [{ name: 'gone', context: { cluster: 'gone', user: 'u' } }],
    }));
    const result = await run(['--cluster', '--kubeconfig', join(dir, 'kubeconfig.json'), '-o', 'out.yaml'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^kubeward snapshot: cannot read https:\/\/127\.0\.0\.1:\d+: the server cannot be reached: .*ECONNREFUSED/);
    assert.ok(!result.stderr.includes('not-a-real-token'));
    assert.equal(existsSync(join(dir, 'out.yaml')), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the snapshot format: header comments naming the source and what was not read, one document per object', () => {
  const text = formatSnapshot({
    server: 'https://10.0.0.1:6443',
    context: 'prod',
    serverVersion: { gitVersion: 'v1.37.2', major: '1', minor: '37' },
    objects: [
      { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, location: 'cluster://Namespace/shop' },
      { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'web:1' }] } }, location: 'cluster://shop/Pod/web' },
    ],
    errors: [{ resource: 'secrets', kinds: ['Secret'], reason: 'forbidden', message: 'cannot list secrets in all namespaces: forbidden: no' }],
  }, new Date('2026-11-25T12:00:00Z'));
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    '# kubeward snapshot of https://10.0.0.1:6443 (context prod)',
    '# server version: v1.37.2; taken 2026-11-25T12:00:00.000Z; 2 objects',
    '# Secrets are metadata only: their data was never read.',
    '# PARTIAL: these could not be read:',
    '#   cannot list secrets in all namespaces: forbidden: no',
  ]);
  const documents = parseAllDocuments(text).map((document) => document.toJS() as unknown).filter((value) => value !== null);
  assert.deepEqual(documents, [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'web:1' }] } },
    // GET /version travels with the snapshot, so a scan of the file can judge the server version too.
    { apiVersion: 'kubeward.io/v1', kind: 'ClusterVersion', metadata: { name: 'cluster' }, gitVersion: 'v1.37.2', major: '1', minor: '37' },
  ]);
});
