import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AdmissionController, describeViolations } from '../../src/admission/admission-controller.js';
import { DEFAULT_ADMISSION_CONFIG, parseAdmissionConfig, type AdmissionConfig } from '../../src/admission/admission-config.js';
import { parseConfig } from '../../src/engine/config.js';
import type { K8sObject } from '../../src/k8s/object.js';
import { allRules } from '../../src/rules/index.js';
import { testPrivileged } from '../engine/test-rules.js';
import { applyPatch, BASELINE, deploymentOf, podOf, requestOf, RESTRICTED, RESTRICTED_SPEC } from './admission-requests.js';

const today = (): string => '2026-12-04';

function controller(admission: unknown = undefined, configText = ''): AdmissionController {
  const config = parseConfig(configText, '.kubeward.yaml', allRules);
  const parsed: AdmissionConfig = admission === undefined ? DEFAULT_ADMISSION_CONFIG : parseAdmissionConfig(admission, '.kubeward.yaml', allRules);
  return new AdmissionController({ admission: parsed, config, rules: allRules, today });
}

const PRIVILEGED_SPEC = { containers: [{ name: 'app', image: 'registry.example/app:1.0.0', securityContext: { privileged: true } }] };
const INSECURE_POD = podOf(PRIVILEGED_SPEC);

