import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacAdmissionPolicyWrite } from './rbac-admission-policy-write.js';

new RuleTester(rbacAdmissionPolicyWrite).run({
  valid: [
    {
      name: 'reading policies',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-policy-reader}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingadmissionpolicies, validatingadmissionpolicybindings]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'delete policy bindings',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: policy-editor}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingadmissionpolicybindings]
  verbs: [delete]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/policy-editor', data: { role: 'ClusterRole/policy-editor', index: 0, verbs: 'delete', access: 'validatingadmissionpolicybindings.admissionregistration.k8s.io', names: 'any object' } },
      ],
    },
  ],
});
