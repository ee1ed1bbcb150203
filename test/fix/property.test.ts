import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { Document, isScalar, visit, Scalar } from 'yaml';
import { checkFixGuarantees } from './guarantees.js';
import { applyFixesToText } from '../../src/fix/apply-fixes.js';
import { applyOperationsToValue, isDeepEqual, pathsOverlap } from '../../src/fix/apply-operations.js';
import type { FixOperation } from '../../src/fix/operations.js';
import type { FieldPath } from '../../src/foundation/field-path.js';
import { getAtPath, isRecord } from '../../src/foundation/field-path.js';
import { splitDocuments } from '../../src/source/split-documents.js';
import { KUBERNETES_YAML_SCHEMA } from '../../src/source/yaml-1-1.js';

// Property-based checks: generated pod specs written in generated YAML styles (indentation, list
// indentation, flow collections, quoting, comments, JSON), then fixed.

const NUM_RUNS = Number(process.env['KUBEWARD_PROPERTY_RUNS'] ?? 40);

interface Style {
  readonly indent: 2 | 4;
  readonly indentSeq: boolean;
  readonly flowRatio: number;
  readonly commentRatio: number;
  readonly quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  readonly json: boolean;
  readonly crlf: boolean;
  readonly seed: number;
}

const styleArbitrary: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  flowRatio: fc.constantFrom(0, 0, 0.2, 0.5),
  commentRatio: fc.constantFrom(0, 0.3),
  quote: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const),
  json: fc.boolean().map((json) => json && Math.random() < 0.5),
  crlf: fc.constantFrom(false, false, false, true),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

/** Deterministic pseudo-random numbers from a seed (mulberry32), so a failing case replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes values as YAML in a given style, or as JSON. */
function write(values: readonly unknown[], style: Style): string {
  if (style.json) return values.map((value) => `${JSON.stringify(value, null, style.indent)}\n`).join('---\n');
  const next = random(style.seed);
  const texts = values.map((value, index) => {
    const document = new Document(value);
    visit(document, {
      Map(_, node) {
        if (next() < style.flowRatio) node.flow = true;
      },
      Seq(_, node) {
        if (next() < style.flowRatio) node.flow = true;
      },
      Scalar(_, node) {
        if (typeof node.value === 'string' && style.quote !== 'PLAIN') node.type = style.quote === 'QUOTE_DOUBLE' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      },
      Pair(_, pair) {
        if (next() < style.commentRatio && isScalar(pair.value)) pair.value.comment = ' note';
        if (next() < style.commentRatio / 2 && isScalar(pair.key)) pair.key.commentBefore = ' about this key';
      },
    });
    if (index === 0) document.commentBefore = ' generated';
    return document.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  });
  const text = texts.join('---\n');
  return style.crlf ? text.replace(/\n/g, '\r\n') : text;
}

// --- generated workloads ------------------------------------------------------------------------------

const securityContextArbitrary = fc.record({
  privileged: fc.constantFrom(true, false),
  allowPrivilegeEscalation: fc.constantFrom(true, false),
  runAsNonRoot: fc.constantFrom(true, false),
  runAsUser: fc.constantFrom(0, 1000, 10001),
  readOnlyRootFilesystem: fc.boolean(),
  capabilities: fc.record({ add: fc.subarray(['NET_ADMIN', 'SYS_TIME', 'NET_BIND_SERVICE', 'CHOWN']), drop: fc.subarray(['ALL', 'NET_RAW']) }, { requiredKeys: [] }),
  seccompProfile: fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Unconfined' }, { type: 'Localhost', localhostProfile: 'p.json' }),
}, { requiredKeys: [] });

const containerArbitrary = fc.record({
  name: fc.constantFrom('app', 'sidecar', 'proxy'),
  image: fc.constantFrom('nginx:1.25', 'registry.example.com/app:2.1', 'busybox'),
  securityContext: fc.option(securityContextArbitrary, { nil: undefined }),
  ports: fc.option(fc.constant([{ containerPort: 8080, name: 'http' }]), { nil: undefined }),
}, { requiredKeys: ['name', 'image'] });

