import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { runAsNonRootUser } from './run-as-non-root-user.js';

new RuleTester(runAsNonRootUser).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    { name: 'non-zero UIDs', yaml: podYaml((pod) => { pod.spec.securityContext['runAsUser'] = 1000; appContainer(pod).securityContext['runAsUser'] = 1001; }) },
    { name: 'not checked before v1.23', yaml: podYaml((pod) => { pod.spec.securityContext['runAsUser'] = 0; }), pssVersion: 22 },
    { name: 'a user-namespaced pod is exempt from v1.35', yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; pod.spec.securityContext['runAsUser'] = 0; }), pssVersion: 35 },
  ],
  invalid: [
    {
      name: 'runAsUser: 0 in a container; the suggestion sets the default UID',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsUser: 0
`,
      includeSuggestions: true,
      errors: [{ messageId: 'containerRoot', line: 10, path: 'spec.containers[0].securityContext.runAsUser', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsUser: 10001
`,
    },
    {
      name: 'runAsUser: 0 at pod level is not changed by default',
      yaml: podYaml((pod) => { pod.spec.securityContext['runAsUser'] = 0; }),
      errors: [{ messageId: 'podRoot', path: 'spec.securityContext.runAsUser' }],
      output: null,
    },
    {
      name: 'runAsUser: 0 in an init container',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['runAsUser'] = 0; }),
      errors: [{ messageId: 'containerRoot', path: 'spec.initContainers[0].securityContext.runAsUser', container: 'init' }],
    },
    {
      name: 'user namespaces do not exempt before v1.35',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; pod.spec.securityContext['runAsUser'] = 0; }),
      pssVersion: 34,
      errors: [{ messageId: 'podRoot' }],
    },
  ],
});
