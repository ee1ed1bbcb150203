import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, upstreamCheckUrl } from './support/pod-fields.js';

// Reads securityContext.privileged of every init, regular and ephemeral container.
// Allowed: unset or false. Ports pod-security-admission policy/check_privileged.go (privileged_1_0).
function checkPrivileged(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  for (const container of containersOf(pod)) {
    if (containerSecurityContextOf(container)?.['privileged'] !== true) continue;
    const path = containerSecurityContextPath(container, 'privileged');
    violations.push({
      messageId: 'privileged',
      data: { container: container.name },
      path,
      container: container.name,
      fix: { kind: 'safe', title: 'set securityContext.privileged: false', operations: [{ op: 'set', path, value: false }] },
    });
  }
  return violations;
}

export const noPrivileged = definePssRule({
  meta: {
    id: 'no-privileged',
    title: 'Containers must not run privileged',
    severity: 'critical',
    category: 'pss',
    description:
      'A privileged container gets every capability and the devices of the node, with no seccomp or AppArmor confinement; ' +
      'a process in it can take over the node.',
    remediation: 'Remove securityContext.privileged or set it to false, and grant only the capabilities the process needs.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_privileged.go')],
    frameworks: {
      pss: { check: 'privileged', level: 'baseline' },
      cis: ['5.2.2'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611', 'T1610'],
    },
    fixable: 'safe',
    messages: { privileged: 'container "{{container}}" sets securityContext.privileged: true' },
  },
  pss: { id: 'privileged', level: 'baseline', versions: [{ minimumVersion: 0, check: checkPrivileged }] },
});
