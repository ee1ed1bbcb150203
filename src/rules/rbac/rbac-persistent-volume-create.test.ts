import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacPersistentVolumeCreate } from './rbac-persistent-volume-create.js';

new RuleTester(rbacPersistentVolumeCreate).run({
  valid: [
    {
      name: 'claims, and reading volumes',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-claims}
rules:
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [create, delete]
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'create persistentvolumes, and the built-in provisioner role bound cluster-wide',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
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
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/storage-admin', data: { role: 'ClusterRole/storage-admin', index: 0, verbs: 'create, delete', access: 'persistentvolumes', names: 'any object' } },
        { messageId: 'binding', line: 12, path: 'roleRef.name', resource: 'ClusterRoleBinding/nfs-provisioner', data: { binding: 'ClusterRoleBinding/nfs-provisioner', role: 'ClusterRole/system:persistent-volume-provisioner', access: 'create persistentvolumes' } },
      ],
    },
  ],
});
