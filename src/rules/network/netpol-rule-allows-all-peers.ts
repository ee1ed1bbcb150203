import { formatFieldPath } from '../../foundation/field-path.js';
import { rulePath } from '../../analysis/netpol/model.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_API, NSA_NETWORK, netpolContextOf, keepNetpolFields } from './support/netpol-context.js';

// Reads spec.ingress[*] and spec.egress[*] of NetworkPolicies. A rule whose `from` (`to`) is absent or
// empty matches all sources (destinations): every pod of every namespace and every address. For ingress
// that is reported whatever the ports; an egress rule limited to ports (DNS on 53) is common and fine, so
// only an egress rule open on every port is reported.
export const netpolRuleAllowsAllPeers = defineCollectionRule({
  meta: {
    id: 'netpol-rule-allows-all-peers',
    title: 'NetworkPolicy rules should name their peers',
    severity: 'medium',
    category: 'network',
    description:
      'An ingress rule without `from` admits every pod in the cluster and every outside address; an egress rule without `to` and without ports lets the pods reach anything. Such a rule undoes the isolation the policy creates.',
    remediation: 'List the allowed peers in from/to (podSelector, namespaceSelector or ipBlock); if the workload is meant to be public, restrict the rule to the ports it serves.',
    references: [NETWORK_POLICY_API],
    frameworks: { nsa: [NSA_NETWORK], mitre: ['T1046', 'T1210'] },
    fixable: false,
    messages: {
      ingressFromAll: '{{rule}} has no `from`: it admits every pod and every address{{ports}}',
      egressToAll: '{{rule}} has neither `to` nor `ports`: the pods may connect to every pod and address on every port',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const { model, target } = netpolContextOf(context);
    for (const rule of model.rules) {
      if (rule.peers !== 'any') continue;
      const isIngress = rule.direction === 'ingress';
      if (!isIngress && rule.ports !== 'any') continue;
      if (!(isIngress ? rule.policy.affectsIngress : rule.policy.affectsEgress)) continue;
      context.report(target(rule.policy.objectIndex), {
        messageId: isIngress ? 'ingressFromAll' : 'egressToAll',
        data: { rule: formatFieldPath(rulePath(rule)), ports: rule.ports === 'any' ? ' on every port' : ' on the listed ports' },
        path: rulePath(rule),
      });
    }
  },
});
