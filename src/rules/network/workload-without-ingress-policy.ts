import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_DOCS, NSA_NETWORK, SYSTEM_NAMESPACES, keepNetpolFields } from './support/netpol-context.js';
import { reportUnisolatedWorkloads } from './support/workload-isolation.js';

// Reads every workload's pod labels and every NetworkPolicy's podSelector and policyTypes (defaulted as
// the API does). A pod is isolated for ingress only when a policy of its namespace selects it with
// policyType Ingress; otherwise every pod and address may connect to it.
export const workloadWithoutIngressPolicy = defineCollectionRule({
  meta: {
    id: 'workload-without-ingress-policy',
    title: 'Workloads should be isolated for ingress by a NetworkPolicy',
    severity: 'medium',
    category: 'network',
    description:
      'Pods that no NetworkPolicy selects for Ingress accept connections from every pod in the cluster and from any address that can route to them; one compromised pod can reach them all.',
    remediation: 'Add a NetworkPolicy whose spec.podSelector matches these pods, with policyTypes [Ingress] and ingress rules for the clients they serve (or a namespace-wide default deny).',
    references: [NETWORK_POLICY_DOCS, 'https://attack.mitre.org/techniques/T1210/'],
    frameworks: { cis: ['5.3.2'], nsa: [NSA_NETWORK], mitre: ['T1046', 'T1210'] },
    fixable: false,
    generate: 'networkpolicies',
    messages: {
      noIngressPolicy: 'no NetworkPolicy selects the pods of {{kind}} {{namespace}}/{{name}} for Ingress: every pod and address can connect to them',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  defaultOptions: { ignoreNamespaces: SYSTEM_NAMESPACES },
  check(context) {
    reportUnisolatedWorkloads(context, 'ingress', 'noIngressPolicy');
  },
});
