import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';

test('passes: ConfigMaps, a different group, secrets create only, view, cluster-admin', () => {
  assert.deepEqual(findingsOf(rbacSecretsRead, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-config, namespace: app}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
- apiGroups: [example.com]
  resources: [secrets]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-view, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
---
# Reported once, by rbac-cluster-admin-binding.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-cluster-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: root}]
`), []);
});

test('fails: get/list on secrets, * resources, and a binding to built-in edit', () => {
  assert.deepEqual(findingsOf(rbacSecretsRead, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [db]
  verbs: [get]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: [list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`), [
    { object: 'ClusterRole/reader', path: 'rules[1]', line: 9, message: 'ClusterRole/reader rules[1] allows get on secrets (only db)' },
    { object: 'ClusterRole/reader', path: 'rules[2]', line: 13, message: 'ClusterRole/reader rules[2] allows list on secrets (any object)' },
    { object: 'RoleBinding/app/devs', path: 'roleRef.name', line: 20, message: 'RoleBinding/app/devs grants ClusterRole/edit, which allows get/list/watch secrets' },
  ]);
});
