import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { procMountRestricted } from './proc-mount-restricted.js';

new RuleTester(procMountRestricted).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    { name: 'procMount: Default in a user namespace', yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; appContainer(pod).securityContext['procMount'] = 'Default'; }) },
    {
      name: 'does not exist before v1.35 (the baseline check covers older versions)',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['procMount'] = 'Unmasked'; }),
      pssVersion: 34,
    },
  ],
  invalid: [
    {
      name: 'Unmasked in a user-namespaced pod; the suggestion removes it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  hostUsers: false
  containers:
    - name: buildkit
      image: moby/buildkit:v0.16.0-rootless
      securityContext:
        procMount: Unmasked
        allowPrivilegeEscalation: false
`,
      includeSuggestions: true,
      errors: [{ messageId: 'procMount', line: 11, path: 'spec.containers[0].securityContext.procMount', container: 'buildkit' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  hostUsers: false
  containers:
    - name: buildkit
      image: moby/buildkit:v0.16.0-rootless
      securityContext:
        allowPrivilegeEscalation: false
`,
    },
    {
      name: 'Unmasked even in a user namespace',
      yaml: podYaml((pod) => { pod.spec['hostUsers'] = false; appContainer(pod).securityContext['procMount'] = 'Unmasked'; }),
      errors: [{ messageId: 'procMount', path: 'spec.containers[0].securityContext.procMount', container: 'app' }],
      output: null,
    },
  ],
});
