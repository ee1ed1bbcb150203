import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { FieldPath } from '../../foundation/field-path.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, displayValue, isSet, podSecurityContextOf,
  podSecurityContextPath, recordOf, upstreamCheckUrl, type FieldRecord,
} from './support/pod-fields.js';

// Reads securityContext.seLinuxOptions at pod level and in every init, regular and ephemeral container.
// Allowed: type unset, empty, container_t, container_init_t or container_kvm_t (plus container_engine_t from
// policy v1.31); user and role unset or empty. Ports policy/check_seLinuxOptions.go (seLinuxOptions1_0, 1_31).
const TYPES_1_0: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31: readonly string[] = [...TYPES_1_0, 'container_engine_t'];

function isEmptyString(value: unknown): boolean {
  return !isSet(value) || value === '';
}

function seLinuxViolations(
  options: FieldRecord,
  optionsPath: FieldPath,
  allowedTypes: readonly string[],
  owner: { readonly container?: string },
): PssViolation[] {
  const violations: PssViolation[] = [];
  const scope = owner.container === undefined ? 'pod' : 'container';
  const type = options['type'];
  if (!isEmptyString(type) && !(typeof type === 'string' && allowedTypes.includes(type))) {
    violations.push(seLinuxViolation(`${scope}Type`, optionsPath, 'type', type, owner));
  }
  for (const field of ['user', 'role'] as const) {
    if (!isEmptyString(options[field])) violations.push(seLinuxViolation(`${scope}${field === 'user' ? 'User' : 'Role'}`, optionsPath, field, options[field], owner));
  }
  return violations;
}

function seLinuxViolation(messageId: string, optionsPath: FieldPath, field: string, value: unknown, owner: { readonly container?: string }): PssViolation {
  const path = [...optionsPath, field];
  return {
    messageId,
    data: { value: displayValue(value), ...(owner.container === undefined ? {} : { container: owner.container }) },
    path,
    ...(owner.container === undefined ? {} : { container: owner.container }),
    // Labels decide what the process may touch on the node; dropping one can stop the workload: a person decides.
    fix: { kind: 'suggestion', title: `remove securityContext.seLinuxOptions.${field}`, operations: [{ op: 'remove', path }] },
  };
}

function checkSeLinuxOptionsWith(allowedTypes: readonly string[]): (pod: PodSpecView) => PssViolation[] {
  return (pod) => {
    const violations: PssViolation[] = [];
    const podOptions = recordOf(podSecurityContextOf(pod)?.['seLinuxOptions']);
    if (podOptions !== undefined) violations.push(...seLinuxViolations(podOptions, podSecurityContextPath(pod, 'seLinuxOptions'), allowedTypes, {}));
    for (const container of containersOf(pod)) {
      const options = recordOf(containerSecurityContextOf(container)?.['seLinuxOptions']);
      if (options === undefined) continue;
      violations.push(...seLinuxViolations(options, containerSecurityContextPath(container, 'seLinuxOptions'), allowedTypes, { container: container.name }));
    }
    return violations;
  };
}

export const selinuxOptions = definePssRule({
  meta: {
    id: 'selinux-options',
    title: 'SELinux options must not grant a custom user, role or type',
    severity: 'high',
    category: 'pss',
    description:
      'A custom SELinux type, user or role can lift the confinement the container runtime applies (for example spc_t runs a ' +
      'container unconfined).',
    remediation:
      'Remove securityContext.seLinuxOptions.user and .role, and set .type only to container_t, container_init_t, container_kvm_t or container_engine_t.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_seLinuxOptions.go')],
    frameworks: {
      pss: { check: 'seLinuxOptions', level: 'baseline' },
      cis: ['5.7.3'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: {
      podType: 'pod sets the forbidden spec.securityContext.seLinuxOptions.type: "{{value}}"',
      podUser: 'pod sets spec.securityContext.seLinuxOptions.user: "{{value}}"',
      podRole: 'pod sets spec.securityContext.seLinuxOptions.role: "{{value}}"',
      containerType: 'container "{{container}}" sets the forbidden securityContext.seLinuxOptions.type: "{{value}}"',
      containerUser: 'container "{{container}}" sets securityContext.seLinuxOptions.user: "{{value}}"',
      containerRole: 'container "{{container}}" sets securityContext.seLinuxOptions.role: "{{value}}"',
    },
  },
  pss: {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: checkSeLinuxOptionsWith(TYPES_1_0) },
      { minimumVersion: 31, check: checkSeLinuxOptionsWith(TYPES_1_31) },
    ],
  },
});
