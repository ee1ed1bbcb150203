import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads ports[].containerPort and hostPort of every container and ports[].port, targetPort and nodePort
// of Services, and reports the ports of remote shells and of the control plane's own APIs: a workload
// that serves them is a remote-administration back door or impersonates a control-plane component
// (KubeLinter's ssh-port, Kubescape's "exposed sensitive interfaces" checks).
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [3389, 'RDP'],
  [2375, 'the Docker API without TLS'],
  [2376, 'the Docker API'],
  [2379, 'etcd clients'],
  [2380, 'etcd peers'],
  [10250, 'the kubelet API'],
  [10255, 'the kubelet read-only API'],
  [10256, 'kube-proxy health'],
  [10257, 'kube-controller-manager'],
  [10259, 'kube-scheduler'],
]);

export const sensitivePort = defineObjectRule({
  meta: {
    id: 'sensitive-port',
    title: 'Workloads and Services do not serve remote-shell or control-plane ports',
    severity: 'medium',
    category: 'network',
    description:
      'SSH, Telnet and RDP in a container are a way in that bypasses the Kubernetes API and its audit log; the Docker API, ' +
      'etcd and kubelet ports belong to the node and the control plane, and a workload serving them either exposes such a ' +
      'component to the pod network or impersonates it.',
    remediation: 'Remove the port; debug with kubectl exec or ephemeral containers, and keep node and control-plane APIs off the pod network.',
    references: [DOCS.services, 'https://kubernetes.io/docs/reference/networking/ports-and-protocols/', 'https://docs.kubelinter.io/#/generated/checks?id=ssh-port'],
    frameworks: { nsa: ['Network separation and hardening'], mitre: ['T1021.004', 'T1133'] },
    fixable: false,
    messages: {
      containerPort: 'container "{{container}}" declares {{field}} {{port}} ({{service}}): remove it',
      servicePort: 'the Service exposes {{field}} {{port}} ({{service}}): remove it',
    },
  },
  kinds: [...WORKLOAD_KINDS, 'Service'],
  check(context) {
    const object = context.object;
    if (object.kind === 'Service' && !object.apiVersion.includes('/')) {
      for (const [index, entry] of entriesOf(recordOf(object['spec'])?.['ports'])) {
        const port = recordOf(entry);
        for (const field of ['port', 'targetPort', 'nodePort'] as const) {
          const service = typeof port?.[field] === 'number' ? SENSITIVE_PORTS.get(port[field]) : undefined;
          if (service === undefined) continue;
          context.report({ messageId: 'servicePort', data: { field, port: port?.[field] as number, service }, path: ['spec', 'ports', index, field] });
          break;
        }
      }
      return;
    }
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const container of containersOf(pod)) {
      for (const [index, entry] of entriesOf(container.container['ports'])) {
        const port = recordOf(entry);
        for (const field of ['containerPort', 'hostPort'] as const) {
          const service = typeof port?.[field] === 'number' ? SENSITIVE_PORTS.get(port[field]) : undefined;
          if (service === undefined) continue;
          context.report({ messageId: 'containerPort', data: { container: container.name, field, port: port?.[field] as number, service }, path: [...container.path, 'ports', index, field], container: container.name });
          break;
        }
      }
    }
  },
});
