import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { FieldPath } from '../../foundation/field-path.js';
import type { FixProposal } from '../../fix/operations.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, displayValue, podSecurityContextOf,
  podSecurityContextPath, recordOf, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads securityContext.appArmorProfile.type at pod level and in every init, regular and ephemeral container
// (allowed: RuntimeDefault, Localhost, or no appArmorProfile) and the deprecated annotations
// container.apparmor.security.beta.kubernetes.io/* (allowed: empty, runtime/default, localhost/*). Upstream checks
// both at every policy version (policy/check_appArmorProfile.go, appArmorProfile_1_0).
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function isAllowedType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function isAllowedAnnotationValue(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

function setTypeFix(path: FieldPath): FixProposal {
  return { kind: 'suggestion', title: 'set securityContext.appArmorProfile.type: RuntimeDefault', operations: [{ op: 'set', path, value: 'RuntimeDefault' }] };
}

function checkAppArmorProfile(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  const podProfile = recordOf(podSecurityContextOf(pod)?.['appArmorProfile']);
  if (podProfile !== undefined && !isAllowedType(podProfile['type'])) {
    const path = podSecurityContextPath(pod, 'appArmorProfile', 'type');
    violations.push({ messageId: 'podType', data: { type: displayValue(podProfile['type'] ?? '') }, path, fix: setTypeFix(path) });
  }
  for (const container of containersOf(pod)) {
    const profile = recordOf(containerSecurityContextOf(container)?.['appArmorProfile']);
    if (profile === undefined || isAllowedType(profile['type'])) continue;
    const path = containerSecurityContextPath(container, 'appArmorProfile', 'type');
    violations.push({
      messageId: 'containerType',
      data: { container: container.name, type: displayValue(profile['type'] ?? '') },
      path,
      container: container.name,
      fix: setTypeFix(path),
    });
  }
  const annotations = recordOf(pod.podMetadata['annotations']) ?? {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX) || isAllowedAnnotationValue(value)) continue;
    const path = [...pod.podMetadataPath, 'annotations', key];
    violations.push({
      messageId: 'annotation',
      data: { annotation: key, value: displayValue(value) },
      path,
      container: key.slice(ANNOTATION_PREFIX.length),
      fix: { kind: 'suggestion', title: `set annotation ${key}: runtime/default`, operations: [{ op: 'set', path, value: 'runtime/default' }] },
    });
  }
  return violations;
}

export const apparmorProfile = definePssRule({
  meta: {
    id: 'apparmor-profile',
    title: 'AppArmor must not be disabled',
    severity: 'high',
    category: 'pss',
    description:
      'An Unconfined AppArmor profile removes the mandatory access control the runtime\'s default profile applies to mounts, ' +
      '/proc and /sys writes and other host interfaces.',
    remediation:
      'Set securityContext.appArmorProfile.type to RuntimeDefault or Localhost (or remove it), and do not set the ' +
      'container.apparmor.security.beta.kubernetes.io annotations to unconfined.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_appArmorProfile.go'), 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
    frameworks: {
      pss: { check: 'appArmorProfile', level: 'baseline' },
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: {
      podType: 'pod sets spec.securityContext.appArmorProfile.type: "{{type}}"',
      containerType: 'container "{{container}}" sets securityContext.appArmorProfile.type: "{{type}}"',
      annotation: 'annotation {{annotation}} sets the forbidden AppArmor profile "{{value}}"',
    },
  },
  pss: { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumVersion: 0, check: checkAppArmorProfile }] },
});
