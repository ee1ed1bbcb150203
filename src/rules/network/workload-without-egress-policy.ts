import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_DOCS, NSA_NETWORK, SYSTEM_NAMESPACES, keepNetpolFields } from './support/netpol-context.js';
import { reportUnisolatedWorkloads } from './support/workload-isolation.js';

// Reads every workload's pod labels and every NetworkPolicy's podSelector and policyTypes. policyTypes
// defaults to Egress only when the policy has egress rules, so an ingress-only policy leaves egress open.
export const workloadWithoutEgressPolicy = defineCollectionRule({
  meta: {
    id: 'workload-without-egress-policy',
    title: 'Workloads should be isolated for egress by a NetworkPolicy',
    severity: 'low',
    category: 'network',
    description:
      'Pods that no NetworkPolicy selects for Egress may connect to every pod in the cluster and to any address outside it, which is how a compromised pod scans the network, moves laterally and sends data out.',
    remediation: 'Add a NetworkPolicy whose spec.podSelector matches these pods, with policyTypes [Egress] and egress rules for what they call (DNS included).',
    references: [NETWORK_POLICY_DOCS, 'https://attack.mitre.org/techniques/T1041/'],
    frameworks: { nsa: [NSA_NETWORK], mitre: ['T1046', 'T1041'] },
    fixable: false,
    generate: 'networkpolicies',
    messages: {
      noEgressPolicy: 'no NetworkPolicy selects the pods of {{kind}} {{namespace}}/{{name}} for Egress: they can connect to every pod and address',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  defaultOptions: { ignoreNamespaces: SYSTEM_NAMESPACES },
  check(context) {
    reportUnisolatedWorkloads(context, 'egress', 'noEgressPolicy');
  },
});
