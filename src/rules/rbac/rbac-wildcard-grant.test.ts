import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacWildcardGrant } from './rbac-wildcard-grant.js';

test('passes: explicit lists, a */scale subresource, and bindings to built-in wildcard roles', () => {
  assert.deepEqual(findingsOf(rbacWildcardGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-explicit}
rules:
- apiGroups: ["*"]
  resources: ["*/scale"]
  verbs: [get, update]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
`), []);
});

test('fails: * verbs, * resources, and both on one rule', () => {
  assert.deepEqual(findingsOf(rbacWildcardGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lazy, namespace: app}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: ["*"]
- apiGroups: [apps]
  resources: ["*"]
  verbs: [get]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
`).map((f) => [f.path, f.line, f.message]), [
    ['rules[0].verbs', 8, 'Role/app/lazy rules[0].verbs contains "*": every verb on configmaps'],
    ['rules[1].resources', 10, 'Role/app/lazy rules[1].resources contains "*": every resource of API groups apps'],
    ['rules[2].verbs', 14, 'Role/app/lazy rules[2].verbs contains "*": every verb on *'],
    ['rules[2].resources', 13, 'Role/app/lazy rules[2].resources contains "*": every resource of API groups *'],
  ]);
});
