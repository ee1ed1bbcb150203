import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacNamespaceWrite } from './rbac-namespace-write.js';

new RuleTester(rbacNamespaceWrite).run({
  valid: [
    {
      name: 'listing namespaces',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-ns-reader}
rules:
- apiGroups: [""]
  resources: [namespaces]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'patch namespaces',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: namespace-labeler}
rules:
- apiGroups: [""]
  resources: [namespaces]
  verbs: [patch]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/namespace-labeler', data: { role: 'ClusterRole/namespace-labeler', index: 0, verbs: 'patch', access: 'namespaces', names: 'any object' } },
      ],
    },
  ],
});
