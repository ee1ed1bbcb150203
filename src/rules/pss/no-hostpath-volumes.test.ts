import { RuleTester } from '../../../testing/rule-tester.js';
import { podYaml } from '../../../testing/pod-fixtures.js';
import { noHostpathVolumes } from './no-hostpath-volumes.js';

new RuleTester(noHostpathVolumes).run({
  valid: [
    { name: 'emptyDir and configMap volumes', yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }]; }, 'baseline'), pssLevel: 'baseline' },
    { name: 'hostPath: null is no hostPath', yaml: podYaml((pod) => { pod.spec['volumes'] = [{ name: 'tmp', hostPath: null }]; }, 'baseline'), pssLevel: 'baseline' },
  ],
  invalid: [
    {
      name: 'hostPath volume, no fix known',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: tmp
      emptyDir: {}
    - name: docker
      hostPath:
        path: /var/run/docker.sock
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'hostPath', line: 13, path: 'spec.volumes[1].hostPath' }],
      output: null,
    },
  ],
});
