import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/cli-harness.js';
import { PRIVILEGED_POD } from './manifests.js';

// `kubeward fix --write` keeps what makes a file the same file, and one file it cannot write costs
// that file only (issue 18 item 6).

const here = dirname(fileURLToPath(import.meta.url));
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const POD = PRIVILEGED_POD;

function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-fix-write-'));
  chmodSync(directory, 0o777);
  return directory;
}

/** The CLI in a process of its own; as root, as the unprivileged user `nobody`, for whom permissions hold. */
function runUnprivileged(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, ['--import', import.meta.resolve('tsx'), join(here, 'run-cli.ts'), ...args], { cwd, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}), env: { ...process.env, HOME: cwd } }, (error, stdout, stderr) => {
      resolvePromise({ code: typeof error?.code === 'number' ? error.code : error === null ? 0 : 1, stdout, stderr });
    });
  });
}

test('a file that cannot be written is reported; the others are still written, and the exit code says so', async () => {
  const directory = workspace();
  try {
    for (const name of ['a.yaml', 'locked.yaml', 'z.yaml']) writeFileSync(join(directory, name), POD);
    // Writable by the unprivileged user except locked.yaml (as root: files of root, 0666 and 0644).
    chmodSync(join(directory, 'a.yaml'), 0o666);
    chmodSync(join(directory, 'z.yaml'), 0o666);
    chmodSync(join(directory, 'locked.yaml'), isRoot ? 0o644 : 0o444);
    const run = await runUnprivileged(['fix', '--no-config', '--write', 'a.yaml', 'locked.yaml', 'z.yaml'], directory);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /^error: locked\.yaml: not written: permission denied$/m);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.match(run.stdout, /fixes in 2 files \(changed\); 3 files read$/m, 'the unwritten file is not counted as changed');
    assert.equal(readFileSync(join(directory, 'locked.yaml'), 'utf8'), POD);
    for (const name of ['a.yaml', 'z.yaml']) {
      assert.match(readFileSync(join(directory, name), 'utf8'), /privileged: false/, `${name} written`);
      // As root, the files belong to root: the unprivileged writer keeps their owner.
      if (isRoot) assert.equal(statSync(join(directory, name)).uid, 0, `${name} keeps its owner`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--write keeps the owner and group of the file', { skip: isRoot ? false : 'needs root to give a file another owner' }, async () => {
  const directory = workspace();
  try {
    writeFileSync(join(directory, 'pod.yaml'), POD);
    chownSync(join(directory, 'pod.yaml'), NOBODY, NOBODY);
    chmodSync(join(directory, 'pod.yaml'), 0o640);
    assert.equal((await runCli(['fix', '--no-config', '--write', 'pod.yaml'], { cwd: directory })).code, 0);
    const stats = statSync(join(directory, 'pod.yaml'));
    assert.deepEqual([stats.uid, stats.gid, stats.mode & 0o777], [NOBODY, NOBODY, 0o640]);
    assert.match(readFileSync(join(directory, 'pod.yaml'), 'utf8'), /privileged: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--write keeps hard links: every name of the file sees the fix', async () => {
  const directory = workspace();
  try {
    writeFileSync(join(directory, 'pod.yaml'), POD);
    linkSync(join(directory, 'pod.yaml'), join(directory, 'other-name.yaml'));
    const inode = statSync(join(directory, 'pod.yaml')).ino;
    assert.equal((await runCli(['fix', '--no-config', '--write', 'pod.yaml'], { cwd: directory })).code, 0);
    assert.equal(statSync(join(directory, 'pod.yaml')).ino, inode);
    assert.equal(statSync(join(directory, 'pod.yaml')).nlink, 2);
    assert.match(readFileSync(join(directory, 'other-name.yaml'), 'utf8'), /privileged: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a symlink and its target in one run: the target is fixed once, the link stays a link', async () => {
  const directory = workspace();
  try {
    writeFileSync(join(directory, 'pod.yaml'), POD);
    symlinkSync('pod.yaml', join(directory, 'link.yaml'));
    const run = await runCli(['fix', '--no-config', '--write', '.'], { cwd: directory });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^link\.yaml: the same file as pod\.yaml; fixed once$/m);
    assert.match(run.stdout, /fixes in 1 file \(changed\); 1 file read$/m);
    assert.ok(lstatSync(join(directory, 'link.yaml')).isSymbolicLink());
    assert.match(readFileSync(join(directory, 'pod.yaml'), 'utf8'), /privileged: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