describe('validate: Pod Security', () => {
  const admission = controller();

  test('enforce denies with a PSA-shaped message naming checks, containers and fields', () => {
    const outcome = admission.validate(requestOf(INSECURE_POD), RESTRICTED);
    assert.equal(outcome.decision, 'deny');
    assert.equal(outcome.response.allowed, false);
    assert.equal(outcome.response.uid, '705ab4f5-6393-11e8-b7cc-42010a800002');
    assert.equal(outcome.response.status?.code, 403);
    assert.equal(outcome.response.status?.reason, 'Forbidden');
    const message = outcome.response.status?.message ?? '';
    assert.match(message, /^violates PodSecurity "restricted:latest": privileged \(container "app" sets securityContext\.privileged: true\), /);
    assert.match(message, /allowPrivilegeEscalation != false \(container "app" does not set securityContext\.allowPrivilegeEscalation: false\)/);
    assert.match(message, /unrestricted capabilities \(container "app" does not set securityContext\.capabilities\.drop: \[ALL\]\)/);
    assert.equal(outcome.response.warnings, undefined, 'no warnings on a denied request');
    assert.equal(outcome.response.auditAnnotations?.['enforce-policy'], 'restricted:latest');
    assert.deepEqual(outcome.hits.filter((hit) => hit.action === 'deny').map((hit) => hit.rule).sort(),
      ['allowPrivilegeEscalation', 'capabilities_restricted', 'privileged', 'runAsNonRoot', 'seccompProfile_restricted']);
  });

  test('the enforce version is the one on the label', () => {
    const outcome = admission.validate(requestOf(INSECURE_POD), { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.24' });
    assert.equal(outcome.response.status?.message, 'violates PodSecurity "baseline:v1.24": privileged (container "app" sets securityContext.privileged: true)');
  });

  test('a pod that meets the level is allowed without warnings', () => {
    const outcome = admission.validate(requestOf(podOf(RESTRICTED_SPEC)), { ...RESTRICTED, 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' });
    assert.equal(outcome.response.allowed, true);
    assert.equal(outcome.response.warnings, undefined);
    assert.deepEqual(outcome.response.auditAnnotations, { 'enforce-policy': 'restricted:latest' });
    assert.equal(outcome.decision, 'allow');
  });

  test('warn answers with warnings, audit with audit annotations, and both allow', () => {
    const outcome = admission.validate(requestOf(INSECURE_POD), { 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.30' });
    assert.equal(outcome.response.allowed, true);
    assert.equal(outcome.decision, 'warn');
    assert.deepEqual(outcome.response.warnings, ['would violate PodSecurity "baseline:latest": privileged (container "app" sets securityContext.privileged: true)']);
    assert.match(outcome.response.auditAnnotations?.['audit-violations'] ?? '', /^would violate PodSecurity "restricted:v1.30": privileged .*runAsNonRoot != true/);
    assert.equal(outcome.response.auditAnnotations?.['enforce-policy'], 'privileged:latest');
  });

  test('the enforce label alone also warns about workloads (warn takes the stricter enforce level), which are never denied', () => {
    const outcome = admission.validate(requestOf(deploymentOf(PRIVILEGED_SPEC)), RESTRICTED);
    assert.equal(outcome.response.allowed, true);
    assert.equal(outcome.response.warnings?.length, 1);
    assert.match(outcome.response.warnings?.[0] ?? '', /^would violate PodSecurity "restricted:latest": privileged \(container "app"/);
    assert.equal(outcome.response.auditAnnotations?.['enforce-policy'], undefined);
  });

  test('an explicit warn level wins over the enforce level for workloads', () => {
    const outcome = admission.validate(requestOf(deploymentOf(PRIVILEGED_SPEC)), { ...RESTRICTED, 'pod-security.kubernetes.io/warn': 'privileged' });
    assert.equal(outcome.response.warnings, undefined);
  });

  test('every workload kind with a pod template is judged (CronJob)', () => {
    const cronJob: K8sObject = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'team' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...PRIVILEGED_SPEC, restartPolicy: 'Never' } } } } },
    };
    assert.match(admission.validate(requestOf(cronJob), BASELINE).response.warnings?.[0] ?? '', /baseline:latest": privileged/);
  });

  test('an unknown namespace (not yet in the cache) and no labels get the configured defaults', () => {
    const strict = controller({ defaults: { enforce: 'baseline', 'enforce-version': 'v1.29' } });
    assert.equal(strict.validate(requestOf(INSECURE_POD), undefined).response.status?.message,
      'violates PodSecurity "baseline:v1.29": privileged (container "app" sets securityContext.privileged: true)');
    assert.equal(strict.validate(requestOf(INSECURE_POD), {}).response.allowed, false);
    assert.equal(admission.validate(requestOf(INSECURE_POD), undefined).response.allowed, true, 'PSA defaults are privileged');
  });

  test('an invalid enforce label fails closed at restricted; invalid audit and warn labels fail open', () => {
    const closed = admission.validate(requestOf(podOf(RESTRICTED_SPEC)), { 'pod-security.kubernetes.io/enforce': 'strict' });
    assert.equal(closed.response.allowed, true);
    assert.match(closed.response.auditAnnotations?.['policy-errors'] ?? '', /enforce: "strict" is not one of privileged, baseline, restricted/);
    assert.equal(admission.validate(requestOf(INSECURE_POD), { 'pod-security.kubernetes.io/enforce': 'strict' }).response.allowed, false);
    const open = admission.validate(requestOf(INSECURE_POD), { 'pod-security.kubernetes.io/warn': 'loud' });
    assert.equal(open.response.allowed, true);
    assert.equal(open.response.warnings, undefined);
  });

  test('ephemeral containers are checked, on create and through pods/ephemeralcontainers', () => {
    const base = podOf(RESTRICTED_SPEC);
    const debug = { name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } };
    const withDebug = podOf({ ...RESTRICTED_SPEC, ephemeralContainers: [debug] });
    const update = admission.validate(requestOf(withDebug, { operation: 'UPDATE', oldObject: base, subResource: 'ephemeralcontainers' }), RESTRICTED);
    assert.equal(update.response.allowed, false);
    assert.match(update.response.status?.message ?? '', /privileged \(container "debug" sets securityContext\.privileged: true\)/);
    assert.equal(admission.validate(requestOf(withDebug), RESTRICTED).response.allowed, false);
  });

  test('updates that change nothing PSA reads are not judged again; an image change is', () => {
    const labelled = podOf(PRIVILEGED_SPEC, { labels: { tier: 'web' } });
    const metadataOnly = admission.validate(requestOf(labelled, { operation: 'UPDATE', oldObject: INSECURE_POD }), RESTRICTED);
    assert.equal(metadataOnly.response.allowed, true);
    assert.equal(metadataOnly.decision, 'skip');
    const newImage = podOf({ containers: [{ ...PRIVILEGED_SPEC.containers[0], image: 'registry.example/app:2.0.0' }] });
    assert.equal(admission.validate(requestOf(newImage, { operation: 'UPDATE', oldObject: INSECURE_POD }), RESTRICTED).response.allowed, false);
    const seccompAnnotation = podOf(PRIVILEGED_SPEC, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } });
    assert.equal(admission.validate(requestOf(seccompAnnotation, { operation: 'UPDATE', oldObject: INSECURE_POD }), RESTRICTED).response.allowed, false);
  });

  test('workload updates are judged only when the pod template changed', () => {
    const deployment = deploymentOf(PRIVILEGED_SPEC);
    const scaled = { ...deployment, spec: { ...(deployment['spec'] as Record<string, unknown>), replicas: 5 } };
    assert.equal(admission.validate(requestOf(scaled, { operation: 'UPDATE', oldObject: deployment }), RESTRICTED).decision, 'skip');
    const restricted = deploymentOf(RESTRICTED_SPEC);
    assert.equal(admission.validate(requestOf(deployment, { operation: 'UPDATE', oldObject: restricted }), RESTRICTED).decision, 'warn');
  });

  test('other subresources, DELETE and CONNECT are allowed unjudged', () => {
    assert.equal(admission.validate(requestOf(INSECURE_POD, { operation: 'UPDATE', oldObject: INSECURE_POD, subResource: 'status' }), RESTRICTED).decision, 'skip');
    assert.equal(admission.validate(requestOf(undefined, { operation: 'DELETE', oldObject: INSECURE_POD }), RESTRICTED).decision, 'skip');
    const exec = requestOf({ apiVersion: 'v1', kind: 'PodExecOptions' }, { operation: 'CONNECT', subResource: 'exec' });
    assert.equal(admission.validate(exec, RESTRICTED).response.allowed, true);
  });

  test('exemptions by namespace, username and runtime class pass, with PSA\'s exempt annotation', () => {
    const exempting = controller({ exemptions: { namespaces: ['team'], usernames: ['system:serviceaccount:ci:deployer'], runtimeClasses: ['kata'] } });
    const inNamespace = exempting.validate(requestOf(INSECURE_POD), RESTRICTED);
    assert.equal(inNamespace.response.allowed, true);
    assert.deepEqual(inNamespace.response.auditAnnotations, { exempt: 'namespace' });
    assert.equal(inNamespace.decision, 'exempt');
    const other = podOf(PRIVILEGED_SPEC, { namespace: 'other' });
    assert.deepEqual(exempting.validate(requestOf(other, { username: 'system:serviceaccount:ci:deployer' }), RESTRICTED).response.auditAnnotations, { exempt: 'user' });
    const kata = podOf({ ...PRIVILEGED_SPEC, runtimeClassName: 'kata' }, { namespace: 'other' });
    assert.deepEqual(exempting.validate(requestOf(kata), RESTRICTED).response.auditAnnotations, { exempt: 'runtimeClass' });
    assert.equal(exempting.validate(requestOf(other), RESTRICTED).response.allowed, false, 'not exempt: denied');
  });

  test('a Namespace with invalid Pod Security labels is refused, as PSA refuses it', () => {
    const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': 'restriced' } } };
    const outcome = admission.validate(requestOf(namespace), undefined);
    assert.equal(outcome.response.allowed, false);
    assert.match(outcome.response.status?.message ?? '', /invalid Pod Security labels: pod-security\.kubernetes\.io\/enforce: "restriced" is not one of/);
    const valid: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels: RESTRICTED } };
    assert.equal(admission.validate(requestOf(valid), undefined).response.allowed, true);
  });

  test('the same request always gets the same answer (dryRun included)', () => {
    const request = requestOf(INSECURE_POD);
    const dryRun = requestOf(INSECURE_POD, { dryRun: true });
    assert.deepEqual(admission.validate(dryRun, RESTRICTED).response, admission.validate(request, RESTRICTED).response);
    assert.deepEqual(admission.mutate(dryRun, RESTRICTED).response, admission.mutate(request, RESTRICTED).response);
  });
});

