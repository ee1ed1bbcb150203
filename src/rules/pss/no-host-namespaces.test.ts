import { RuleTester } from '../../../testing/rule-tester.js';
import { deploymentYaml, podYaml } from '../../../testing/pod-fixtures.js';
import { noHostNamespaces } from './no-host-namespaces.js';

new RuleTester(noHostNamespaces).run({
  valid: [
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'namespaces explicitly not shared',
      yaml: podYaml((pod) => { Object.assign(pod.spec, { hostNetwork: false, hostPID: false, hostIPC: false }); }, 'baseline'),
      pssLevel: 'baseline',
    },
  ],
  invalid: [
    {
      name: 'hostNetwork and hostPID; the suggestion removes both',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  hostPID: true
  containers:
    - name: app
      image: nginx:1.27
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [
        { messageId: 'hostNetwork', line: 6, path: 'spec.hostNetwork' },
        { messageId: 'hostPID', line: 7, path: 'spec.hostPID' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: 'hostIPC in a Deployment template is not fixed by default',
      yaml: deploymentYaml((pod) => { pod.spec['hostIPC'] = true; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'hostIPC', path: 'spec.template.spec.hostIPC' }],
      output: null,
    },
  ],
});
