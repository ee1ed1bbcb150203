import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';
import { analyzeText } from '../../scan/scan.js';

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
    { object: 'ClusterRole/reader', path: 'rules[1]', line: 9, message: 'ClusterRole/reader rules[1] allows get on secrets (only db): low, the named Secrets only (the scoped grant this rule recommends)' },
    { object: 'ClusterRole/reader', path: 'rules[2]', line: 13, message: 'ClusterRole/reader rules[2] allows list on secrets (any object)' },
    { object: 'RoleBinding/app/devs', path: 'roleRef.name', line: 20, message: 'RoleBinding/app/devs grants ClusterRole/edit, which allows get/list/watch secrets' },
  ]);
});

test('graded by what the grant exposes: list/watch on all high, get on all medium, named Secrets low; config severity wins', () => {
  const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: app}
rules:
- {apiGroups: [""], resources: [secrets], resourceNames: [db-password], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [get, watch]}
- {apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get, list, watch]}
`;
  const graded = (severity?: 'critical') => analyzeText('rbac.yaml', yaml, {
    rules: [rbacSecretsRead],
    ...(severity === undefined ? {} : { config: { rules: { 'rbac-secrets-read': { severity } }, exceptions: [], defaults: {} } }),
  }).findings.map(({ finding }) => `${finding.path} ${finding.severity} ${finding.messageId}`);
  assert.deepEqual(graded(), ['rules[0] low roleNamed', 'rules[1] medium roleGetAll', 'rules[2] high role', 'rules[3] low roleNamed']);
  assert.deepEqual(graded('critical').map((line) => line.split(' ')[1]), ['critical', 'critical', 'critical', 'critical']);
});
