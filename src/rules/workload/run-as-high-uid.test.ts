import { RuleTester } from '../../../testing/rule-tester.js';
import { runAsHighUid } from './run-as-high-uid.js';

new RuleTester(runAsHighUid).run({
  valid: [
    {
      name: 'pod-level UID of 10001 is inherited by every container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsUser: 10001}
  initContainers: [{name: init, image: busybox:1.36}]
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a container overrides a low pod-level UID with a high one',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsUser: 0}
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsUser: 20000}}]
`,
    },
    {
      name: 'the minimum is configurable',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsUser: 1000}}]
`,
      options: { minimumUid: 1000 },
    },
    {
      name: 'a pod in its own user namespace (hostUsers: false) is not checked: its UID 0 is not the node\'s root',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostUsers: false
  securityContext: {runAsUser: 0}
  containers: [{name: app, image: nginx:1.27}, {name: side, image: nginx:1.27, securityContext: {runAsUser: 1000}}]
`,
    },
    {
      name: 'windows pods are not checked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  os: {name: windows}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'no UID anywhere: one finding per container, suggestion sets the minimum',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          securityContext:
            runAsNonRoot: true
`,
      includeSuggestions: true,
      errors: [{ messageId: 'unset', path: 'spec.template.spec.containers[0].securityContext.runAsUser', container: 'db' }],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          securityContext:
            runAsNonRoot: true
            runAsUser: 10000
`,
    },
    {
      name: 'a low pod-level UID inherited by two containers is reported once, at the pod field',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
  containers:
    - name: app
      image: nginx:1.27
    - name: sidecar
      image: envoyproxy/envoy:v1.31.0
`,
      includeSuggestions: true,
      errors: [{ messageId: 'lowPod', line: 7, path: 'spec.securityContext.runAsUser' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10000
  containers:
    - name: app
      image: nginx:1.27
    - name: sidecar
      image: envoyproxy/envoy:v1.31.0
`,
    },
    {
      name: 'root and a mistyped UID at container level',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx:1.27, securityContext: {runAsUser: 0}}
    - {name: side, image: nginx:1.27, securityContext: {runAsUser: "20000"}}
`,
      errors: [
        { messageId: 'lowContainer', line: 6, path: 'spec.containers[0].securityContext.runAsUser', container: 'app' },
        { messageId: 'lowContainer', line: 7, path: 'spec.containers[1].securityContext.runAsUser', container: 'side' },
      ],
    },
    {
      name: 'hostUsers: true (the node\'s user namespace) is checked like an unset field',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostUsers: true
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsUser: 0}}]
`,
      errors: [{ messageId: 'lowContainer', container: 'app' }],
    },
    {
      name: 'a huge UID (1e38, or one beyond MaxInt32) is not high: the API server rejects it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsUser: 1e38}
  containers:
    - {name: app, image: nginx:1.27}
    - {name: side, image: nginx:1.27, securityContext: {runAsUser: 2147483648}}
`,
      errors: [
        { messageId: 'invalidPod', line: 5, path: 'spec.securityContext.runAsUser' },
        { messageId: 'invalidContainer', line: 8, path: 'spec.containers[1].securityContext.runAsUser', container: 'side' },
      ],
    },
    {
      name: 'a YAML 1.1 octal UID: 010000 is 4096 for the API server, below the minimum',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsUser: 010000}}]
`,
      errors: [{ messageId: 'lowContainer', container: 'app', data: { value: 4096 } }],
    },
    {
      name: 'below a configured minimum',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsUser: 20000}}]
`,
      options: { minimumUid: 50000 },
      errors: [{ messageId: 'lowContainer', container: 'app' }],
    },
  ],
});
