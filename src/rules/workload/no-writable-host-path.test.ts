import { RuleTester } from '../../../testing/rule-tester.js';
import { noWritableHostPath } from './no-writable-host-path.js';

new RuleTester(noWritableHostPath).run({
  valid: [
    {
      name: 'hostPath mounted read-only; emptyDir may be writable',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: logs}
spec:
  volumes:
    - {name: varlog, hostPath: {path: /var/log}}
    - {name: scratch, emptyDir: {}}
  containers:
    - name: shipper
      image: fluent/fluent-bit:3.1
      volumeMounts:
        - {name: varlog, mountPath: /var/log, readOnly: true}
        - {name: scratch, mountPath: /tmp}
`,
    },
  ],
  invalid: [
    {
      name: 'a writable hostPath mount in a DaemonSet; the suggestion sets readOnly',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
      containers:
        - name: shipper
          image: fluent/fluent-bit:3.1
          volumeMounts:
            - name: varlog
              mountPath: /var/log
`,
      includeSuggestions: true,
      errors: [{ messageId: 'writable', line: 16, path: 'spec.template.spec.containers[0].volumeMounts[0].readOnly', container: 'shipper' }],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
      containers:
        - name: shipper
          image: fluent/fluent-bit:3.1
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
`,
    },
    {
      name: 'readOnly false on an init container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: host, hostPath: {path: /opt/cni/bin}}]
  initContainers:
    - name: install
      image: ghcr.io/org/cni:1.0
      volumeMounts: [{name: host, mountPath: /host, readOnly: false}]
  containers: [{name: app, image: nginx:1.27, volumeMounts: [{name: host, mountPath: /host, readOnly: true}]}]
`,
      errors: [{ messageId: 'writable', line: 9, path: 'spec.initContainers[0].volumeMounts[0].readOnly', container: 'install' }],
    },
  ],
});
