import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-out-'));
  writeFileSync(join(root, 'pod.yaml'), POD);
  return root;
}

describe('--output FILE', () => {
  it('into a missing directory: a clear message naming it, exit 2, no internal error', async () => {
    const root = project();
    for (const args of [['scan', 'pod.yaml', '-f', 'json', '-o', 'missing/dir/report.json'], ['netpol', 'matrix', 'pod.yaml', '-o', 'missing/dir/matrix.txt']]) {
      const run = await runCli(args, { cwd: root });
      assert.equal(run.code, 2, args.join(' '));
      assert.doesNotMatch(run.stderr, /internal error/);
      assert.match(run.stderr, /^kubeward (scan|netpol): cannot write missing\/dir\/\w+\.\w+: directory missing\/dir does not exist\n$/);
    }
    const intoFile = await runCli(['scan', 'pod.yaml', '-o', 'pod.yaml/report.txt'], { cwd: root });
    assert.equal(intoFile.code, 2);
    assert.match(intoFile.stderr, /cannot write pod\.yaml\/report\.txt: pod\.yaml is not a directory/);
  });

  it('never writes through a file or symlink planted at a temporary name', async () => {
    const root = project();
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    // The name the writer used to pick: .FILE.<pid>.tmp, predictable and opened without O_EXCL.
    symlinkSync(victim, join(root, `.report.json.${String(process.pid)}.tmp`));
    const run = await runCli(['scan', 'pod.yaml', '-f', 'json', '-o', 'report.json', '--fail-on', 'none'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(victim, 'utf8'), 'keep me\n');
    assert.equal((JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as { findings: unknown[] }).findings.length > 0, true);
    assert.deepEqual(readdirSync(root).filter((name) => name.includes('kubeward') && name.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('replaces an existing report without a byte order mark it may have had', async () => {
    const root = project();
    writeFileSync(join(root, 'report.json'), '\uFEFF{}');
    const run = await runCli(['scan', 'pod.yaml', '-f', 'json', '-o', 'report.json', '--fail-on', 'none'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as unknown);
  });
});
