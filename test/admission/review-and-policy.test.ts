import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_ADMISSION_CONFIG, parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { formatLevelVersion, PRIVILEGED_POLICY, PSA_FORBIDDEN_REASONS, policyFromLabels } from '../../src/admission/pod-security-policy.js';
import { parseAdmissionReview, reviewResponse } from '../../src/admission/review.js';
import { ConfigError, parseConfig } from '../../src/engine/config.js';
import { pssRules } from '../../src/rules/pss/index.js';
import { allRules } from '../../src/rules/index.js';
import { podOf, reviewOf, RESTRICTED_SPEC } from './admission-requests.js';

describe('parseAdmissionReview', () => {
  const valid = reviewOf(podOf(RESTRICTED_SPEC));
  const withRequest = (changes: Record<string, unknown>): string => JSON.stringify({ ...valid, request: { ...(valid['request'] as object), ...changes } });

  test('reads what an answer and the checks need', () => {
    const parsed = parseAdmissionReview(Buffer.from(JSON.stringify(valid)));
    assert.ok(parsed.ok);
    assert.equal(parsed.request.uid, '705ab4f5-6393-11e8-b7cc-42010a800002');
    assert.deepEqual(parsed.request.resource, { group: '', version: 'v1', resource: 'pods' });
    assert.equal(parsed.request.operation, 'CREATE');
    assert.equal(parsed.request.userInfo.username, 'alice');
    assert.equal(parsed.request.object?.kind, 'Pod');
    assert.equal(parsed.request.subResource, '');
    assert.equal(parsed.request.dryRun, false);
  });

  const refused: readonly [string, string | Buffer, RegExp][] = [
    ['an empty body', '', /body is empty/],
    ['a truncated body', JSON.stringify(valid).slice(0, 60), /not JSON/],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), /not JSON/],
    ['a JSON array', '[]', /not a JSON object/],
    ['another kind', JSON.stringify({ ...valid, kind: 'TokenReview' }), /kind is "TokenReview"; expected AdmissionReview/],
    ['admission v1beta1', JSON.stringify({ ...valid, apiVersion: 'admission.k8s.io/v1beta1' }), /only admission\.k8s\.io\/v1 is served/],
    ['no request', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), /request is missing/],
    ['no uid', withRequest({ uid: 7 }), /request\.uid is missing or not a string/],
    ['an unknown operation', withRequest({ operation: 'PATCH' }), /request\.operation is "PATCH"; expected one of CREATE, UPDATE, DELETE, CONNECT/],
    ['no kind', withRequest({ kind: null }), /request\.kind must be an object/],
    ['no resource', withRequest({ resource: 'pods' }), /request\.resource must be an object/],
    ['a CREATE without object', withRequest({ object: { spec: {} } }), /request\.object must be a Kubernetes object .* for CREATE/],
    ['an UPDATE without oldObject', withRequest({ operation: 'UPDATE' }), /request\.oldObject must be a Kubernetes object for UPDATE/],
  ];
  for (const [what, body, message] of refused) {
    test(`refuses ${what} with a message naming the problem`, () => {
      const parsed = parseAdmissionReview(body);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.message, message);
    });
  }

  test('DELETE needs no object', () => {
    const parsed = parseAdmissionReview(withRequest({ operation: 'DELETE', object: null, oldObject: podOf({}) }));
    assert.ok(parsed.ok && parsed.request.object === undefined && parsed.request.oldObject?.kind === 'Pod');
  });

  test('the answer is an AdmissionReview v1', () => {
    assert.deepEqual(reviewResponse({ uid: 'x', allowed: true }), { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'x', allowed: true } });
  });
});

