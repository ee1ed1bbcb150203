import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacPublicGroupGrant } from './rbac-public-group-grant.js';

test('passes: named groups, and the public roles upstream itself binds', () => {
  assert.deepEqual(findingsOf(rbacPublicGroupGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-health}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}
subjects:
- {kind: Group, name: "system:unauthenticated"}
- {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-team, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: team-app}]
`), []);
});

test('fails: anonymous, unauthenticated, authenticated', () => {
  assert.deepEqual(findingsOf(rbacPublicGroupGrant, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: open-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: "system:anonymous"}
- {kind: Group, name: "system:unauthenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: everyone-edits, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: "system:authenticated"}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRoleBinding/open-view', 'subjects[0]', 'ClusterRoleBinding/open-view grants ClusterRole/view to system:anonymous: anyone who can reach the API server, without credentials'],
    ['ClusterRoleBinding/open-view', 'subjects[1]', 'ClusterRoleBinding/open-view grants ClusterRole/view to system:unauthenticated: anyone who can reach the API server, without credentials'],
    ['RoleBinding/app/everyone-edits', 'subjects[0]', 'RoleBinding/app/everyone-edits grants ClusterRole/edit to system:authenticated: every user and every ServiceAccount'],
  ]);
});
