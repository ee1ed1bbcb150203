import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, type ScanOptions } from '../src/scan/scan.js';
import type { EngineFinding } from '../src/engine/evaluation.js';
import type { Rule } from '../src/engine/rule.js';
import type { PssLevel, PssVersion } from '../src/engine/pss-version.js';
import { applyFixesToText } from '../src/fix/apply-fixes.js';

// An ESLint-style tester for manifest rules: cases are YAML text; invalid cases name the message id
// (and optionally line, column, path, container, resource) of every finding, and fixable rules give the
// exact fixed `output`, which is re-parsed and must satisfy the rule (the fix is idempotent).

export interface ValidCase {
  readonly name: string;
  readonly yaml: string;
  /** Rule options, as under `rules.<id>.options` in .kubeward.yaml. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
}

export interface ExpectedFinding {
  readonly messageId: string;
  readonly line?: number;
  readonly column?: number;
  /** Field path as printed in reports, e.g. `spec.containers[0].securityContext.privileged`. */
  readonly path?: string;
  readonly container?: string;
  /** `Kind/name` or `Kind/namespace/name`, for rules over several objects. */
  readonly resource?: string;
  /** Values of the finding's message data to compare (only the keys given). */
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
  /**
   * Exact text after applying the findings' fixes (safe ones; suggestions too with `includeSuggestions`).
   * `null` asserts that no fix applies.
   */
  readonly output?: string | null;
  readonly includeSuggestions?: boolean;
}

export interface RuleTestSuite {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

export class RuleTester {
  constructor(private readonly rule: Rule) {}

  run(suite: RuleTestSuite): void {
    const rule = this.rule;
    rejectDuplicates(rule.meta.id, suite);
    describe(`rule ${rule.meta.id}`, () => {
      describe('valid', () => {
        for (const testCase of suite.valid) {
          it(testCase.name, () => {
            const findings = analyze(rule, testCase);
            assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of suite.invalid) {
          it(testCase.name, () => {
            assert.ok(testCase.errors.length > 0, 'an invalid case must expect at least one finding');
            const findings = analyze(rule, testCase);
            assert.equal(findings.length, testCase.errors.length,
              `expected ${testCase.errors.length} finding(s), got ${findings.length}:\n${findings.map(describeFinding).join('\n')}`);
            testCase.errors.forEach((expected, index) => {
              const actual = findings[index]?.finding;
              assert.ok(actual !== undefined);
              assert.ok(rule.meta.messages[expected.messageId] !== undefined, `rule has no messageId "${expected.messageId}"`);
              const got: Record<string, unknown> = { messageId: actual.messageId };
              const want: Record<string, unknown> = { messageId: expected.messageId };
              if (expected.line !== undefined) { got['line'] = actual.location.line; want['line'] = expected.line; }
              if (expected.column !== undefined) { got['column'] = actual.location.column; want['column'] = expected.column; }
              if (expected.path !== undefined) { got['path'] = actual.path; want['path'] = expected.path; }
              if (expected.container !== undefined) { got['container'] = actual.container; want['container'] = expected.container; }
              if (expected.resource !== undefined) {
                const r = actual.resource;
                got['resource'] = [r.kind, r.namespace, r.name].filter((part) => part !== undefined).join('/');
                want['resource'] = expected.resource;
              }
              if (expected.data !== undefined) {
                got['data'] = Object.fromEntries(Object.keys(expected.data).map((key) => [key, actual.data?.[key]]));
                want['data'] = expected.data;
              }
              assert.deepEqual(got, want, `finding ${index + 1}`);
            });
            if (testCase.output === undefined) return;
            const kinds = testCase.includeSuggestions === true ? ['safe', 'suggestion'] : ['safe'];
            const fixed = fix(testCase.yaml, findings, kinds);
            if (testCase.output === null) {
              assert.equal(fixed, testCase.yaml, 'expected no fix to apply');
              return;
            }
            assert.notEqual(rule.meta.fixable, false, `rule ${rule.meta.id} has an output but declares fixable: false`);
            assert.equal(fixed, testCase.output, 'fixed output');
            // The output must re-parse and satisfy the rule as far as the applied fixes reach.
            const after = analyze(rule, { ...testCase, yaml: fixed });
            const stillFixable = after.filter((finding) => finding.fix !== undefined && kinds.includes(finding.fix.kind));
            assert.deepEqual(stillFixable.map(describeFinding), [], 'fixed output still has fixable findings');
            assert.equal(fix(fixed, after, kinds), fixed, 'fixing the fixed output must change nothing');
          });
        }
      });
    });
  }
}

function analyze(rule: Rule, testCase: ValidCase): EngineFinding[] {
  const options: ScanOptions = {
    rules: [rule],
    freezeObjects: true,
    today: '2026-01-01',
    pssLevel: testCase.pssLevel ?? 'restricted',
    ...(testCase.pssVersion === undefined ? {} : { pssVersion: testCase.pssVersion }),
    config: { rules: { [rule.meta.id]: { enabled: true, ...(testCase.options === undefined ? {} : { options: testCase.options }) } }, exceptions: [], defaults: {} },
  };
  const analysis = analyzeText('test.yaml', testCase.yaml, options);
  assert.deepEqual(analysis.errors, [], 'test input must parse');
  return [...analysis.findings].sort((a, b) => a.finding.location.line - b.finding.location.line || a.finding.location.column - b.finding.location.column || a.finding.path.localeCompare(b.finding.path));
}

function fix(text: string, findings: readonly EngineFinding[], kinds: readonly string[]): string {
  const fixes = findings.flatMap((finding) =>
    finding.fix !== undefined && finding.source !== undefined && kinds.includes(finding.fix.kind)
      ? [{ ...finding.source, fix: finding.fix }]
      : []);
  return applyFixesToText(text, fixes).text;
}

function describeFinding(entry: EngineFinding): string {
  const f = entry.finding;
  return `${f.location.line}:${f.location.column} ${f.ruleId} ${f.path} ${f.message}`;
}

function rejectDuplicates(ruleId: string, suite: RuleTestSuite): void {
  const names = new Set<string>();
  const inputs = new Set<string>();
  for (const testCase of [...suite.valid, ...suite.invalid]) {
    if (names.has(testCase.name)) throw new Error(`rule ${ruleId}: duplicate test case name "${testCase.name}"`);
    names.add(testCase.name);
    const key = JSON.stringify([testCase.yaml, testCase.options ?? null, testCase.pssLevel ?? null, testCase.pssVersion ?? null]);
    if (inputs.has(key)) throw new Error(`rule ${ruleId}: duplicate test input in case "${testCase.name}"`);
    inputs.add(key);
  }
}