describe('policyFromLabels (PSA PolicyToEvaluate)', () => {
  const p = (labels: Record<string, string> | undefined): Record<string, string> => {
    const { policy } = policyFromLabels(labels, PRIVILEGED_POLICY);
    return { enforce: formatLevelVersion(policy.enforce), audit: formatLevelVersion(policy.audit), warn: formatLevelVersion(policy.warn) };
  };
  const L = 'pod-security.kubernetes.io/';

  test('no labels: the defaults', () => {
    assert.deepEqual(p(undefined), { enforce: 'privileged:latest', audit: 'privileged:latest', warn: 'privileged:latest' });
  });
  test('each mode reads its level and version', () => {
    assert.deepEqual(p({ [`${L}enforce`]: 'baseline', [`${L}enforce-version`]: 'v1.25', [`${L}audit`]: 'restricted', [`${L}warn`]: 'restricted', [`${L}warn-version`]: 'v1.30' }),
      { enforce: 'baseline:v1.25', audit: 'restricted:latest', warn: 'restricted:v1.30' });
  });
  test('warn defaults to a stricter enforce level and version', () => {
    assert.deepEqual(p({ [`${L}enforce`]: 'restricted', [`${L}enforce-version`]: 'v1.28' }), { enforce: 'restricted:v1.28', audit: 'privileged:latest', warn: 'restricted:v1.28' });
    assert.equal(p({ [`${L}enforce`]: 'restricted', [`${L}enforce-version`]: 'v1.28', [`${L}warn-version`]: 'v1.30' })['warn'], 'restricted:v1.30');
    assert.equal(p({ [`${L}enforce`]: 'restricted', [`${L}warn`]: 'baseline' })['warn'], 'baseline:latest');
  });
  test('defaults stand in for missing labels, and a stricter default warn level is kept', () => {
    const defaults = { enforce: { level: 'baseline', version: 37, versionText: 'latest' }, audit: PRIVILEGED_POLICY.audit, warn: { level: 'restricted', version: 37, versionText: 'latest' } } as const;
    const { policy } = policyFromLabels({ [`${L}enforce`]: 'baseline' }, defaults);
    assert.equal(formatLevelVersion(policy.warn), 'restricted:latest');
  });
  test('invalid values: errors named by label; enforce fails closed, audit and warn open', () => {
    const result = policyFromLabels({ [`${L}enforce`]: 'high', [`${L}audit`]: 'x', [`${L}warn`]: 'restricted', [`${L}warn-version`]: '1.30' }, PRIVILEGED_POLICY);
    assert.deepEqual(result.errors, [
      `${L}enforce: "high" is not one of privileged, baseline, restricted`,
      `${L}audit: "x" is not one of privileged, baseline, restricted`,
      `${L}warn-version: "1.30" is not "latest" or "v1.N"`,
    ]);
    assert.equal(result.policy.enforce.level, 'restricted');
    assert.equal(result.policy.audit.level, 'privileged');
    assert.equal(formatLevelVersion(result.policy.warn), 'restricted:latest');
  });
  test('every PSS check has PSA\'s forbidden reason', () => {
    assert.deepEqual(pssRules.map((rule) => rule.pss.id).filter((id) => PSA_FORBIDDEN_REASONS[id] === undefined), []);
  });
});

