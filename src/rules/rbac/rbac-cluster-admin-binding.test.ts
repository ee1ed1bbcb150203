import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';

test('passes: system:masters, control-plane users, and other roles', () => {
  assert.deepEqual(findingsOf(rbacClusterAdminBinding, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-masters}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: "system:kube-controller-manager", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice}]
`), []);
});

test('fails: a user cluster-wide, a ServiceAccount in a namespace, system:authenticated', () => {
  assert.deepEqual(findingsOf(rbacClusterAdminBinding, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: tiller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:masters"}
- {kind: ServiceAccount, name: tiller, namespace: kube-system}
- {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns-owner, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: bot}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRoleBinding/tiller', 'subjects[1]', 'ClusterRoleBinding/tiller grants cluster-admin across the cluster to ServiceAccount kube-system/tiller'],
    ['ClusterRoleBinding/tiller', 'subjects[2]', 'ClusterRoleBinding/tiller grants cluster-admin across the cluster to Group system:authenticated'],
    ['RoleBinding/team/ns-owner', 'subjects[0]', 'RoleBinding/team/ns-owner grants cluster-admin in namespace team to ServiceAccount team/bot'],
  ]);
});
