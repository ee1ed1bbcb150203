import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacWildcardGrant } from './rbac-wildcard-grant.js';

new RuleTester(rbacWildcardGrant).run({
  valid: [
    {
      name: 'explicit lists, a */scale subresource, and bindings to built-in wildcard roles',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-explicit}
rules:
- apiGroups: ["*"]
  resources: ["*/scale"]
  verbs: [get, update]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
`,
    },
  ],
  invalid: [
    {
      name: '* verbs, * resources, and both on one rule',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lazy, namespace: app}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: ["*"]
- apiGroups: [apps]
  resources: ["*"]
  verbs: [get]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
`,
      errors: [
        { messageId: 'verbs', line: 7, path: 'rules[0].verbs', resource: 'Role/app/lazy', data: { role: 'Role/app/lazy', index: 0, resources: 'configmaps' } },
        { messageId: 'resources', line: 9, path: 'rules[1].resources', resource: 'Role/app/lazy', data: { role: 'Role/app/lazy', index: 1, groups: 'apps' } },
        { messageId: 'resources', line: 12, path: 'rules[2].resources', resource: 'Role/app/lazy', data: { role: 'Role/app/lazy', index: 2, groups: '*' } },
        { messageId: 'verbs', line: 13, path: 'rules[2].verbs', resource: 'Role/app/lazy', data: { role: 'Role/app/lazy', index: 2, resources: '*' } },
      ],
    },
  ],
});
