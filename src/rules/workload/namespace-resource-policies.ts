import { defineCollectionRule } from '../../engine/rule.js';
import { DOCS } from './support/workload-fields.js';

// Reads Namespaces, LimitRanges and ResourceQuotas. A namespace defined in the input without a
// LimitRange gives containers that set no resources unbounded CPU, memory and local storage; without a
// ResourceQuota one team can exhaust the cluster's capacity or object counts. Only namespaces the input
// defines are judged (a partial input says nothing about the rest), and the control plane's own are
// skipped. Kubescape (C-0009 family) and the NSA/CISA guide recommend both.
const SKIPPED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export const namespaceResourcePolicies = defineCollectionRule({
  meta: {
    id: 'namespace-resource-policies',
    title: 'Namespaces bound resource use with a LimitRange and a ResourceQuota',
    severity: 'low',
    category: 'workload',
    description:
      'A LimitRange gives every container of a namespace default requests and limits and caps what one container may ask for; ' +
      'a ResourceQuota caps the namespace as a whole. Without them one workload, or one compromised account, can consume the ' +
      'capacity every other namespace needs. Namespaces listed in the `ignoreNamespaces` option (the control plane\'s by default) are skipped.',
    remediation: 'Add a LimitRange with default and max values for containers, and a ResourceQuota for CPU, memory and object counts, to the namespace.',
    references: ['https://kubernetes.io/docs/concepts/policy/limit-range/', 'https://kubernetes.io/docs/concepts/policy/resource-quotas/', DOCS.nsaHardeningGuide],
    frameworks: { nsa: ['Network separation and hardening: resource policies'], mitre: ['T1499'] },
    fixable: false,
    messages: {
      noLimitRange: 'namespace {{namespace}} has no LimitRange: containers without resources run unbounded',
      noResourceQuota: 'namespace {{namespace}} has no ResourceQuota: nothing caps what it may consume',
    },
  },
  kinds: ['Namespace', 'LimitRange', 'ResourceQuota'],
  defaultOptions: { ignoreNamespaces: SKIPPED_NAMESPACES },
  check(context) {
    const ignored = Array.isArray(context.options['ignoreNamespaces']) ? context.options['ignoreNamespaces'] : SKIPPED_NAMESPACES;
    const withLimitRange = new Set<string>();
    const withQuota = new Set<string>();
    for (const { object, resource } of context.objects) {
      if (resource.namespace === undefined) continue;
      if (object.kind === 'LimitRange') withLimitRange.add(resource.namespace);
      else if (object.kind === 'ResourceQuota') withQuota.add(resource.namespace);
    }
    for (const target of context.objects) {
      if (target.object.kind !== 'Namespace') continue;
      const namespace = target.resource.name;
      if (ignored.includes(namespace)) continue;
      if (!withLimitRange.has(namespace)) context.report(target, { messageId: 'noLimitRange', data: { namespace }, path: ['metadata', 'name'] });
      if (!withQuota.has(namespace)) context.report(target, { messageId: 'noResourceQuota', data: { namespace }, path: ['metadata', 'name'] });
    }
  },
});
