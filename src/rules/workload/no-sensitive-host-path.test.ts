import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { classifyHostPath, noSensitiveHostPath } from './no-sensitive-host-path.js';

it('classifies node paths after normalising them', () => {
  for (const path of ['/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/k3s/containerd/containerd.sock']) {
    assert.equal(classifyHostPath(path)?.kind, 'runtimeSocket', path);
  }
  for (const path of ['/', '/etc', '/etc/kubernetes/', '/proc', '/sys/fs/cgroup', '/var/lib/kubelet/pods', '/var/run', '/root', '/home/ubuntu', '/var', '/var/lib', '/tmp/../etc', '//etc']) {
    assert.equal(classifyHostPath(path)?.kind, 'sensitivePath', path);
  }
  for (const path of ['/data', '/mnt/disks/ssd0', '/tmp', '/var/log', '/opt/app', '/etcetera', 'C:\\data']) {
    assert.equal(classifyHostPath(path), undefined, path);
  }
});

new RuleTester(noSensitiveHostPath).run({
  valid: [
    {
      name: 'a data directory and non-hostPath volumes',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  volumes:
    - {name: data, hostPath: {path: /mnt/disks/ssd0}}
    - {name: tmp, emptyDir: {}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'docker socket, /etc and / in a DaemonSet',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers: [{name: agent, image: ghcr.io/org/agent:1.0}]
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
            type: Socket
        - name: config
          hostPath: {path: /etc/}
        - name: root
          hostPath: {path: /}
        - name: data
          hostPath: {path: /srv/data}
`,
      errors: [
        { messageId: 'runtimeSocket', line: 11, path: 'spec.template.spec.volumes[0].hostPath.path' },
        { messageId: 'sensitivePath', line: 14, path: 'spec.template.spec.volumes[1].hostPath.path' },
        { messageId: 'sensitivePath', line: 16, path: 'spec.template.spec.volumes[2].hostPath.path' },
      ],
      output: null,
    },
    {
      name: 'kubelet state and /proc on a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: busybox:1.36}]\n  volumes:\n    - {name: kubelet, hostPath: {path: /var/lib/kubelet}}\n    - {name: proc, hostPath: {path: /proc}}\n',
      errors: [
        { messageId: 'sensitivePath', line: 7, path: 'spec.volumes[0].hostPath.path' },
        { messageId: 'sensitivePath', line: 8, path: 'spec.volumes[1].hostPath.path' },
      ],
    },
  ],
});
