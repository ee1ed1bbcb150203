import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type ContainerView, type PodSpecView } from '../../k8s/pod-spec.js';
import { DEFAULT_NON_ROOT_UID, isNonRootId, nonRootUidOption, runAsNonRootFix } from './support/non-root.js';
import {
  PSS_DOC_URL, containerSecurityContextOf, containerSecurityContextPath, displayValue, isSet, isUserNamespacePod,
  podSecurityContextOf, podSecurityContextPath, containerList, upstreamCheckUrl,
} from './support/pod-fields.js';

// Reads spec.securityContext.runAsNonRoot and securityContext.runAsNonRoot of every init, regular and ephemeral
// container. Required: true at pod level (containers may leave it unset but not set false), or true in every
// container. From policy v1.35 a pod with spec.hostUsers: false is exempt (its root is not the node's root).
// Ports policy/check_runAsNonRoot.go (runAsNonRoot1_0, runAsNonRoot1_35).
function checkRunAsNonRoot(pod: PodSpecView, options: Readonly<Record<string, unknown>>): PssViolation[] {
  const uid = nonRootUidOption(options);
  const podContext = podSecurityContextOf(pod);
  const podValue = podContext?.['runAsNonRoot'];
  const violations: PssViolation[] = [];
  const inheriting: ContainerView[] = [];
  const effectiveUser = (container: ContainerView): unknown =>
    containerSecurityContextOf(container)?.['runAsUser'] ?? podContext?.['runAsUser'];

  for (const container of containersOf(pod)) {
    const context = containerSecurityContextOf(container);
    const value = context?.['runAsNonRoot'];
    if (!isSet(value)) {
      inheriting.push(container);
      continue;
    }
    if (value === true) continue;
    violations.push({
      messageId: 'containerNotTrue',
      data: { container: container.name, value: displayValue(value) },
      path: containerSecurityContextPath(container, 'runAsNonRoot'),
      container: container.name,
      fix: runAsNonRootFix(
        containerSecurityContextPath(container),
        isNonRootId(effectiveUser(container)),
        { runAsUser: effectiveUser(container), runAsGroup: context?.['runAsGroup'] ?? podContext?.['runAsGroup'] },
        uid,
      ),
    });
  }

  if (podValue === true) return violations;
  // Containers that leave it unset take the pod's value: one pod-level finding (and fix) covers them all.
  const isPodSet = isSet(podValue);
  if (!isPodSet && inheriting.length === 0) return violations;
  const podFix = runAsNonRootFix(
    podSecurityContextPath(pod),
    inheriting.length > 0 && inheriting.every((container) => isNonRootId(effectiveUser(container))),
    { runAsUser: podContext?.['runAsUser'], runAsGroup: podContext?.['runAsGroup'] },
    uid,
  );
  violations.unshift({
    messageId: isPodSet ? 'podNotTrue' : 'unset',
    data: { value: displayValue(podValue), containers: containerList(inheriting.map((container) => container.name)) },
    path: podSecurityContextPath(pod, 'runAsNonRoot'),
    fix: podFix,
  });
  return violations;
}

function checkRunAsNonRootUserNamespaceAware(pod: PodSpecView, options: Readonly<Record<string, unknown>>): PssViolation[] {
  return isUserNamespacePod(pod) ? [] : checkRunAsNonRoot(pod, options);
}

export const runAsNonRoot = definePssRule({
  meta: {
    id: 'run-as-non-root',
    title: 'Containers must be required to run as non-root',
    severity: 'medium',
    category: 'pss',
    description:
      'Without runAsNonRoot: true the kubelet starts a container as root whenever its image says so; root in a container is root ' +
      'on the node for every kernel interface the container can reach, and the first step of most container escapes.',
    remediation:
      'Set spec.securityContext.runAsNonRoot: true (and a non-root runAsUser if the image defaults to root), and do not set runAsNonRoot: false in any container.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_runAsNonRoot.go')],
    frameworks: {
      pss: { check: 'runAsNonRoot', level: 'restricted' },
      cis: ['5.2.7'],
      nsa: ['Pod security: non-root containers'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'safe',
    messages: {
      unset: 'neither spec.securityContext.runAsNonRoot nor securityContext.runAsNonRoot of {{containers}} is set to true',
      podNotTrue: 'pod sets spec.securityContext.runAsNonRoot: {{value}}',
      containerNotTrue: 'container "{{container}}" sets securityContext.runAsNonRoot: {{value}}',
    },
  },
  defaultOptions: { uid: DEFAULT_NON_ROOT_UID },
  pss: {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minimumVersion: 0, check: checkRunAsNonRoot },
      { minimumVersion: 35, check: checkRunAsNonRootUserNamespaceAware },
    ],
  },
});
