import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacServiceaccountTokenCreate } from './rbac-serviceaccount-token-create.js';

test('passes: managing ServiceAccounts without the token subresource', () => {
  assert.deepEqual(findingsOf(rbacServiceaccountTokenCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-sa-admin, namespace: app}
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [create, get, list, update]
- apiGroups: [""]
  resources: [serviceaccounts/token]
  verbs: [get]
`), []);
});

test('fails: create serviceaccounts/token, also through * and built-in edit', () => {
  assert.deepEqual(findingsOf(rbacServiceaccountTokenCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token-minter}
rules:
- apiGroups: [""]
  resources: [serviceaccounts/token]
  resourceNames: [node-controller]
  verbs: [create]
- apiGroups: [""]
  resources: ["*"]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/token-minter', 'rules[0]', 'ClusterRole/token-minter rules[0] allows create on serviceaccounts/token (only node-controller)'],
    ['ClusterRole/token-minter', 'rules[1]', 'ClusterRole/token-minter rules[1] allows create on serviceaccounts/token (any object)'],
    ['RoleBinding/app/devs', 'roleRef.name', 'RoleBinding/app/devs grants ClusterRole/edit, which allows create serviceaccounts/token'],
  ]);
});
