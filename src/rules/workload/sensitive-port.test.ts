import { RuleTester } from '../../../testing/rule-tester.js';
import { sensitivePort } from './sensitive-port.js';

const service = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: bastion}
spec:
  selector: {app: bastion}
  ports:
${ports}`;

new RuleTester(sensitivePort).run({
  valid: [
    {
      name: 'web ports on a Deployment and its Service',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0
          ports: [{containerPort: 8080}, {containerPort: 9090, name: metrics}]
---
${service('    - {port: 443, targetPort: 8443}\n')}`,
    },
    { name: 'a Knative Service is not a core Service', yaml: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  template:\n    spec:\n      containers: [{image: registry.example.com/k:1, ports: [{containerPort: 8080}]}]\n' },
  ],
  invalid: [
    {
      name: 'an SSH server in a sidecar and the Docker API on the host',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: dev}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
    - name: sshd
      image: linuxserver/openssh-server:9.7
      ports:
        - {containerPort: 2222, hostPort: 22}
    - name: dind
      image: docker:27-dind
      ports: [{containerPort: 2375}]
`,
      errors: [
        { messageId: 'containerPort', line: 11, path: 'spec.containers[1].ports[0].hostPort', container: 'sshd', data: { container: 'sshd', field: 'hostPort', port: 22, service: 'SSH' } },
        { messageId: 'containerPort', line: 14, path: 'spec.containers[2].ports[0].containerPort', container: 'dind', data: { container: 'dind', field: 'containerPort', port: 2375, service: 'the Docker API without TLS' } },
      ],
    },
    {
      name: 'a Service in front of the kubelet port',
      yaml: service('    - {name: ssh, port: 2222, targetPort: 22}\n    - {name: kubelet, port: 10250}\n'),
      errors: [
        { messageId: 'servicePort', line: 7, path: 'spec.ports[0].targetPort', data: { field: 'targetPort', port: 22, service: 'SSH' } },
        { messageId: 'servicePort', line: 8, path: 'spec.ports[1].port', data: { field: 'port', port: 10250, service: 'the kubelet API' } },
      ],
    },
  ],
});
