import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineObjectRule } from '../../src/engine/rule.js';
import { parseConfig } from '../../src/engine/config.js';
import { formatKubeVersion, isInRange, parseKubeVersion, schemaMinorFor, SHIPPED_SCHEMA_MINORS } from '../../src/foundation/kube-version.js';
import { pssRules } from '../../src/rules/pss/index.js';
import { schemaFileOf, shippedSchema } from '../../src/rules/schema/support/kubernetes-schema.js';
import { scanText } from '../../src/scan/scan.js';

// Rules and options bound to Kubernetes releases, and `--kube-version` reaching the rules.

const seen: number[] = [];
const sinceV130 = defineObjectRule({
  meta: {
    id: 'test-since-v130',
    title: 'Test: a rule for v1.30 and later',
    severity: 'low',
    category: 'workload',
    description: 'Reports every Pod, on the releases the rule applies to.',
    remediation: 'Nothing to do.',
    references: [],
    frameworks: {},
    fixable: false,
    messages: { seen: 'seen with limit {{limit}}' },
    kubernetesVersions: { since: 30, until: 36 },
    optionVersions: { limit: { since: 33 } },
  },
  kinds: ['Pod'],
  defaultOptions: { other: 1 },
  check(context) {
    seen.push(context.kubernetesVersion);
    context.report({ messageId: 'seen', data: { limit: String(context.options['limit'] ?? 'none') }, path: [] });
  },
});

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b}]\n';
const config = (options: Record<string, unknown>) => ({ rules: { 'test-since-v130': { enabled: true, options } }, exceptions: [], defaults: {} });

describe('Kubernetes releases', () => {
  it('reads the spellings kubectl and managed providers print, and nothing else', () => {
    assert.equal(parseKubeVersion('v1.30'), 30);
    assert.equal(parseKubeVersion('1.30'), 30);
    assert.equal(parseKubeVersion('v1.30.2'), 30);
    assert.equal(parseKubeVersion('v1.29.8-eks-a737599'), 29);
    assert.equal(parseKubeVersion('v1.31.1+k3s1'), 31);
    for (const bad of ['v2.1', '1', 'v1.', 'v1.30x', 'latest', 'v1.030', '']) assert.equal(parseKubeVersion(bad), undefined, bad);
    assert.equal(formatKubeVersion(30), 'v1.30');
    assert.ok(isInRange(30, { since: 30, until: 31 }) && !isInRange(31, { since: 30, until: 31 }) && !isInRange(29, { since: 30 }));
  });

  it('ship one schema per supported release, each naming its release; others get the closest', () => {
    for (const minor of SHIPPED_SCHEMA_MINORS) assert.equal(shippedSchema(minor).kubernetesVersion, `v1.${minor}.0`);
    assert.equal(schemaMinorFor(20), SHIPPED_SCHEMA_MINORS[0]);
    assert.equal(schemaFileOf(99), `kubernetes-v1.${SHIPPED_SCHEMA_MINORS.at(-1)}.0.json`);
    // A field added in v1.30 (KEP-24, AppArmor GA) is unknown to the v1.29 schema only.
    const fieldsAt = (minor: number) => {
      const spec = shippedSchema(minor).rootOf('v1', 'Pod')?.fields.get('spec');
      const containers = spec?.tag === 0 ? spec.fields.get('containers') : undefined;
      const item = containers?.tag === 1 ? containers.items : undefined;
      const context = item?.tag === 0 ? item.fields.get('securityContext') : undefined;
      return context?.tag === 0 ? [...context.fields.keys()] : [];
    };
    assert.ok(!fieldsAt(29).includes('appArmorProfile'));
    assert.ok(fieldsAt(30).includes('appArmorProfile'));
  });

  it('run a version-bound rule only on its releases, and say so when it was enabled explicitly', () => {
    seen.length = 0;
    for (const kubernetesVersion of [29, 30, 35, 36]) {
      const report = scanText(POD, { rules: [sinceV130], kubernetesVersion, config: config({}) });
      const expected = kubernetesVersion >= 30 && kubernetesVersion < 36 ? 1 : 0;
      assert.equal(report.findings.length, expected, `v1.${kubernetesVersion}`);
      assert.equal(report.notes.some((note) => note.message.includes('rule test-since-v130 applies to Kubernetes v1.30 until v1.36')), expected === 0);
    }
    assert.deepEqual(seen, [30, 35]);
  });

  it('drop an option on releases it does not apply to, with a note naming it', () => {
    const before = scanText(POD, { rules: [sinceV130], kubernetesVersion: 31, config: config({ limit: 5 }) });
    assert.equal(before.findings[0]?.message, 'seen with limit none');
    assert.ok(before.notes.some((note) => note.message === 'option limit of rule test-since-v130 applies to Kubernetes v1.33 and later; ignored for Kubernetes v1.31'));
    const after = scanText(POD, { rules: [sinceV130], kubernetesVersion: 33, config: config({ limit: 5 }) });
    assert.equal(after.findings[0]?.message, 'seen with limit 5');
    assert.deepEqual(after.notes, []);
  });

  it('resolve latest Pod Security Standards to the release judged for, as the API server does', () => {
    // Running as root in a user namespace is allowed by restricted from v1.35 (KEP-127).
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}\n  containers: [{name: a, image: b, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]\n';
    const checks = (kubernetesVersion?: number) => scanText(pod, { rules: pssRules, ...(kubernetesVersion === undefined ? {} : { kubernetesVersion }) }).findings.map((f) => f.ruleId).sort();
    assert.deepEqual(checks(), []);
    assert.deepEqual(checks(34), ['run-as-non-root', 'run-as-non-root-user']);
  });

  it('take the release from the config defaults, and refuse malformed ones', () => {
    assert.equal(parseConfig('defaults: {kubernetesVersion: v1.31}\n', '.kubeward.yaml', []).defaults.kubernetesVersion, 31);
    assert.throws(() => parseConfig('defaults: {kubernetesVersion: latest}\n', '.kubeward.yaml', []), /defaults.kubernetesVersion: must be v1.N/);
  });
});
