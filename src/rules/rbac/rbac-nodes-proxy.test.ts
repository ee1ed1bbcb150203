import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacNodesProxy } from './rbac-nodes-proxy.js';

test('passes: nodes/metrics and nodes/stats, and nodes/proxy in a Role (cluster-scoped: no effect)', () => {
  assert.deepEqual(findingsOf(rbacNodesProxy, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-metrics}
rules:
- apiGroups: [""]
  resources: [nodes, nodes/metrics, nodes/stats]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-role, namespace: app}
rules:
- apiGroups: [""]
  resources: [nodes/proxy]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-admin-in-ns, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kubelet-api-admin}
subjects: [{kind: User, name: kim}]
`), []);
});

test('fails: get nodes/proxy, */proxy, and a ClusterRoleBinding to system:kubelet-api-admin', () => {
  assert.deepEqual(findingsOf(rbacNodesProxy, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scraper}
rules:
- apiGroups: [""]
  resources: [nodes/proxy]
  verbs: [get]
- apiGroups: [""]
  resources: ["*/proxy"]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubelet-admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kubelet-api-admin}
subjects: [{kind: User, name: kim}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/scraper', 'rules[0]', 'ClusterRole/scraper rules[0] allows get on nodes/proxy (any object)'],
    ['ClusterRole/scraper', 'rules[1]', 'ClusterRole/scraper rules[1] allows create on nodes/proxy (any object)'],
    ['ClusterRoleBinding/kubelet-admins', 'roleRef.name', 'ClusterRoleBinding/kubelet-admins grants ClusterRole/system:kubelet-api-admin, which allows get/create/update/patch/delete nodes/proxy'],
  ]);
});
