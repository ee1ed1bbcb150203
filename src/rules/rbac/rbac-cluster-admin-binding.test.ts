import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';

new RuleTester(rbacClusterAdminBinding).run({
  valid: [
    {
      name: 'system:masters, control-plane users, and other roles',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-masters}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: "system:kube-controller-manager", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice}]
`,
    },
  ],
  invalid: [
    {
      name: 'a user cluster-wide, a ServiceAccount in a namespace, system:authenticated',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: tiller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:masters"}
- {kind: ServiceAccount, name: tiller, namespace: kube-system}
- {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns-owner, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: bot}]
`,
      errors: [
        { messageId: 'cluster', line: 7, path: 'subjects[1]', resource: 'ClusterRoleBinding/tiller', data: { binding: 'ClusterRoleBinding/tiller', subject: 'ServiceAccount kube-system/tiller', namespace: '' } },
        { messageId: 'cluster', line: 8, path: 'subjects[2]', resource: 'ClusterRoleBinding/tiller', data: { binding: 'ClusterRoleBinding/tiller', subject: 'Group system:authenticated', namespace: '' } },
        { messageId: 'namespace', line: 14, path: 'subjects[0]', resource: 'RoleBinding/team/ns-owner', data: { binding: 'RoleBinding/team/ns-owner', subject: 'ServiceAccount team/bot', namespace: 'team' } },
      ],
    },
  ],
});
