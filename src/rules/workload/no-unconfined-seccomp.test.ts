import { RuleTester } from '../../../testing/rule-tester.js';
import { noUnconfinedSeccomp } from './no-unconfined-seccomp.js';

new RuleTester(noUnconfinedSeccomp).run({
  valid: [
    {
      name: 'RuntimeDefault at pod level, Localhost on a container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {seccompProfile: {type: RuntimeDefault}}
  containers: [{name: app, image: nginx:1.27, securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}}}]
`,
    },
    {
      name: 'legacy annotation with runtime/default',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    { name: 'unset is not this rule\'s concern', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n' },
  ],
  invalid: [
    {
      name: 'Unconfined at pod and container level; suggestions set RuntimeDefault',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: Unconfined
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'podField', line: 10, path: 'spec.template.spec.securityContext.seccompProfile.type' },
        { messageId: 'containerField', line: 16, path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type', container: 'app' },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: RuntimeDefault
`,
    },
    {
      name: 'legacy pod and container annotations on a template',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: unconfined
        container.seccomp.security.alpha.kubernetes.io/app: unconfined
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'podAnnotation', line: 9, path: 'spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]' },
        { messageId: 'containerAnnotation', line: 10, path: 'spec.template.metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]', container: 'app' },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
        container.seccomp.security.alpha.kubernetes.io/app: runtime/default
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
    },
  ],
});