const podSpecArbitrary = fc.record({
  containers: fc.uniqueArray(containerArbitrary, { minLength: 1, maxLength: 3, selector: (container) => container.name }),
  initContainers: fc.option(fc.array(containerArbitrary.map((container) => ({ ...container, name: `init-${container.name}` })), { maxLength: 1 }), { nil: undefined }),
  hostNetwork: fc.option(fc.boolean(), { nil: undefined }),
  hostPID: fc.option(fc.boolean(), { nil: undefined }),
  // Container-only fields at the pod level are misplaced settings that fix moves or removes.
  securityContext: fc.option(fc.record({ runAsNonRoot: fc.boolean(), runAsUser: fc.constantFrom(0, 1000), seccompProfile: fc.constant({ type: 'RuntimeDefault' }), allowPrivilegeEscalation: fc.boolean(), privileged: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
  // NetworkPolicy rules written into the pod spec: moved into a NetworkPolicy.
  ingress: fc.option(fc.constant([{ from: [{ podSelector: { matchLabels: { app: 'gateway' } } }], ports: [{ port: 8080 }] }]), { nil: undefined }),
  automountServiceAccountToken: fc.option(fc.boolean(), { nil: undefined }),
  volumes: fc.option(fc.constantFrom([{ name: 'tmp', emptyDir: {} }], [{ name: 'host', hostPath: { path: '/var/log' } }]), { nil: undefined }),
}, { requiredKeys: ['containers'] });

const workloadArbitrary = fc.tuple(fc.constantFrom('Pod', 'Deployment', 'CronJob'), podSpecArbitrary, fc.constantFrom('web', 'api')).map(([kind, podSpec, name]) => {
  const spec = withoutUndefined(podSpec);
  const metadata = { name, namespace: 'shop', labels: { app: name } };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata, spec };
  const template = { metadata: { labels: { app: name } }, spec };
  if (kind === 'Deployment') return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: { app: name } }, template } };
  return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { ...template, spec: { ...spec, restartPolicy: 'OnFailure' } } } } } };
});

function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const scan = { pssLevel: 'restricted' as const, today: '2026-11-25' };

