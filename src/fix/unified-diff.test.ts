import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { diffLines, minimalDiffLines, unifiedDiff } from './unified-diff.js';

test('equal texts give an empty diff', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', { oldName: 'a/x', newName: 'b/x' }), '');
});

test('a change in the middle gets three lines of context', () => {
  const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
  const after = before.replace('5\n', '5\nfive\n');
  assert.equal(unifiedDiff(before, after, { oldName: 'a/f.yaml', newName: 'b/f.yaml' }),
    '--- a/f.yaml\n+++ b/f.yaml\n@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+five\n 6\n 7\n 8\n');
});

test('close changes share a hunk, distant ones do not', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
  const changed = [...lines];
  changed[2] = 'X';
  changed[6] = 'Y';
  changed[25] = 'Z';
  const diff = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', { oldName: 'a', newName: 'b' });
  assert.equal(diff.match(/^@@/gm)?.length, 2);
});

test('marks a missing final newline', () => {
  assert.equal(unifiedDiff('a', 'b', { oldName: 'a', newName: 'b' }), '--- a\n+++ b\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  assert.equal(unifiedDiff('', 'x\n', { oldName: '/dev/null', newName: 'b/new.yaml' }), '--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1,1 @@\n+x\n');
});

test('Myers gives a minimal edit script that rebuilds both sides', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }), (a, b) => {
    const ops = minimalDiffLines(a, b);
    assert.deepEqual(ops.filter((op) => op.type !== 'insert').map((op) => op.line), a);
    assert.deepEqual(ops.filter((op) => op.type !== 'delete').map((op) => op.line), b);
    const equal = ops.filter((op) => op.type === 'equal').length;
    assert.equal(equal, lcsLength(a, b), 'keeps a longest common subsequence');
  }), { numRuns: 300 });
});

test('the patience diff rebuilds both sides, on inputs with unique lines and repeated ones', () => {
  const line = fc.oneof(fc.constantFrom('a', 'b', '---', '  x: 1'), fc.integer({ min: 0, max: 200 }).map((n) => `name: n${n}`));
  fc.assert(fc.property(fc.array(line, { maxLength: 200 }), fc.array(line, { maxLength: 200 }), (a, b) => {
    const ops = diffLines(a, b);
    assert.deepEqual(ops.filter((op) => op.type !== 'insert').map((op) => op.line), a);
    assert.deepEqual(ops.filter((op) => op.type !== 'delete').map((op) => op.line), b);
  }), { numRuns: 300 });
});

test('a large stream with scattered changes diffs quickly and keeps changes local', () => {
  const documents = Array.from({ length: 20_000 }, (_, i) => `---\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  containers:\n  - name: app\n    image: nginx\n`);
  const before = documents.join('');
  const after = documents.map((document, i) => (i % 50 === 0 ? document.replace('    image: nginx\n', '    image: nginx\n    securityContext:\n      privileged: false\n') : document)).join('');
  const started = performance.now();
  const diff = unifiedDiff(before, after, { oldName: 'a/x', newName: 'b/x' });
  assert.ok(performance.now() - started < 10_000, 'fast');
  assert.equal(diff.match(/^@@/gm)?.length, 400);
  assert.equal(diff.match(/^\+ {6}privileged: false$/gm)?.length, 400);
  assert.equal(diff.match(/^-/gm)?.length, 1, 'only the --- header removes nothing');
});

test('git apply accepts the diffs', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-diff-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: directory });
    fc.assert(fc.property(fc.array(fc.constantFrom('a: 1', 'b: 2', '  c: 3', '# x', ''), { maxLength: 25 }), fc.array(fc.constantFrom('a: 1', 'b: 2', '  c: 3', '# y', ''), { maxLength: 25 }), fc.boolean(), (a, b, finalNewline) => {
      const before = a.join('\n') + (a.length > 0 ? '\n' : '');
      const after = b.join('\n') + (b.length > 0 && finalNewline ? '\n' : '');
      if (before === '' || after === '') return;
      writeFileSync(join(directory, 'f.yaml'), before);
      const diff = unifiedDiff(before, after, { oldName: 'a/f.yaml', newName: 'b/f.yaml' });
      if (diff === '') return;
      writeFileSync(join(directory, 'change.patch'), diff);
      execFileSync('git', ['apply', '--unidiff-zero', 'change.patch'], { cwd: directory });
      assert.equal(readFileSync(join(directory, 'f.yaml'), 'utf8'), after);
    }), { numRuns: 60 });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      const previousRow = table[i - 1] as number[];
      row[j] = a[i - 1] === b[j - 1] ? (previousRow[j - 1] as number) + 1 : Math.max(previousRow[j] as number, row[j - 1] as number);
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}
