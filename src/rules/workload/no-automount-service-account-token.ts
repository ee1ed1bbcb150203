import { defineCollectionRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS } from './support/workload-fields.js';

// Reads spec.automountServiceAccountToken of the pod and, when it is unset, automountServiceAccountToken
// of its ServiceAccount (spec.serviceAccountName, else the deprecated spec.serviceAccount, else
// `default`) in the same namespace of the same input. As the API server's ServiceAccount admission
// decides (plugin/pkg/admission/serviceaccount, shouldAutomount): the pod's explicit value wins, else
// the ServiceAccount's, else a token is mounted. Decision: a pod must say what it needs — `false` when it
// does not call the Kubernetes API, `true` to declare that it does — so only an unset field is
// reported, and not when the ServiceAccount in the input sets false (no token is mounted then); an
// explicit `true` is a reviewed choice (the token's rights are RBAC's concern). A ServiceAccount that is
// not in the input is unknown, and its default (mount) is assumed.
export const noAutomountServiceAccountToken = defineCollectionRule({
  meta: {
    id: 'no-automount-service-account-token',
    title: 'Pods mount a service account token only when they need it',
    severity: 'medium',
    category: 'workload',
    description:
      'By default every container gets a token for its ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount. ' +
      'Most applications never call the Kubernetes API, but anyone who gets code execution in them can use the token to ' +
      'explore or act on the cluster with the account\'s rights. A pod that leaves the field unset under a ServiceAccount of ' +
      'the same input that sets automountServiceAccountToken: false gets no token, and is not reported.',
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
  kinds: [...WORKLOAD_KINDS, 'ServiceAccount'],
  check(context) {
    const accounts = new Map<string, unknown>();
    for (const { object } of context.objects) {
      if (object.kind !== 'ServiceAccount' || typeof object.metadata?.name !== 'string') continue;
      accounts.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object['automountServiceAccountToken']);
    }
    for (const target of context.objects) {
      if (target.object.kind === 'ServiceAccount') continue;
      const pod = podSpecOf(target.object);
      if (pod === undefined) continue;
      const value = pod.spec['automountServiceAccountToken'];
      if (value !== undefined && value !== null) continue;
      if (accounts.get(`${target.resource.namespace ?? ''}/${serviceAccountOf(pod.spec)}`) === false) continue;
      const path = [...pod.specPath, 'automountServiceAccountToken'];
      context.report(target, {
        messageId: 'unset',
        path,
        // Breaks pods that do call the API (operators, controllers): a suggestion.
        fix: { kind: 'suggestion', title: 'set spec.automountServiceAccountToken: false', operations: [{ op: 'set', path, value: false }] },
      });
    }
  },
});

/** The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount, else `default`. */
function serviceAccountOf(spec: Readonly<Record<string, unknown>>): string {
  const name = spec['serviceAccountName'];
  const legacy = spec['serviceAccount'];
  return typeof name === 'string' && name !== '' ? name : typeof legacy === 'string' && legacy !== '' ? legacy : 'default';
}
