import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { capabilitiesBaseline } from './capabilities-baseline.js';

new RuleTester(capabilitiesBaseline).run({
  valid: [
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'every default capability may be added',
      yaml: podYaml((pod) => {
        appContainer(pod).securityContext['capabilities'] = {
          add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'],
        };
      }, 'baseline'),
      pssLevel: 'baseline',
    },
    {
      name: 'dropping is never a problem',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['capabilities'] = { drop: ['ALL', 'SYS_ADMIN'] }; }, 'baseline'),
      pssLevel: 'baseline',
    },
  ],
  invalid: [
    {
      name: 'two forbidden capabilities among allowed ones; the suggestion keeps the allowed one',
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
          add: [NET_ADMIN, CHOWN, SYS_ADMIN]
`,
      pssLevel: 'baseline',
      errors: [
        { messageId: 'addedCapability', line: 11, path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'app' },
        { messageId: 'addedCapability', line: 11, path: 'spec.containers[0].securityContext.capabilities.add[2]', container: 'app' },
      ],
      output: null,
    },
    {
      name: 'both suggestions of one list agree, so applying them together keeps the allowed entry once',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [NET_ADMIN, CHOWN, SYS_ADMIN]
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'addedCapability', path: 'spec.containers[0].securityContext.capabilities.add[0]' }, { messageId: 'addedCapability', path: 'spec.containers[0].securityContext.capabilities.add[2]' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [CHOWN]
`,
    },
    {
      name: 'when nothing allowed is left the suggestion removes add',
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
          drop: [ALL]
          add: [SYS_PTRACE]
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'addedCapability', line: 12 }],
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
          drop: [ALL]
`,
    },
    {
      name: 'the suggestion removes forbidden capabilities and keeps allowed ones',
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
          add:
            - NET_ADMIN
            - CHOWN
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'addedCapability', line: 12, path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'app' }],
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
          add:
            - CHOWN
`,
    },
    {
      name: 'names are compared literally: CAP_CHOWN is not CHOWN',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['capabilities'] = { add: ['CAP_CHOWN'] }; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'addedCapability', path: 'spec.initContainers[0].securityContext.capabilities.add[0]', container: 'init' }],
    },
    {
      name: 'NET_RAW in an ephemeral container',
      yaml: podYaml((pod) => { addEphemeralContainer(pod, 'baseline').securityContext['capabilities'] = { add: ['NET_RAW'] }; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'addedCapability', path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]', container: 'debugger' }],
    },
  ],
});
