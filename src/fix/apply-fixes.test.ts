import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsYaml from 'js-yaml';
import { applyFixesToText, type TextFix } from './apply-fixes.js';
import { applyOperationsToValue } from './apply-operations.js';
import type { FixOperation, FixProposal } from './operations.js';
import { splitDocuments } from '../source/split-documents.js';
import { KUBERNETES_YAML_SCHEMA } from '../source/yaml-1-1.js';
import type { FieldPath } from '../foundation/field-path.js';

function proposal(operations: FixOperation[], title = 'fix'): FixProposal {
  return { kind: 'safe', title, operations };
}

function decodeAll(text: string): unknown[] {
  return jsYaml.loadAll(text, undefined, { schema: KUBERNETES_YAML_SCHEMA });
}

/** Applies fixes (each a list of operations) to document `index` and checks the decoded result too. */
function fix(text: string, fixes: FixOperation[][], options: { index?: number; pathInDocument?: FieldPath } = {}): { text: string; applied: number; reasons: string[] } {
  const slices = splitDocuments(text);
  const slice = slices[options.index ?? 0];
  assert.ok(slice, 'document exists');
  const pathInDocument = options.pathInDocument ?? [];
  const textFixes: TextFix[] = fixes.map((operations) => ({ document: slice, pathInDocument, fix: proposal(operations) }));
  const result = applyFixesToText(text, textFixes);
  if (result.skipped.length === 0) {
    const before = decodeAll(text);
    const after = decodeAll(result.text);
    const prefixed = fixes.flat().map((operation): FixOperation => ({ ...operation, path: [...pathInDocument, ...operation.path] }));
    const expected = before.map((value, position) => (position === (options.index ?? 0) ? applyOperationsToValue(value, prefixed) : value));
    assert.deepEqual(after, expected, 'the fixed text decodes to the original with the operations applied');
  }
  return { text: result.text, applied: result.applied, reasons: result.skipped.map((skip) => skip.reason) };
}

const set = (path: FieldPath, value: unknown): FixOperation => ({ op: 'set', path, value });
const remove = (path: FieldPath): FixOperation => ({ op: 'remove', path });

test('replaces a scalar through its range and keeps the comment after it', () => {
  const text = 'kind: Pod\nspec:\n  hostNetwork: true # needed?\n  dnsPolicy: Default\n';
  const out = fix(text, [[set(['spec', 'hostNetwork'], false)]]);
  assert.equal(out.text, 'kind: Pod\nspec:\n  hostNetwork: false # needed?\n  dnsPolicy: Default\n');
  assert.equal(out.applied, 1);
});

test('keeps the quoting style of a replaced string', () => {
  const text = "a: 'x'\nb: \"y\"\nc: z\n";
  const out = fix(text, [[set(['a'], "it's"), set(['b'], 'v'), set(['c'], 'yes')]]);
  assert.equal(out.text, "a: 'it''s'\nb: \"v\"\nc: \"yes\"\n");
});

test('adds a key at the indentation of its siblings, after the last one', () => {
  const text = 'spec:\n    containers:\n    -   name: a\n        image: b\n    # keep me\n    volumes: []\n';
  const out = fix(text, [[set(['spec', 'containers', 0, 'securityContext', 'privileged'], false)]]);
  assert.equal(out.text, 'spec:\n    containers:\n    -   name: a\n        image: b\n        securityContext:\n            privileged: false\n    # keep me\n    volumes: []\n');
});

test('merges several fixes that add to one map into one insertion', () => {
  const text = 'spec:\n  containers:\n  - name: a\n    image: b\n';
  const base = ['spec', 'containers', 0, 'securityContext'];
  const out = fix(text, [
    [set([...base, 'allowPrivilegeEscalation'], false)],
    [set([...base, 'capabilities', 'drop'], ['ALL'])],
    [set([...base, 'seccompProfile', 'type'], 'RuntimeDefault')],
  ]);
  assert.equal(out.text, 'spec:\n  containers:\n  - name: a\n    image: b\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n      seccompProfile:\n        type: RuntimeDefault\n');
  assert.equal(out.applied, 3);
});

