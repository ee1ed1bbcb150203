import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { noDangerousCapabilities, normalizeCapability } from './no-dangerous-capabilities.js';

it('normalizes capability names as container runtimes read them', () => {
  assert.equal(normalizeCapability('cap_sys_admin'), 'SYS_ADMIN');
  assert.equal(normalizeCapability('NET_RAW'), 'NET_RAW');
});

new RuleTester(noDangerousCapabilities).run({
  valid: [
    {
      name: 'drop ALL and add NET_BIND_SERVICE',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, CHOWN]}}
`,
    },
    {
      name: 'dropping dangerous capabilities is fine',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, securityContext: {capabilities: {drop: [SYS_ADMIN, NET_RAW]}}}]
`,
    },
  ],
  invalid: [
    {
      name: 'each dangerous capability is reported on its own item, in any spelling',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: vpn}
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: alpine:3.20
          securityContext:
            capabilities:
              add: [NET_ADMIN, CHOWN, cap_sys_admin]
      containers:
        - name: vpn
          image: alpine:3.20
          securityContext:
            capabilities:
              add: [ALL]
`,
      errors: [
        { messageId: 'dangerous', line: 12, path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]', container: 'setup' },
        { messageId: 'dangerous', line: 12, path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[2]', container: 'setup' },
        { messageId: 'dangerous', line: 18, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]', container: 'vpn' },
      ],
    },
    {
      name: 'the suggestion removes the dangerous items and keeps the others',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: app
      image: alpine:3.20
      securityContext:
        capabilities:
          add:
            - SYS_PTRACE
            - NET_BIND_SERVICE
            - NET_RAW
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'dangerous', line: 12, path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'app' },
        { messageId: 'dangerous', line: 14, path: 'spec.containers[0].securityContext.capabilities.add[2]', container: 'app' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: app
      image: alpine:3.20
      securityContext:
        capabilities:
          add:
            - NET_BIND_SERVICE
`,
    },
  ],
});
