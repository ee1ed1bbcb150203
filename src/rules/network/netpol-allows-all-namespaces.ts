import { formatSelector } from '../../k8s/label-selector.js';
import { peerPath } from '../../analysis/netpol/model.js';
import { formatFieldPath } from '../../foundation/field-path.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_API, NSA_NETWORK, netpolContextOf, keepNetpolFields } from './support/netpol-context.js';

// Reads spec.ingress[*].from[*] and spec.egress[*].to[*] of NetworkPolicies. A peer whose
// namespaceSelector is present and empty (`{}`) selects every namespace, present and future; with no
// podSelector (or `{}`) it admits every pod of the cluster.
export const netpolAllowsAllNamespaces = defineCollectionRule({
  meta: {
    id: 'netpol-allows-all-namespaces',
    title: 'NetworkPolicy peers should not select every namespace',
    severity: 'medium',
    category: 'network',
    description:
      'An empty namespaceSelector matches every namespace, including ones created later by other teams, so the rule reaches far beyond the application it was written for.',
    remediation: 'Select the namespaces that need access by label, e.g. namespaceSelector.matchLabels with kubernetes.io/metadata.name: NAME.',
    references: [NETWORK_POLICY_API],
    frameworks: { nsa: [NSA_NETWORK], mitre: ['T1210'] },
    fixable: false,
    messages: {
      everyPod: '{{peer}} has namespaceSelector: {} and no pod restriction: it admits every pod of every namespace',
      someLabel: '{{peer}} has namespaceSelector: {}: it admits pods matching {{podSelector}} in every namespace',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const { model, target } = netpolContextOf(context);
    for (const rule of model.rules) {
      if (rule.peers === 'any') continue;
      for (const peer of rule.peers) {
        if (peer.type !== 'pods' || peer.namespaceSelector?.type !== 'everything') continue;
        const path = peerPath(rule, peer);
        const everyPod = peer.podSelector === undefined || peer.podSelector.type === 'everything';
        context.report(target(rule.policy.objectIndex), {
          messageId: everyPod ? 'everyPod' : 'someLabel',
          data: { peer: formatFieldPath(path), podSelector: peer.podSelector === undefined ? '{}' : formatSelector(peer.podSelector) },
          path: [...path, 'namespaceSelector'],
        });
      }
    }
  },
});