describe('parseAdmissionConfig', () => {
  test('reads PSA\'s PodSecurityConfiguration spelling as it is', () => {
    const config = parseAdmissionConfig({
      defaults: { enforce: 'baseline', 'enforce-version': 'v1.29', audit: 'restricted', 'audit-version': 'latest', warn: 'restricted', 'warn-version': 'latest' },
      exemptions: { usernames: ['system:serviceaccount:ci:deployer'], runtimeClasses: ['kata'], namespaces: ['kube-system'] },
      rules: { deny: 'high', warn: 'medium', include: [], exclude: ['ingress-tls'] },
      suppressions: 'config',
      mutate: { podSecurity: 'restricted', rules: false },
    }, '.kubeward.yaml', allRules);
    assert.equal(formatLevelVersion(config.defaults.enforce), 'baseline:v1.29');
    assert.equal(formatLevelVersion(config.defaults.audit), 'restricted:latest');
    assert.deepEqual(config.exemptions, { usernames: ['system:serviceaccount:ci:deployer'], runtimeClasses: ['kata'], namespaces: ['kube-system'] });
    assert.deepEqual(config.rules, { deny: 'high', warn: 'medium', include: [], exclude: ['ingress-tls'] });
    assert.equal(config.suppressions, 'config');
    assert.deepEqual(config.mutate, { podSecurity: 'restricted', rules: false });
  });
  test('nothing written: PSA\'s defaults (privileged everywhere), deny critical, warn high, no suppressions', () => {
    assert.deepEqual(parseAdmissionConfig(undefined, 'f', allRules), DEFAULT_ADMISSION_CONFIG);
    assert.deepEqual(parseAdmissionConfig({}, 'f', allRules), DEFAULT_ADMISSION_CONFIG);
  });
  const errors: readonly [unknown, RegExp][] = [
    ['strict', /^\.kubeward\.yaml: admission: must be a mapping/],
    [{ default: {} }, /admission\.default: unknown key \(expected defaults, exemptions, rules, suppressions, mutate\)/],
    [{ defaults: { enforceVersion: 'v1.2' } }, /admission\.defaults\.enforceVersion: unknown key \(expected enforce, enforce-version, audit/],
    [{ defaults: { enforce: 'strict' } }, /admission\.defaults\.enforce: must be privileged, baseline or restricted/],
    [{ defaults: { 'warn-version': '1.30' } }, /admission\.defaults\.warn-version: must be "latest" or "v1\.N"/],
    [{ exemptions: { users: [] } }, /admission\.exemptions\.users: unknown key/],
    [{ exemptions: { namespaces: 'kube-system' } }, /admission\.exemptions\.namespaces: must be a list of strings/],
    [{ exemptions: { namespaces: [''] } }, /admission\.exemptions\.namespaces\[0\]: must be a non-empty string/],
    [{ rules: { deny: 'severe' } }, /admission\.rules\.deny: must be one of critical, high, medium, low, info, none/],
    [{ rules: { include: ['no-such-rule'] } }, /admission\.rules\.include\[0\]: unknown rule "no-such-rule"/],
    [{ suppressions: true }, /admission\.suppressions: must be none, config or all/],
    [{ mutate: { podSecurity: 'max' } }, /admission\.mutate\.podSecurity: must be enforce, none/],
    [{ mutate: { rules: 'yes' } }, /admission\.mutate\.rules: must be true or false/],
  ];
  for (const [raw, message] of errors) {
    test(`refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(() => parseAdmissionConfig(raw, '.kubeward.yaml', allRules), (error: unknown) => error instanceof ConfigError && message.test(error.message));
    });
  }
});

test('.kubeward.yaml accepts an admission section and keeps it for the server', () => {
  const config = parseConfig('admission:\n  defaults: {enforce: baseline}\n', '.kubeward.yaml', allRules);
  assert.deepEqual(config.admission, { defaults: { enforce: 'baseline' } });
  assert.equal(formatLevelVersion(parseAdmissionConfig(config.admission, '.kubeward.yaml', allRules).defaults.enforce), 'baseline:latest');
});

test('the admission example in README.md is a valid configuration', async () => {
  const { readFile } = await import('node:fs/promises');
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = [...readme.matchAll(/```yaml\n(admission:[\s\S]*?)```/g)].map((match) => match[1] ?? '')[0];
  assert.ok(block !== undefined, 'README has an admission: example');
  const config = parseConfig(block, 'README.md', allRules);
  const admission = parseAdmissionConfig(config.admission, 'README.md', allRules);
  assert.equal(formatLevelVersion(admission.defaults.enforce), 'baseline:latest');
  assert.deepEqual(admission.exemptions.runtimeClasses, ['kata']);
});
