import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacWorkloadCreate } from './rbac-workload-create.js';

test('passes: read-only workloads, scale subresource, delete pods', () => {
  assert.deepEqual(findingsOf(rbacWorkloadCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-operator}
rules:
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [update, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
`), []);
});

test('fails: create pods, patch deployments, * in batch, built-in edit', () => {
  assert.deepEqual(findingsOf(rbacWorkloadCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: prod}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [create]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [patch]
- apiGroups: [batch]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-edit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: ci, namespace: ci}]
`).map((f) => [f.object, f.path, f.message]), [
    ['Role/prod/deployer', 'rules[0]', 'Role/prod/deployer rules[0] allows create on pods (any object)'],
    ['Role/prod/deployer', 'rules[1]', 'Role/prod/deployer rules[1] allows patch on deployments.apps (any object)'],
    ['Role/prod/deployer', 'rules[2]', 'Role/prod/deployer rules[2] allows * on jobs.batch, cronjobs.batch (any object)'],
    ['ClusterRoleBinding/ci-edit', 'roleRef.name', 'ClusterRoleBinding/ci-edit grants ClusterRole/edit, which allows create/update/patch pods, create/update/patch replicationcontrollers, create/update/patch deployments.apps, create/update/patch daemonsets.apps, create/update/patch statefulsets.apps, create/update/patch replicasets.apps, create/update/patch jobs.batch, create/update/patch cronjobs.batch'],
  ]);
});
