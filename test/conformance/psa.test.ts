import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../../src/source/yaml-1-1.js';
import { isK8sObject, type K8sObject } from '../../src/k8s/object.js';
import { parsePssLevel, parsePssVersion, type PssLevel, type PssVersion } from '../../src/engine/pss-version.js';
import { pssImplementationAt } from '../../src/engine/pss-rule.js';
import { pssRules } from '../../src/rules/pss/index.js';
import { evaluatePodSecurity } from '../../src/rules/pss/evaluate-pod-security.js';
import { analyzeText } from '../../src/scan/scan.js';
import { psaRoot, readFixtureIndex, type FixtureEntry } from './psa-fixtures.js';

// Replays every upstream Pod Security Admission fixture (k8s.io/pod-security-admission test/testdata, described in
// ../shared/conformance/psa/README.md): a pass fixture must be allowed at its level and version, a fail fixture
// denied, with a violation from the check its file names or from the restricted check that overrides that check.


interface Disagreement {
  readonly file: string;
  readonly why: string;
}

/** Check ids a denial of `check` may come from at a level and version: itself, or the restricted check overriding it. */
function acceptableChecks(check: string, level: PssLevel, version: PssVersion): ReadonlySet<string> {
  const accepted = new Set([check]);
  if (level !== 'restricted') return accepted;
  for (const rule of pssRules) {
    if (pssImplementationAt(rule.pss, version)?.overrides?.includes(check) === true) accepted.add(rule.pss.id);
  }
  return accepted;
}

const readIndex = readFixtureIndex;

/** Why a verdict disagrees with a fixture (undefined when it agrees); `denials` are the check ids that fired. */
function disagreement(fixture: FixtureEntry, level: PssLevel, version: PssVersion, denials: readonly string[]): string | undefined {
  if (fixture.expected === 'allow') return denials.length === 0 ? undefined : `expected allowed, denied by ${denials.join(', ')}`;
  if (denials.length === 0) return `expected denied by ${fixture.check ?? '?'}, allowed`;
  if (fixture.check === null) return undefined;
  const accepted = acceptableChecks(fixture.check, level, version);
  return denials.some((check) => accepted.has(check)) ? undefined : `expected a violation of ${[...accepted].join(' or ')}, got ${denials.join(', ')}`;
}

test('agrees with upstream Pod Security Admission on every fixture', (t) => {
  const fixtures = readIndex();

  // ~360 distinct pod bodies across 4,537 files: parse each body once.
  const parsedByText = new Map<string, K8sObject>();
  const disagreements: Disagreement[] = [];
  let agreed = 0;
  for (const fixture of fixtures) {
    const level = parsePssLevel(fixture.level);
    const version = parsePssVersion(fixture.version);
    assert.ok(level !== undefined && version !== undefined, `${fixture.file}: level and version`);
    const text = readFileSync(path.join(psaRoot, fixture.file), 'utf8');
    let object = parsedByText.get(text);
    if (object === undefined) {
      const value = jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA });
      assert.ok(isK8sObject(value), `${fixture.file}: a Kubernetes object`);
      object = value;
      parsedByText.set(text, object);
    }
    const verdict = evaluatePodSecurity(object, { level, version });
    assert.equal(verdict.allowed, verdict.violations.length === 0);
    const why = disagreement(fixture, level, version, verdict.violations.map((violation) => `${violation.checkId}`));
    if (why === undefined) agreed += 1;
    else disagreements.push({ file: fixture.file, why });
  }

  t.diagnostic(`PSA conformance: ${agreed}/${fixtures.length} agree (${parsedByText.size} distinct pods)`);
  for (const disagreement of disagreements.slice(0, 20)) t.diagnostic(`${disagreement.file}: ${disagreement.why}`);
  assert.deepEqual(disagreements, []);
  assert.equal(agreed, 4537);
});

test('the scanner engine gives the same verdict: a fixture is PSS-clean exactly when no finding carries frameworks.pss', (t) => {
  const fixtures = readIndex();
  const disagreements: Disagreement[] = [];
  for (const fixture of fixtures) {
    const level = parsePssLevel(fixture.level);
    const version = parsePssVersion(fixture.version);
    assert.ok(level !== undefined && version !== undefined);
    const text = readFileSync(path.join(psaRoot, fixture.file), 'utf8');
    const analysis = analyzeText(fixture.file, text, { rules: pssRules, pssLevel: level, pssVersion: version, today: '2026-01-01' });
    assert.deepEqual(analysis.errors, [], `${fixture.file} parses`);
    const denials = analysis.findings.flatMap((entry) => entry.finding.frameworks.pss === undefined ? [] : [entry.finding.frameworks.pss.check]);
    const why = disagreement(fixture, level, version, denials);
    if (why !== undefined) disagreements.push({ file: fixture.file, why });
  }
  t.diagnostic(`PSA conformance through the engine: ${fixtures.length - disagreements.length}/${fixtures.length} agree`);
  for (const entry of disagreements.slice(0, 20)) t.diagnostic(`${entry.file}: ${entry.why}`);
  assert.deepEqual(disagreements, []);
});
