import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacDefaultServiceaccountGrant } from './rbac-default-serviceaccount-grant.js';

new RuleTester(rbacDefaultServiceaccountGrant).run({
  valid: [
    {
      name: 'a dedicated ServiceAccount, and a user named default',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-dedicated, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: app}
- {kind: User, name: default}
`,
    },
  ],
  invalid: [
    {
      name: 'default in the binding namespace and in another one',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lazy, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
subjects:
- {kind: ServiceAccount, name: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitoring-default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: monitoring}
`,
      errors: [
        { messageId: 'default', line: 6, path: 'subjects[0]', resource: 'RoleBinding/app/lazy', data: { binding: 'RoleBinding/app/lazy', role: 'Role/config-reader', namespace: 'app' } },
        { messageId: 'default', line: 13, path: 'subjects[0]', resource: 'ClusterRoleBinding/monitoring-default', data: { binding: 'ClusterRoleBinding/monitoring-default', role: 'ClusterRole/view', namespace: 'monitoring' } },
      ],
    },
  ],
});
