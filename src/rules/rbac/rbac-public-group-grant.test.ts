import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacPublicGroupGrant } from './rbac-public-group-grant.js';

new RuleTester(rbacPublicGroupGrant).run({
  valid: [
    {
      name: 'named groups, and the public roles upstream itself binds',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-health}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}
subjects:
- {kind: Group, name: "system:unauthenticated"}
- {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-team, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: team-app}]
`,
    },
  ],
  invalid: [
    {
      name: 'anonymous, unauthenticated, authenticated',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: open-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: "system:anonymous"}
- {kind: Group, name: "system:unauthenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: everyone-edits, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: "system:authenticated"}]
`,
      errors: [
        { messageId: 'anonymous', line: 6, path: 'subjects[0]', resource: 'ClusterRoleBinding/open-view', data: { binding: 'ClusterRoleBinding/open-view', role: 'ClusterRole/view', subject: 'system:anonymous' } },
        { messageId: 'anonymous', line: 7, path: 'subjects[1]', resource: 'ClusterRoleBinding/open-view', data: { binding: 'ClusterRoleBinding/open-view', role: 'ClusterRole/view', subject: 'system:unauthenticated' } },
        { messageId: 'authenticated', line: 13, path: 'subjects[0]', resource: 'RoleBinding/app/everyone-edits', data: { binding: 'RoleBinding/app/everyone-edits', role: 'ClusterRole/edit', subject: 'system:authenticated' } },
      ],
    },
  ],
});
