import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacDefaultServiceaccountGrant } from './rbac-default-serviceaccount-grant.js';

test('passes: a dedicated ServiceAccount, and a user named default', () => {
  assert.deepEqual(findingsOf(rbacDefaultServiceaccountGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-dedicated, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: app}
- {kind: User, name: default}
`), []);
});

test('fails: default in the binding namespace and in another one', () => {
  assert.deepEqual(findingsOf(rbacDefaultServiceaccountGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lazy, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
subjects:
- {kind: ServiceAccount, name: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitoring-default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: monitoring}
`).map((f) => [f.object, f.path, f.message]), [
    ['RoleBinding/app/lazy', 'subjects[0]', 'RoleBinding/app/lazy grants Role/config-reader to the default ServiceAccount of namespace app'],
    ['ClusterRoleBinding/monitoring-default', 'subjects[0]', 'ClusterRoleBinding/monitoring-default grants ClusterRole/view to the default ServiceAccount of namespace monitoring'],
  ]);
});
