import { RuleTester } from '../../../testing/rule-tester.js';
import { addEphemeralContainer, appContainer, deploymentYaml, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { noPrivileged } from './no-privileged.js';

new RuleTester(noPrivileged).run({
  valid: [
    { name: 'minimal restricted pod', yaml: podYaml() },
    { name: 'minimal baseline pod', yaml: podYaml(() => {}, 'baseline'), pssLevel: 'baseline' },
    { name: 'privileged: false', yaml: podYaml((pod) => { appContainer(pod).securityContext['privileged'] = false; }) },
    { name: 'a Service is not a workload', yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n' },
  ],
  invalid: [
    {
      name: 'privileged container, fixed to false in place',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`,
      errors: [{ messageId: 'privileged', line: 10, path: 'spec.containers[0].securityContext.privileged', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: false
`,
    },
    {
      name: 'privileged init container',
      yaml: podYaml((pod) => { initContainer(pod).securityContext['privileged'] = true; }),
      errors: [{ messageId: 'privileged', path: 'spec.initContainers[0].securityContext.privileged', container: 'init' }],
      output: podYaml((pod) => { initContainer(pod).securityContext['privileged'] = false; }),
    },
    {
      name: 'privileged ephemeral container',
      yaml: podYaml((pod) => { addEphemeralContainer(pod).securityContext['privileged'] = true; }),
      errors: [{ messageId: 'privileged', path: 'spec.ephemeralContainers[0].securityContext.privileged', container: 'debugger' }],
      output: podYaml((pod) => { addEphemeralContainer(pod).securityContext['privileged'] = false; }),
    },
    {
      name: 'privileged container in a Deployment template',
      yaml: deploymentYaml((pod) => { appContainer(pod).securityContext['privileged'] = true; }),
      errors: [{ messageId: 'privileged', path: 'spec.template.spec.containers[0].securityContext.privileged', container: 'app' }],
      output: deploymentYaml((pod) => { appContainer(pod).securityContext['privileged'] = false; }),
    },
    {
      name: 'baseline level checks it too',
      yaml: podYaml((pod) => { appContainer(pod).securityContext['privileged'] = true; }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'privileged', container: 'app' }],
      output: podYaml((pod) => { appContainer(pod).securityContext['privileged'] = false; }, 'baseline'),
    },
  ],
});
