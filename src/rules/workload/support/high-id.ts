import type { ObjectRuleContext } from '../../../engine/rule.js';
import { containersOf, podSpecOf } from '../../../k8s/pod-spec.js';
import { effectiveSecurityField, isWindowsPod } from './workload-fields.js';

/**
 * Reports, for `runAsUser` or `runAsGroup`, every place the effective id is below `minimum`: once at the
 * pod-level field when containers inherit it, once per container that sets its own low value, and once
 * per container when neither level sets an id (the image's USER then decides, which a manifest cannot prove).
 */
export function checkHighId(context: ObjectRuleContext, field: 'runAsUser' | 'runAsGroup', optionName: string, fallback: number): void {
  const pod = podSpecOf(context.object);
  if (pod === undefined || isWindowsPod(pod)) return;
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
    if (typeof value === 'number' && Number.isInteger(value) && value >= minimum) continue;
    if (effective.level === 'pod') {
      if (podLevelReported) continue;
      podLevelReported = true;
    }
    const shown = typeof value === 'number' ? value : JSON.stringify(value) ?? 'null';
    context.report({
      messageId: effective.level === 'pod' ? 'lowPod' : 'lowContainer',
      data: { container: container.name, value: shown, minimum },
      path: effective.path,
      ...(effective.level === 'container' ? { container: container.name } : {}),
      fix: { kind: 'suggestion', title: `set ${effective.level === 'pod' ? 'pod ' : ''}securityContext.${field}: ${minimum}`, operations: [{ op: 'set', path: effective.path, value: minimum }] },
    });
  }
}
