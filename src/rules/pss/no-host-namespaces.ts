import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, upstreamCheckUrl } from './support/pod-fields.js';

// Reads spec.hostNetwork, spec.hostPID and spec.hostIPC. Allowed: unset or false.
// Ports pod-security-admission policy/check_hostNamespaces.go (hostNamespaces_1_0).
const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

function checkHostNamespaces(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  for (const field of HOST_NAMESPACE_FIELDS) {
    if (pod.spec[field] !== true) continue;
    const path = [...pod.specPath, field];
    violations.push({
      messageId: field,
      path,
      // Leaving the node's namespace changes what the pod can reach: a person has to decide.
      fix: { kind: 'suggestion', title: `remove spec.${field}`, operations: [{ op: 'remove', path }] },
    });
  }
  return violations;
}

export const noHostNamespaces = definePssRule({
  meta: {
    id: 'no-host-namespaces',
    title: 'Pods must not share the node\'s network, PID or IPC namespace',
    severity: 'high',
    category: 'pss',
    description:
      'hostNetwork lets the pod see and bind every interface of the node and reach services bound to localhost; hostPID lets it ' +
      'see and signal every process on the node; hostIPC lets it read the shared memory of other workloads.',
    remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC (or set them to false); expose network services through a Service instead.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_hostNamespaces.go')],
    frameworks: {
      pss: { check: 'hostNamespaces', level: 'baseline' },
      cis: ['5.2.3', '5.2.4', '5.2.5'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611', 'T1040', 'T1046'],
    },
    fixable: 'suggestion',
    messages: {
      hostNetwork: 'pod sets spec.hostNetwork: true and shares the node\'s network namespace',
      hostPID: 'pod sets spec.hostPID: true and shares the node\'s process namespace',
      hostIPC: 'pod sets spec.hostIPC: true and shares the node\'s IPC namespace',
    },
  },
  pss: { id: 'hostNamespaces', level: 'baseline', versions: [{ minimumVersion: 0, check: checkHostNamespaces }] },
});
