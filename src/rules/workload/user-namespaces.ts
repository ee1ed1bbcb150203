import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { isUserNamespacePod } from '../../k8s/security-context.js';
import { isWindowsPod } from './support/workload-fields.js';

// Reads spec.hostUsers of pods and pod templates. With `hostUsers: false` the pod gets its own user
// namespace: root in a container is an unprivileged user on the node, so a container escape lands
// without privileges (KEP-127; on by default since v1.33, and Pod Security Standards relax their
// run-as-non-root checks for such pods from v1.35). Pods that share a host namespace cannot use one
// (the API server rejects the combination) and Windows pods have none; both are skipped.
export const userNamespaces = defineObjectRule({
  meta: {
    id: 'user-namespaces',
    title: 'Pods run in their own user namespace (hostUsers: false)',
    severity: 'low',
    category: 'workload',
    description:
      'In a user namespace of its own, a container\'s root (and every other user) maps to an unprivileged user of the node: a ' +
      'container breakout, or a file written through a mounted volume, carries no privileges on the host. Supported and on by ' +
      'default from Kubernetes v1.33 (the node needs Linux 6.3 or later and a runtime with idmap mounts). Off by default here, ' +
      'as it needs that node support.',
    remediation: 'Set spec.hostUsers: false on the pod (or the pod template) once the nodes support user namespaces.',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/', 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/127-user-namespaces'],
    frameworks: { nsa: ['Pod security: hardening container environments'], mitre: ['T1611'] },
    fixable: 'suggestion',
    enabledByDefault: false,
    kubernetesVersions: { since: 33 },
    messages: {
      hostUsers: 'the pod shares the node\'s user namespace: set spec.hostUsers: false so its users are unprivileged on the node',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined || isUserNamespacePod(pod) || isWindowsPod(pod)) return;
    if (pod.spec.hostNetwork === true || pod.spec.hostPID === true || pod.spec.hostIPC === true) return;
    const path = [...pod.specPath, 'hostUsers'];
    context.report({ messageId: 'hostUsers', path, fix: { kind: 'suggestion', title: 'set spec.hostUsers: false', operations: [{ op: 'set', path, value: false }] } });
  },
});
