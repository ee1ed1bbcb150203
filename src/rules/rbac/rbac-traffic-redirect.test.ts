import { RuleTester } from '../../../testing/rule-tester.js';
import { rbacTrafficRedirect } from './rbac-traffic-redirect.js';

new RuleTester(rbacTrafficRedirect).run({
  valid: [
    {
      name: 'reading Services and endpoints',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-readers}
rules:
- apiGroups: ["", discovery.k8s.io]
  resources: [services, services/status, endpoints, endpointslices]
  verbs: [get, list, watch]
`,
    },
  ],
  invalid: [
    {
      name: 'services/status, Endpoints and EndpointSlices writes',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: lb-faker, namespace: app}
rules:
- apiGroups: [""]
  resources: [services/status]
  verbs: [patch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [create, update]
`,
      errors: [
        { messageId: 'role', line: 5, path: 'rules[0]', resource: 'Role/app/lb-faker', data: { role: 'Role/app/lb-faker', index: 0, verbs: 'patch', access: 'services/status', names: 'any object' } },
        { messageId: 'role', line: 8, path: 'rules[1]', resource: 'Role/app/lb-faker', data: { role: 'Role/app/lb-faker', index: 1, verbs: 'create, update', access: 'endpointslices.discovery.k8s.io', names: 'any object' } },
      ],
    },
  ],
});
