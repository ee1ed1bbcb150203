import { RuleTester } from '../../../testing/rule-tester.js';
import { runAsHighGid } from './run-as-high-gid.js';

new RuleTester(runAsHighGid).run({
  valid: [
    {
      name: 'pod-level GID of 10001',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsGroup: 10001}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'container-level GID above a configured minimum',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsGroup: 3000}}]
`,
      options: { minimumGid: 3000 },
    },
  ],
  invalid: [
    {
      name: 'root group at pod level, and a container without override',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      securityContext:
        runAsUser: 10001
        runAsGroup: 0
      containers:
        - name: migrate
          image: flyway/flyway:10
`,
      includeSuggestions: true,
      errors: [{ messageId: 'lowPod', line: 10, path: 'spec.template.spec.securityContext.runAsGroup' }],
      output: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      securityContext:
        runAsUser: 10001
        runAsGroup: 10000
      containers:
        - name: migrate
          image: flyway/flyway:10
`,
    },
    {
      name: 'no GID set: one finding per container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers: [{name: init, image: busybox:1.36}]
  containers: [{name: app, image: nginx:1.27, securityContext: {runAsGroup: 100}}]
`,
      errors: [
        { messageId: 'unset', path: 'spec.initContainers[0].securityContext.runAsGroup', container: 'init' },
        { messageId: 'lowContainer', path: 'spec.containers[0].securityContext.runAsGroup', container: 'app' },
      ],
    },
  ],
});
