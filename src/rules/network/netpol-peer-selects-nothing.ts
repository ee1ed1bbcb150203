import { formatSelector } from '../../k8s/label-selector.js';
import { peerPath } from '../../analysis/netpol/model.js';
import { formatFieldPath } from '../../foundation/field-path.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_API, NSA_NETWORK, netpolContextOf, keepNetpolFields } from './support/netpol-context.js';

// Reads spec.ingress[*].from[*] and spec.egress[*].to[*] of NetworkPolicies, the Namespaces' labels and
// the workloads' pod labels. Judged only where the input can tell: a namespaceSelector when the input
// defines Namespace objects, a podSelector when the namespaces it looks in hold workloads. Peers the API
// would reject (no selector, invalid selector or CIDR) are reported too: they select nothing either.
export const netpolPeerSelectsNothing = defineCollectionRule({
  meta: {
    id: 'netpol-peer-selects-nothing',
    title: 'NetworkPolicy peers should select something',
    severity: 'low',
    category: 'network',
    description:
      'A peer that matches no namespace or no pod allows nothing. It is usually a label typo, and the traffic the rule was meant to allow is blocked (or a wider rule was added elsewhere to work around it).',
    remediation: 'Correct the labels in the peer\'s podSelector / namespaceSelector so they match the intended pods and namespaces.',
    references: [NETWORK_POLICY_API],
    frameworks: { nsa: [NSA_NETWORK] },
    fixable: false,
    messages: {
      noNamespace: '{{peer}} namespaceSelector {{selector}} matches no namespace in the input',
      noPod: '{{peer}} podSelector {{selector}} matches no pod in namespace(s) {{namespaces}}',
      invalid: '{{peer}} selects nothing: {{reason}}',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const { model, analysis, target } = netpolContextOf(context);
    const definesNamespaces = [...model.namespaces.values()].some((namespace) => namespace.objectIndex !== undefined);
    const populated = new Set(model.workloads.map((workload) => workload.namespace));
    for (const rule of model.rules) {
      if (rule.peers === 'any') continue;
      for (const peer of rule.peers) {
        const path = peerPath(rule, peer);
        const report = (messageId: string, data: Record<string, string>, at: readonly (string | number)[]): void => {
          context.report(target(rule.policy.objectIndex), { messageId, data: { peer: formatFieldPath(path), ...data }, path: [...path, ...at] });
        };
        if (peer.type === 'invalid') {
          report('invalid', { reason: peer.reason }, []);
          continue;
        }
        if (peer.type !== 'pods') continue;
        for (const selector of [peer.namespaceSelector, peer.podSelector]) {
          if (selector?.type === 'invalid') report('invalid', { reason: selector.reason }, []);
        }
        let namespaces = [rule.policy.namespace];
        if (peer.namespaceSelector !== undefined) {
          const selector = peer.namespaceSelector;
          namespaces = [...analysis.namespacesSelectedBy(selector)];
          if (namespaces.length === 0 && definesNamespaces && selector.type === 'requirements') {
            report('noNamespace', { selector: formatSelector(selector) }, ['namespaceSelector']);
            continue;
          }
        }
        if (peer.podSelector?.type !== 'requirements') continue;
        const judged = namespaces.filter((namespace) => populated.has(namespace));
        if (judged.length === 0 || judged.length !== namespaces.length) continue;
        if (analysis.peerGroups(rule, peer).size > 0) continue;
        report('noPod', { selector: formatSelector(peer.podSelector), namespaces: judged.join(', ') }, ['podSelector']);
      }
    }
  },
});
