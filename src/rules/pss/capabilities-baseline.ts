import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { forbiddenAddViolations } from './support/capabilities.js';
import { PSS_DOC_URL, upstreamCheckUrl } from './support/pod-fields.js';

// Reads securityContext.capabilities.add of every init, regular and ephemeral container.
// Allowed: the capabilities a container runtime grants by default (upstream capabilities_allowed_1_0), compared
// literally as upstream does (a `CAP_` prefix is not stripped). Ports policy/check_capabilities_baseline.go.
const BASELINE_CAPABILITIES: ReadonlySet<unknown> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function checkCapabilitiesBaseline(pod: PodSpecView): PssViolation[] {
  return containersOf(pod).flatMap((container) =>
    forbiddenAddViolations(container, (capability) => BASELINE_CAPABILITIES.has(capability), 'addedCapability'));
}

export const capabilitiesBaseline = definePssRule({
  meta: {
    id: 'capabilities-baseline',
    title: 'Containers may only add the default capabilities',
    severity: 'high',
    category: 'pss',
    description:
      'Capabilities beyond the container runtime\'s defaults (SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ...) give a process ' +
      'powers of root on the node: mounting file systems, reconfiguring the network, tracing other processes.',
    remediation:
      'Remove capabilities other than AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, ' +
      'SETGID, SETPCAP, SETUID and SYS_CHROOT from securityContext.capabilities.add.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_capabilities_baseline.go')],
    frameworks: {
      pss: { check: 'capabilities_baseline', level: 'baseline' },
      cis: ['5.2.8', '5.2.9'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'suggestion',
    messages: {
      addedCapability: 'container "{{container}}" adds capability {{capability}} in securityContext.capabilities.add',
    },
  },
  pss: { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimumVersion: 0, check: checkCapabilitiesBaseline }] },
});
