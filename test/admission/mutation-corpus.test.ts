// The mutating webhook over every pod-bearing object of ../shared/corpus, at both levels: the patch applies as the
// API server applies it (strict RFC 6902), fixes only what the checks ask, and a second call on the result patches nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { AdmissionController } from '../../src/admission/admission-controller.js';
import { parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { isK8sObject, type K8sObject } from '../../src/k8s/object.js';
import { podSpecOf } from '../../src/k8s/pod-spec.js';
import { evaluatePodSecurity } from '../../src/rules/pss/evaluate-pod-security.js';
import { allRules } from '../../src/rules/index.js';
import { readSourceCorpus } from '../../bench/corpus.js';
import { applyPatch, requestOf } from './admission-requests.js';

test('mutation is strict-applicable and idempotent on every workload of the shared corpus', () => {
  const objects: K8sObject[] = [];
  for (const file of readSourceCorpus()) {
    for (const text of file.documents) {
      for (const document of parseAllDocuments(text)) {
        const value = document.toJS() as unknown;
        if (isK8sObject(value) && podSpecOf(value) !== undefined) objects.push(value);
      }
    }
  }
  assert.ok(objects.length > 50, `${String(objects.length)} workloads`);
  let patched = 0;
  for (const level of ['baseline', 'restricted'] as const) {
    const admission = new AdmissionController({ admission: parseAdmissionConfig({ mutate: { podSecurity: level } }, 'test', allRules), rules: allRules, today: () => '2026-12-04' });
    for (const object of objects) {
      const where = `${level} ${object.kind} ${String(object.metadata?.name)}`;
      const first = admission.mutate(requestOf(object, { namespace: 'corpus' }), undefined);
      const result = applyPatch(object, first.patch ?? []);
      if ((first.patch ?? []).length > 0) patched++;
      const second = admission.mutate(requestOf(result, { namespace: 'corpus' }), undefined);
      assert.deepEqual(second.patch, [], `${where}: a second pass patches again`);
      // Nothing the checks accept is touched, and no violation with a safe fix is left.
      const before = evaluatePodSecurity(object, { level, version: 37 }).violations;
      const after = evaluatePodSecurity(result, { level, version: 37 }).violations;
      assert.ok(after.length <= before.length, `${where}: the patch added violations`);
      assert.deepEqual(after.filter((violation) => violation.fix?.kind === 'safe').map((violation) => violation.checkId), [], where);
      if (before.length === 0) assert.deepEqual(first.patch, [], `${where}: a compliant object was patched`);
    }
  }
  assert.ok(patched > 20, `${String(patched)} objects patched`);
});
