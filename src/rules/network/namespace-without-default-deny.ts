import type { Direction, PolicyInfo } from '../../analysis/netpol/model.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_DOCS, NSA_NETWORK, netpolContextOf, stringListOption, SYSTEM_NAMESPACES, keepNetpolFields } from './support/netpol-context.js';

// Reads Namespaces, the namespaces of workloads, and NetworkPolicies. A namespace has a default deny for a
// direction when one of its policies selects every pod (spec.podSelector `{}`) with that policyType and
// has no rule that admits every peer on every port: then every pod, including ones added later, is
// isolated and only explicit rules open traffic. Namespaces are those defined in the input or holding a
// workload there.
function hasDefaultDeny(policies: readonly PolicyInfo[], direction: Direction): boolean {
  return policies.some((policy) => policy.podSelector.type === 'everything' &&
    (direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress) &&
    !(direction === 'ingress' ? policy.ingress : policy.egress).some((rule) => rule.peers === 'any' && rule.ports === 'any'));
}

export const namespaceWithoutDefaultDeny = defineCollectionRule({
  meta: {
    id: 'namespace-without-default-deny',
    title: 'Namespaces should have a default-deny NetworkPolicy',
    severity: 'medium',
    category: 'network',
    description:
      'Without a policy that selects every pod of the namespace, each new workload starts fully open until someone writes a policy for it. A default deny isolates every pod, so traffic flows only where a rule allows it.',
    remediation: 'Add a NetworkPolicy with spec.podSelector: {} and policyTypes [Ingress, Egress] (no rules) to the namespace, then allow the traffic each workload needs.',
    references: [`${NETWORK_POLICY_DOCS}#default-policies`, 'https://www.cisecurity.org/benchmark/kubernetes'],
    frameworks: { cis: ['5.3.2'], nsa: [NSA_NETWORK], mitre: ['T1046', 'T1210'] },
    fixable: false,
    generate: 'networkpolicies',
    messages: {
      noIngressDefaultDeny: 'namespace {{namespace}} has no default-deny ingress NetworkPolicy (podSelector: {} with policyType Ingress)',
      noEgressDefaultDeny: 'namespace {{namespace}} has no default-deny egress NetworkPolicy (podSelector: {} with policyType Egress)',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  defaultOptions: { ignoreNamespaces: SYSTEM_NAMESPACES, egress: true },
  check(context) {
    const { model, target, workloadsByNamespace } = netpolContextOf(context);
    const ignored = stringListOption(context.options, 'ignoreNamespaces', SYSTEM_NAMESPACES);
    const directions: readonly Direction[] = context.options['egress'] === false ? ['ingress'] : ['ingress', 'egress'];
    const policiesByNamespace = new Map<string, PolicyInfo[]>();
    for (const policy of model.policies) {
      const list = policiesByNamespace.get(policy.namespace);
      if (list === undefined) policiesByNamespace.set(policy.namespace, [policy]);
      else list.push(policy);
    }
    for (const namespace of model.namespaces.values()) {
      if (ignored.includes(namespace.name)) continue;
      // Report on the Namespace object, or else on the first workload that lives in it.
      const workload = workloadsByNamespace.get(namespace.name)?.[0];
      const objectIndex = namespace.objectIndex ?? workload?.objectIndex;
      if (objectIndex === undefined) continue;
      const path = namespace.objectIndex !== undefined ? ['metadata', 'name'] : ['metadata', 'namespace'];
      for (const direction of directions) {
        if (hasDefaultDeny(policiesByNamespace.get(namespace.name) ?? [], direction)) continue;
        context.report(target(objectIndex), {
          messageId: direction === 'ingress' ? 'noIngressDefaultDeny' : 'noEgressDefaultDeny',
          data: { namespace: namespace.name },
          path,
        });
      }
    }
  },
});
