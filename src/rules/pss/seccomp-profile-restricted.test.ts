import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { seccompProfileRestricted } from './seccomp-profile-restricted.js';

new RuleTester(seccompProfileRestricted).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    {
      name: 'every container sets a Localhost profile instead of the pod',
      yaml: podYaml((pod) => {
        delete pod.spec.securityContext['seccompProfile'];
        appContainer(pod).securityContext['seccompProfile'] = { type: 'Localhost', localhostProfile: 'profiles/app.json' };
        initContainer(pod).securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
      }),
    },
    { name: 'Windows pods are exempt from v1.25', yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; delete pod.spec.securityContext['seccompProfile']; }) },
    { name: 'not checked before v1.19', yaml: podYaml((pod) => { delete pod.spec.securityContext['seccompProfile']; }), pssVersion: 18 },
  ],
  invalid: [
    {
      name: 'no profile anywhere: RuntimeDefault is set at pod level',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
    - name: sidecar
      image: envoy:1.31
`,
      errors: [{ messageId: 'unset', line: 6, path: 'spec.securityContext.seccompProfile.type' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
    - name: sidecar
      image: envoy:1.31
`,
    },
    {
      name: 'an Unconfined container is only a suggestion to change',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile:
          type: Unconfined
`,
      errors: [{ messageId: 'containerForbidden', line: 14, path: 'spec.containers[0].securityContext.seccompProfile.type', container: 'app' }],
      output: null,
    },
    {
      name: 'a pod-level Unconfined profile covers the containers that inherit it',
      yaml: podYaml((pod) => { pod.spec.securityContext['seccompProfile'] = { type: 'Unconfined' }; }),
      errors: [{ messageId: 'podForbidden', path: 'spec.securityContext.seccompProfile.type' }],
    },
    {
      name: 'an ephemeral container without a profile when the pod has none',
      yaml: podYaml((pod) => {
        delete pod.spec.securityContext['seccompProfile'];
        appContainer(pod).securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
        initContainer(pod).securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
        addEphemeralContainer(pod);
      }),
      errors: [{ messageId: 'unset', path: 'spec.securityContext.seccompProfile.type' }],
      output: podYaml((pod) => {
        delete pod.spec.securityContext['seccompProfile'];
        appContainer(pod).securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
        initContainer(pod).securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
        addEphemeralContainer(pod);
        pod.spec.securityContext['seccompProfile'] = { type: 'RuntimeDefault' };
      }),
    },
    {
      name: 'Windows pods are checked before v1.25',
      yaml: podYaml((pod) => { pod.spec['os'] = { name: 'windows' }; delete pod.spec.securityContext['seccompProfile']; }),
      pssVersion: 24,
      includeSuggestions: true,
      errors: [{ messageId: 'unset' }],
      output: null,
    },
  ],
});
