import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';

new RuleTester(rbacWebhookConfig).run({
  valid: [
    {
      name: 'reading webhook configurations',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-auditor}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'patch, delete, and wildcard in the group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cert-injector}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  resourceNames: [my-webhook]
  verbs: [patch]
- apiGroups: [admissionregistration.k8s.io]
  resources: ["*"]
  verbs: [delete]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/cert-injector', data: { role: 'ClusterRole/cert-injector', index: 0, verbs: 'patch', access: 'mutatingwebhookconfigurations.admissionregistration.k8s.io', names: 'only my-webhook' } },
        { messageId: 'role', line: 9, path: 'rules[1]', resource: 'ClusterRole/cert-injector', data: { role: 'ClusterRole/cert-injector', index: 1, verbs: 'delete', access: 'mutatingwebhookconfigurations.admissionregistration.k8s.io, validatingwebhookconfigurations.admissionregistration.k8s.io', names: 'any object' } },
      ],
    },
  ],
});
