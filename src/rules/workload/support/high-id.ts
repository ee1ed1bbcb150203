import type { ObjectRuleContext } from '../../../engine/rule.js';
import { containersOf, podSpecOf } from '../../../k8s/pod-spec.js';
import { effectiveSecurityField, isWindowsPod } from './workload-fields.js';

/** The API server accepts user and group ids from 0 to MaxInt32 (apimachinery validation IsValidUserID/IsValidGroupID). */
export const MAX_ID = 2_147_483_647;

/**
 * Reports, for `runAsUser` or `runAsGroup`, every place the effective id is below `minimum`: once at the
 * pod-level field when containers inherit it, once per container that sets its own low value, and once
 * per container when neither level sets an id (the image's USER then decides, which a manifest cannot prove).
 */
export function checkHighId(context: ObjectRuleContext, field: 'runAsUser' | 'runAsGroup', optionName: string, fallback: number): void {
  const pod = podSpecOf(context.object);
  if (pod === undefined || isWindowsPod(pod)) return;
  // In its own user namespace (spec.hostUsers: false) the pod's ids map to an unprivileged range of the
  // node: no id in the container, root included, is a node user (KEP-127). The Pod Security Standards
  // exempt such pods from their runAsUser/runAsNonRoot checks for the same reason (relaxPolicyForUserNamespacePod).
  if (pod.spec['hostUsers'] === false) return;
  const option = context.options[optionName];
  const minimum = typeof option === 'number' && Number.isInteger(option) && option >= 1 ? option : fallback;
  let podLevelReported = false;
  for (const container of containersOf(pod)) {
    const effective = effectiveSecurityField(pod, container, field);
    if (effective === undefined) {
      const path = [...container.path, 'securityContext', field];
      context.report({
        messageId: 'unset',
        data: { container: container.name, minimum },
        path,
        container: container.name,
        fix: { kind: 'suggestion', title: `set securityContext.${field}: ${minimum} on container "${container.name}"`, operations: [{ op: 'set', path, value: minimum }] },
      });
      continue;
    }
    const { value } = effective;
    if (typeof value === 'number' && Number.isInteger(value) && value >= minimum && value <= MAX_ID) continue;
    // An id beyond MaxInt32 (`1e38`, a 64-bit number) is not high: the API server rejects the pod.
    const tooLarge = typeof value === 'number' && value > MAX_ID;
    if (effective.level === 'pod') {
      if (podLevelReported) continue;
      podLevelReported = true;
    }
    const shown = typeof value === 'number' ? value : JSON.stringify(value) ?? 'null';
    context.report({
      messageId: tooLarge ? (effective.level === 'pod' ? 'invalidPod' : 'invalidContainer') : effective.level === 'pod' ? 'lowPod' : 'lowContainer',
      data: tooLarge ? { container: container.name, value: shown, minimum, maximum: MAX_ID } : { container: container.name, value: shown, minimum },
      path: effective.path,
      ...(effective.level === 'container' ? { container: container.name } : {}),
      fix: { kind: 'suggestion', title: `set ${effective.level === 'pod' ? 'pod ' : ''}securityContext.${field}: ${minimum}`, operations: [{ op: 'set', path: effective.path, value: minimum }] },
    });
  }
}
