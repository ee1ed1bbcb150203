import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] and roleRef; flags escalate/bind on roles and clusterroles (rbac.authorization.k8s.io) and impersonate on users, groups, serviceaccounts, userextras and uids. CIS 5.1.8.
export const rbacEscalateBindImpersonate = defineDangerousAccessRule({
  id: 'rbac-escalate-bind-impersonate',
  title: 'Roles should not allow escalate, bind or impersonate',
  severity: 'critical',
  category: 'rbac',
  description: 'escalate lets a subject write roles with permissions it does not hold, bind lets it bind roles it does not hold, and impersonate lets it act as other users, groups or ServiceAccounts (system:masters included): each is a direct path to cluster-admin.',
  remediation: 'Remove the escalate, bind and impersonate verbs, or restrict them with resourceNames to the exact roles or identities required.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.8'], nsa: [NSA_AUTHZ], mitre: ['T1078', 'T1098'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.escalateBind, DANGEROUS_ACCESS.impersonate]);
