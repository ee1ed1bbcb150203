import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Evaluation } from '../../src/engine/evaluation.js';
import type { Subject } from '../../src/engine/subject.js';
import type { K8sObject } from '../../src/k8s/object.js';
import { defineCollectionRule, type CollectionRule } from '../../src/engine/rule.js';
import { subjectsOfDocument } from '../../src/engine/yaml-subjects.js';
import { documentsOfText } from '../../src/source/load-objects.js';
import { testDuplicateNames } from './test-rules.js';

// Collection rules keep their subjects until `finish`. Copying them out of their input (`retain`) is
// needed only when the source reads on and releases that input: the evaluation copies on
// `retainKept`, once per subject, and an evaluation of one input never copies.

function configMap(name: string): K8sObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' } };
}

function countingSubject(object: K8sObject, label: string, log: string[]): Subject {
  return {
    object,
    locate: () => ({ file: label, line: 1, column: 1 }),
    retain(): Subject {
      log.push(label);
      return { object: structuredClone(object), locate: () => ({ file: `${label} (retained)`, line: 1, column: 1 }), retain: () => { throw new Error('retained twice'); } };
    },
  };
}

describe('kept subjects', () => {
  it('are copied once each, when the source reads on, and the findings come from the copies', () => {
    const log: string[] = [];
    const evaluation = new Evaluation({ rules: [testDuplicateNames], today: '2026-01-01' });
    evaluation.evaluate(countingSubject(configMap('a'), 'first', log));
    evaluation.evaluate(countingSubject(configMap('a'), 'second', log));
    assert.deepEqual(log, [], 'nothing is copied while the input is being read');
    evaluation.retainKept();
    evaluation.retainKept();
    evaluation.evaluate(countingSubject(configMap('a'), 'third', log));
    assert.deepEqual(log, ['first', 'second']);
    const files = evaluation.finish().map((entry) => entry.finding.location.file);
    assert.deepEqual(files, ['first (retained)', 'second (retained)', 'third']);
  });

  it('are never copied by an evaluation of one input', () => {
    const log: string[] = [];
    const evaluation = new Evaluation({ rules: [testDuplicateNames], today: '2026-01-01' });
    for (const label of ['a', 'b', 'c']) evaluation.evaluate(countingSubject(configMap('x'), label, log));
    assert.equal(evaluation.finish().length, 3);
    assert.deepEqual(log, []);
  });
});

/** A collection rule that records the objects it is given, keeping `keep` of each. */
function recorder(seen: K8sObject[][], keep?: (object: K8sObject) => K8sObject): CollectionRule {
  return defineCollectionRule({
    meta: { ...testDuplicateNames.meta, id: `test-recorder-${seen.length}` },
    kinds: ['ConfigMap'],
    ...(keep === undefined ? {} : { keep }),
    check(context) {
      seen.push(context.objects.map((collected) => collected.object));
    },
  });
}

const nameOnly = (object: K8sObject): K8sObject => ({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata?.name ?? '' } });

describe('the part of an object collection rules keep', () => {
  const big = (): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' }, data: { large: 'x'.repeat(1000) } });

  it('is what the rules get, before and after the source reads on', () => {
    const seen: K8sObject[][] = [];
    const evaluation = new Evaluation({ rules: [recorder(seen, nameOnly), recorder(seen, nameOnly)], today: '2026-01-01' });
    const log: string[] = [];
    evaluation.evaluate(countingSubject(big(), 'first', log));
    evaluation.retainKept();
    evaluation.evaluate(countingSubject(big(), 'second', log));
    evaluation.finish();
    assert.deepEqual(seen, [[nameOnly(big()), nameOnly(big())], [nameOnly(big()), nameOnly(big())]]);
  });

  it('is the whole object when the rules reading the kind do not name the same part', () => {
    const seen: K8sObject[][] = [];
    const evaluation = new Evaluation({ rules: [recorder(seen, nameOnly), recorder(seen)], today: '2026-01-01' });
    evaluation.evaluate(countingSubject(big(), 'first', []));
    evaluation.finish();
    assert.deepEqual(seen, [[big()], [big()]]);
  });
});

describe('a List', () => {
  it('gives its items the findings they get as documents, from one shared copy of its text when kept', () => {
    const items = [0, 1, 2].map((index) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'ns' }, data: { index: String(index) } }));
    const asList = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
    const asDocuments = items.map((item) => JSON.stringify(item, null, 2)).join('\n---\n');
    const judge = (text: string): string[] => {
      const evaluation = new Evaluation({ rules: [testDuplicateNames], today: '2026-01-01' });
      for (const event of documentsOfText('input.json', text)) {
        if (event.type === 'objects') for (const subject of subjectsOfDocument('input.json', event.document, event.objects)) evaluation.evaluate(subject);
      }
      evaluation.retainKept();
      return evaluation.finish().map((entry) => `${entry.finding.ruleId} ${entry.finding.resource.name} ${entry.finding.path} ${entry.finding.message}`);
    };
    assert.deepEqual(judge(asList), judge(asDocuments));
    assert.equal(judge(asList).length, 3);
    const [event] = [...documentsOfText('input.json', asList)].filter((candidate) => candidate.type === 'objects');
    assert.ok(event?.type === 'objects');
    const kept = subjectsOfDocument('input.json', event.document, event.objects).map((subject) => subject.retain());
    assert.ok(kept.every((subject) => subject.source?.document === kept[0]?.source?.document), 'the items share one retained document');
  });
});

describe('a released YAML subject', () => {
  it('locates its fields again after its document index was dropped', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: value\n';
    const [event] = [...documentsOfText('cm.yaml', text)].filter((candidate) => candidate.type === 'objects');
    assert.ok(event?.type === 'objects');
    const [subject] = subjectsOfDocument('cm.yaml', event.document, event.objects);
    assert.ok(subject !== undefined);
    const before = subject.locate(['data', 'key']);
    subject.release?.();
    assert.deepEqual(subject.locate(['data', 'key']), before);
    assert.deepEqual(before, { file: 'cm.yaml', line: 6, column: 3 });
  });
});
