import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacPodExec } from './rbac-pod-exec.js';

test('passes: pods and pods/log, and pods/* which RBAC does not treat as a wildcard', () => {
  assert.deepEqual(findingsOf(rbacPodExec, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-logs, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods, pods/log, "pods/*"]
  verbs: [get, list, create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-view, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
`), []);
});

test('fails: exec, attach via */attach, portforward, and built-in admin', () => {
  assert.deepEqual(findingsOf(rbacPodExec, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create]
- apiGroups: [""]
  resources: ["*/attach"]
  verbs: [get]
- apiGroups: [""]
  resources: [pods/portforward]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: owners, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: olga}]
`).map((f) => [f.object, f.path, f.message]), [
    ['Role/app/debug', 'rules[0]', 'Role/app/debug rules[0] allows create on pods/exec (any object)'],
    ['Role/app/debug', 'rules[1]', 'Role/app/debug rules[1] allows get on pods/attach (any object)'],
    ['Role/app/debug', 'rules[2]', 'Role/app/debug rules[2] allows * on pods/portforward (any object)'],
    ['RoleBinding/app/owners', 'roleRef.name', 'RoleBinding/app/owners grants ClusterRole/admin, which allows get/create pods/exec, get/create pods/attach, get/create pods/portforward'],
  ]);
});
