import { RuleTester } from '../../../testing/rule-tester.js';
import { appContainer, initContainer, podYaml } from '../../../testing/pod-fixtures.js';
import { noHostProbesOrLifecycle } from './no-host-probes-or-lifecycle.js';

new RuleTester(noHostProbesOrLifecycle).run({
  valid: [
    { name: 'probes without host', yaml: podYaml((pod) => { appContainer(pod)['livenessProbe'] = { httpGet: { port: 8080, path: '/healthz' } }; }, 'baseline'), pssLevel: 'baseline' },
    { name: 'an empty host is allowed', yaml: podYaml((pod) => { appContainer(pod)['readinessProbe'] = { tcpSocket: { port: 8080, host: '' } }; }, 'baseline'), pssLevel: 'baseline' },
    {
      name: 'not checked before v1.34',
      yaml: podYaml((pod) => { appContainer(pod)['livenessProbe'] = { httpGet: { port: 8080, host: 'metadata.internal' } }; }, 'baseline'),
      pssLevel: 'baseline',
      pssVersion: 33,
    },
  ],
  invalid: [
    {
      name: 'a probe host; the suggestion removes it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe:
        httpGet:
          host: 169.254.169.254
          port: 80
          path: /latest/meta-data/
`,
      pssLevel: 'baseline',
      includeSuggestions: true,
      errors: [{ messageId: 'host', line: 11, path: 'spec.containers[0].livenessProbe.httpGet.host', container: 'app' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe:
        httpGet:
          port: 80
          path: /latest/meta-data/
`,
    },
    {
      name: 'even localhost is refused, in lifecycle hooks too',
      yaml: podYaml((pod) => {
        appContainer(pod)['lifecycle'] = { postStart: { httpGet: { port: 80, host: '::1' } }, preStop: { tcpSocket: { port: 80, host: '127.0.0.1' } } };
      }, 'baseline'),
      pssLevel: 'baseline',
      errors: [
        { messageId: 'host', path: 'spec.containers[0].lifecycle.postStart.httpGet.host', container: 'app' },
        { messageId: 'host', path: 'spec.containers[0].lifecycle.preStop.tcpSocket.host', container: 'app' },
      ],
    },
    {
      name: 'startup probe of a sidecar init container',
      yaml: podYaml((pod) => { Object.assign(initContainer(pod), { restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 53, host: '8.8.8.8' } } }); }, 'baseline'),
      pssLevel: 'baseline',
      errors: [{ messageId: 'host', path: 'spec.initContainers[0].startupProbe.tcpSocket.host', container: 'init' }],
    },
  ],
});
