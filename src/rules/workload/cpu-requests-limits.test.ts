import { RuleTester } from '../../../testing/rule-tester.js';
import { cpuRequestsLimits } from './cpu-requests-limits.js';

new RuleTester(cpuRequestsLimits).run({
  valid: [
    {
      name: 'request and limit on every container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: 50m}, limits: {cpu: 100m}}}]
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 250m}, limits: {cpu: "1"}}}]
`,
    },
    {
      name: 'a limit alone: the API server defaults the request to it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {limits: {cpu: 500m}}}]
`,
    },
    {
      name: 'requireLimit false accepts a request alone',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 250m}}}]
`,
      options: { requireLimit: false },
    },
  ],
  invalid: [
    {
      name: 'no resources at all: request and limit are both reported, no fix',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: fluent/fluent-bit:3.1
`,
      errors: [
        { messageId: 'missingLimit', path: 'spec.template.spec.containers[0].resources.limits.cpu', container: 'agent' },
        { messageId: 'missingRequest', path: 'spec.template.spec.containers[0].resources.requests.cpu', container: 'agent' },
      ],
      output: null,
    },
    {
      name: 'a request without a limit: the suggestion sets the limit to the request',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: 250m
          memory: 64Mi
`,
      includeSuggestions: true,
      errors: [{ messageId: 'missingLimit', line: 9, path: 'spec.containers[0].resources.limits.cpu', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: 250m
          memory: 64Mi
        limits:
          cpu: "250m"
`,
    },
    {
      name: 'requireLimit false still requires a request',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
      options: { requireLimit: false },
      errors: [{ messageId: 'missingRequest', path: 'spec.containers[0].resources.requests.cpu', container: 'app' }],
    },
  ],
});
