// "Clean" must mean checked: a control passes only when a rule of it judged the input, and a rule whose
// input kinds could not all be read reports "not assessed" instead of conclusions drawn from an absence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanObjects, scanText } from '../../src/scan/scan.js';
import { formatTable } from '../../src/report/table.js';
import { formatSarif } from '../../src/report/sarif.js';
import { allRules } from '../../src/rules/index.js';
import type { K8sObject } from '../../src/k8s/object.js';

const HARDENED_POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  automountServiceAccountToken: false
  securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: web
      image: registry.example/web@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;

describe('not assessed', () => {
  it('a scan of one Pod does not call the RBAC controls passing: CIS 5.1.1 is not assessed', () => {
    const report = scanText(HARDENED_POD, { file: 'pod.yaml', today: '2026-01-01' });
    const cis = report.summary.frameworks.cis;
    assert.ok(!cis.passing.includes('5.1.1'), `passing: ${cis.passing.join(', ')}`);
    assert.ok(cis.notAssessed.includes('5.1.1'));
    assert.deepEqual(report.notAssessed.find((entry) => entry.ruleId === 'rbac-cluster-admin-binding'),
      { ruleId: 'rbac-cluster-admin-binding', reason: 'no-input', message: 'no Role, ClusterRole, RoleBinding, ClusterRoleBinding in the input' });
    // What the pod rules did check, and found clean, passes.
    assert.ok(report.summary.frameworks.pss.passing.includes('privileged'));
    assert.equal(report.summary.frameworks.pss.notAssessed.length, 0);
    // Every control is in exactly one of the three lists.
    for (const framework of Object.values(report.summary.frameworks)) {
      assert.equal(framework.failing.length + framework.passing.length + framework.notAssessed.length, framework.controls);
    }
  });

  it('an empty input assesses nothing: no control passes', () => {
    const report = scanText('', { file: 'empty.yaml', today: '2026-01-01' });
    for (const framework of Object.values(report.summary.frameworks)) assert.deepEqual(framework.passing, []);
    assert.equal(report.notAssessed.length, allRules.filter((rule) => rule.meta.enabledByDefault !== false && rule.meta.deprecated === undefined).length);
  });

  it('restricted checks do not run at the baseline level: their controls are not assessed', () => {
    const report = scanText(HARDENED_POD, { file: 'pod.yaml', today: '2026-01-01', pssLevel: 'baseline', pssVersion: 37 });
    const pss = report.summary.frameworks.pss;
    assert.ok(pss.notAssessed.includes('runAsNonRoot'), JSON.stringify(pss));
    assert.ok(pss.passing.includes('privileged'));
    assert.equal(report.notAssessed.find((entry) => entry.ruleId === 'run-as-non-root')?.reason, 'not-run');
  });

  it('NetworkPolicies that could not be listed: no "no NetworkPolicy selects" finding, the rules are not assessed, and the table and SARIF say so', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } as K8sObject;
    const objects = [{ object: pod, location: 'cluster://shop/Pod/web' }];
    const complete = scanObjects(objects, { today: '2026-01-01' });
    assert.ok(complete.findings.some((finding) => finding.ruleId === 'workload-without-ingress-policy'), 'precondition: the rule fires when the read was complete');
    const reason = 'cannot list networking.k8s.io/networkpolicies in all namespaces: forbidden: denied';
    const partial = scanObjects(objects, { today: '2026-01-01' }, { incompleteKinds: new Map([['NetworkPolicy', reason]]) });
    assert.deepEqual(partial.findings.filter((finding) => finding.ruleId.startsWith('workload-without')).map((finding) => finding.ruleId), []);
    const entry = partial.notAssessed.find((candidate) => candidate.ruleId === 'workload-without-ingress-policy');
    assert.equal(entry?.reason, 'incomplete-input');
    assert.equal(entry?.message, 'not run: it reads every NetworkPolicy, and not all could be read');
    assert.equal(entry?.unread, `NetworkPolicy: ${reason}`);
    assert.ok(partial.summary.frameworks.cis.notAssessed.includes('5.3.2'));
    // Object rules still judge what was read.
    assert.ok(partial.findings.some((finding) => finding.ruleId === 'run-as-non-root'));
    const table = formatTable(partial, { color: false, showSuppressed: false });
    assert.match(table, /Not assessed\n {2}NOT CHECKED {2}NetworkPolicy: cannot list networking.k8s.io\/networkpolicies in all namespaces: forbidden: denied\n {4}rules: .*namespace-without-default-deny, .*workload-without-ingress-policy\n/);
    assert.match(table, /CIS \d+\/\d+ \(\d+ not assessed\)/);
    const sarif = JSON.parse(formatSarif(partial, allRules)) as { runs: { invocations: { toolExecutionNotifications: { level: string; associatedRule?: { id: string }; message: { text: string } }[] }[] }[] };
    const notifications = sarif.runs[0]?.invocations[0]?.toolExecutionNotifications ?? [];
    assert.ok(notifications.some((n) => n.level === 'warning' && n.associatedRule?.id === 'workload-without-ingress-policy' && n.message.text.startsWith('not assessed:')));
  });
});
