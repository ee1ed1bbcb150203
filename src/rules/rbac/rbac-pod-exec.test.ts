import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacPodExec } from './rbac-pod-exec.js';

new RuleTester(rbacPodExec).run({
  valid: [
    {
      name: 'pods and pods/log, and pods/* which RBAC does not treat as a wildcard',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-logs, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods, pods/log, "pods/*"]
  verbs: [get, list, create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-view, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vic}]
`,
    },
  ],
  invalid: [
    {
      name: 'exec, attach via */attach, portforward, and built-in admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create]
- apiGroups: [""]
  resources: ["*/attach"]
  verbs: [get]
- apiGroups: [""]
  resources: [pods/portforward]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: owners, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: olga}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'Role/app/debug', data: { role: 'Role/app/debug', index: 0, verbs: 'create', access: 'pods/exec', names: 'any object' } },
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'Role/app/debug', data: { role: 'Role/app/debug', index: 1, verbs: 'get', access: 'pods/attach', names: 'any object' } },
        { messageId: 'role', line: 11, path: 'rules[2]', resource: 'Role/app/debug', data: { role: 'Role/app/debug', index: 2, verbs: '*', access: 'pods/portforward', names: 'any object' } },
        { messageId: 'binding', line: 18, path: 'roleRef.name', resource: 'RoleBinding/app/owners', data: { binding: 'RoleBinding/app/owners', role: 'ClusterRole/admin', access: 'get/create pods/exec, get/create pods/attach, get/create pods/portforward' } },
      ],
    },
  ],
});
