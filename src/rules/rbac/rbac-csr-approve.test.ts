import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacCsrApprove } from './rbac-csr-approve.js';

test('passes: creating and reading CSRs', () => {
  assert.deepEqual(findingsOf(rbacCsrApprove, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-requester}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests]
  verbs: [create, get, list, watch]
`), []);
});

test('fails: approval subresource, approve on signers, and built-in approver roles', () => {
  assert.deepEqual(findingsOf(rbacCsrApprove, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests/approval]
  verbs: [update]
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: [kubernetes.io/kube-apiserver-client]
  verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:certificates.k8s.io:kube-apiserver-client-approver}
subjects: [{kind: User, name: ann}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/approver', 'rules[0]', 'ClusterRole/approver rules[0] allows update on certificatesigningrequests/approval.certificates.k8s.io (any object)'],
    ['ClusterRole/approver', 'rules[1]', 'ClusterRole/approver rules[1] allows approve on signers.certificates.k8s.io (only kubernetes.io/kube-apiserver-client)'],
    ['ClusterRoleBinding/legacy-approver', 'roleRef.name', 'ClusterRoleBinding/legacy-approver grants ClusterRole/system:certificates.k8s.io:kube-apiserver-client-approver, which allows approve signers.certificates.k8s.io'],
  ]);
});
