import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { noPrivilegeEscalation } from './no-privilege-escalation.js';

new RuleTester(noPrivilegeEscalation).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; delete appContainer(pod).securityContext['allowPrivilegeEscalation']; }),
    },
    {
      name: 'not checked before v1.8',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['allowPrivilegeEscalation'] = true; }),
      pssVersion: 7,
    },
  ],
  invalid: [
    {
      name: 'unset in a container without securityContext: the field is added',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [{ messageId: 'unset', line: 7, path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
`,
    },
    {
      name: 'explicitly true: set to false',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: true
        runAsNonRoot: true
`,
      errors: [{ messageId: 'allowed', line: 10, path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
        runAsNonRoot: true
`,
    },
    {
      name: 'unset in the init container',
      yaml: podYaml((pod) => { delete initContainer(pod).securityContext['allowPrivilegeEscalation']; }),
      errors: [{ messageId: 'unset', path: 'spec.initContainers[0].securityContext.allowPrivilegeEscalation', container: 'init' }],
      output: podYaml((pod) => { const context = initContainer(pod).securityContext; delete context['allowPrivilegeEscalation']; context['allowPrivilegeEscalation'] = false; }),
    },
    {
      name: 'unset in an ephemeral container',
      yaml: podYaml((pod) => { delete addEphemeralContainer(pod).securityContext['allowPrivilegeEscalation']; }),
      errors: [{ messageId: 'unset', path: 'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation', container: 'debugger' }],
      output: podYaml((pod) => { const context = addEphemeralContainer(pod).securityContext; delete context['allowPrivilegeEscalation']; context['allowPrivilegeEscalation'] = false; }),
    },
    {
      name: 'Windows pods are checked before v1.25, with no fix (the API refuses the field there)',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; delete appContainer(pod).securityContext['allowPrivilegeEscalation']; }),
      pssVersion: 24,
      includeSuggestions: true,
      errors: [{ messageId: 'unset', container: 'app' }],
      output: null,
    },
    {
      name: 'beside privileged: true the fix is only a suggestion (the API refuses the pair)',
      yaml: podYaml((pod) => { Object.assign(appContainer(pod).securityContext, { allowPrivilegeEscalation: true, privileged: true }); }),
      errors: [{ messageId: 'allowed', container: 'app' }],
      output: null,
    },
    {
      name: 'beside an added CAP_SYS_ADMIN the fix is only a suggestion',
      yaml: podYaml((pod) => { initContainer(pod).securityContext = { capabilities: { add: ['CAP_SYS_ADMIN'] } }; }),
      errors: [{ messageId: 'unset', container: 'init' }],
      output: null,
    },
    {
      name: 'a linux os name is not exempt',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'linux' }; delete appContainer(pod).securityContext['allowPrivilegeEscalation']; }),
      errors: [{ messageId: 'unset', container: 'app' }],
      output: podYaml((pod) => { pod.spec['os'] = { name: 'linux' }; const context = appContainer(pod).securityContext; delete context['allowPrivilegeEscalation']; context['allowPrivilegeEscalation'] = false; }),
    },
  ],
});