describe('validate: kubeward rules', () => {
  const escalatingRole: K8sObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'binder', namespace: 'team' },
    rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind', 'escalate'] }],
  };

  test('a finding at or above rules.deny denies, naming the rule and its severity', () => {
    const outcome = controller().validate(requestOf(escalatingRole), undefined);
    assert.equal(outcome.response.allowed, false);
    assert.match(outcome.response.status?.message ?? '', /^violates kubeward policy: rbac-escalate-bind-impersonate \(critical\): /);
    assert.equal(outcome.response.auditAnnotations?.['kubeward-findings'], 'rbac-escalate-bind-impersonate');
  });

  test('rules.deny none turns denials into warnings when rules.warn covers them', () => {
    const outcome = controller({ rules: { deny: 'none', warn: 'critical' } }).validate(requestOf(escalatingRole), undefined);
    assert.equal(outcome.response.allowed, true);
    assert.match(outcome.response.warnings?.[0] ?? '', /^kubeward rbac-escalate-bind-impersonate \(critical\): /);
  });

  test('findings below rules.warn are not reported; a config severity override moves a rule across the thresholds', () => {
    const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'team' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } };
    assert.equal(controller().validate(requestOf(service), undefined).response.warnings, undefined);
    const raised = controller(undefined, 'rules:\n  load-balancer-source-ranges: {severity: high}\n').validate(requestOf(service), undefined);
    assert.match(raised.response.warnings?.join('\n') ?? '', /kubeward load-balancer-source-ranges \(high\)/);
  });

  test('rules.include and rules.exclude select the rules', () => {
    assert.equal(controller({ rules: { exclude: ['rbac-escalate-bind-impersonate'] } }).validate(requestOf(escalatingRole), undefined).response.allowed, true);
    assert.equal(controller({ rules: { include: ['ingress-tls'] } }).validate(requestOf(escalatingRole), undefined).response.allowed, true);
  });

  test('a suppression annotation does not exempt an object unless the policy allows annotations', () => {
    const annotated = { ...escalatingRole, metadata: { ...escalatingRole.metadata, annotations: { 'kubeward.io/ignore': 'rbac-escalate-bind-impersonate', 'kubeward.io/ignore-reason': 'trust me' } } };
    assert.equal(controller().validate(requestOf(annotated), undefined).response.allowed, false);
    assert.equal(controller({ suppressions: 'config' }).validate(requestOf(annotated), undefined).response.allowed, false);
    assert.equal(controller({ suppressions: 'all' }).validate(requestOf(annotated), undefined).response.allowed, true);
  });

  test('config exceptions apply only with suppressions: config (or all)', () => {
    const exceptions = 'exceptions:\n  - {rule: rbac-escalate-bind-impersonate, namespace: team, reason: platform team binds roles}\n';
    assert.equal(controller(undefined, exceptions).validate(requestOf(escalatingRole), undefined).response.allowed, false);
    assert.equal(controller({ suppressions: 'config' }, exceptions).validate(requestOf(escalatingRole), undefined).response.allowed, true);
  });

  test('rules only about files (Secret data) stay out unless included', () => {
    const secret: K8sObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'team' }, data: { token: 'c2VjcmV0LXZhbHVl' } };
    assert.equal(controller().validate(requestOf(secret), undefined).response.warnings, undefined);
    const included = controller({ rules: { include: ['no-secret-data-in-manifest'] } }).validate(requestOf(secret), undefined);
    assert.ok((included.response.warnings?.length ?? 0) > 0);
    assert.ok(!JSON.stringify(included.response).includes('c2VjcmV0LXZhbHVl') && !JSON.stringify(included.response).includes('secret-value'), 'no Secret value in the answer');
  });
});

