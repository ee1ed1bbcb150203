import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';

interface JsonReport { errors: { file: string; message: string }[]; summary: { objects: number } }

describe('named pipes, sockets and devices as inputs', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-fifo-'));
  mkdirSync(join(root, 'manifests'));
  writeFileSync(join(root, 'manifests', 'pod.yaml'), POD);
  // A FIFO nobody writes to: opening it for reading the usual way waits for a writer forever.
  execFileSync('mkfifo', [join(root, 'pipe.yaml'), join(root, 'manifests', 'inner.yaml')]);

  it('refuses a FIFO given by name, without waiting for a writer', async () => {
    const run = await runCli(['scan', 'pipe.yaml', 'manifests/pod.yaml', '-f', 'json', '--fail-on', 'none'], { cwd: root });
    assert.equal(run.code, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.errors.map((error) => [error.file, error.message]), [
      ['pipe.yaml', 'not a regular file (named pipe); refused: give its content on standard input instead (kubeward scan - < FILE)'],
    ]);
    assert.equal(report.summary.objects, 1, 'the other input is still scanned');
  });

  it('reports non-regular files inside a directory instead of skipping them silently', async () => {
    const socketPath = join(root, 'manifests', 'socket.yaml');
    const server = createServer();
    await new Promise<void>((resolvePromise) => server.listen(socketPath, resolvePromise));
    try {
      const run = await runCli(['scan', 'manifests', '-f', 'json', '--fail-on', 'none'], { cwd: root });
      assert.equal(run.code, 2);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.deepEqual(report.errors.map((error) => [error.file, error.message.split(';')[0]]), [
        ['manifests/inner.yaml', 'not a regular file (named pipe)'],
        ['manifests/socket.yaml', 'not a regular file (socket)'],
      ]);
      assert.equal(report.summary.objects, 1);
      const fix = await runCli(['fix', 'manifests'], { cwd: root });
      assert.match(fix.stderr, /manifests\/inner\.yaml: not a regular file \(named pipe\)/);
    } finally {
      server.close();
    }
  });

  it('refuses a character device such as /dev/zero', async () => {
    const run = await runCli(['scan', '/dev/zero', '-f', 'json'], { cwd: root });
    assert.equal(run.code, 2);
    assert.match((JSON.parse(run.stdout) as JsonReport).errors[0]?.message ?? '', /^not a regular file \(character device\)/);
  });
});
