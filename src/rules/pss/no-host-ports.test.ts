import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { noHostPorts } from './no-host-ports.js';

new RuleTester(noHostPorts).run({
  valid: [
    { name: 'container ports without hostPort', yaml: podYaml((pod) => { appContainer(pod)['ports'] = [{ containerPort: 8080 }]; }, 'baseline'), pssLevel: 'baseline' },
    { name: 'hostPort: 0 means none', yaml: podYaml((pod) => { appContainer(pod)['ports'] = [{ containerPort: 8080, hostPort: 0 }]; }, 'baseline'), pssLevel: 'baseline' },
  ],
  invalid: [
    {
      name: 'hostPort on the second port; the suggestion removes it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 80
        - containerPort: 443
          hostPort: 443
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'hostPort', line: 12, path: 'spec.containers[0].ports[1].hostPort', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 80
        - containerPort: 443
`,
    },
    {
      name: 'hostPort in an init container',
      yaml: podYaml((pod) => { initContainer(pod)['ports'] = [{ containerPort: 53, hostPort: 53 }]; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'hostPort', path: 'spec.initContainers[0].ports[0].hostPort', container: 'init' }],
    },
    {
      name: 'hostPort in an ephemeral container',
      yaml: podYaml((pod) => { addEphemeralContainer(pod, 'baseline')['ports'] = [{ containerPort: 9000, hostPort: 9000 }]; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'hostPort', path: 'spec.ephemeralContainers[0].ports[0].hostPort', container: 'debugger' }],
    },
  ],
});
