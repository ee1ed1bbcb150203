import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacEphemeralContainers } from './rbac-ephemeral-containers.js';

new RuleTester(rbacEphemeralContainers).run({
  valid: [
    {
      name: 'reading pods',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: dont-fire-reader, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list]
`,
    },
  ],
  invalid: [
    {
      name: 'patch pods/ephemeralcontainers',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debugger, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods/ephemeralcontainers]
  verbs: [update, patch]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'Role/app/debugger', data: { role: 'Role/app/debugger', index: 0, verbs: 'update, patch', access: 'pods/ephemeralcontainers', names: 'any object' } },
      ],
    },
  ],
});
