import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacEscalateBindImpersonate } from './rbac-escalate-bind-impersonate.js';

new RuleTester(rbacEscalateBindImpersonate).run({
  valid: [
    {
      name: 'managing roles without escalate/bind, and a Role cannot impersonate users',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-rbac-reader}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings, clusterroles]
  verbs: [get, list, create, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-users-in-role, namespace: app}
rules:
- apiGroups: [""]
  resources: [users, groups]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-edit, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
`,
    },
  ],
  invalid: [
    {
      name: 'bind, escalate, impersonate users and serviceaccounts, built-in edit',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: role-manager}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [bind]
  resourceNames: [view]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles]
  verbs: [escalate]
- apiGroups: [""]
  resources: [users, groups]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sa-impersonator, namespace: app}
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/role-manager', data: { role: 'ClusterRole/role-manager', index: 0, verbs: 'bind', access: 'clusterroles.rbac.authorization.k8s.io', names: 'only view' } },
        { messageId: 'role', line: 9, path: 'rules[1]', resource: 'ClusterRole/role-manager', data: { role: 'ClusterRole/role-manager', index: 1, verbs: 'escalate', access: 'roles.rbac.authorization.k8s.io', names: 'any object' } },
        { messageId: 'role', line: 12, path: 'rules[2]', resource: 'ClusterRole/role-manager', data: { role: 'ClusterRole/role-manager', index: 2, verbs: 'impersonate', access: 'users, groups', names: 'any object' } },
        { messageId: 'role', line: 20, path: 'rules[0]', resource: 'Role/app/sa-impersonator', data: { role: 'Role/app/sa-impersonator', index: 0, verbs: 'impersonate', access: 'serviceaccounts', names: 'any object' } },
        { messageId: 'binding', line: 27, path: 'roleRef.name', resource: 'RoleBinding/app/devs', data: { binding: 'RoleBinding/app/devs', role: 'ClusterRole/edit', access: 'impersonate serviceaccounts' } },
      ],
    },
  ],
});
