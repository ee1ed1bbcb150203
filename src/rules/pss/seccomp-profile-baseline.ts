import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { isConfiningSeccompType, setRuntimeDefaultFix } from './support/seccomp.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, displayValue, nestedField, podSecurityContextOf,
  podSecurityContextPath, recordOf, upstreamCheckUrl,
} from './support/pod-fields.js';

// Policy v1.0-v1.18 reads the alpha annotations seccomp.security.alpha.kubernetes.io/pod and
// container.seccomp.security.alpha.kubernetes.io/<container>; allowed: runtime/default, docker/default, localhost/*.
// From v1.19 it reads securityContext.seccompProfile.type at pod level and in every container; allowed: RuntimeDefault,
// Localhost or no seccompProfile. Ports policy/check_seccompProfile_baseline.go (1_0 and 1_19).
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function isAllowedAnnotationValue(value: unknown): boolean {
  return value === 'runtime/default' || value === 'docker/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

function checkSeccompAnnotations(pod: PodSpecView): PssViolation[] {
  const annotations = recordOf(pod.podMetadata['annotations']);
  if (annotations === undefined) return [];
  const violations: PssViolation[] = [];
  const inspect = (key: string, container: string | undefined): void => {
    if (!Object.prototype.hasOwnProperty.call(annotations, key) || isAllowedAnnotationValue(annotations[key])) return;
    const path = [...pod.podMetadataPath, 'annotations', key];
    violations.push({
      messageId: 'annotation',
      data: { annotation: key, value: displayValue(annotations[key]) },
      path,
      ...(container === undefined ? {} : { container }),
      fix: { kind: 'suggestion', title: `set annotation ${key}: runtime/default`, operations: [{ op: 'set', path, value: 'runtime/default' }] },
    });
  };
  inspect(POD_ANNOTATION, undefined);
  for (const container of containersOf(pod)) inspect(`${CONTAINER_ANNOTATION_PREFIX}${container.name}`, container.name);
  return violations;
}

function checkSeccompProfileFields(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  const podProfile = recordOf(podSecurityContextOf(pod)?.['seccompProfile']);
  if (podProfile !== undefined && !isConfiningSeccompType(podProfile['type'])) {
    const path = podSecurityContextPath(pod, 'seccompProfile', 'type');
    violations.push({ messageId: 'podForbidden', data: { type: displayValue(podProfile['type'] ?? '') }, path, fix: setRuntimeDefaultFix('suggestion', path) });
  }
  for (const container of containersOf(pod)) {
    const context = containerSecurityContextOf(container);
    if (recordOf(context?.['seccompProfile']) === undefined) continue;
    const type = nestedField(context, 'seccompProfile', 'type');
    if (isConfiningSeccompType(type)) continue;
    const path = containerSecurityContextPath(container, 'seccompProfile', 'type');
    violations.push({
      messageId: 'containerForbidden',
      data: { container: container.name, type: displayValue(type ?? '') },
      path,
      container: container.name,
      fix: setRuntimeDefaultFix('suggestion', path),
    });
  }
  return violations;
}

export const seccompProfileBaseline = definePssRule({
  meta: {
    id: 'seccomp-profile-baseline',
    title: 'Seccomp must not be disabled',
    severity: 'high',
    category: 'pss',
    description:
      'A seccomp profile of type Unconfined lets a container call every system call of the kernel, including those used in ' +
      'most kernel exploits and container escapes.',
    remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault or Localhost, or remove the Unconfined profile.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_seccompProfile_baseline.go')],
    frameworks: {
      pss: { check: 'seccompProfile_baseline', level: 'baseline' },
      cis: ['5.7.2'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: {
      annotation: 'annotation {{annotation}} sets the forbidden seccomp profile "{{value}}"',
      podForbidden: 'pod sets spec.securityContext.seccompProfile.type: "{{type}}"',
      containerForbidden: 'container "{{container}}" sets securityContext.seccompProfile.type: "{{type}}"',
    },
  },
  pss: {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: checkSeccompAnnotations },
      { minimumVersion: 19, check: checkSeccompProfileFields },
    ],
  },
});
