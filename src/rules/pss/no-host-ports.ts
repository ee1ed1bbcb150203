import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, displayValue, isSet, listOf, recordOf, upstreamCheckUrl } from './support/pod-fields.js';

// Reads ports[*].hostPort of every init, regular and ephemeral container. Allowed: unset or 0.
// Ports pod-security-admission policy/check_hostPorts.go (hostPorts_1_0): any non-zero hostPort is denied.
function checkHostPorts(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  for (const container of containersOf(pod)) {
    listOf(container.container['ports']).forEach((port, index) => {
      const hostPort = recordOf(port)?.['hostPort'];
      if (!isSet(hostPort) || hostPort === 0) return;
      const path = [...container.path, 'ports', index, 'hostPort'];
      violations.push({
        messageId: 'hostPort',
        data: { container: container.name, hostPort: displayValue(hostPort) },
        path,
        container: container.name,
        fix: { kind: 'suggestion', title: `remove ports[${index}].hostPort`, operations: [{ op: 'remove', path }] },
      });
    });
  }
  return violations;
}

export const noHostPorts = definePssRule({
  meta: {
    id: 'no-host-ports',
    title: 'Containers must not bind ports of the node',
    severity: 'medium',
    category: 'pss',
    description:
      'A hostPort opens a port on the node itself, bypassing Services and NetworkPolicies, and ties the pod to nodes where the port is free.',
    remediation: 'Remove ports[*].hostPort and expose the container through a Service.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_hostPorts.go')],
    frameworks: {
      pss: { check: 'hostPorts', level: 'baseline' },
      cis: ['5.2.13'],
      nsa: ['Pod security: pod security enforcement', 'Network separation and hardening'],
      mitre: ['T1133'],
    },
    fixable: 'suggestion',
    messages: { hostPort: 'container "{{container}}" sets ports[].hostPort: {{hostPort}}' },
  },
  pss: { id: 'hostPorts', level: 'baseline', versions: [{ minimumVersion: 0, check: checkHostPorts }] },
});
