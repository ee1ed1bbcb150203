import { defineObjectRule } from '../../engine/rule.js';
import { annotationsOf } from '../../k8s/object.js';
import { DOCS } from './support/workload-fields.js';

// Reads `type` of Secret objects: `kubernetes.io/service-account-token` asks the token controller to
// store a token that never expires for the ServiceAccount named in the annotation
// kubernetes.io/service-account.name. Since Kubernetes 1.24 pods get short-lived projected tokens instead,
// and 1.29+ clean up unused legacy tokens (legacy-serviceaccount-token-cleaner).
export const noLegacyServiceAccountTokenSecret = defineObjectRule({
  meta: {
    id: 'no-legacy-service-account-token-secret',
    title: 'No long-lived service account token Secrets',
    severity: 'medium',
    category: 'secrets',
    description:
      'A Secret of type kubernetes.io/service-account-token holds a token that never expires and is not bound to a pod: ' +
      'once read (by anyone who can get secrets in the namespace, or from a backup), it works until the Secret is deleted.',
    remediation:
      'Delete the Secret and use short-lived tokens: the projected token pods get by default, or the TokenRequest API (kubectl create token) for clients outside the cluster.',
    references: [`${DOCS.serviceAccountsAdmin}#legacy-serviceaccount-token-cleaner`, 'https://kubernetes.io/docs/concepts/security/service-accounts/'],
    frameworks: {
      nsa: ['Pod security: protecting pod service account tokens'],
      mitre: ['T1528', 'T1552.007'],
    },
    fixable: false,
    messages: {
      legacyToken: 'Secret type kubernetes.io/service-account-token creates a non-expiring token for ServiceAccount {{account}}: delete it and use short-lived tokens (TokenRequest, projected volumes)',
    },
  },
  kinds: ['Secret'],
  check(context) {
    if (context.object['type'] !== 'kubernetes.io/service-account-token') return;
    const account = annotationsOf(context.object.metadata)['kubernetes.io/service-account.name'];
    context.report({ messageId: 'legacyToken', data: { account: account === undefined ? '(unnamed)' : JSON.stringify(account) }, path: ['type'] });
  },
});
