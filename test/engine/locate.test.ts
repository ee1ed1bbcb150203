import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { FieldPath } from '../../src/foundation/field-path.js';
import { DocumentLocator } from '../../src/source/locate.js';
import { BlockYamlIndex, locateInBlockYaml } from '../../src/source/locate-block.js';
import { parseDocument } from '../../src/source/parse-document.js';
import { splitDocuments } from '../../src/source/split-documents.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const CORPORA = [resolve(REPO, '..', 'shared', 'corpus'), join(REPO, 'examples')];

function* yamlFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry)) yield path;
  }
}

/** Every path into a value (maps and lists), plus a missing child under each map. */
function* pathsOf(value: unknown, prefix: FieldPath = []): Generator<FieldPath> {
  yield prefix;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* pathsOf(value[i], [...prefix, i]);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...prefix, key]);
    yield [...prefix, 'kubewardMissingField'];
  }
}

describe('DocumentLocator', () => {
  it('the fast block locator agrees with the full parser on every path of the real-world corpus', () => {
    let compared = 0;
    let fallbacks = 0;
    for (const root of CORPORA) {
      for (const file of yamlFiles(root)) {
        for (const slice of splitDocuments(readFileSync(file, 'utf8'))) {
          const parsed = parseDocument(slice);
          if (!parsed.ok) continue;
          const locator = new DocumentLocator(slice);
          const index = new BlockYamlIndex(slice.text);
          let budget = 400;
          for (const path of pathsOf(parsed.value)) {
            if (--budget < 0) break;
            const fast = index.locate(path);
            if (fast === undefined) {
              fallbacks++;
              continue;
            }
            const reference = locator.locateWithParser(path);
            const got = { line: slice.line + fast.position.line, column: fast.position.column + 1 };
            assert.deepEqual(got, reference, `${file}:${slice.line} path ${JSON.stringify(path)}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 20_000, `compared ${compared} paths (${fallbacks} fell back to the parser)`);
  });

  it('falls back to the parser for flow style, anchors and JSON', () => {
    assert.equal(locateInBlockYaml('a: {b: 1}\n', ['a', 'b']), undefined);
    assert.equal(locateInBlockYaml('{"a": {"b": 1}}\n', ['a', 'b']), undefined);
    assert.equal(locateInBlockYaml('a: &x\n  b: 1\nc: *x\n', ['c', 'b']), undefined);
    const [slice] = splitDocuments('spec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n');
    assert.ok(slice);
    assert.deepEqual(new DocumentLocator(slice).locate(['spec', 'containers', 0, 'securityContext', 'privileged']), { line: 2, column: 44 });
  });

  it('handles sequences at the parent key indentation and quoted keys', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    "image": x\n  - name: b\n    securityContext:\n      privileged: true\n';
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 1, 'securityContext', 'privileged']), { position: { line: 6, column: 6 }, complete: true });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 0, 'image']), { position: { line: 3, column: 4 }, complete: true });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 0, 'resources', 'limits']), { position: { line: 2, column: 4 }, complete: false });
  });
});