test('maps that end on the same line get their new keys in one pass, the deeper map first', () => {
  const text = 'spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: true\n';
  const slice = splitDocuments(text)[0];
  assert.ok(slice);
  const result = applyFixesToText(text, [
    { document: slice, pathInDocument: [], fix: proposal([set(['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], true)]) },
    { document: slice, pathInDocument: [], fix: proposal([set(['spec', 'automountServiceAccountToken'], false)]) },
    { document: slice, pathInDocument: [], fix: proposal([set(['spec', 'containers', 1], { name: 'b' })]) },
    { document: slice, pathInDocument: [], fix: proposal([set(['status'], {})]) },
  ]);
  assert.equal(result.text, 'spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: true\n      runAsNonRoot: true\n  - name: b\n  automountServiceAccountToken: false\nstatus: {}\n');
  assert.equal(result.applied, 4);
});

test('indents new lists as the document does', () => {
  const text = 'spec:\n  containers:\n    - name: a\n';
  const out = fix(text, [[set(['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], ['ALL'])]]);
  assert.equal(out.text, 'spec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n');
});

test('turns an empty flow map into a block map', () => {
  const text = 'spec:\n  securityContext: {}   # empty\n  hostPID: true\n';
  const out = fix(text, [[set(['spec', 'securityContext', 'runAsNonRoot'], true)]]);
  assert.equal(out.text, 'spec:\n  securityContext:   # empty\n    runAsNonRoot: true\n  hostPID: true\n');
});

test('fills a key that has no value, keeping its comment', () => {
  const text = 'spec:\n  securityContext: # pod level\n  hostPID: true\n';
  const out = fix(text, [[set(['spec', 'securityContext', 'runAsNonRoot'], true)]]);
  assert.equal(out.text, 'spec:\n  securityContext: # pod level\n    runAsNonRoot: true\n  hostPID: true\n');
});

test('replaces an explicit null with a block', () => {
  const text = 'spec:\n  securityContext: null\n';
  const out = fix(text, [[set(['spec', 'securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')]]);
  assert.equal(out.text, 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n');
});

test('adds to a non-empty flow map on its line', () => {
  const text = 'metadata: {name: p, labels: {app: x}}\n';
  const out = fix(text, [[set(['metadata', 'namespace'], 'default')]]);
  assert.equal(out.text, 'metadata: {name: p, labels: {app: x}, namespace: default}\n');
});

test('sets a list element by element, keeping the list style', () => {
  const flow = fix('c:\n  drop: [NET_RAW, CHOWN]\n', [[set(['c', 'drop'], ['ALL'])]]);
  assert.equal(flow.text, 'c:\n  drop: [ALL]\n');
  const block = fix('c:\n  drop:\n  - NET_RAW # raw\n  - CHOWN\n', [[set(['c', 'drop'], ['ALL'])]]);
  assert.equal(block.text, 'c:\n  drop:\n  - ALL # raw\n');
  const longer = fix('c:\n  drop: [NET_RAW]\n', [[set(['c', 'drop'], ['NET_RAW', 'ALL'])]]);
  assert.equal(longer.text, 'c:\n  drop: [NET_RAW, ALL]\n');
});

test('removes a pair by its lines, including a nested block', () => {
  const text = 'sc:\n  add:\n  - NET_ADMIN\n  # about drop\n  drop: [ALL]\nnext: 1\n';
  const out = fix(text, [[remove(['sc', 'add'])]]);
  assert.equal(out.text, 'sc:\n  # about drop\n  drop: [ALL]\nnext: 1\n');
});

test('a removal keeps the comments above the key (issue 11: they may be about something else); a block that moves takes them', () => {
  const text = 'spec:\n  # keep: about containers\n  containers: []\n\n  # only the gateway may call\n  # (port 8443)\n  ingress:\n  - from: []\n  dnsPolicy: Default\n';
  const out = fix(text, [[remove(['spec', 'ingress'])]]);
  assert.equal(out.text, 'spec:\n  # keep: about containers\n  containers: []\n\n  # only the gateway may call\n  # (port 8443)\n  dnsPolicy: Default\n');
  const moved = fix(text, [[{ op: 'remove', path: ['spec', 'ingress'], withComments: true }]]);
  assert.equal(moved.text, 'spec:\n  # keep: about containers\n  containers: []\n\n  dnsPolicy: Default\n');
});

test('removing the last key leaves an empty map, not null', () => {
  const out = fix('sc:\n  privileged: true\nnext: 1\n', [[remove(['sc', 'privileged'])]]);
  assert.equal(out.text, 'sc: {}\nnext: 1\n');
});

test('removing the key on a list item line moves the next key up', () => {
  const text = 'items:\n- name: a\n  image: b\n- name: c\n';
  const out = fix(text, [[remove(['items', 0, 'name'])]]);
  assert.equal(out.text, 'items:\n- image: b\n- name: c\n');
});

test('removes list items in block and flow style', () => {
  assert.equal(fix('l:\n- a\n- b\n- c\n', [[remove(['l', 1])]]).text, 'l:\n- a\n- c\n');
  assert.equal(fix('l: [a, b, c]\n', [[remove(['l', 1])]]).text, 'l: [a, c]\n');
  assert.equal(fix('l: [a, b, c]\n', [[remove(['l', 2])]]).text, 'l: [a, b]\n');
  assert.equal(fix('l: [a, b, c]\n', [[remove(['l', 0]), remove(['l', 1])]]).text, 'l: [c]\n');
  assert.equal(fix('l:\n- a\nm: 1\n', [[remove(['l', 0])]]).text, 'l: []\nm: 1\n');
  assert.equal(fix('l: [a]\n', [[remove(['l', 0])]]).text, 'l: []\n');
});

test('replaces a block value with a scalar', () => {
  const out = fix('a:\n  b: 1\n  c: 2\nd: 3\n', [[set(['a'], 'x')]]);
  assert.equal(out.text, 'a: x\nd: 3\n');
});

test('replaces a block scalar', () => {
  const out = fix('a: |\n  line\nb: 1\n', [[set(['a'], 'one')]]);
  assert.equal(out.text, 'a: one\nb: 1\n');
});

test('a set that already holds changes nothing, with YAML 1.1 booleans', () => {
  const text = 'sc:\n  privileged: no\n';
  const out = fix(text, [[set(['sc', 'privileged'], false)]]);
  assert.equal(out.text, text);
  assert.equal(out.applied, 0);
  assert.equal(fix('sc:\n  privileged: yes\n', [[set(['sc', 'privileged'], false)]]).text, 'sc:\n  privileged: false\n');
});

test('edits a pretty-printed JSON document as JSON, keeping its layout', () => {
  const text = '{\n    "kind": "Pod",\n    "spec": {\n        "containers": [\n            {\n                "name": "a",\n                "securityContext": {}\n            }\n        ]\n    }\n}\n';
  const out = fix(text, [
    [set(['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], ['ALL'])],
    [set(['spec', 'hostPID'], false)],
    [set(['spec', 'containers', 0, 'name'], 'b')],
  ]);
  assert.equal(out.text, '{\n    "kind": "Pod",\n    "spec": {\n        "containers": [\n            {\n                "name": "b",\n                "securityContext": {\n                    "capabilities": {\n                        "drop": [\n                            "ALL"\n                        ]\n                    }\n                }\n            }\n        ],\n        "hostPID": false\n    }\n}\n');
  JSON.parse(out.text);
  const removed = fix(out.text, [[remove(['spec', 'hostPID'])]]);
  assert.equal(removed.text, text.replace('"name": "a"', '"name": "b"').replace('"securityContext": {}', '"securityContext": {\n                    "capabilities": {\n                        "drop": [\n                            "ALL"\n                        ]\n                    }\n                }'));
});

test('edits one-line JSON on its line', () => {
  const out = fix('{"kind":"Pod","spec":{"hostPID":true}}', [[set(['spec', 'hostPID'], false), set(['spec', 'hostIPC'], false)]]);
  assert.equal(out.text, '{"kind":"Pod","spec":{"hostPID":false, "hostIPC": false}}');
  JSON.parse(out.text);
});

test('documents a fix does not touch stay byte-identical, separators included', () => {
  const first = '# first\napiVersion: v1\nkind: ConfigMap\ndata:   {a: "1"}\n';
  const second = '---\n# second\nkind: Pod\nspec:\n  hostPID: true\n';
  const third = '---   # third\nkind: Pod\nspec:\n\n  hostIPC: true\n...\n';
  const out = fix(first + second + third, [[set(['spec', 'hostPID'], false)]], { index: 1 });
  assert.equal(out.text, first + second.replace('true', 'false') + third);
});

test('a document that follows a ... end marker keeps the marker', () => {
  const text = 'a: 1\n...\nspec:\n  hostPID: true\n';
  const out = fix(text, [[set(['spec', 'hostPID'], false)]], { index: 1 });
  assert.equal(out.text, 'a: 1\n...\nspec:\n  hostPID: false\n');
  assert.deepEqual(out.reasons, []);
});

test('fixes a member of a List through its path in the document', () => {
  const text = 'kind: List\nitems:\n- kind: Pod\n  spec: {}\n- kind: Pod\n  spec:\n    hostPID: true\n';
  const out = fix(text, [[set(['spec', 'hostPID'], false)]], { pathInDocument: ['items', 1] });
  assert.equal(out.text, 'kind: List\nitems:\n- kind: Pod\n  spec: {}\n- kind: Pod\n  spec:\n    hostPID: false\n');
});

test('keeps CRLF line endings', () => {
  const out = fix('spec:\r\n  a: 1\r\n', [[set(['spec', 'b', 'c'], true)]]);
  assert.equal(out.text, 'spec:\r\n  a: 1\r\n  b:\r\n    c: true\r\n');
});

test('adds a line break at the end of a file without one', () => {
  assert.equal(fix('spec:\n  a: 1', [[set(['spec', 'b'], 2)]]).text, 'spec:\n  a: 1\nb: 2\n'.replace('\nb', '\n  b'));
});

test('refuses to edit through anchors, aliases and merge keys', () => {
  const anchored = fix('base: &sc\n  privileged: true\nspec:\n  sc: *sc\n', [[set(['spec', 'sc', 'privileged'], false)]]);
  assert.equal(anchored.applied, 0);
  assert.match(anchored.reasons[0] ?? '', /alias/);
  const merged = fix('base: &b {x: 1}\nspec:\n  <<: *b\n  y: 2\n', [[set(['spec', 'z'], 1)]]);
  assert.match(merged.reasons[0] ?? '', /merge key/);
  const target = fix('a: &x 1\nb: *x\n', [[set(['a'], 2)]]);
  assert.match(target.reasons[0] ?? '', /anchor/);
});

test('conflicting fixes: the first wins, the second waits for the next pass', () => {
  const text = 'spec:\n  a: 1\n';
  const slices = splitDocuments(text);
  const slice = slices[0];
  assert.ok(slice);
  const result = applyFixesToText(text, [
    { document: slice, pathInDocument: [], fix: proposal([set(['spec', 'b'], 1)]) },
    { document: slice, pathInDocument: [], fix: proposal([set(['spec'], { a: 1, b: 1, c: 1 })]) },
  ]);
  assert.equal(result.text, 'spec:\n  a: 1\n  b: 1\n  c: 1\n');
  assert.equal(result.applied, 2);
});

test('a document that does not parse is left alone and the fix is reported', () => {
  const text = 'a: [\n---\nb: 1\n';
  const slices = splitDocuments(text);
  const slice = slices[0];
  assert.ok(slice);
  const result = applyFixesToText(text, [{ document: slice, pathInDocument: [], fix: proposal([set(['a'], 1)]) }]);
  assert.equal(result.text, text);
  assert.equal(result.applied, 0);
  assert.match(result.skipped[0]?.reason ?? '', /did not parse/);
});

test('a slice that does not match the text is refused', () => {
  const slice = { text: 'x: 1\n', offset: 0, line: 1, index: 0 };
  const result = applyFixesToText('y: 1\n', [{ document: slice, pathInDocument: [], fix: proposal([set(['x'], 2)]) }]);
  assert.equal(result.text, 'y: 1\n');
  assert.equal(result.skipped.length, 1);
});

test('replaces a scalar list item with a map', () => {
  const out = fix('l:\n- a\n- b\n', [[set(['l', 0], { name: 'a', value: 1 })]]);
  assert.equal(out.text, 'l:\n- name: a\n  value: 1\n- b\n');
});

test('appends to a block list of maps', () => {
  const out = fix('volumes:\n  - name: a\n    emptyDir: {}\n', [[set(['volumes', 1], { name: 'tmp', emptyDir: {} })]]);
  assert.equal(out.text, 'volumes:\n  - name: a\n    emptyDir: {}\n  - name: tmp\n    emptyDir: {}\n');
});
