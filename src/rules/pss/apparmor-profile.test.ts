import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { apparmorProfile } from './apparmor-profile.js';

new RuleTester(apparmorProfile).run({
  valid: [
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'RuntimeDefault and Localhost profiles',
      yaml: podYaml((pod) => {
        pod.spec.securityContext['appArmorProfile'] = { type: 'RuntimeDefault' };
        appContainer(pod).securityContext['appArmorProfile'] = { type: 'Localhost', localhostProfile: 'k8s-nginx' };
      }, 'baseline'),
      pssLevel: 'baseline',
    },
    {
      name: 'allowed annotation values',
      yaml: podYaml((pod) => {
        pod.metadata.annotations = {
          'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-nginx',
          'container.apparmor.security.beta.kubernetes.io/init': 'runtime/default',
        };
      }, 'baseline'),
      pssLevel: 'baseline',
    },
  ],
  invalid: [
    {
      name: 'an Unconfined container profile; the suggestion sets RuntimeDefault',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        appArmorProfile:
          type: Unconfined
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'containerType', line: 11, path: 'spec.containers[0].securityContext.appArmorProfile.type', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
`,
    },
    {
      name: 'the deprecated annotation set to unconfined is still denied',
      yaml: podYaml((pod) => { pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/init': 'unconfined' }; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'annotation', path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/init"]', container: 'init' }],
    },
    {
      name: 'the field is checked at every policy version',
      yaml: podYaml((pod) => { pod.spec.securityContext['appArmorProfile'] = { type: 'Unconfined' }; initContainer(pod).securityContext = {}; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 0,
      errors: [{ messageId: 'podType', path: 'spec.securityContext.appArmorProfile.type' }],
    },
  ],
});
