import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJunit } from '../../src/report/junit.js';
import { scanText } from '../../src/scan/scan.js';
import { testRules } from './test-rules.js';

// Two containers break the same rule in two Deployments of one file; a name carries characters XML 1.0
// cannot hold (a C0 control, U+FFFE, a lone surrogate: JSON escapes let a manifest hold all three).
const deployment = (name: string): string => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'prod' },
  spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }] } } },
});
const TEXT = `${deployment('api')}\n---\n${deployment('api')}\n---\n${deployment('w\u0001e\uFFFEb\uD800')}\n---\nkind: [\n---\nkind: [\n`;

function testcases(xml: string): { classname: string; name: string; body: string }[] {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(?:\/>|>(.*?)<\/testcase>)/gs)]
    .map((match) => ({ classname: match[1] ?? '', name: match[2] ?? '', body: match[3] ?? '' }));
}

describe('junit report', () => {
  const report = scanText(TEXT, { rules: testRules, file: 'deploy.yaml' });

  it('gives every test case a unique name within its suite', () => {
    const xml = formatJunit(report, testRules);
    const suites = xml.split('<testsuite ').slice(1);
    for (const suite of suites) {
      const names = testcases(suite).map((testcase) => testcase.name);
      assert.equal(new Set(names).size, names.length, `duplicate names: ${names.join(' | ')}`);
    }
    // Also without the rules: the same resource twice, and two errors in one file.
    const names = testcases(formatJunit(report)).map((testcase) => testcase.name);
    assert.equal(new Set(names).size, names.length, names.join(' | '));
  });

  it('lists the checks that passed, and the failed ones with their findings', () => {
    const cases = testcases(formatJunit(report, testRules)).filter((testcase) => testcase.classname === 'kubeward.rules');
    assert.deepEqual(cases.map((testcase) => testcase.name.split(':')[0]), testRules.map((rule) => rule.meta.id).sort());
    const failed = cases.filter((testcase) => testcase.body.includes('<failure'));
    assert.deepEqual(failed.map((testcase) => testcase.name.split(':')[0]), [...new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.ruleId))].sort());
    assert.ok(cases.some((testcase) => testcase.body === ''), 'at least one rule passed and is listed');
  });

  it('holds no character XML 1.0 forbids', () => {
    const xml = formatJunit(report, testRules);
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    assert.match(xml, /classname="Deployment\/prod\/web"/);
  });
});
