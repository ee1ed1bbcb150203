import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { runAsNonRoot } from './run-as-non-root.js';

new RuleTester(runAsNonRoot).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    {
      name: 'every container sets it instead of the pod',
      yaml: podYaml((pod) => {
        delete pod.spec.securityContext['runAsNonRoot'];
        appContainer(pod).securityContext['runAsNonRoot'] = true;
        initContainer(pod).securityContext['runAsNonRoot'] = true;
      }),
    },
    {
      name: 'a user-namespaced pod is exempt from v1.35',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; delete pod.spec.securityContext['runAsNonRoot']; }),
      pssVersion: 35,
    },
  ],
  invalid: [
    {
      name: 'unset, but the pod already names a non-root user: setting it is safe',
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
`,
      errors: [{ messageId: 'unset', line: 6, path: 'spec.securityContext.runAsNonRoot' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: 'unset with no user named: only a suggestion',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [{ messageId: 'unset', path: 'spec.securityContext.runAsNonRoot' }],
      output: null,
    },
    {
      name: 'the suggestion also sets the configured UID and GID',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      options: { uid: 20000 },
      includeSuggestions: true,
      errors: [{ messageId: 'unset', path: 'spec.securityContext.runAsNonRoot' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: app
      image: nginx:1.27
  securityContext:
    runAsNonRoot: true
    runAsUser: 20000
    runAsGroup: 20000
`,
    },
    {
      name: 'a container sets runAsNonRoot: false',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['runAsNonRoot'] = false; }),
      errors: [{ messageId: 'containerNotTrue', path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'app' }],
    },
    {
      name: 'the pod sets runAsNonRoot: false',
      yaml: podYaml((pod) => { pod.spec.securityContext['runAsNonRoot'] = false; }),
      errors: [{ messageId: 'podNotTrue', path: 'spec.securityContext.runAsNonRoot' }],
    },
    {
      name: 'one container opts in, the other inherits nothing',
      yaml: podYaml((pod) => { delete pod.spec.securityContext['runAsNonRoot']; appContainer(pod).securityContext['runAsNonRoot'] = true; }),
      errors: [{ messageId: 'unset', path: 'spec.securityContext.runAsNonRoot' }],
    },
    {
      name: 'user namespaces do not exempt before v1.35',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; delete pod.spec.securityContext['runAsNonRoot']; }),
      pssVersion: 34,
      errors: [{ messageId: 'unset' }],
    },
  ],
});
