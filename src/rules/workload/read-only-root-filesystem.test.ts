import { RuleTester } from '../../../testing/rule-tester.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';

new RuleTester(readOnlyRootFilesystem).run({
  valid: [
    {
      name: 'every container sets readOnlyRootFilesystem: true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext: {readOnlyRootFilesystem: true}
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {readOnlyRootFilesystem: true}
`,
    },
    {
      name: 'windows pods are not checked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
    { name: 'objects without a pod spec are ignored', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n' },
  ],
  invalid: [
    {
      name: 'unset in a Deployment template; the suggestion adds the field',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
`,
      includeSuggestions: true,
      errors: [{ messageId: 'unset', line: 11, path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'app' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
`,
    },
    {
      name: 'explicitly false on a CronJob container, and unset on its init container',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: prepare
              image: busybox:1.36
          containers:
            - name: job
              image: busybox:1.36
              securityContext:
                readOnlyRootFilesystem: false
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'unset', path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem', container: 'prepare' },
        { messageId: 'disabled', line: 18, path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'job' },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: prepare
              image: busybox:1.36
              securityContext:
                readOnlyRootFilesystem: true
          containers:
            - name: job
              image: busybox:1.36
              securityContext:
                readOnlyRootFilesystem: true
`,
    },
    {
      name: 'safe fixes alone change nothing: the fix is a suggestion',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [{ messageId: 'unset', container: 'app' }],
      output: null,
    },
  ],
});
