import { posix } from 'node:path';
import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, recordOf } from './support/workload-fields.js';

// Reads spec.volumes[*].hostPath.path. A path is sensitive when it is a container runtime socket, lies
// inside a sensitive directory of the node, or is an ancestor of one (mounting `/var` mounts
// `/var/lib/kubelet`). Paths are normalised first (`/etc/../var/./run/` is `/var/run`), since the kubelet
// resolves them the same way. Non-absolute (Windows) paths are skipped.
const RUNTIME_SOCKET = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|dockershim|podman|containerd-shim)[^/]*\.sock$/;

const SENSITIVE_DIRECTORIES: Readonly<Record<string, string>> = {
  '/etc': 'the node\'s configuration, including kubelet credentials and /etc/kubernetes',
  '/proc': 'the node\'s processes and kernel settings',
  '/sys': 'kernel and device settings of the node',
  '/dev': 'the node\'s devices, including its disks',
  '/boot': 'the node\'s kernel and boot loader',
  '/root': 'the home directory of root on the node',
  '/home': 'user home directories on the node, with their SSH keys',
  '/lib/modules': 'kernel modules of the node',
  '/var/lib/kubelet': 'the kubelet\'s state, including every pod\'s secrets and service account tokens',
  '/var/lib/docker': 'the container runtime\'s state and every container\'s file system',
  '/var/lib/containerd': 'the container runtime\'s state and every container\'s file system',
  '/var/lib/containers': 'the container runtime\'s state and every container\'s file system',
  '/var/lib/etcd': 'the etcd data of the cluster, with every Secret',
  '/var/run': 'runtime sockets (docker.sock, containerd.sock, crio.sock) and node daemons\' state',
  '/run': 'runtime sockets (docker.sock, containerd.sock, crio.sock) and node daemons\' state',
};

export interface SensitiveHostPath {
  readonly kind: 'runtimeSocket' | 'sensitivePath';
  readonly reason: string;
}

export function classifyHostPath(raw: string): SensitiveHostPath | undefined {
  if (!raw.startsWith('/')) return undefined;
  const path = posix.normalize(raw).replace(/(.)\/+$/, '$1');
  if (RUNTIME_SOCKET.test(path)) return { kind: 'runtimeSocket', reason: 'the container runtime socket, which controls every container on the node' };
  if (path === '/') return { kind: 'sensitivePath', reason: 'the node\'s whole file system' };
  for (const [directory, reason] of Object.entries(SENSITIVE_DIRECTORIES)) {
    if (path === directory || path.startsWith(`${directory}/`)) return { kind: 'sensitivePath', reason };
    if (directory.startsWith(`${path}/`)) return { kind: 'sensitivePath', reason: `a parent of ${directory}, ${reason}` };
  }
  return undefined;
}

export const noSensitiveHostPath = defineObjectRule({
  meta: {
    id: 'no-sensitive-host-path',
    title: 'Pods mount no sensitive node paths',
    severity: 'high',
    category: 'workload',
    description:
      'A hostPath volume exposes a node directory to the container. The runtime sockets (docker.sock, containerd.sock, ' +
      'crio.sock), /, /etc, /proc, /sys, /dev, /root, /home, /var/lib/kubelet, /var/run and similar paths hand over ' +
      'credentials or control of the node, which is a direct path out of the container.',
    remediation:
      'Remove the hostPath volume; use a ConfigMap, Secret, emptyDir, a persistent volume or a CSI driver, or at least mount a narrow, non-sensitive path read-only.',
    references: [DOCS.hostPath, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.2.12'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611', 'T1552.001', 'T1609'],
    },
    fixable: false,
    messages: {
      runtimeSocket: 'volume "{{volume}}" mounts {{path}} from the node (hostPath.path), {{reason}}: remove the volume',
      sensitivePath: 'volume "{{volume}}" mounts {{path}} from the node (hostPath.path), {{reason}}: remove the volume or mount a narrow, non-sensitive path',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined || !Array.isArray(pod.spec.volumes)) return;
    pod.spec.volumes.forEach((volume, index) => {
      const hostPath = recordOf(recordOf(volume)?.['hostPath']);
      const path = hostPath?.['path'];
      if (typeof path !== 'string') return;
      const sensitive = classifyHostPath(path);
      if (sensitive === undefined) return;
      const name = recordOf(volume)?.['name'];
      context.report({
        messageId: sensitive.kind,
        data: { volume: typeof name === 'string' ? name : `#${index}`, path, reason: sensitive.reason },
        path: [...pod.specPath, 'volumes', index, 'hostPath', 'path'],
      });
    });
  },
});
