import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS } from './support/workload-fields.js';

// Reads spec.automountServiceAccountToken of the pod. Unset means the ServiceAccount's setting applies,
// which defaults to mounting a token into every container. Decision: a pod must say what it needs —
// `false` when it does not call the Kubernetes API, `true` to declare that it does — so only the unset
// field is reported; an explicit `true` is a reviewed choice (the token's rights are RBAC's concern).
export const noAutomountServiceAccountToken = defineObjectRule({
  meta: {
    id: 'no-automount-service-account-token',
    title: 'Pods mount a service account token only when they need it',
    severity: 'medium',
    category: 'workload',
    description:
      'By default every container gets a token for its ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount. ' +
      'Most applications never call the Kubernetes API, but anyone who gets code execution in them can use the token to ' +
      'explore or act on the cluster with the account\'s rights.',
    remediation:
      'Set spec.automountServiceAccountToken: false on pods that do not call the Kubernetes API (set it to true explicitly on those that do).',
    references: [DOCS.serviceAccounts, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.1.6'],
      nsa: ['Pod security: protecting pod service account tokens'],
      mitre: ['T1528', 'T1552.007'],
    },
    fixable: 'suggestion',
    messages: {
      unset: 'spec.automountServiceAccountToken is not set, so a service account token is mounted: set it to false unless the pod calls the Kubernetes API',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    const value = pod.spec['automountServiceAccountToken'];
    if (value !== undefined && value !== null) return;
    const path = [...pod.specPath, 'automountServiceAccountToken'];
    context.report({
      messageId: 'unset',
      path,
      // Breaks pods that do call the API (operators, controllers): a suggestion.
      fix: { kind: 'suggestion', title: 'set spec.automountServiceAccountToken: false', operations: [{ op: 'set', path, value: false }] },
    });
  },
});
