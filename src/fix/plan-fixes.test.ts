import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../rules/index.js';
import { MISPLACED_SETTINGS_ID, planFileFixes, planFixes, selectFixes } from './plan-fixes.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  containers:
  - name: app
    image: nginx:1.25
    securityContext:
      privileged: true
`;

const scan = { pssLevel: 'restricted' as const, today: '2026-11-25', rules: allRules };

test('the planner turns text into fixed text and records, with no file or process around it', () => {
  const plan = planFixes([{ file: 'pod.yaml', text: POD }], { scan, includeSuggestions: false });
  const [result] = plan.results;
  assert.ok(result);
  assert.match(result.text, /^ {6}privileged: false$/m);
  assert.ok(result.applied.some((record) => record.ruleId === 'no-privileged'));
  assert.equal(plan.companions, '');
  // The same plan file by file.
  assert.equal(planFileFixes('pod.yaml', POD, { scan, includeSuggestions: false }).text, result.text);
});

test('what --generate answers comes from the rules\' metadata', () => {
  const { results } = planFixes([{ file: 'pod.yaml', text: POD }], { scan, includeSuggestions: false });
  const unfixable = results[0]?.unfixable ?? [];
  const ingress = unfixable.find((finding) => finding.ruleId === 'workload-without-ingress-policy');
  assert.equal(ingress?.generate, 'networkpolicies');
  for (const rule of allRules) {
    if (rule.meta.generate === undefined) continue;
    assert.ok(['networkpolicies', 'serviceaccounts'].includes(rule.meta.generate), rule.meta.id);
  }
  // A rule set without those rules gives no advice for them.
  const only = selectFixes('no-privileged', allRules);
  const limited = planFixes([{ file: 'pod.yaml', text: POD }], { scan: { ...scan, rules: only.rules }, includeSuggestions: false });
  assert.deepEqual(limited.results[0]?.unfixable.filter((finding) => finding.generate !== undefined), []);
});

test('--generate plans companions from the objects of the last round', () => {
  const plan = planFixes([{ file: 'pod.yaml', text: POD }], { scan, includeSuggestions: false, generate: new Set(['serviceaccounts'] as const) });
  assert.match(plan.companions, /kind: ServiceAccount\nmetadata:\n {2}name: web\n {2}namespace: shop\n/);
  assert.match(plan.results[0]?.text ?? '', /^ {2}serviceAccountName: web$/m);
  assert.match(plan.results[0]?.text ?? '', /^ {6}privileged: false$/m, 'the rule fixes stay');
});

test('selectFixes splits --rules into rules and the planner\'s own fixes, and names an unknown id', () => {
  assert.deepEqual(selectFixes(`no-privileged,${MISPLACED_SETTINGS_ID}`, allRules).rules.map((rule) => rule.meta.id), ['no-privileged']);
  assert.equal(selectFixes('no-privileged', allRules).misplacedSettings, false);
  assert.equal(selectFixes(undefined, allRules).misplacedSettings, true);
  assert.equal(selectFixes('no-privileged,nope', allRules).unknown, 'nope');
});

test('the fix command names no rule: what a rule offers is its metadata', () => {
  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'fix');
  const ids = [...allRules.map((rule) => rule.meta.id), MISPLACED_SETTINGS_ID, 'generate-serviceaccounts'];
  for (const name of readdirSync(cli).filter((file) => file.endsWith('.ts'))) {
    // Help text may mention ids; code may not hold them as strings.
    const code = readFileSync(join(cli, name), 'utf8').replace(/const USAGE = `[\s\S]*?`;/, '');
    for (const id of ids) assert.ok(!code.includes(`'${id}'`), `${name} hard-codes the rule id ${id}`);
  }
});
