import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { forbiddenAddViolations } from './support/capabilities.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, isWindowsPod, listOf, recordOf, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads securityContext.capabilities.drop and .add of every init, regular and ephemeral container.
// Required: drop contains "ALL"; add holds nothing but NET_BIND_SERVICE. From policy v1.25 Windows pods
// (spec.os.name: windows) are exempt. Ports policy/check_capabilities_restricted.go (capabilitiesRestricted_1_22,
// capabilitiesRestricted_1_25); overrides capabilities_baseline.
function checkCapabilitiesRestricted(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  // The API server rejects capabilities in Windows pods (checked here only before v1.25): no fix can satisfy both.
  const isFixable = !isWindowsPod(pod);
  for (const container of containersOf(pod)) {
    const drop = listOf(recordOf(containerSecurityContextOf(container)?.['capabilities'])?.['drop']);
    if (!drop.includes('ALL')) {
      const path = containerSecurityContextPath(container, 'capabilities', 'drop');
      violations.push({
        messageId: 'missingDropAll',
        data: { container: container.name },
        path,
        container: container.name,
        ...(isFixable
          ? { fix: { kind: 'safe', title: 'set securityContext.capabilities.drop: [ALL]', operations: [{ op: 'set', path, value: ['ALL'] }] } }
          : {}),
      });
    }
    violations.push(...forbiddenAddViolations(container, (capability) => capability === 'NET_BIND_SERVICE', 'addedCapability'));
  }
  return violations;
}

function checkCapabilitiesRestrictedExceptWindows(pod: PodSpecView): PssViolation[] {
  return isWindowsPod(pod) ? [] : checkCapabilitiesRestricted(pod);
}

export const capabilitiesRestricted = definePssRule({
  meta: {
    id: 'capabilities-restricted',
    title: 'Containers must drop all capabilities',
    severity: 'medium',
    category: 'pss',
    description:
      'Even the default capabilities let a root process change file ownership, bypass file permissions or craft raw packets. ' +
      'The restricted standard requires dropping them all and adding back at most NET_BIND_SERVICE. ' +
      'At restricted this check replaces capabilities-baseline; a defect both report keeps capabilities-baseline\'s severity, so its grade does not depend on the level asked for.',
    remediation: 'Set securityContext.capabilities.drop to [ALL] in every container and add back only NET_BIND_SERVICE if a port below 1024 is needed.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_capabilities_restricted.go')],
    frameworks: {
      pss: { check: 'capabilities_restricted', level: 'restricted' },
      cis: ['5.2.9', '5.2.10'],
      nsa: ['Pod security: pod security enforcement', 'Pod security: hardening container environments'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'safe',
    messages: {
      missingDropAll: 'container "{{container}}" does not set securityContext.capabilities.drop: [ALL]',
      addedCapability: 'container "{{container}}" adds capability {{capability}} in securityContext.capabilities.add (only NET_BIND_SERVICE is allowed)',
    },
  },
  pss: {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 22, overrides: ['capabilities_baseline'], check: checkCapabilitiesRestricted },
      { minimumVersion: 25, overrides: ['capabilities_baseline'], check: checkCapabilitiesRestrictedExceptWindows },
    ],
  },
});
