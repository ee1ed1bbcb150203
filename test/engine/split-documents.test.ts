import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitDocuments } from '../../src/source/split-documents.js';

describe('splitDocuments', () => {
  it('splits on --- lines and keeps offsets and lines', () => {
    const text = 'a: 1\n---\nb: 2\n--- # comment\nc: 3\n';
    const slices = splitDocuments(text);
    assert.deepEqual(slices.map((s) => [s.line, s.index, text.slice(s.offset, s.offset + s.text.length) === s.text]), [[1, 0, true], [2, 1, true], [4, 2, true]]);
    assert.equal(slices[1]?.text, '---\nb: 2\n');
  });

  it('skips empty documents and comment-only documents', () => {
    const slices = splitDocuments('---\n# nothing here\n---\n\n---\nkind: A\n---\n');
    assert.equal(slices.length, 1);
    assert.equal(slices[0]?.line, 5);
  });

  it('does not split on --- inside a line or indented', () => {
    const text = 'data:\n  script: |\n    echo ---\n    ---x\n  other: "a --- b"\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  it('treats ... as a document end and keeps columns', () => {
    const slices = splitDocuments('a: 1\n...\nb: 2\n');
    assert.equal(slices.length, 2);
    assert.equal(slices[1]?.text, '   \nb: 2\n');
  });

  it('keeps directives with the document they introduce', () => {
    const slices = splitDocuments('%YAML 1.2\n---\na: 1\n');
    assert.equal(slices.length, 1);
    assert.equal(slices[0]?.line, 1);
    assert.ok(slices[0]?.text.startsWith('%YAML'));
  });
});
