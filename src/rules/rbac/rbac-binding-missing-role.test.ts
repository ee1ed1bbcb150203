import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacBindingMissingRole } from './rbac-binding-missing-role.js';

test('passes: a Role in the same namespace, a built-in ClusterRole, an input ClusterRole', () => {
  assert.deepEqual(findingsOf(rbacBindingMissingRole, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-role, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: User, name: a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-builtin, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:aggregate-to-view"}
subjects: [{kind: User, name: a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: custom}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-custom}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: custom}
subjects: [{kind: User, name: a}]
`), []);
});

test('fails: a Role of another namespace, a typo, a ClusterRoleBinding to a Role', () => {
  assert.deepEqual(findingsOf(rbacBindingMissingRole, `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: other}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: wrong-ns, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: User, name: a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: typo, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: veiw}
subjects: [{kind: User, name: a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: role-kind}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: User, name: a}]
`).map((f) => [f.object, f.path, f.message]), [
    ['RoleBinding/app/wrong-ns', 'roleRef.name', 'RoleBinding/app/wrong-ns references Role/app/reader, which is not among the input objects or the built-in roles'],
    ['RoleBinding/app/typo', 'roleRef.name', 'RoleBinding/app/typo references ClusterRole/veiw, which is not among the input objects or the built-in roles'],
    ['ClusterRoleBinding/role-kind', 'roleRef.name', 'ClusterRoleBinding/role-kind references a Role: a ClusterRoleBinding can only reference a ClusterRole'],
  ]);
});
