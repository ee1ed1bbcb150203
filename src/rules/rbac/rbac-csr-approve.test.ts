import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacCsrApprove } from './rbac-csr-approve.js';

new RuleTester(rbacCsrApprove).run({
  valid: [
    {
      name: 'creating and reading CSRs',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-requester}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests]
  verbs: [create, get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'approval subresource, approve on signers, and built-in approver roles',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests/approval]
  verbs: [update]
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: [kubernetes.io/kube-apiserver-client]
  verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:certificates.k8s.io:kube-apiserver-client-approver}
subjects: [{kind: User, name: ann}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/approver', data: { role: 'ClusterRole/approver', index: 0, verbs: 'update', access: 'certificatesigningrequests/approval.certificates.k8s.io', names: 'any object' } },
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'ClusterRole/approver', data: { role: 'ClusterRole/approver', index: 1, verbs: 'approve', access: 'signers.certificates.k8s.io', names: 'only kubernetes.io/kube-apiserver-client' } },
        { messageId: 'binding', line: 16, path: 'roleRef.name', resource: 'ClusterRoleBinding/legacy-approver', data: { binding: 'ClusterRoleBinding/legacy-approver', role: 'ClusterRole/system:certificates.k8s.io:kube-apiserver-client-approver', access: 'approve signers.certificates.k8s.io' } },
      ],
    },
  ],
});
