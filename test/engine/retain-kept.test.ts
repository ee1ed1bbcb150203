import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Evaluation } from '../../src/engine/evaluation.js';
import type { Subject } from '../../src/engine/subject.js';
import type { K8sObject } from '../../src/k8s/object.js';
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
