import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { DOCS, recordOf } from './support/workload-fields.js';

// Reads metadata.namespace of workloads (every kind podSpecOf knows). `default` is reported.
// Decision on an unset namespace: it means "the namespace of the current kubectl context" (or the one
// kustomize, Helm or Argo CD set at deploy time), which a manifest scan cannot know. It is therefore not
// reported by default; option `reportUnset: true` reports it too, for repositories where every manifest
// must pin its namespace.
export const noDefaultNamespace = defineObjectRule({
  meta: {
    id: 'no-default-namespace',
    title: 'Workloads do not run in the default namespace',
    severity: 'low',
    category: 'workload',
    description:
      'Namespaces are the boundary for RBAC, NetworkPolicies, quotas and Pod Security Admission. Workloads in default share ' +
      'it with everything else put there by accident, and default rarely carries restrictive policies. ' +
      'Option `reportUnset` (default false) also reports workloads without metadata.namespace.',
    remediation: 'Set metadata.namespace to a namespace dedicated to the application, with its own RBAC, NetworkPolicies and Pod Security labels.',
    references: [DOCS.namespaces, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.7.1', '5.7.4'],
      nsa: ['Network separation and hardening: namespaces'],
    },
    fixable: false,
    messages: {
      defaultNamespace: 'metadata.namespace is default: deploy the workload to a dedicated namespace',
      unsetNamespace: 'metadata.namespace is not set, so the namespace comes from the deploy context (often default): set it to a dedicated namespace',
    },
  },
  kinds: WORKLOAD_KINDS,
  defaultOptions: { reportUnset: false },
  check(context) {
    const namespace = recordOf(context.object.metadata)?.['namespace'];
    if (namespace === 'default') {
      context.report({ messageId: 'defaultNamespace', path: ['metadata', 'namespace'] });
    } else if ((namespace === undefined || namespace === null || namespace === '') && context.options['reportUnset'] === true) {
      context.report({ messageId: 'unsetNamespace', path: ['metadata', 'namespace'] });
    }
  },
});
