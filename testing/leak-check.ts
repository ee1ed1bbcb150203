import assert from 'node:assert/strict';
import { scanText } from '../src/scan/scan.js';
import type { Rule } from '../src/engine/rule.js';
import { formatHtml } from '../src/report/html.js';
import { formatJson } from '../src/report/json.js';
import { formatJunit } from '../src/report/junit.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatTable } from '../src/report/table.js';

/**
 * Test helper for the credential rules: scans `yaml` with only `rule` enabled and asserts that it
 * reports at least `minimumFindings` findings and that no secret value (nor its base64 form) appears in
 * the report or any of its renderings (table, JSON, SARIF, JUnit, HTML).
 */
export function assertFindingsHideValues(rule: Rule, yaml: string, values: readonly string[], minimumFindings = 1): void {
  const report = scanText(yaml, {
    rules: [rule],
    today: '2026-01-01',
    config: { rules: { [rule.meta.id]: { enabled: true } }, exceptions: [], defaults: {} },
  });
  assert.ok(report.findings.length >= minimumFindings, `expected at least ${minimumFindings} finding(s), got ${report.findings.length}`);
  const rendered = [
    JSON.stringify(report),
    formatJson(report),
    formatSarif(report, [rule]),
    formatJunit(report),
    formatHtml(report, [rule]),
    formatTable(report, { color: false, showSuppressed: true }),
  ];
  for (const value of values) {
    for (const text of rendered) {
      assert.ok(!text.includes(value), 'a secret value appears in the report');
      assert.ok(!text.includes(Buffer.from(value).toString('base64')), 'a secret value appears base64-encoded in the report');
    }
  }
}