describe('mutate', () => {
  const admission = controller();
  // Everything restricted needs that a safe fix can set: the UID is named, so runAsNonRoot: true cannot change who runs.
  const fixable = podOf({ securityContext: { runAsUser: 10001 }, containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }, { name: 'sidecar', image: 'registry.example/sidecar:1.0.0', securityContext: {} }] });

  test('patches a pod to the namespace\'s enforce level with the safe fixes, and the result is admitted', () => {
    const outcome = admission.mutate(requestOf(fixable), RESTRICTED);
    assert.equal(outcome.decision, 'patch');
    assert.equal(outcome.response.patchType, 'JSONPatch');
    const patch = JSON.parse(Buffer.from(outcome.response.patch ?? '', 'base64').toString('utf8')) as unknown;
    assert.deepEqual(patch, outcome.patch);
    assert.deepEqual(outcome.patch, [
      { op: 'add', path: '/spec/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } },
      { op: 'add', path: '/spec/containers/1/securityContext/capabilities', value: { drop: ['ALL'] } },
      { op: 'add', path: '/spec/containers/0/securityContext/allowPrivilegeEscalation', value: false },
      { op: 'add', path: '/spec/containers/1/securityContext/allowPrivilegeEscalation', value: false },
      { op: 'add', path: '/spec/securityContext/runAsNonRoot', value: true },
      { op: 'add', path: '/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
    ]);
    assert.equal(outcome.response.auditAnnotations?.['patched'], 'capabilities_restricted,allowPrivilegeEscalation,runAsNonRoot,seccompProfile_restricted');
    const patched = applyPatch(fixable, outcome.patch ?? []);
    assert.equal(admission.validate(requestOf(patched), RESTRICTED).response.allowed, true);
  });

  test('is idempotent: the patched object gets no patch (reinvocationPolicy: IfNeeded is safe)', () => {
    const patched = applyPatch(fixable, admission.mutate(requestOf(fixable), RESTRICTED).patch ?? []);
    const again = admission.mutate(requestOf(patched), RESTRICTED);
    assert.equal(again.decision, 'allow');
    assert.equal(again.response.patch, undefined);
    assert.deepEqual(again.patch, []);
  });

  test('only safe fixes: what could change behaviour (a UID for an unnamed user, removing hostPID) is left to validation', () => {
    const unnamed = podOf({ hostPID: true, containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }] });
    const outcome = admission.mutate(requestOf(unnamed), RESTRICTED);
    const paths = (outcome.patch ?? []).map((operation) => operation.path);
    assert.ok(!paths.some((path) => path.includes('hostPID') || path.includes('runAsUser') || path.includes('runAsNonRoot')), paths.join(' '));
    const patched = applyPatch(unnamed, outcome.patch ?? []);
    assert.match(admission.validate(requestOf(patched), RESTRICTED).response.status?.message ?? '', /host namespaces .*runAsNonRoot != true/);
  });

  test('patches the pod template of a workload, on create and on a template update', () => {
    const deployment = deploymentOf(fixable['spec'] as Record<string, unknown>);
    const outcome = admission.mutate(requestOf(deployment), RESTRICTED);
    assert.ok((outcome.patch ?? []).every((operation) => operation.path.startsWith('/spec/template/spec/')));
    assert.equal(admission.validate(requestOf(applyPatch(deployment, outcome.patch ?? [])), RESTRICTED).response.warnings, undefined);
    const update = admission.mutate(requestOf(deployment, { operation: 'UPDATE', oldObject: deploymentOf(RESTRICTED_SPEC) }), RESTRICTED);
    assert.equal(update.decision, 'patch');
  });

  test('no patch where the policy asks nothing: privileged namespaces, exempt requests, pod updates, podSecurity none', () => {
    assert.equal(admission.mutate(requestOf(fixable), undefined).response.patch, undefined);
    assert.equal(admission.mutate(requestOf(fixable, { operation: 'UPDATE', oldObject: podOf(RESTRICTED_SPEC) }), RESTRICTED).response.patch, undefined);
    assert.equal(controller({ exemptions: { namespaces: ['team'] } }).mutate(requestOf(fixable), RESTRICTED).decision, 'exempt');
    assert.equal(controller({ mutate: { podSecurity: 'none' } }).mutate(requestOf(fixable), RESTRICTED).response.patch, undefined);
  });

  test('a fixed level patches whatever the namespace says', () => {
    const outcome = controller({ mutate: { podSecurity: 'restricted' } }).mutate(requestOf(fixable), undefined);
    assert.equal(outcome.decision, 'patch');
  });

  test('fixes that conflict with the object (privileged: true blocks allowPrivilegeEscalation) come in a second pass', () => {
    const outcome = admission.mutate(requestOf(podOf({ securityContext: { runAsUser: 10001 }, ...PRIVILEGED_SPEC })), RESTRICTED);
    const patched = applyPatch(podOf({ securityContext: { runAsUser: 10001 }, ...PRIVILEGED_SPEC }), outcome.patch ?? []);
    assert.equal(admission.validate(requestOf(patched), RESTRICTED).response.allowed, true);
  });
});

