import type { Direction } from '../../../analysis/netpol/model.js';
import type { CollectionRuleContext } from '../../../engine/rule.js';
import { podSpecOf } from '../../../k8s/pod-spec.js';
import { netpolContextOf, stringListOption, SYSTEM_NAMESPACES } from './netpol-context.js';

/** Reports every workload whose pods no NetworkPolicy isolates for the direction. */
export function reportUnisolatedWorkloads(context: CollectionRuleContext, direction: Direction, messageId: string): void {
  const { model, analysis, target } = netpolContextOf(context);
  const ignored = stringListOption(context.options, 'ignoreNamespaces', SYSTEM_NAMESPACES);
  for (const workload of model.workloads) {
    if (ignored.includes(workload.namespace)) continue;
    if (analysis.isolatingPolicies(analysis.groupOf(workload), direction).length > 0) continue;
    const collected = target(workload.objectIndex);
    const view = podSpecOf(collected.object);
    context.report(collected, {
      messageId,
      data: { kind: workload.kind, name: workload.name, namespace: workload.namespace },
      path: view === undefined ? ['metadata'] : [...view.podMetadataPath, 'labels'],
    });
  }
}
