import type { PssViolation } from '../../../engine/pss-rule.js';
import type { FixOperation } from '../../../fix/operations.js';
import type { ContainerView } from '../../../k8s/pod-spec.js';
import { containerSecurityContextOf, containerSecurityContextPath, displayValue, listOf, recordOf } from './pod-fields.js';

/** `securityContext.capabilities.add` entries of a container. */
export function addedCapabilitiesOf(container: ContainerView): readonly unknown[] {
  return listOf(recordOf(containerSecurityContextOf(container)?.['capabilities'])?.['add']);
}

/**
 * One violation per added capability that is not allowed. Every violation of a container carries the same
 * fix (the list without the forbidden entries), so applying any one of them, or all, gives the same result.
 */
export function forbiddenAddViolations(
  container: ContainerView,
  isAllowed: (capability: unknown) => boolean,
  messageId: string,
): PssViolation[] {
  const added = addedCapabilitiesOf(container);
  const addPath = containerSecurityContextPath(container, 'capabilities', 'add');
  const kept = added.filter(isAllowed);
  if (kept.length === added.length) return [];
  const operation: FixOperation = kept.length === 0 ? { op: 'remove', path: addPath } : { op: 'set', path: addPath, value: kept };
  const violations: PssViolation[] = [];
  added.forEach((capability, index) => {
    if (isAllowed(capability)) return;
    violations.push({
      messageId,
      data: { container: container.name, capability: displayValue(capability) },
      path: [...addPath, index],
      container: container.name,
      // The process may need the capability: removing it can break the workload, so a person decides.
      fix: { kind: 'suggestion', title: `remove ${displayValue(capability)} from securityContext.capabilities.add`, operations: [operation] },
    });
  });
  return violations;
}
