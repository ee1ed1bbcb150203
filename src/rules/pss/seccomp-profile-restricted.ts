import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { isConfiningSeccompType, setRuntimeDefaultFix } from './support/seccomp.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, displayValue, isWindowsPod, podSecurityContextOf,
  podSecurityContextPath, containerList, recordOf, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads securityContext.seccompProfile.type at pod level and in every init, regular and ephemeral container.
// Required: RuntimeDefault or Localhost at pod level (containers may leave it unset), or in every container.
// From policy v1.25 Windows pods are exempt. Ports policy/check_seccompProfile_restricted.go (1_19, 1_25);
// overrides seccompProfile_baseline.
function checkSeccompProfileRestricted(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  const podProfile = recordOf(podSecurityContextOf(pod)?.['seccompProfile']);
  const podTypePath = podSecurityContextPath(pod, 'seccompProfile', 'type');
  if (podProfile !== undefined && !isConfiningSeccompType(podProfile['type'])) {
    // Replacing a profile someone chose (Unconfined, a typo) may change what the process can do: a suggestion.
    violations.push({
      messageId: 'podForbidden',
      data: { type: displayValue(podProfile['type'] ?? '') },
      path: podTypePath,
      fix: setRuntimeDefaultFix('suggestion', podTypePath, 'spec.securityContext.seccompProfile.type'),
    });
  }
  const inheriting: string[] = [];
  for (const container of containersOf(pod)) {
    const profile = recordOf(containerSecurityContextOf(container)?.['seccompProfile']);
    if (profile === undefined) {
      inheriting.push(container.name);
      continue;
    }
    if (isConfiningSeccompType(profile['type'])) continue;
    const path = containerSecurityContextPath(container, 'seccompProfile', 'type');
    violations.push({
      messageId: 'containerForbidden',
      data: { container: container.name, type: displayValue(profile['type'] ?? '') },
      path,
      container: container.name,
      fix: setRuntimeDefaultFix('suggestion', path),
    });
  }
  // Containers without a profile take the pod's; a pod-level RuntimeDefault is the one change that covers them all.
  if (podProfile === undefined && inheriting.length > 0) {
    // The API server rejects seccompProfile in Windows pods (checked here only before v1.25): then no fix.
    violations.unshift({
      messageId: 'unset',
      data: { containers: containerList(inheriting) },
      path: podTypePath,
      ...(isWindowsPod(pod) ? {} : { fix: setRuntimeDefaultFix('safe', podTypePath, 'spec.securityContext.seccompProfile.type') }),
    });
  }
  return violations;
}

function checkSeccompProfileRestrictedExceptWindows(pod: PodSpecView): PssViolation[] {
  return isWindowsPod(pod) ? [] : checkSeccompProfileRestricted(pod);
}

export const seccompProfileRestricted = definePssRule({
  meta: {
    id: 'seccomp-profile-restricted',
    title: 'A seccomp profile must be set',
    severity: 'medium',
    category: 'pss',
    description:
      'Without a seccomp profile a container runs Unconfined on most runtimes: every system call of the kernel is reachable. ' +
      'RuntimeDefault blocks the rarely needed and most dangerous ones. ' +
      'At restricted this check replaces seccomp-profile-baseline; a defect both report keeps seccomp-profile-baseline\'s severity, so its grade does not depend on the level asked for.',
    remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile), and do not override it with Unconfined in a container.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_seccompProfile_restricted.go')],
    frameworks: {
      pss: { check: 'seccompProfile_restricted', level: 'restricted' },
      cis: ['5.7.2'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'safe',
    messages: {
      unset: 'neither spec.securityContext.seccompProfile.type nor securityContext.seccompProfile.type of {{containers}} is set to RuntimeDefault or Localhost',
      podForbidden: 'pod sets spec.securityContext.seccompProfile.type: "{{type}}"',
      containerForbidden: 'container "{{container}}" sets securityContext.seccompProfile.type: "{{type}}"',
    },
  },
  pss: {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 19, overrides: ['seccompProfile_baseline'], check: checkSeccompProfileRestricted },
      { minimumVersion: 25, overrides: ['seccompProfile_baseline'], check: checkSeccompProfileRestrictedExceptWindows },
    ],
  },
});