test('describeViolations groups details by check in the order checks ran', () => {
  assert.equal(describeViolations([
    { checkId: 'hostPorts', ruleId: 'no-host-ports', messageId: 'x', message: 'a', path: [] },
    { checkId: 'privileged', ruleId: 'no-privileged', messageId: 'x', message: 'b', path: [] },
    { checkId: 'hostPorts', ruleId: 'no-host-ports', messageId: 'x', message: 'c', path: [] },
    { checkId: 'hostPorts', ruleId: 'no-host-ports', messageId: 'x', message: 'a', path: [] },
  ]), 'hostPort (a; c), privileged (b)');
});

describe('mutate: safe fixes of kubeward rules (mutate.rules)', () => {
  const rulesController = (admission: unknown): AdmissionController =>
    new AdmissionController({ admission: parseAdmissionConfig(admission, 'test', [testPrivileged]), rules: [testPrivileged], today });
  const privileged = podOf(PRIVILEGED_SPEC);

  test('applies the safe fix of a finding at or above rules.warn', () => {
    const outcome = rulesController({ mutate: { podSecurity: 'none' } }).mutate(requestOf(privileged), undefined);
    assert.deepEqual(outcome.patch, [{ op: 'replace', path: '/spec/containers/0/securityContext/privileged', value: false }]);
    assert.equal(outcome.response.auditAnnotations?.['patched'], 'test-privileged');
  });

  test('not with mutate.rules: false, nor below the warn threshold', () => {
    assert.deepEqual(rulesController({ mutate: { podSecurity: 'none', rules: false } }).mutate(requestOf(privileged), undefined).patch, []);
    assert.deepEqual(rulesController({ mutate: { podSecurity: 'none' }, rules: { warn: 'critical' } }).mutate(requestOf(privileged), undefined).patch, []);
  });
});
