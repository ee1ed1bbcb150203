import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderJsonPatch, toJsonPointer, type JsonPatchOperation } from './render-json-patch.js';
import { applyOperationsToValue } from './apply-operations.js';
import type { FixOperation } from './operations.js';

/** A strict RFC 6902 applier (add/replace/remove) to check patches the way the API server would. */
function applyJsonPatch(document: unknown, patch: readonly JsonPatchOperation[]): unknown {
  let root = structuredClone(document);
  for (const operation of patch) {
    if (operation.path === '') {
      assert.notEqual(operation.op, 'remove');
      root = structuredClone((operation as { value: unknown }).value);
      continue;
    }
    const tokens = operation.path.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop() as string;
    let parent: unknown = root;
    for (const token of tokens) {
      assert.ok(typeof parent === 'object' && parent !== null, `parent of ${operation.path} exists`);
      parent = Array.isArray(parent) ? parent[Number(token)] : (parent as Record<string, unknown>)[token];
    }
    assert.ok(typeof parent === 'object' && parent !== null, `parent of ${operation.path} exists`);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (operation.op === 'add') {
        assert.ok(index <= parent.length);
        parent.splice(index, 0, structuredClone(operation.value));
      } else {
        assert.ok(index < parent.length, `${operation.path} exists`);
        if (operation.op === 'replace') parent[index] = structuredClone(operation.value);
        else parent.splice(index, 1);
      }
    } else {
      const record = parent as Record<string, unknown>;
      if (operation.op !== 'add') assert.ok(Object.prototype.hasOwnProperty.call(record, last), `${operation.path} exists`);
      if (operation.op === 'remove') delete record[last];
      else record[last] = structuredClone(operation.value);
    }
  }
  return root;
}

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations: { 'example.com/a~b': 'x' } },
  spec: {
    hostPID: true,
    securityContext: null,
    containers: [
      { name: 'a', image: 'nginx', securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'SYS_TIME'] } } },
      { name: 'b', image: 'busybox' },
    ],
  },
};

test('escapes JSON pointers as RFC 6901 says', () => {
  assert.equal(toJsonPointer(['metadata', 'annotations', 'example.com/a~b']), '/metadata/annotations/example.com~1a~0b');
  assert.equal(toJsonPointer(['spec', 'containers', 0]), '/spec/containers/0');
});

test('set on an existing field is a replace, on a missing one an add of the first missing field', () => {
  const patch = renderJsonPatch(pod, [
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false },
    { op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
  ]);
  assert.deepEqual(patch, [
    { op: 'replace', path: '/spec/containers/0/securityContext/privileged', value: false },
    { op: 'add', path: '/spec/containers/1/securityContext', value: { capabilities: { drop: ['ALL'] } } },
  ]);
});

test('a null parent is replaced with the nested value', () => {
  const patch = renderJsonPatch(pod, [{ op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }]);
  assert.deepEqual(patch, [{ op: 'replace', path: '/spec/securityContext', value: { runAsNonRoot: true } }]);
});

test('two sets under one missing parent: the second sees what the first created', () => {
  const operations: FixOperation[] = [
    { op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'runAsNonRoot'], value: true },
    { op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' },
  ];
  const patch = renderJsonPatch(pod, operations);
  assert.deepEqual(patch[1], { op: 'add', path: '/spec/containers/1/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } });
  assert.deepEqual(applyJsonPatch(pod, patch), applyOperationsToValue(pod, operations));
});

test('satisfied operations produce no patch', () => {
  assert.deepEqual(renderJsonPatch(pod, [
    { op: 'set', path: ['spec', 'hostPID'], value: true },
    { op: 'remove', path: ['spec', 'hostNetwork'] },
  ]), []);
});

test('array removals go from the highest index down, so indices name the original items', () => {
  const operations: FixOperation[] = [
    { op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 0] },
    { op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 1] },
  ];
  const patch = renderJsonPatch(pod, operations);
  assert.deepEqual(patch.map((operation) => operation.path), [
    '/spec/containers/0/securityContext/capabilities/add/1',
    '/spec/containers/0/securityContext/capabilities/add/0',
  ]);
  assert.deepEqual(applyJsonPatch(pod, patch), applyOperationsToValue(pod, operations));
});

test('the patch gives the same object as the operations, for a typical hardening fix', () => {
  const operations: FixOperation[] = [
    { op: 'set', path: ['spec', 'hostPID'], value: false },
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
    { op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add'] },
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false },
    { op: 'set', path: ['metadata', 'annotations', 'example.com/a~b'], value: 'y' },
  ];
  const patch = renderJsonPatch(pod, operations);
  assert.deepEqual(applyJsonPatch(pod, patch), applyOperationsToValue(pod, operations));
  assert.equal(pod.spec.hostPID, true, 'input not mutated');
});

test('for generated objects and operations, the patch gives what the operations mean', () => {
  const key = fc.constantFrom('a', 'b', 'c/d', 'e~f');
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, fc.boolean(), fc.integer(), fc.constant(null), tie('map'), tie('list')),
    map: fc.dictionary(key, tie('any'), { maxKeys: 3 }),
    list: fc.array(tie('any'), { maxLength: 3 }),
  })).any;
  const path = fc.array(fc.oneof(key, fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 });
  fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 4 }), fc.array(fc.tuple(fc.boolean(), path, value), { maxLength: 4 }), (object, picks) => {
    const operations: FixOperation[] = [];
    for (const [isSet, candidate, newValue] of picks) {
      // Only operations that make sense on this object: sets through maps (or new keys), removals of what exists.
      if (operations.some((other) => other.path.slice(0, candidate.length).every((segment, index) => segment === candidate[index]) || candidate.slice(0, other.path.length).every((segment, index) => segment === other.path[index]))) continue;
      if (isSet) {
        if (candidate.some((segment) => typeof segment === 'number')) continue;
        operations.push({ op: 'set', path: candidate, value: newValue });
      } else {
        operations.push({ op: 'remove', path: candidate });
      }
    }
    const patch = renderJsonPatch(object, operations);
    assert.deepEqual(applyJsonPatch(object, patch), applyOperationsToValue(object, operations), JSON.stringify({ object, operations, patch }));
  }), { numRuns: 300 });
});
