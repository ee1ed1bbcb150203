import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { scan, scanText } from '../../src/scan/scan.js';
import { parseConfig } from '../../src/engine/config.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatTable } from '../../src/report/table.js';
import { formatHtml } from '../../src/report/html.js';
import { testRules } from './test-rules.js';

const require = createRequire(import.meta.url);
// Both packages are CommonJS with a default export; require() gives the constructor and function directly.
const AjvDraft04 = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
// The official OASIS SARIF 2.1.0 schema (rtm.5), as shipped by Microsoft's SARIF tooling.
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
  annotations:
    kubeward.io/ignore: test-missing-limits
    kubeward.io/ignore-reason: limits come from a LimitRange
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.0
          securityContext:
            privileged: true
---
kind: [broken
`;

function sample() {
  const config = parseConfig('rules: {}\n', 'c.yaml', testRules);
  return scanText(TEXT, { rules: testRules, config, file: 'deploy/api.yaml' });
}

describe('reports', () => {
  it('json: stable schema with findings, errors and summary', () => {
    const json = JSON.parse(formatJson(sample())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['schemaVersion', 'tool', 'findings', 'errors', 'notes', 'notAssessed', 'summary']);
    assert.equal(json['schemaVersion'], '1.2');
    const findings = json['findings'] as Record<string, unknown>[];
    assert.deepEqual(findings.map((f) => [f['ruleId'], f['suppressed']]), [['test-missing-limits', true], ['test-privileged', false]]);
    const privileged = findings[1];
    assert.ok(privileged);
    assert.deepEqual(Object.keys(privileged), ['ruleId', 'severity', 'title', 'messageId', 'data', 'message', 'resource', 'location', 'path', 'container', 'fixable', 'fix', 'suppressed', 'frameworks']);
    assert.deepEqual(privileged['location'], { file: 'deploy/api.yaml', line: 16, column: 13 });
    assert.deepEqual(json['errors'], [{ file: 'deploy/api.yaml', line: 18, column: 14, message: 'invalid YAML: unexpected end of the stream within a flow collection' }]);
    const summary = json['summary'] as Record<string, unknown>;
    assert.equal(summary['findings'], 1);
    assert.equal(summary['suppressed'], 1);
    assert.deepEqual((summary['frameworks'] as Record<string, unknown>)['cis'], { controls: 1, failing: ['5.2.2'], passing: [], notAssessed: [] });
  });

  it('json: valid against the published report schema (schema/report-v1.schema.json), examples and bad input included', async () => {
    const Ajv = (require('ajv') as { default: typeof import('ajv').default }).default;
    const schema = JSON.parse(readFileSync(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    const examples = await scan(['examples'], { cwd: new URL('../..', import.meta.url).pathname });
    for (const report of [sample(), examples]) {
      const json = JSON.parse(formatJson(report)) as unknown;
      assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    }
    // The schema rejects what it should: a finding without a location.
    const broken = JSON.parse(formatJson(sample())) as { findings: Record<string, unknown>[] };
    delete broken.findings[0]?.['location'];
    assert.equal(validate(broken), false);
  });

  it('sarif: valid against the official SARIF 2.1.0 schema, with rules, locations and suppressions', () => {
    const sarif = JSON.parse(formatSarif(sample(), testRules)) as { runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: Record<string, unknown>[]; invocations: { executionSuccessful: boolean }[] }[] };
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0];
    assert.ok(run);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['test-privileged', 'test-missing-limits', 'test-duplicate-names']);
    assert.equal(run.tool.driver.rules[0]?.properties['security-severity'], '8.0');
    const result = run.results.find((r) => r['ruleId'] === 'test-privileged');
    assert.ok(result);
    assert.equal(result['ruleIndex'], 0);
    // The message is also given by id and arguments, against the rule's messageStrings.
    const message = result['message'] as { id: string; arguments: string[]; text: string };
    const driverRule = run.tool.driver.rules[0] as unknown as { messageStrings: Record<string, { text: string }> };
    const template = driverRule.messageStrings[message.id]?.text;
    assert.ok(template !== undefined, `no messageStrings entry for ${message.id}`);
    assert.equal(`${template.replace(/\{(\d+)\}/g, (_whole, index: string) => message.arguments[Number(index)] ?? '')} (Deployment/prod/api)`, message.text);
    assert.deepEqual((result['locations'] as { physicalLocation: unknown }[])[0]?.physicalLocation, {
      artifactLocation: { uri: 'deploy/api.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 16, startColumn: 13 },
    });
    const suppressed = run.results.find((r) => r['ruleId'] === 'test-missing-limits');
    assert.deepEqual(suppressed?.['suppressions'], [{ kind: 'inSource', status: 'accepted', justification: 'limits come from a LimitRange' }]);
    assert.equal(run.invocations[0]?.executionSuccessful, false, 'the unreadable document is reported');
  });

  it('junit: one failing test case per finding, suppressed as skipped, input errors as errors', () => {
    const xml = formatJunit(sample());
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kubeward" tests="3" failures="1" errors="1">/);
    assert.match(xml, /<testcase classname="Deployment\/prod\/api" name="test-privileged Deployment\/prod\/api spec.template.spec.containers\[0\].securityContext.privileged" file="deploy\/api.yaml" line="16"><failure message="container &quot;api&quot; sets securityContext.privileged: true" type="high">/);
    assert.match(xml, /<skipped message="suppressed: limits come from a LimitRange"\/>/);
    assert.match(xml, /<error message="invalid YAML: /);
  });

  it('table: grouped by resource, suppressed hidden unless asked, colour only when enabled', () => {
    const plain = formatTable(sample(), { color: false, showSuppressed: false });
    assert.equal(plain, [
      'Deployment prod/api  deploy/api.yaml',
      '  16:13  HIGH  test-privileged  container "api" sets securityContext.privileged: true (fixable)',
      '',
      'Errors',
      '  ERROR  deploy/api.yaml:18:14: invalid YAML: unexpected end of the stream within a flow collection',
      '',
      '1 object in 1 file · 1 finding (1 high) · 1 fixable with `kubeward fix` · 1 suppressed · 1 input error',
      'controls with findings: CIS 1/1 · NSA/CISA 0/1 · MITRE ATT&CK 1/1',
      '',
    ].join('\n'));
    assert.doesNotMatch(plain, /\u001b\[/);
    const all = formatTable(sample(), { color: true, showSuppressed: true });
    assert.match(all, /\u001b\[31mHIGH/);
    assert.match(all, /suppressed: limits come from a LimitRange/);
  });

  it('html: a self-contained page that escapes what it shows', () => {
    const report = scanText(TEXT.replace('name: api\n  namespace', 'name: "<script>x</script>"\n  namespace'), { rules: testRules });
    const html = formatHtml(report, testRules);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script>x<\/script>/);
    assert.doesNotMatch(html, /(src|href)="http/);
  });
});

describe('JSON in pieces', () => {
  it('is formatJson byte for byte, for reports with many findings, none, and suppressed ones', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    const many = await scan(['examples'], { cwd: new URL('../..', import.meta.url).pathname, today: '2026-01-01' });
    assert.ok(many.findings.length > 50);
    const none = scanText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', { today: '2026-01-01', rules: [] });
    const suppressed = scanText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubeward.io/ignore: "*", kubeward.io/ignore-reason: test}\nspec:\n  containers: [{name: c, image: x, securityContext: {privileged: true}}]\n', { today: '2026-01-01' });
    for (const report of [many, none, suppressed]) {
      const chunks = [...jsonChunks(report)];
      assert.equal(chunks.join(''), formatJson(report));
    }
    const chunks = [...jsonChunks({ ...many, findings: Array.from({ length: 40 }, () => many.findings).flat() })];
    assert.ok(chunks.length > 1, 'a large report comes in several pieces');
    assert.ok(chunks.every((chunk) => chunk.length < 3 * 1024 * 1024));
  });
});
