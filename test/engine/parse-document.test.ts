import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../src/source/parse-document.js';
import { splitDocuments } from '../../src/source/split-documents.js';

function parseOne(text: string) {
  const [slice] = splitDocuments(text);
  assert.ok(slice);
  return parseDocument(slice);
}

describe('parseDocument', () => {
  it('reads YAML 1.1 booleans as kubectl does (go-yaml v2)', () => {
    const parsed = parseOne('a: yes\nb: on\nc: "yes"\nd: No\ne: true\n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { a: true, b: true, c: 'yes', d: false, e: true });
  });

  it('keeps timestamps as strings and resolves merge keys', () => {
    const parsed = parseOne('base: &b {x: 1}\nt: 2024-01-01\nm:\n  <<: *b\n  z: 2\n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { base: { x: 1 }, t: '2024-01-01', m: { x: 1, z: 2 } });
  });

  it('reports a syntax error with the stream line and column', () => {
    const [, second] = splitDocuments('a: 1\n---\nb: [1, 2\nc: 3\n');
    assert.ok(second);
    const parsed = parseDocument(second);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.ok(parsed.problem.line >= 3, `line ${parsed.problem.line}`);
    assert.match(parsed.problem.message, /^invalid YAML: /);
  });

  it('reports duplicate keys and still reads the document (last value wins)', () => {
    const parsed = parseOne('kind: Pod\nspec:\n  hostPID: false\n  hostPID: true\n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { kind: 'Pod', spec: { hostPID: true } });
    assert.equal(parsed.warnings.length, 1);
    assert.equal(parsed.warnings[0]?.line, 4);
    assert.match(parsed.warnings[0]?.message ?? '', /duplicated mapping key/);
  });

  it('refuses a billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = process.hrtime.bigint();
    const parsed = parseOne(`${levels.join('\n')}\n`);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.match(parsed.problem.message, /alias bomb/);
    // Bounded work: refused after the expansion budget, not after a billion nodes.
    assert.ok(Number(process.hrtime.bigint() - started) < 10e9);
  });

  it('reports very deep nesting as an error instead of crashing', () => {
    const depth = 200_000;
    const parsed = parseOne(`${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.match(parsed.problem.message, /nested too deeply|invalid YAML/);
  });
});
