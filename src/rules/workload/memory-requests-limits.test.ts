import { RuleTester } from '../../../testing/rule-tester.js';
import { memoryRequestsLimits } from './memory-requests-limits.js';

new RuleTester(memoryRequestsLimits).run({
  valid: [
    {
      name: 'request and limit on every init and regular container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers: [{name: init, image: busybox:1.36, resources: {requests: {memory: 16Mi}, limits: {memory: 32Mi}}}]
  containers: [{name: app, image: nginx:1.27, resources: {requests: {memory: 64Mi}, limits: {memory: 128Mi}}}]
`,
    },
    {
      name: 'a limit alone (request defaults to it)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {limits: {memory: 128Mi}}}]
`,
    },
  ],
  invalid: [
    {
      name: 'request without a limit in a ReplicaSet; the suggestion copies the request',
      yaml: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests: {memory: 64Mi}
`,
      includeSuggestions: true,
      errors: [{ messageId: 'missingLimit', path: 'spec.template.spec.containers[0].resources.limits.memory', container: 'app' }],
      output: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests: {memory: 64Mi}
            limits:
              memory: "64Mi"
`,
    },
    {
      name: 'nothing set on an init container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers: [{name: init, image: busybox:1.36}]
  containers: [{name: app, image: nginx:1.27, resources: {limits: {memory: 1Gi}}}]
`,
      errors: [
        { messageId: 'missingLimit', path: 'spec.initContainers[0].resources.limits.memory', container: 'init' },
        { messageId: 'missingRequest', path: 'spec.initContainers[0].resources.requests.memory', container: 'init' },
      ],
    },
  ],
});
