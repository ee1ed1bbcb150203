import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { capabilitiesRestricted } from './capabilities-restricted.js';

new RuleTester(capabilitiesRestricted).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    {
      name: 'drop ALL and add back NET_BIND_SERVICE',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['capabilities'] = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }; }),
    },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; appContainer(pod).securityContext = {}; }),
    },
    {
      name: 'not checked before v1.22',
      yaml: podYaml((pod) => { appContainer(pod).securityContext = {}; }),
      pssVersion: 21,
    },
  ],
  invalid: [
    {
      name: 'no capabilities at all: drop ALL is added',
      yaml: `apiVersion: v1
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
      errors: [{ messageId: 'missingDropAll', line: 9, path: 'spec.containers[0].securityContext.capabilities.drop', container: 'app' }],
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
        capabilities:
          drop:
            - ALL
`,
    },
    {
      name: 'a drop list without ALL is replaced; the allowed add stays',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [NET_BIND_SERVICE]
          drop: [NET_RAW]
`,
      errors: [{ messageId: 'missingDropAll', line: 12, path: 'spec.containers[0].securityContext.capabilities.drop', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [NET_BIND_SERVICE]
          drop: [ALL]
`,
    },
    {
      name: 'an added capability other than NET_BIND_SERVICE is only a suggestion to remove',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['capabilities'] = { drop: ['ALL'], add: ['CHOWN'] }; }),
      errors: [{ messageId: 'addedCapability', path: 'spec.initContainers[0].securityContext.capabilities.add[0]', container: 'init' }],
      output: null,
    },
    {
      name: 'Windows pods are checked before v1.25',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; appContainer(pod).securityContext = { allowPrivilegeEscalation: false }; }),
      pssVersion: 24,
      includeSuggestions: true,
      errors: [{ messageId: 'missingDropAll', container: 'app' }],
      output: null,
    },
  ],
});
