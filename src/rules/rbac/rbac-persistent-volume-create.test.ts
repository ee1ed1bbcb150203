import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../test/rbac/rule-findings.js';
import { rbacPersistentVolumeCreate } from './rbac-persistent-volume-create.js';

test('passes: claims, and reading volumes', () => {
  assert.deepEqual(findingsOf(rbacPersistentVolumeCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-claims}
rules:
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [create, delete]
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [get, list, watch]
`), []);
});

test('fails: create persistentvolumes, and the built-in provisioner role bound cluster-wide', () => {
  assert.deepEqual(findingsOf(rbacPersistentVolumeCreate, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: storage-admin}
rules:
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [create, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: nfs-provisioner}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:persistent-volume-provisioner}
subjects: [{kind: ServiceAccount, name: nfs, namespace: storage}]
`).map((f) => [f.object, f.path, f.message]), [
    ['ClusterRole/storage-admin', 'rules[0]', 'ClusterRole/storage-admin rules[0] allows create, delete on persistentvolumes (any object)'],
    ['ClusterRoleBinding/nfs-provisioner', 'roleRef.name', 'ClusterRoleBinding/nfs-provisioner grants ClusterRole/system:persistent-volume-provisioner, which allows create persistentvolumes'],
  ]);
});
