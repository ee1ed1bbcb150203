import type { ObjectRuleContext } from '../../../engine/rule.js';
import { containersOf, podSpecOf } from '../../../k8s/pod-spec.js';
import { annotationsOf } from '../../../k8s/object.js';
import { recordOf } from './workload-fields.js';

export interface UnconfinedSpec {
  /** Security context field holding `{type}`: `seccompProfile` or `appArmorProfile`. */
  readonly field: 'seccompProfile' | 'appArmorProfile';
  /** Legacy annotation for the whole pod, if the mechanism had one. */
  readonly podAnnotation?: string;
  /** Prefix of the legacy per-container annotation; the container name follows it. */
  readonly containerAnnotationPrefix: string;
}

/**
 * Reports an explicit `Unconfined` profile: the field `type: Unconfined` at pod and container level, and
 * the legacy annotations with value `unconfined`. Unset is not reported here (the runtime default applies
 * to seccomp only when the kubelet enables it; the PSS restricted checks require an explicit profile).
 * Fixes suggest the runtime's default profile, which may block syscalls the workload makes.
 */
export function checkUnconfined(context: ObjectRuleContext, spec: UnconfinedSpec): void {
  const pod = podSpecOf(context.object);
  if (pod === undefined) return;
  const podType = recordOf(recordOf(pod.spec.securityContext)?.[spec.field])?.['type'];
  if (podType === 'Unconfined') {
    const path = [...pod.specPath, 'securityContext', spec.field, 'type'];
    context.report({ messageId: 'podField', path, fix: setFix(`set pod securityContext.${spec.field}.type: RuntimeDefault`, path, 'RuntimeDefault') });
  }
  for (const container of containersOf(pod)) {
    const type = recordOf(recordOf(container.container.securityContext)?.[spec.field])?.['type'];
    if (type !== 'Unconfined') continue;
    const path = [...container.path, 'securityContext', spec.field, 'type'];
    context.report({
      messageId: 'containerField',
      data: { container: container.name },
      path,
      container: container.name,
      fix: setFix(`set securityContext.${spec.field}.type: RuntimeDefault on container "${container.name}"`, path, 'RuntimeDefault'),
    });
  }
  for (const [key, value] of Object.entries(annotationsOf(pod.podMetadata))) {
    if (value.trim().toLowerCase() !== 'unconfined') continue;
    const path = [...pod.podMetadataPath, 'annotations', key];
    const fix = setFix(`set annotation ${key}: runtime/default`, path, 'runtime/default');
    if (spec.podAnnotation !== undefined && key === spec.podAnnotation) {
      context.report({ messageId: 'podAnnotation', data: { annotation: key }, path, fix });
    } else if (key.startsWith(spec.containerAnnotationPrefix)) {
      const container = key.slice(spec.containerAnnotationPrefix.length);
      context.report({ messageId: 'containerAnnotation', data: { annotation: key, container }, path, container, fix });
    }
  }
}

function setFix(title: string, path: readonly (string | number)[], value: string) {
  return { kind: 'suggestion' as const, title, operations: [{ op: 'set' as const, path, value }] };
}
