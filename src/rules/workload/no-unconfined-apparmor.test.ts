import { RuleTester } from '../../../testing/rule-tester.js';
import { noUnconfinedApparmor } from './no-unconfined-apparmor.js';

new RuleTester(noUnconfinedApparmor).run({
  valid: [
    {
      name: 'RuntimeDefault field and runtime/default annotation',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: {container.apparmor.security.beta.kubernetes.io/app: runtime/default}
spec:
  securityContext: {appArmorProfile: {type: RuntimeDefault}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a seccomp annotation is not an AppArmor one',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'Unconfined field on an ephemeral container and annotation on a Pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        appArmorProfile:
          type: Unconfined
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'containerAnnotation', line: 6, path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]', container: 'app' },
        { messageId: 'containerField', line: 16, path: 'spec.ephemeralContainers[0].securityContext.appArmorProfile.type', container: 'debug' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
`,
    },
    {
      name: 'pod-level Unconfined',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {appArmorProfile: {type: Unconfined}}
  containers: [{name: app, image: nginx:1.27}]
`,
      errors: [{ messageId: 'podField', line: 5, path: 'spec.securityContext.appArmorProfile.type' }],
    },
  ],
});
