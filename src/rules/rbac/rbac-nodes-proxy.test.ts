import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacNodesProxy } from './rbac-nodes-proxy.js';

new RuleTester(rbacNodesProxy).run({
  valid: [
    {
      name: 'nodes/metrics and nodes/stats, and nodes/proxy in a Role (cluster-scoped: no effect)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-metrics}
rules:
- apiGroups: [""]
  resources: [nodes, nodes/metrics, nodes/stats]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-role, namespace: app}
rules:
- apiGroups: [""]
  resources: [nodes/proxy]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-admin-in-ns, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kubelet-api-admin}
subjects: [{kind: User, name: kim}]
`,
    },
  ],
  invalid: [
    {
      name: 'get nodes/proxy, */proxy, and a ClusterRoleBinding to system:kubelet-api-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scraper}
rules:
- apiGroups: [""]
  resources: [nodes/proxy]
  verbs: [get]
- apiGroups: [""]
  resources: ["*/proxy"]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubelet-admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kubelet-api-admin}
subjects: [{kind: User, name: kim}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'ClusterRole/scraper', data: { role: 'ClusterRole/scraper', index: 0, verbs: 'get', access: 'nodes/proxy', names: 'any object' } },
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'ClusterRole/scraper', data: { role: 'ClusterRole/scraper', index: 1, verbs: 'create', access: 'nodes/proxy', names: 'any object' } },
        { messageId: 'binding', line: 15, path: 'roleRef.name', resource: 'ClusterRoleBinding/kubelet-admins', data: { binding: 'ClusterRoleBinding/kubelet-admins', role: 'ClusterRole/system:kubelet-api-admin', access: 'get/create/update/patch/delete nodes/proxy' } },
      ],
    },
  ],
});
