import { definePssRule } from '../../engine/pss-rule.js';
import { procMountViolations } from './support/proc-mount.js';
import { PSS_DOC_URL, upstreamCheckUrl } from './support/pod-fields.js';

// Reads securityContext.procMount of every init, regular and ephemeral container. Allowed: unset or Default, even in a
// user namespace. Ports policy/check_procMount_restricted.go (from v1.35, reusing procMount_1_0); it overrides the
// relaxed baseline procMount check at the restricted level.
export const procMountRestricted = definePssRule({
  meta: {
    id: 'proc-mount-restricted',
    title: 'Containers must keep the default /proc masks, even in a user namespace',
    severity: 'medium',
    category: 'pss',
    description:
      'The restricted standard keeps the default /proc masks for every pod: an unmasked /proc widens the kernel surface a ' +
      'container can reach, and a user namespace does not hide all of it. ' +
      'At restricted this check replaces proc-mount; a defect both report keeps proc-mount\'s severity, so its grade does not depend on the level asked for.',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_procMount_restricted.go')],
    frameworks: {
      pss: { check: 'procMount_restricted', level: 'restricted' },
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: { procMount: 'container "{{container}}" sets securityContext.procMount: {{value}}' },
  },
  pss: {
    id: 'procMount_restricted',
    level: 'restricted',
    versions: [{ minimumVersion: 35, overrides: ['procMount'], check: procMountViolations }],
  },
});
