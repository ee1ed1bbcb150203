import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { AdmissionController } from '../../src/admission/admission-controller.js';
import { parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { KUBERNETES_YAML_SCHEMA } from '../../src/source/yaml-1-1.js';
import type { K8sObject } from '../../src/k8s/object.js';
import { allRules } from '../../src/rules/index.js';
import { deploymentOf, requestOf } from '../admission/admission-requests.js';
import { psaRoot, readFixtureIndex } from './psa-fixtures.js';

// Every upstream Pod Security Admission fixture (../shared/conformance/psa, see its README) through the admission core,
// as upstream's own test (test/run.go) drives the API server: in a namespace labelled enforce=<level>, enforce-version=<version>,
// creating the pod must fail exactly for fail fixtures, with a message containing the fixture's expected substring; creating a
// Deployment with that pod template must be allowed, with a warning exactly for fail fixtures.


test('the admission webhook agrees with upstream PSA on every fixture, messages included', (t) => {
  const index = { fixtures: readFixtureIndex() };
  // Only Pod Security: kubeward's other rules stay out, as they would add their own answers.
  const admission = new AdmissionController({ admission: parseAdmissionConfig({ rules: { deny: 'none', warn: 'none' } }, 'test', allRules), rules: allRules, today: () => '2026-12-04' });
  const problems: string[] = [];
  let denied = 0;
  const parsed = new Map<string, K8sObject>();
  for (const fixture of index.fixtures) {
    const text = readFileSync(path.join(psaRoot, fixture.file), 'utf8');
    let pod = parsed.get(text);
    if (pod === undefined) {
      pod = jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA }) as K8sObject;
      parsed.set(text, pod);
    }
    const labels = { 'pod-security.kubernetes.io/enforce': fixture.level, 'pod-security.kubernetes.io/enforce-version': fixture.version };
    const outcome = admission.validate(requestOf(pod, { namespace: 'fixtures' }), labels);
    const fail = fixture.expected === 'deny';
    if (outcome.response.allowed === fail) {
      problems.push(`${fixture.file}: expected ${fixture.expected}, got ${outcome.response.allowed ? 'allowed' : outcome.response.status?.message ?? ''}`);
      continue;
    }
    if (fail) {
      denied++;
      const message = outcome.response.status?.message ?? '';
      const expected = fixture.expectErrorSubstring ?? fixture.check ?? '';
      if (!message.startsWith(`violates PodSecurity "${fixture.level}:${fixture.version}": `)) problems.push(`${fixture.file}: message ${message}`);
      if (!message.includes(expected)) problems.push(`${fixture.file}: message lacks "${expected}": ${message}`);
    }
    const workload = admission.validate(requestOf(deploymentOf(pod['spec'] as Record<string, unknown>, pod.metadata?.annotations), { namespace: 'fixtures' }), labels);
    if (!workload.response.allowed) problems.push(`${fixture.file}: Deployment denied`);
    const warned = (workload.response.warnings?.length ?? 0) > 0;
    if (warned !== fail) problems.push(`${fixture.file}: Deployment ${warned ? 'warned' : 'not warned'}`);
  }
  t.diagnostic(`${index.fixtures.length - problems.length}/${index.fixtures.length} fixtures agree (${denied} denied)`);
  for (const problem of problems.slice(0, 20)) t.diagnostic(problem);
  assert.deepEqual(problems, []);
  assert.equal(denied, index.fixtures.filter((fixture) => fixture.expected === 'deny').length);
});
