import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsOfYaml } from '../../../test/rbac/yaml-objects.js';
import { loadBootstrapPolicy } from './bootstrap-policy.js';
import { buildRbacModel } from './model.js';
import { EscalationAnalyzer } from './paths.js';
import type { SubjectRef } from './subjects.js';

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
