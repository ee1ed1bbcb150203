import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles/ClusterRoles and roleRef of bindings to built-in roles; flags get/list/watch on secrets in the core group (`*` included). CIS 5.1.2.
export const rbacSecretsRead = defineDangerousAccessRule({
  id: 'rbac-secrets-read',
  title: 'Roles should not grant read access to Secrets',
  severity: 'high',
  category: 'rbac',
  description: 'Reading Secrets (get, list or watch) exposes every credential in their scope, including ServiceAccount tokens that act with their own permissions; list and watch return the values of all Secrets at once.',
  remediation: 'Grant get on the named Secrets an application needs (resourceNames) instead of list/watch on all Secrets, or mount the Secret into the pod.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.2'], nsa: [NSA_AUTHZ], mitre: ['T1552.007', 'T1528'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.secretsRead]);
