import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacServiceaccountTokenCreate } from './rbac-serviceaccount-token-create.js';

new RuleTester(rbacServiceaccountTokenCreate).run({
  valid: [
    {
      name: 'managing ServiceAccounts without the token subresource',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-sa-admin, namespace: app}
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [create, get, list, update]
- apiGroups: [""]
  resources: [serviceaccounts/token]
  verbs: [get]
`,
    },
  ],
  invalid: [
    {
      name: 'create serviceaccounts/token, also through * and built-in edit',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token-minter}
rules:
- apiGroups: [""]
  resources: [serviceaccounts/token]
  resourceNames: [node-controller]
  verbs: [create]
- apiGroups: [""]
  resources: ["*"]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/token-minter', data: { role: 'ClusterRole/token-minter', index: 0, verbs: 'create', access: 'serviceaccounts/token', names: 'only node-controller' } },
        { messageId: 'role', line: 9, path: 'rules[1]', resource: 'ClusterRole/token-minter', data: { role: 'ClusterRole/token-minter', index: 1, verbs: 'create', access: 'serviceaccounts/token', names: 'any object' } },
        { messageId: 'binding', line: 16, path: 'roleRef.name', resource: 'RoleBinding/app/devs', data: { binding: 'RoleBinding/app/devs', role: 'ClusterRole/edit', access: 'create serviceaccounts/token' } },
      ],
    },
  ],
});
