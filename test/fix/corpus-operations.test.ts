import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { applyFixesToText } from '../../src/fix/apply-fixes.js';
import { applyOperationsToValue, isDeepEqual, pathsOverlap } from '../../src/fix/apply-operations.js';
import type { FixOperation } from '../../src/fix/operations.js';
import { getAtPath, isRecord, type FieldPath } from '../../src/foundation/field-path.js';
import { splitDocuments } from '../../src/source/split-documents.js';
import { KUBERNETES_YAML_SCHEMA } from '../../src/source/yaml-1-1.js';

// The renderer on text written by other tools (jsonnet, kustomize, helm, hand-written): random
// operations on every document of the real-world corpus. The edited document must decode to exactly
// the original with the applied operations, every other document must stay byte-identical, and a
// refusal is only acceptable for an operation that cannot apply (a key into a list).

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(repo, '..', 'shared', 'corpus');

function manifestsUnder(directory: string): string[] {
  return readdirSync(directory).sort().flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return manifestsUnder(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

function pathsOf(value: unknown, path: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((item: unknown, index: number) => pathsOf(item, [...path, index], out));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

test('random operations on every corpus document render exactly', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const failures: string[] = [];
  let operations = 0;
  let refused = 0;
  for (const path of manifestsUnder(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    const slices = splitDocuments(text);
    for (const slice of slices) {
      if (slice.text.length > 400_000) continue;
      const value = jsYaml.load(slice.text, { schema: KUBERNETES_YAML_SCHEMA });
      const paths = pathsOf(value);
      if (paths.length === 0) continue;
      const chosen: FixOperation[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const target = paths[Math.floor(next() * paths.length)] as FieldPath;
        const roll = next();
        const operation: FixOperation = roll < 0.3 ? { op: 'remove', path: target }
          : roll < 0.6 ? { op: 'set', path: target, value: next() < 0.5 ? false : { type: 'RuntimeDefault' } }
          : { op: 'set', path: isRecord(getAtPath(value, target)) ? [...target, 'kubewardNew'] : [...target.slice(0, -1), 'kubewardNew'], value: ['ALL'] };
        if (!chosen.some((other) => pathsOverlap(other.path, operation.path))) chosen.push(operation);
      }
      const result = applyFixesToText(text, chosen.map((operation) => ({ document: slice, pathInDocument: [], fix: { kind: 'safe', title: 't', operations: [operation] } })));
      operations += chosen.length;
      refused += result.skipped.length;
      const where = `${relative(CORPUS, path)} document ${slice.index}`;
      for (const skip of result.skipped) {
        if (!/a parent is not a map or list/.test(skip.reason)) failures.push(`${where}: refused: ${skip.reason} (${JSON.stringify(chosen)})`);
      }
      const after = splitDocuments(result.text);
      if (after.length !== slices.length) {
        failures.push(`${where}: document count changed`);
        continue;
      }
      slices.forEach((other, index) => {
        if (index !== slice.index && after[index]?.text !== other.text) failures.push(`${where}: document ${index} changed`);
      });
      const decoded = jsYaml.load(after[slice.index]?.text ?? '', { schema: KUBERNETES_YAML_SCHEMA });
      const expected = applyOperationsToValue(value, result.appliedFixes.flatMap((fix) => fix.fix.operations));
      if (!isDeepEqual(decoded, expected)) failures.push(`${where}: decodes to something else after ${JSON.stringify(chosen)}`);
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
  assert.ok(operations > 1000, `only ${operations} operations`);
  assert.ok(refused < operations * 0.1, `${refused} of ${operations} refused`);
});
