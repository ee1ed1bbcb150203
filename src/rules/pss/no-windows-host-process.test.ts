import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { noWindowsHostProcess } from './no-windows-host-process.js';

new RuleTester(noWindowsHostProcess).run({
  valid: [
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'hostProcess: false',
      yaml: podYaml((pod) => { pod.spec.securityContext['windowsOptions'] = { hostProcess: false }; }, 'baseline'),
      pssLevel: 'baseline',
    },
  ],
  invalid: [
    {
      name: 'pod-level and container-level hostProcess',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
  containers:
    - name: app
      image: agent:1
      securityContext:
        windowsOptions:
          hostProcess: true
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [
        { messageId: 'pod', line: 8, path: 'spec.securityContext.windowsOptions.hostProcess' },
        { messageId: 'container', line: 14, path: 'spec.containers[0].securityContext.windowsOptions.hostProcess', container: 'app' },
      ],
      output: null,
    },
    {
      name: 'hostProcess in an init container',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['windowsOptions'] = { hostProcess: true }; appContainer(pod).securityContext = {}; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'container', path: 'spec.initContainers[0].securityContext.windowsOptions.hostProcess', container: 'init' }],
    },
  ],
});
