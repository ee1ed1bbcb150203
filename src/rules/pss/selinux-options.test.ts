import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { selinuxOptions } from './selinux-options.js';

new RuleTester(selinuxOptions).run({
  valid: [
    { name: 'empty seLinuxOptions', yaml: podYaml((pod) => { initContainer(pod).securityContext['seLinuxOptions'] = {}; }, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'allowed types, and a level',
      yaml: podYaml((pod) => {
        pod.spec.securityContext['seLinuxOptions'] = { type: 'container_t' };
        appContainer(pod).securityContext['seLinuxOptions'] = { type: 'container_init_t', level: 's0:c123,c456' };
        initContainer(pod).securityContext['seLinuxOptions'] = { type: 'container_kvm_t' };
      }, 'baseline'),
      pssLevel: 'baseline',
    },
    {
      name: 'container_engine_t from v1.31',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['seLinuxOptions'] = { type: 'container_engine_t' }; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 31,
    },
  ],
  invalid: [
    {
      name: 'a custom type and user; the suggestions remove them',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
      user: system_u
      level: s0
  containers:
    - name: app
      image: nginx:1.27
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [
        { messageId: 'podType', line: 8, path: 'spec.securityContext.seLinuxOptions.type' },
        { messageId: 'podUser', line: 9, path: 'spec.securityContext.seLinuxOptions.user' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      level: s0
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: 'a role in a container',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['seLinuxOptions'] = { role: 'sysadm_r' }; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'containerRole', path: 'spec.containers[0].securityContext.seLinuxOptions.role', container: 'app' }],
    },
    {
      name: 'container_engine_t before v1.31',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['seLinuxOptions'] = { type: 'container_engine_t' }; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 30,
      errors: [{ messageId: 'containerType', path: 'spec.initContainers[0].securityContext.seLinuxOptions.type', container: 'init' }],
    },
  ],
});
