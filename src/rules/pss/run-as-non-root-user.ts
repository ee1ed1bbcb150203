import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { FieldPath } from '../../foundation/field-path.js';
import type { FixProposal } from '../../fix/operations.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { DEFAULT_NON_ROOT_UID, nonRootUidOption } from './support/non-root.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, isUserNamespacePod, podSecurityContextOf,
  podSecurityContextPath, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads spec.securityContext.runAsUser and securityContext.runAsUser of every init, regular and ephemeral container.
// Allowed: unset or non-zero. From policy v1.35 a pod with spec.hostUsers: false is exempt.
// Ports policy/check_runAsUser.go (runAsUser1_23, runAsUser1_35).
function runAsUserFix(path: FieldPath, uid: number): FixProposal {
  // The process may need root inside the container (file ownership, ports): a person decides.
  return { kind: 'suggestion', title: `set securityContext.runAsUser: ${uid}`, operations: [{ op: 'set', path, value: uid }] };
}

function checkRunAsUser(pod: PodSpecView, options: Readonly<Record<string, unknown>>): PssViolation[] {
  const uid = nonRootUidOption(options);
  const violations: PssViolation[] = [];
  if (podSecurityContextOf(pod)?.['runAsUser'] === 0) {
    const path = podSecurityContextPath(pod, 'runAsUser');
    violations.push({ messageId: 'podRoot', path, fix: runAsUserFix(path, uid) });
  }
  for (const container of containersOf(pod)) {
    if (containerSecurityContextOf(container)?.['runAsUser'] !== 0) continue;
    const path = containerSecurityContextPath(container, 'runAsUser');
    violations.push({ messageId: 'containerRoot', data: { container: container.name }, path, container: container.name, fix: runAsUserFix(path, uid) });
  }
  return violations;
}

function checkRunAsUserUserNamespaceAware(pod: PodSpecView, options: Readonly<Record<string, unknown>>): PssViolation[] {
  return isUserNamespacePod(pod) ? [] : checkRunAsUser(pod, options);
}

export const runAsNonRootUser = definePssRule({
  meta: {
    id: 'run-as-non-root-user',
    title: 'Containers must not run as UID 0',
    severity: 'medium',
    category: 'pss',
    description: 'runAsUser: 0 runs the container\'s processes as root, whatever the image declares.',
    remediation: 'Remove runAsUser: 0 or set runAsUser to a non-zero UID, at pod level and in every container.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_runAsUser.go')],
    frameworks: {
      pss: { check: 'runAsUser', level: 'restricted' },
      cis: ['5.2.7'],
      nsa: ['Pod security: non-root containers'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'suggestion',
    messages: {
      podRoot: 'pod sets spec.securityContext.runAsUser: 0',
      containerRoot: 'container "{{container}}" sets securityContext.runAsUser: 0',
    },
  },
  defaultOptions: { uid: DEFAULT_NON_ROOT_UID },
  pss: {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minimumVersion: 23, check: checkRunAsUser },
      { minimumVersion: 35, check: checkRunAsUserUserNamespaceAware },
    ],
  },
});
