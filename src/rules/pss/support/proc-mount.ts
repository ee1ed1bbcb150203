import type { PssViolation } from '../../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../../k8s/pod-spec.js';
import { containerSecurityContextOf, containerSecurityContextPath, displayValue, isSet } from './pod-fields.js';

/** Upstream procMount_1_0: every container's securityContext.procMount must be unset or Default. */
export function procMountViolations(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  for (const container of containersOf(pod)) {
    const procMount = containerSecurityContextOf(container)?.['procMount'];
    if (!isSet(procMount) || procMount === 'Default') continue;
    const path = containerSecurityContextPath(container, 'procMount');
    violations.push({
      messageId: 'procMount',
      data: { container: container.name, value: displayValue(procMount) },
      path,
      container: container.name,
      // Unmasked /proc is asked for by nested container runtimes; taking it away can break them.
      fix: { kind: 'suggestion', title: 'remove securityContext.procMount', operations: [{ op: 'remove', path }] },
    });
  }
  return violations;
}
