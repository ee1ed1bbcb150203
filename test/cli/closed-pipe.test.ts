import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ENTRY = resolve(import.meta.dirname, '..', '..', 'src', 'cli', 'process-main.ts');

/** Runs kubeward as a process whose stdout reader goes away after the first chunk, as `| head -c1` does. */
function runIntoClosedPipe(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const script = `import { runAsProcess } from ${JSON.stringify(ENTRY)}; await runAsProcess(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolvePromise) => child.on('close', (code) => resolvePromise({ code, stderr })));
}

describe('a closed output pipe (kubeward ... | head)', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-pipe-'));
  const pods = Array.from({ length: 400 }, (_, index) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${String(index)}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n`).join('---\n');
  writeFileSync(join(root, 'pods.yaml'), pods);
  // 150 pods without policies: 22,500 allowed connections, far more than a pipe buffer holds.
  writeFileSync(join(root, 'few-pods.yaml'), pods.split('---\n').slice(0, 150).join('---\n'));

  for (const args of [['scan', 'pods.yaml'], ['scan', 'pods.yaml', '--format', 'json'], ['netpol', 'matrix', 'few-pods.yaml']]) {
    it(`stops quietly: kubeward ${args.join(' ')}`, async () => {
      const run = await runIntoClosedPipe(args, root);
      assert.equal(run.stderr, '', 'no EPIPE stack trace');
      assert.equal(run.code, 141, 'the exit status of a program ended by SIGPIPE');
    });
  }
});
