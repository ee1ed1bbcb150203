import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scanText } from '../../scan/scan.js';
import { workloadRules } from './index.js';

// The catalogue examples are documentation users run: the insecure one must trigger every workload
// rule (allowed-image-registries with an allow-list, as it is off by default), the hardened one none.
const examples = new URL('../../../examples/', import.meta.url);
const config = {
  rules: Object.fromEntries(workloadRules.map((rule) => [rule.meta.id, { enabled: true, ...(rule.meta.id === 'allowed-image-registries' ? { options: { allowedRegistries: ['registry.example.com'] } } : {}) }])),
  exceptions: [],
  defaults: {},
};

function scanExample(name: string) {
  return scanText(readFileSync(new URL(name, examples), 'utf8'), { file: name, rules: workloadRules, config, today: '2026-01-01' });
}

describe('workload catalogue examples', () => {
  it('catalogue-workload-rules.yaml triggers every workload rule', () => {
    const report = scanExample('catalogue-workload-rules.yaml');
    assert.deepEqual(report.errors, []);
    const fired = new Set(report.findings.filter((finding) => !finding.suppressed).map((finding) => finding.ruleId));
    assert.deepEqual(workloadRules.map((rule) => rule.meta.id).filter((id) => !fired.has(id)), []);
    assert.ok(!JSON.stringify(report).includes('Xk29fLq81mZr') && !JSON.stringify(report).includes('Zq7Lm2Xv9Tr4'), 'no secret value in the report');
  });
  it('catalogue-workload-hardened.yaml passes every workload rule', () => {
    const report = scanExample('catalogue-workload-hardened.yaml');
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.filter((finding) => !finding.suppressed).map((finding) => `${finding.ruleId} ${finding.path}`), []);
  });
});
