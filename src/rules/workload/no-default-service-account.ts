import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS } from './support/workload-fields.js';

// Reads spec.serviceAccountName (and the deprecated alias spec.serviceAccount, which the API server
// copies into it) of every pod: unset, empty or `default` means the namespace's `default` ServiceAccount.
// Also reads ServiceAccount objects named `default`: CIS 5.1.5 asks that they set
// automountServiceAccountToken: false so no pod gets their token implicitly.
export const noDefaultServiceAccount = defineObjectRule({
  meta: {
    id: 'no-default-service-account',
    title: 'Pods run under their own ServiceAccount, not default',
    severity: 'low',
    category: 'workload',
    description:
      'Every pod without a serviceAccountName runs as its namespace\'s default ServiceAccount, so any permission granted to ' +
      'default is granted to all of them and the rights of one application cannot be audited on their own.',
    remediation:
      'Create a ServiceAccount per application and set spec.serviceAccountName to it; set automountServiceAccountToken: false on the default ServiceAccount.',
    references: [DOCS.serviceAccounts, DOCS.serviceAccountsAdmin],
    frameworks: {
      cis: ['5.1.5'],
      nsa: ['Pod security: protecting pod service account tokens', 'Authentication and authorization'],
      mitre: ['T1078.001'],
    },
    fixable: 'suggestion',
    generate: 'serviceaccounts',
    messages: {
      podUsesDefault: 'spec.serviceAccountName is {{value}}, so the pod runs as the default ServiceAccount: set it to a ServiceAccount of its own',
      defaultMountsToken: 'the default ServiceAccount does not set automountServiceAccountToken: false: set it so pods get no token implicitly',
    },
  },
  kinds: [...WORKLOAD_KINDS, 'ServiceAccount'],
  check(context) {
    const { object } = context;
    if (object.kind === 'ServiceAccount') {
      if (object.metadata?.name !== 'default' || object['automountServiceAccountToken'] === false) return;
      const path = ['automountServiceAccountToken'];
      context.report({
        messageId: 'defaultMountsToken',
        path,
        fix: { kind: 'suggestion', title: 'set automountServiceAccountToken: false on the default ServiceAccount', operations: [{ op: 'set', path, value: false }] },
      });
      return;
    }
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const name = pod.spec['serviceAccountName'];
    const legacy = pod.spec['serviceAccount'];
    const effective = typeof name === 'string' && name !== '' ? name : typeof legacy === 'string' && legacy !== '' ? legacy : 'default';
    if (effective !== 'default') return;
    const field = typeof name === 'string' && name !== '' ? 'serviceAccountName' : typeof legacy === 'string' && legacy !== '' ? 'serviceAccount' : 'serviceAccountName';
    context.report({
      messageId: 'podUsesDefault',
      data: { value: name === 'default' || legacy === 'default' ? '"default"' : 'not set' },
      path: [...pod.specPath, field],
    });
  },
});
