import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { PodSpecView } from '../../k8s/pod-spec.js';
import { procMountViolations } from './support/proc-mount.js';
import { PSS_DOC_URL, isUserNamespacePod, upstreamCheckUrl } from './support/pod-fields.js';

// Reads securityContext.procMount of every init, regular and ephemeral container. Allowed: unset or Default; from
// policy v1.35 any value when the pod runs in its own user namespace (spec.hostUsers: false), where an unmasked /proc
// exposes nothing of the node. Ports policy/check_procMount_baseline.go (procMount_1_0, procMount1_35baseline).
function checkProcMountUserNamespaceAware(pod: PodSpecView): PssViolation[] {
  return isUserNamespacePod(pod) ? [] : procMountViolations(pod);
}

export const procMount = definePssRule({
  meta: {
    id: 'proc-mount',
    title: 'Containers must keep the default /proc masks',
    severity: 'high',
    category: 'pss',
    description:
      'procMount: Unmasked removes the masks over sensitive /proc and /sys paths (kernel keys, sysrq-trigger, ...), exposing the ' +
      'node\'s kernel interfaces to the container unless it runs in its own user namespace.',
    remediation: 'Remove securityContext.procMount or set it to Default (or run the pod with spec.hostUsers: false).',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_procMount_baseline.go')],
    frameworks: {
      pss: { check: 'procMount', level: 'baseline' },
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: { procMount: 'container "{{container}}" sets securityContext.procMount: {{value}}' },
  },
  pss: {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: procMountViolations },
      { minimumVersion: 35, check: checkProcMountUserNamespaceAware },
    ],
  },
});
