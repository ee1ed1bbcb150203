import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacBindingMissingRole } from './rbac-binding-missing-role.js';

new RuleTester(rbacBindingMissingRole).run({
  valid: [
    {
      name: 'a Role in the same namespace, a built-in ClusterRole, an input ClusterRole',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
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
`,
    },
  ],
  invalid: [
    {
      name: 'a Role of another namespace, a typo, a ClusterRoleBinding to a Role',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
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
`,
      errors: [
        { messageId: 'missing', line: 9, path: 'roleRef.name', resource: 'RoleBinding/app/wrong-ns', data: { binding: 'RoleBinding/app/wrong-ns', role: 'Role/app/reader' } },
        { messageId: 'missing', line: 15, path: 'roleRef.name', resource: 'RoleBinding/app/typo', data: { binding: 'RoleBinding/app/typo', role: 'ClusterRole/veiw' } },
        { messageId: 'roleInClusterBinding', line: 21, path: 'roleRef.name', resource: 'ClusterRoleBinding/role-kind', data: { binding: 'ClusterRoleBinding/role-kind', role: 'Role//reader' } },
      ],
    },
  ],
});
