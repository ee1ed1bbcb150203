import { formatSelector } from '../../k8s/label-selector.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_API, NSA_NETWORK, netpolContextOf, keepNetpolFields } from './support/netpol-context.js';

// Reads NetworkPolicy spec.podSelector and the pod labels of the workloads of its namespace. Only
// namespaces with at least one workload in the input are judged: a policy shipped apart from its
// workloads says nothing about what it selects.
export const netpolSelectsNoPods = defineCollectionRule({
  meta: {
    id: 'netpol-selects-no-pods',
    title: 'NetworkPolicies should select some pods',
    severity: 'low',
    category: 'network',
    description:
      'A policy whose podSelector matches none of the workloads of its namespace isolates nothing. Usually a label was misspelt or changed, and the pods it was written for are open.',
    remediation: 'Make spec.podSelector match the labels of the pod template it is meant for, or delete the policy.',
    references: [NETWORK_POLICY_API],
    frameworks: { nsa: [NSA_NETWORK] },
    fixable: false,
    messages: { selectsNothing: 'spec.podSelector {{selector}} matches none of the {{count}} workload(s) in namespace {{namespace}}' },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const { model, analysis, target, workloadsByNamespace } = netpolContextOf(context);
    for (const policy of model.policies) {
      const count = workloadsByNamespace.get(policy.namespace)?.length ?? 0;
      if (count === 0 || analysis.selectedGroups(policy).length > 0) continue;
      context.report(target(policy.objectIndex), {
        messageId: 'selectsNothing',
        data: { selector: formatSelector(policy.podSelector), count, namespace: policy.namespace },
        path: ['spec', 'podSelector'],
      });
    }
  },
});
