import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';

new RuleTester(rbacSecretsRead).run({
  valid: [
    {
      name: 'ConfigMaps, a different group, secrets create only, view, cluster-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-config, namespace: app}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
- apiGroups: [example.com]
  resources: [secrets]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-view, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
---
# Reported once, by rbac-cluster-admin-binding.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-cluster-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: root}]
`,
    },
  ],
  invalid: [
    {
      name: 'get/list on secrets, * resources, and a binding to built-in edit',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [db]
  verbs: [get]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: [list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`,
      errors: [
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'ClusterRole/reader', data: { role: 'ClusterRole/reader', index: 1, verbs: 'get', access: 'secrets', names: 'only db' } },
        { messageId: 'role', line: 12, path: 'rules[2]', resource: 'ClusterRole/reader', data: { role: 'ClusterRole/reader', index: 2, verbs: 'list', access: 'secrets', names: 'any object' } },
        { messageId: 'binding', line: 19, path: 'roleRef.name', resource: 'RoleBinding/app/devs', data: { binding: 'RoleBinding/app/devs', role: 'ClusterRole/edit', access: 'get/list/watch secrets' } },
      ],
    },
  ],
});
