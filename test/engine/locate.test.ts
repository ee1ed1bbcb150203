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
    yield [...prefix, 'kubewardMissingField', 0, 'deeper'];
  }
}

/** Paths that end inside or below what the text holds: missing items, keys under scalars and lists, items of maps. */
function* missingPathsOf(value: unknown, prefix: FieldPath = []): Generator<FieldPath> {
  if (Array.isArray(value)) {
    yield [...prefix, value.length];
    yield [...prefix, 'kubewardMissingField'];
    for (let i = 0; i < value.length; i++) yield* missingPathsOf(value[i], [...prefix, i]);
  } else if (typeof value === 'object' && value !== null) {
    yield [...prefix, 0];
    for (const [key, child] of Object.entries(value)) yield* missingPathsOf(child, [...prefix, key]);
  } else {
    yield [...prefix, 'kubewardMissingField'];
    yield [...prefix, 0];
  }
}

function assertAgreesWithParser(text: string, paths: Iterable<FieldPath>): number {
  let compared = 0;
  for (const slice of splitDocuments(text)) {
    const locator = new DocumentLocator(slice);
    const index = new BlockYamlIndex(slice.text);
    for (const path of paths) {
      const fast = index.locate(path);
      if (fast === undefined) continue;
      const got = { line: slice.line + fast.position.line, column: fast.position.column + 1 };
      assert.deepEqual(got, locator.locateWithParser(path), `${JSON.stringify(text)} path ${JSON.stringify(path)}`);
      compared++;
    }
  }
  return compared;
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
          let budget = 600;
          for (const path of [...pathsOf(parsed.value)].slice(0, 400).concat([...missingPathsOf(parsed.value)].slice(0, 200))) {
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

  it('ends a path at an empty flow collection without the parser, where the parser ends it', () => {
    const text = 'spec:\n  securityContext: {}   # none\n  volumes: []\n  containers:\n  - {}\n  - name: b\n    args: []\n';
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'securityContext', 'runAsNonRoot']), { position: { line: 1, column: 2 }, complete: false });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'volumes', 0, 'name']), { position: { line: 2, column: 2 }, complete: false });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 0, 'image']), { position: { line: 4, column: 4 }, complete: false });
    const paths: FieldPath[] = [['spec', 'securityContext', 'runAsNonRoot'], ['spec', 'securityContext', 0], ['spec', 'volumes', 0, 'name'], ['spec', 'volumes', 'x'],
      ['spec', 'containers', 0, 'image'], ['spec', 'containers', 0, 0], ['spec', 'containers', 1, 'args', 0], ['spec', 'containers', 1, 'args', 'x', 'y']];
    assert.equal(assertAgreesWithParser(text, paths), paths.length);
  });

  it('walks into the map of an item whose dash is alone on its line', () => {
    const text = 'items:\n-\n  name: a\n  image: b\n  ports:\n  - containerPort: 80\n- name: c\n';
    assert.deepEqual(locateInBlockYaml(text, ['items', 0, 'image']), { position: { line: 3, column: 2 }, complete: true });
    const paths: FieldPath[] = [['items', 0], ['items', 0, 'name'], ['items', 0, 'image'], ['items', 0, 'ports', 0, 'containerPort'], ['items', 0, 'missing'], ['items', 1, 'name'], ['items', 2]];
    assert.equal(assertAgreesWithParser(text, paths), paths.length);
  });

  it('skips comments, block scalars and CRLF line ends like the parser', () => {
    const text = 'a: 1 # x #y\r\nb: |\r\n  c: not a key\r\n  - nor an item\r\nd:\r\n  # note\r\n  e: "x # y" # z\r\n  f: >-\r\n    folded\r\n  g: 2\r\n';
    const paths: FieldPath[] = [['a'], ['b'], ['c'], ['d'], ['d', 'e'], ['d', 'f'], ['d', 'g'], ['d', 'h'], ['b', 'c']];
    assert.equal(assertAgreesWithParser(text, paths), paths.length);
  });

  it('handles sequences at the parent key indentation and quoted keys', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    "image": x\n  - name: b\n    securityContext:\n      privileged: true\n';
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 1, 'securityContext', 'privileged']), { position: { line: 6, column: 6 }, complete: true });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 0, 'image']), { position: { line: 3, column: 4 }, complete: true });
    assert.deepEqual(locateInBlockYaml(text, ['spec', 'containers', 0, 'resources', 'limits']), { position: { line: 2, column: 4 }, complete: false });
  });
});
