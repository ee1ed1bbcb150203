import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacBindingWrite } from './rbac-binding-write.js';

new RuleTester(rbacBindingWrite).run({
  valid: [
    {
      name: 'reading bindings',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-auditor}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [rolebindings, clusterrolebindings]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'create rolebindings',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: team-lead, namespace: app}
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [rolebindings]
  verbs: [create, patch]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'Role/app/team-lead', data: { role: 'Role/app/team-lead', index: 0, verbs: 'create, patch', access: 'rolebindings.rbac.authorization.k8s.io', names: 'any object' } },
      ],
    },
  ],
});
