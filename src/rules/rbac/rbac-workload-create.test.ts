import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacWorkloadCreate } from './rbac-workload-create.js';

new RuleTester(rbacWorkloadCreate).run({
  valid: [
    {
      name: 'read-only workloads, scale subresource, delete pods',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-operator}
rules:
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [update, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
`,
    },
  ],
  invalid: [
    {
      name: 'create pods, patch deployments, * in batch, built-in edit',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: prod}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [create]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [patch]
- apiGroups: [batch]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-edit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: ci, namespace: ci}]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'Role/prod/deployer', data: { role: 'Role/prod/deployer', index: 0, verbs: 'create', access: 'pods', names: 'any object' } },
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'Role/prod/deployer', data: { role: 'Role/prod/deployer', index: 1, verbs: 'patch', access: 'deployments.apps', names: 'any object' } },
        { messageId: 'role', line: 11, path: 'rules[2]', resource: 'Role/prod/deployer', data: { role: 'Role/prod/deployer', index: 2, verbs: '*', access: 'jobs.batch, cronjobs.batch', names: 'any object' } },
        { messageId: 'binding', line: 18, path: 'roleRef.name', resource: 'ClusterRoleBinding/ci-edit', data: { binding: 'ClusterRoleBinding/ci-edit', role: 'ClusterRole/edit', access: 'create/update/patch pods, create/update/patch replicationcontrollers, create/update/patch deployments.apps, create/update/patch daemonsets.apps, create/update/patch statefulsets.apps, create/update/patch replicasets.apps, create/update/patch jobs.batch, create/update/patch cronjobs.batch' } },
      ],
    },
  ],
});
