import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { seccompProfileBaseline } from './seccomp-profile-baseline.js';

new RuleTester(seccompProfileBaseline).run({
  valid: [
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'RuntimeDefault and Localhost profiles',
      yaml: podYaml((pod) => {
        pod.spec.securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
        appContainer(pod).securityContext['seccompProfile'] = { type: 'Localhost', localhostProfile: 'p.json' };
      }, 'baseline'),
      pssLevel: 'baseline',
    },
    {
      name: 'the alpha annotations are not read from v1.19',
      yaml: podYaml((pod) => { pod.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; }, 'baseline'),
      pssLevel: 'baseline',
    },
    {
      name: 'before v1.19 allowed annotation values pass',
      yaml: podYaml((pod) => {
        pod.metadata.annotations = {
          'seccomp.security.alpha.kubernetes.io/pod': 'docker/default',
          'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/profile.json',
        };
      }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 18,
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
        seccompProfile:
          type: Unconfined
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'containerForbidden', line: 11, path: 'spec.containers[0].securityContext.seccompProfile.type', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
    },
    {
      name: 'a pod-level profile without a type',
      yaml: podYaml((pod) => { pod.spec.securityContext['seccompProfile'] = {}; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'podForbidden', path: 'spec.securityContext.seccompProfile.type' }],
    },
    {
      name: 'before v1.19 the annotations are read',
      yaml: podYaml((pod) => {
        pod.metadata.annotations = { 'container.seccomp.security.alpha.kubernetes.io/init': 'unconfined' };
        initContainer(pod).securityContext['seccompProfile'] = { type: 'Unconfined' };
      }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 18,
      errors: [{ messageId: 'annotation', path: 'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/init"]', container: 'init' }],
    },
  ],
});
