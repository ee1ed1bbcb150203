// The harness itself: no etcd or kube-apiserver may outlive the run that started it, whichever
// way that run ends, and `cluster:up` / `cluster:down` behave as documented.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readClusterObjects } from '../../src/cluster/read-cluster-objects.js';
import { findControlPlaneBinaries, startControlPlane } from './control-plane.js';

const binaries = await findControlPlaneBinaries();
const skip = binaries.status === 'missing'
  ? `control plane binaries not built (expected in ${binaries.dir}); run: bash test/cluster/build-control-plane.sh`
  : false;
const here = fileURLToPath(new URL('.', import.meta.url));

describe('test control plane', { skip }, () => {
  test('serves TLS with RBAC and the static tokens, and stop() ends both processes and removes the directory', async () => {
    const plane = await startControlPlane();
    try {
      assert.match(plane.server, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.ok((await processesMentioning(plane.dir)).length >= 2, 'etcd and kube-apiserver should run');
      const asAdmin = await readClusterObjects({ kubeconfig: plane.kubeconfigPath });
      assert.deepEqual(asAdmin.errors, []);
      const asBob = await readClusterObjects({ kubeconfig: await plane.kubeconfigFor('bob') });
      assert.ok(asBob.errors.length > 0 && asBob.errors.every((error) => error.reason === 'forbidden'), 'RBAC should deny bob');
    } finally {
      await plane.stop();
    }
    assert.deepEqual(await processesMentioning(plane.dir), []);
    assert.equal(existsSync(plane.dir), false);
  });

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    test(`a test process ended by ${signal} leaves no etcd or kube-apiserver behind`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'hold-control-plane.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
      const dir = await firstLine(child);
      try {
        assert.ok((await processesMentioning(dir)).length >= 2, 'etcd and kube-apiserver should run');
        const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
        child.kill(signal);
        await exited;
        assert.deepEqual(await eventuallyNone(dir), []);
        // Only a process that can still run code (not SIGKILL) removes its directory.
        if (signal === 'SIGTERM') assert.equal(existsSync(dir), false);
      } finally {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test('cluster:up prints export KUBECONFIG=... last and keeps running; cluster:down stops it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kubeward-cluster-home-'));
    const env = { ...process.env, KUBEWARD_CLUSTER_HOME: home };
    try {
      const up = await runCli(['up'], env);
      assert.equal(up.code, 0, up.stderr);
      const last = up.stdout.trim().split('\n').at(-1) ?? '';
      const kubeconfig = /^export KUBECONFIG=(.+)$/.exec(last)?.[1] ?? assert.fail(`last line: ${last}`);
      const read = await readClusterObjects({ kubeconfig });
      assert.deepEqual(read.errors, []);
      const dir = join(kubeconfig, '..');
      assert.ok((await processesMentioning(dir)).length >= 2);

      const again = await runCli(['up'], env);
      assert.equal(again.stdout.trim().split('\n').at(-1), last, 'a second up reuses the running cluster');

      const down = await runCli(['down'], env);
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual(await eventuallyNone(dir), []);
      assert.equal(existsSync(dir), false);
    } finally {
      await runCli(['down'], env);
      await rm(home, { recursive: true, force: true });
    }
  });
});

/** Processes whose command line names `dir` (the data dir, certificates and logs live there). */
async function processesMentioning(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const command = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (command.includes(dir) && !command.includes('hold-control-plane')) found.push(`${entry} ${command.slice(0, 120)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function eventuallyNone(dir: string, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = await processesMentioning(dir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    left = await processesMentioning(dir);
  }
  return left;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (child.stdout === null) { reject(new Error('no stdout')); return; }
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => { lines.close(); resolvePromise(line.trim()); });
    child.once('exit', (code) => reject(new Error(`hold-control-plane exited early (${String(code)})`)));
  });
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'cluster-cli.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
