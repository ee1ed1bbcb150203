import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] and roleRef; flags create on serviceaccounts/token in the core group. CIS 5.1.13.
export const rbacServiceaccountTokenCreate = defineDangerousAccessRule({
  id: 'rbac-serviceaccount-token-create',
  title: 'Roles should not allow creating ServiceAccount tokens',
  severity: 'high',
  category: 'rbac',
  description: 'create on serviceaccounts/token (the TokenRequest API) mints a token for a ServiceAccount, letting the caller act with all of its permissions from anywhere.',
  remediation: 'Remove create on serviceaccounts/token, or restrict it with resourceNames to the accounts a controller must issue tokens for.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.13'], nsa: [NSA_AUTHZ], mitre: ['T1528', 'T1078'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.tokenCreate]);
