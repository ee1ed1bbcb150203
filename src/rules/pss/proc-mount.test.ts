import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { procMount } from './proc-mount.js';

new RuleTester(procMount).run({
  valid: [
    { name: 'procMount: Default', yaml: podYaml((pod) => { appContainer(pod).securityContext['procMount'] = 'Default'; }, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'Unmasked in a user-namespaced pod from v1.35',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; appContainer(pod).securityContext['procMount'] = 'Unmasked'; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 35,
    },
  ],
  invalid: [
    {
      name: 'Unmasked; the suggestion removes it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: buildkit
      image: moby/buildkit:v0.16.0
      securityContext:
        procMount: Unmasked
        runAsUser: 1000
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'procMount', line: 10, path: 'spec.containers[0].securityContext.procMount', container: 'buildkit' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: buildkit
      image: moby/buildkit:v0.16.0
      securityContext:
        runAsUser: 1000
`,
    },
    {
      name: 'user namespaces do not relax it before v1.35',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; initContainer(pod).securityContext['procMount'] = 'Unmasked'; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 34,
      errors: [{ messageId: 'procMount', path: 'spec.initContainers[0].securityContext.procMount', container: 'init' }],
    },
    {
      name: 'hostUsers: true is not a user namespace',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = true; addEphemeralContainer(pod, 'baseline').securityContext['procMount'] = 'Unmasked'; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'procMount', path: 'spec.ephemeralContainers[0].securityContext.procMount', container: 'debugger' }],
    },
  ],
});