test('generated workloads in generated styles: idempotent, nothing fixable left, only named paths change', () => {
  fc.assert(fc.property(fc.array(workloadArbitrary, { minLength: 1, maxLength: 3 }), styleArbitrary, fc.boolean(), (objects, style, includeSuggestions) => {
    const named = objects.map((object, index) => ({ ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-${index}` } }));
    const text = write(named, style);
    const { violations, result } = checkFixGuarantees('generated.yaml', text, { scan, includeSuggestions });
    assert.deepEqual(violations, [], `input:\n${text}\noutput:\n${result.text}`);
    assert.equal(result.parseErrors.length, 0);
  }), { numRuns: NUM_RUNS });
});

// --- generated operations on generated documents --------------------------------------------------------

const KEYS = ['a', 'b', 'securityContext', 'drop', 'x-y', 'yes', 'with space', 'c.d'];
const scalarArbitrary = fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 5000 }), fc.constantFrom('ALL', 'RuntimeDefault', 'yes', '', 'a: b', '#x', "it's", '1.0', 'null', 'line\nbreak'), fc.constant(null));
const valueArbitrary: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArbitrary, tie('map'), tie('list')),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  list: fc.array(tie('value'), { maxLength: 3 }),
})).value;
const rootArbitrary = fc.dictionary(fc.constantFrom(...KEYS), valueArbitrary, { minKeys: 1, maxKeys: 5 });

/** Fixes that change nothing: setting the present value, removing what is absent. */
function noOps(value: unknown, operations: readonly FixOperation[]): number {
  return operations.filter((operation) => {
    const present = getAtPath(value, operation.path);
    return operation.op === 'remove' ? present === undefined : isDeepEqual(present, operation.value);
  }).length;
}

/** Paths that exist in a value, for operations to aim at. */
function pathsOf(value: unknown, path: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = path.length === 0 ? [] : [path];
  if (Array.isArray(value)) value.forEach((item: unknown, index: number) => out.push(...pathsOf(item, [...path, index])));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...path, key]));
  return out;
}

test('generated operations: the edited text decodes to exactly the intended value, or the fix is refused', () => {
  let refused = 0;
  let total = 0;
  const reasons = new Map<string, number>();
  fc.assert(fc.property(rootArbitrary, styleArbitrary, fc.array(fc.tuple(fc.nat(), fc.constantFrom('set-existing', 'set-new', 'remove'), valueArbitrary, fc.constantFrom(...KEYS)), { minLength: 1, maxLength: 4 }), (root, style, picks) => {
    const other = { kind: 'ConfigMap', data: { untouched: 'yes' } };
    const text = write([other, root, other], style);
    const slices = splitDocuments(text);
    const slice = slices[1];
    assert.ok(slice !== undefined, text);
    const decoded = jsYaml.load(slice.text, { schema: KUBERNETES_YAML_SCHEMA });
    const paths = pathsOf(decoded);
    const candidates = picks.map(([index, kind, value, key]): FixOperation => {
      const path = paths.length === 0 ? [key] : (paths[index % paths.length] as FieldPath);
      if (kind === 'remove') return { op: 'remove', path };
      if (kind === 'set-existing') return { op: 'set', path, value };
      const parent = path.slice(0, -1);
      return { op: 'set', path: [...parent, key, 'new'], value };
    });
    // Rules compute their fixes on the same object; two that touch one field conflict, which the
    // pass logic handles (tested elsewhere). Here: independent fixes, so the intended value is known.
    const fixes: FixOperation[] = [];
    for (const candidate of candidates) if (!fixes.some((kept) => pathsOverlap(kept.path, candidate.path))) fixes.push(candidate);
    const result = applyFixesToText(text, fixes.map((operation) => ({ document: slice, pathInDocument: [], fix: { kind: 'safe', title: 't', operations: [operation] } })));
    total += fixes.length;
    refused += result.skipped.length;
    for (const skip of result.skipped) reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1);
    const after = splitDocuments(result.text);
    assert.equal(after.length, 3, result.text);
    assert.equal(after[0]?.text, slices[0]?.text, 'the document before is untouched');
    assert.equal(after[2]?.text, slices[2]?.text, 'the document after is untouched');
    const value = jsYaml.load(after[1]?.text ?? '', { schema: KUBERNETES_YAML_SCHEMA });
    assert.equal(result.appliedFixes.length + result.skipped.length + noOps(decoded, fixes), fixes.length, 'every fix is applied, refused, or already in place');
    const expected = applyOperationsToValue(decoded, result.appliedFixes.flatMap((fix) => fix.fix.operations));
    assert.deepEqual(value, expected, `input:\n${text}\noutput:\n${result.text}\nskipped: ${JSON.stringify(result.skipped.map((skip) => skip.reason))}`);
  }), { numRuns: NUM_RUNS * 3 });
  // Refusing is allowed, but it must stay the exception.
  assert.ok(refused <= total * 0.25, `${refused} of ${total} operations refused: ${JSON.stringify([...reasons])}`);
  if (process.env['KUBEWARD_DEBUG_PROPERTY'] !== undefined) console.log(refused, total, reasons);
});

test('generated overlapping fixes on map keys: later passes apply them in order, the result is their sequence', () => {
  fc.assert(fc.property(rootArbitrary, styleArbitrary, fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'remove'), valueArbitrary), { minLength: 2, maxLength: 5 }), (root, style, picks) => {
    const text = write([root], style);
    const slice = splitDocuments(text)[0];
    assert.ok(slice !== undefined);
    const decoded = jsYaml.load(slice.text, { schema: KUBERNETES_YAML_SCHEMA });
    const paths = pathsOf(decoded).filter((path) => path.every((segment) => typeof segment === 'string'));
    if (paths.length === 0) return;
    const fixes = picks.map(([index, kind, value]): FixOperation => {
      const path = paths[index % paths.length] as FieldPath;
      return kind === 'remove' ? { op: 'remove', path } : { op: 'set', path, value };
    });
    const result = applyFixesToText(text, fixes.map((operation) => ({ document: slice, pathInDocument: [], fix: { kind: 'safe', title: 't', operations: [operation] } })));
    let expected: unknown = decoded;
    for (const fix of result.appliedFixes) expected = applyOperationsToValue(expected, fix.fix.operations);
    assert.deepEqual(jsYaml.load(result.text, { schema: KUBERNETES_YAML_SCHEMA }), expected, `input:\n${text}\noutput:\n${result.text}`);
  }), { numRuns: NUM_RUNS * 2 });
});
