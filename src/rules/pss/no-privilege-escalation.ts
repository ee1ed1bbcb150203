import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import type { FixProposal } from '../../fix/operations.js';
import type { FieldPath } from '../../foundation/field-path.js';
import { addedCapabilitiesOf } from './support/capabilities.js';
import { PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, isSet, isWindowsPod, upstreamCheckUrl, type FieldRecord } from './support/pod-fields.js';

// Reads securityContext.allowPrivilegeEscalation of every init, regular and ephemeral container.
// Required: explicitly false (unset means the runtime allows escalation). From policy v1.25 Windows pods are exempt.
// Ports policy/check_allowPrivilegeEscalation.go (allowPrivilegeEscalation_1_8, allowPrivilegeEscalation_1_25).
function checkAllowPrivilegeEscalation(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  // The API server rejects the field in Windows pods (checked here only before v1.25): no fix can satisfy both.
  const isFixable = !isWindowsPod(pod);
  for (const container of containersOf(pod)) {
    const context = containerSecurityContextOf(container);
    const value = context?.['allowPrivilegeEscalation'];
    if (value === false) continue;
    const path = containerSecurityContextPath(container, 'allowPrivilegeEscalation');
    const fix = isFixable ? setFalseFix(path, context, addedCapabilitiesOf(container)) : undefined;
    violations.push({
      messageId: isSet(value) ? 'allowed' : 'unset',
      data: { container: container.name },
      path,
      container: container.name,
      ...(fix === undefined ? {} : { fix }),
    });
  }
  return violations;
}

function setFalseFix(path: FieldPath, context: FieldRecord | undefined, added: readonly unknown[]): FixProposal {
  // API validation refuses allowPrivilegeEscalation: false beside privileged: true or an added CAP_SYS_ADMIN; until
  // those go, setting it would make the object invalid, so it is only a suggestion.
  const conflicts = [
    ...(context?.['privileged'] === true ? ['privileged: true'] : []),
    ...(added.includes('CAP_SYS_ADMIN') ? ['the added CAP_SYS_ADMIN'] : []),
  ];
  const title = 'set securityContext.allowPrivilegeEscalation: false';
  const operations = [{ op: 'set', path, value: false }] as const;
  return conflicts.length === 0
    ? { kind: 'safe', title, operations }
    : { kind: 'suggestion', title: `${title} (once ${conflicts.join(' and ')} is removed)`, operations };
}

function checkAllowPrivilegeEscalationExceptWindows(pod: PodSpecView): PssViolation[] {
  return isWindowsPod(pod) ? [] : checkAllowPrivilegeEscalation(pod);
}

export const noPrivilegeEscalation = definePssRule({
  meta: {
    id: 'no-privilege-escalation',
    title: 'Containers must not allow privilege escalation',
    severity: 'high',
    category: 'pss',
    description:
      'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent, through setuid binaries ' +
      'or file capabilities (the no_new_privs flag is not set).',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false in every container.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_allowPrivilegeEscalation.go')],
    frameworks: {
      pss: { check: 'allowPrivilegeEscalation', level: 'restricted' },
      cis: ['5.2.6'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1548.001', 'T1068'],
    },
    fixable: 'safe',
    messages: {
      unset: 'container "{{container}}" does not set securityContext.allowPrivilegeEscalation: false',
      allowed: 'container "{{container}}" sets securityContext.allowPrivilegeEscalation to a value other than false',
    },
  },
  pss: {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimumVersion: 8, check: checkAllowPrivilegeEscalation },
      { minimumVersion: 25, check: checkAllowPrivilegeEscalationExceptWindows },
    ],
  },
});
