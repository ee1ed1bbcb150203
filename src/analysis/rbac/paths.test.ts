import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsOfYaml } from '../../../test/rbac/yaml-objects.js';
import { loadBootstrapPolicy } from './bootstrap-policy.js';
import { buildRbacModel } from './model.js';
import { EscalationAnalyzer } from './paths.js';
import type { SubjectRef } from './subjects.js';
import type { K8sObject } from '../../k8s/object.js';

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, namespace: string | undefined, role: string, subject: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${namespace === undefined ? '' : `, namespace: ${namespace}`}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${role.startsWith('Role/') ? 'Role' : 'ClusterRole'}, name: ${role.replace(/^(Cluster)?Role\//, '')}}
subjects: [${subject}]
---`;

const ROLES = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: exec}
rules:
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: mint-ops-token}
rules:
- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create], resourceNames: [ops]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: be-root}
rules:
- {apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [root-user]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhooks}
rules:
- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [delete]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ops, namespace: tools}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: other, namespace: tools}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: tools}
spec:
  template:
    spec:
      serviceAccountName: agent
      containers: [{name: a, image: agent:1}]
---`;

const MODEL = buildRbacModel(objectsOfYaml([
  ROLES,
  binding('RoleBinding', 'dev-exec', 'tools', 'ClusterRole/exec', '{kind: User, name: dev}'),
  binding('ClusterRoleBinding', 'agent-mints', undefined, 'ClusterRole/mint-ops-token', '{kind: ServiceAccount, name: agent, namespace: tools}'),
  binding('ClusterRoleBinding', 'ops-root', undefined, 'ClusterRole/be-root', '{kind: ServiceAccount, name: ops, namespace: tools}'),
  binding('ClusterRoleBinding', 'root-webhooks', undefined, 'ClusterRole/webhooks', '{kind: User, name: root-user}'),
].join('\n')), { defaults: loadBootstrapPolicy().objects });

test('exec → token → impersonation chain, each step naming its binding and rule', () => {
  const analyzer = new EscalationAnalyzer(MODEL);
  const paths = analyzer.pathsFrom({ kind: 'User', name: 'dev' });
  const webhook = paths.find((path) => path.end.capability === 'webhook-write');
  assert.ok(webhook);
  assert.equal(webhook.end.severity, 'critical');
  assert.deepEqual(webhook.steps.map((step) => [step.from, step.action, step.to, step.via.binding]), [
    ['User:dev', 'exec into pods of DaemonSet tools/agent', 'ServiceAccount:tools:agent', 'RoleBinding/tools/dev-exec'],
    ['ServiceAccount:tools:agent', 'create a token for ServiceAccount tools/ops', 'ServiceAccount:tools:ops', 'ClusterRoleBinding/agent-mints'],
    ['ServiceAccount:tools:ops', 'impersonate User root-user', 'User:root-user', 'ClusterRoleBinding/ops-root'],
  ]);
  assert.equal(webhook.holder, 'User:root-user');
  // resourceNames [ops] on the token grant: no edge to tools/other.
  assert.ok(!paths.some((path) => path.steps.some((step) => step.to === 'ServiceAccount:tools:other')));
});

test('maxSteps bounds the chain', () => {
  const analyzer = new EscalationAnalyzer(MODEL);
  const short = analyzer.pathsFrom({ kind: 'User', name: 'dev' }, { maxSteps: 2 });
  assert.equal(short.some((path) => path.end.capability === 'webhook-write'), false);
  assert.equal(short.some((path) => path.end.capability === 'impersonate' && path.holder === 'ServiceAccount:tools:ops'), true);
});

test('starting subjects and a subject without permissions', () => {
  const analyzer = new EscalationAnalyzer(MODEL);
  const starts = analyzer.startingSubjects().map((ref: SubjectRef) => (ref.kind === 'ServiceAccount' ? `${ref.namespace}/${ref.name}` : ref.name));
  assert.deepEqual(starts, ['tools/agent', 'tools/ops', 'tools/other', 'dev', 'root-user']);
  assert.deepEqual(analyzer.pathsFrom({ kind: 'ServiceAccount', namespace: 'tools', name: 'other' }), []);
});

test('pathsFromAll agrees with one search per start', () => {
  const model = buildRbacModel(objectsOfYaml([
    ROLES,
    binding('RoleBinding', 'dev-exec', 'tools', 'ClusterRole/exec', '{kind: User, name: dev}'),
    binding('ClusterRoleBinding', 'agent-mints', undefined, 'ClusterRole/mint-ops-token', '{kind: ServiceAccount, name: agent, namespace: tools}'),
    binding('ClusterRoleBinding', 'ops-root', undefined, 'ClusterRole/be-root', '{kind: ServiceAccount, name: ops, namespace: tools}'),
    binding('ClusterRoleBinding', 'root-admin', undefined, 'ClusterRole/cluster-admin', '{kind: User, name: root-user}'),
  ].join('\n')), { defaults: loadBootstrapPolicy().objects });
  const analyzer = new EscalationAnalyzer(model);
  const starts = analyzer.startingSubjects();
  const one = starts.flatMap((start) => analyzer.pathsFrom(start));
  const all = new EscalationAnalyzer(model).pathsFromAll(starts);
  assert.deepEqual(all, one);
  const dev = all.filter((path) => path.start === 'User:dev');
  assert.deepEqual(dev.map((path) => [path.end.capability, path.steps.length, path.holder]), [['full-control', 3, 'User:root-user']]);
});

test('with the default bindings, creating pods in kube-system reaches the controllers', () => {
  const model = buildRbacModel(objectsOfYaml(binding('RoleBinding', 'oops', 'kube-system', 'ClusterRole/edit', '{kind: User, name: mallory}')),
    { defaults: loadBootstrapPolicy().objects, includeDefaultBindings: true });
  const paths = new EscalationAnalyzer(model).pathsFrom({ kind: 'User', name: 'mallory' });
  const escalate = paths.find((path) => path.end.capability === 'escalate-bind' && path.end.scope === 'cluster-wide');
  assert.ok(escalate);
  assert.equal(escalate.end.severity, 'critical');
  assert.equal(escalate.steps.length, 1);
  assert.match(escalate.steps[0]?.action ?? '', /^(create pods in namespace kube-system|impersonate any ServiceAccount in namespace kube-system)/);
  assert.match(escalate.holder, /^ServiceAccount:kube-system:/);
  // Without them the kube-system controller accounts are unknown and only namespace-level risks remain.
  const bare = new EscalationAnalyzer(buildRbacModel(objectsOfYaml(binding('RoleBinding', 'oops', 'kube-system', 'ClusterRole/edit', '{kind: User, name: mallory}')),
    { defaults: loadBootstrapPolicy().objects })).pathsFrom({ kind: 'User', name: 'mallory' });
  assert.ok(bare.every((path) => path.end.scope === 'in namespace kube-system'));
});

test('pathsFromAll and per-start searches find the same end states at the same distances (random clusters)', async () => {
  const fc = (await import('fast-check')).default;
  const NS = ['a', 'b', 'c'];
  const risky = fc.constantFrom(
    { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
    { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['s1'] },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
  );
  const cluster = fc.record({
    roles: fc.array(fc.array(risky, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
    bindings: fc.array(fc.record({
      namespace: fc.constantFrom(undefined, ...NS), role: fc.nat(4),
      subject: fc.oneof(fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('s1', 's2'), namespace: fc.constantFrom(...NS) }), fc.record({ kind: fc.constant('User'), name: fc.constantFrom('u1', 'u2') })),
    }), { maxLength: 8 }),
    workloads: fc.array(fc.record({ namespace: fc.constantFrom(...NS), account: fc.constantFrom('s1', 's2') }), { maxLength: 3 }),
  });
  fc.assert(fc.property(cluster, fc.integer({ min: 1, max: 4 }), (generated, maxSteps) => {
    const objects: K8sObject[] = generated.roles.map((rules, index) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `r${index}` }, rules }));
    generated.bindings.forEach((b, index) => {
      const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `r${b.role % generated.roles.length}` };
      objects.push(b.namespace === undefined
        ? { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `b${index}` }, roleRef, subjects: [b.subject] }
        : { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `b${index}`, namespace: b.namespace }, roleRef, subjects: [b.subject] });
    });
    generated.workloads.forEach((w, index) => objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${index}`, namespace: w.namespace }, spec: { serviceAccountName: w.account, containers: [{ name: 'c', image: 'i' }] } }));
    const model = buildRbacModel(objects);
    const summary = (paths: readonly { start: string; steps: readonly unknown[]; end: { capability: string; scope: string } }[]): string[] =>
      paths.map((path) => `${path.start} ${path.end.capability} ${path.end.scope} ${path.steps.length}`).sort();
    const analyzer = new EscalationAnalyzer(model);
    const starts = analyzer.startingSubjects();
    const one = starts.flatMap((start) => analyzer.pathsFrom(start, { maxSteps }));
    const all = new EscalationAnalyzer(model).pathsFromAll(starts, { maxSteps });
    assert.deepEqual(summary(all), summary(one));
    for (const path of all) {
      // Every step starts where the previous one ended, and the last one reaches the holder.
      let at = path.start;
      for (const step of path.steps) {
        assert.equal(step.from, at);
        at = step.to;
      }
      assert.equal(at, path.holder);
    }
  }), { numRuns: 300 });
});
