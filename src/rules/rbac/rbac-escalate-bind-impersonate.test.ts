import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacEscalateBindImpersonate } from './rbac-escalate-bind-impersonate.js';

test('passes: managing roles without escalate/bind, and a Role cannot impersonate users', () => {
  assert.deepEqual(findingsOf(rbacEscalateBindImpersonate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-rbac-reader}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings, clusterroles]
  verbs: [get, list, create, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-users-in-role, namespace: app}
rules:
- apiGroups: [""]
  resources: [users, groups]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-edit, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
`), []);
});

test('fails: bind, escalate, impersonate users and serviceaccounts, built-in edit', () => {
  assert.deepEqual(findingsOf(rbacEscalateBindImpersonate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: role-manager}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [bind]
  resourceNames: [view]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles]
  verbs: [escalate]
- apiGroups: [""]
  resources: [users, groups]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sa-impersonator, namespace: app}
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/role-manager', 'rules[0]', 'ClusterRole/role-manager rules[0] allows bind on clusterroles.rbac.authorization.k8s.io (only view)'],
    ['ClusterRole/role-manager', 'rules[1]', 'ClusterRole/role-manager rules[1] allows escalate on roles.rbac.authorization.k8s.io (any object)'],
    ['ClusterRole/role-manager', 'rules[2]', 'ClusterRole/role-manager rules[2] allows impersonate on users, groups (any object)'],
    ['Role/app/sa-impersonator', 'rules[0]', 'Role/app/sa-impersonator rules[0] allows impersonate on serviceaccounts (any object)'],
    ['RoleBinding/app/devs', 'roleRef.name', 'RoleBinding/app/devs grants ClusterRole/edit, which allows impersonate serviceaccounts'],
  ]);
});
