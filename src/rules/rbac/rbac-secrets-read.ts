import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles/ClusterRoles and roleRef of bindings to built-in roles; flags get/list/watch on secrets in the core group (`*` included). CIS 5.1.2.
// Decision, graded by what the grant exposes: list or watch on every Secret returns all their values at
// once (high, the rule's severity); get on every Secret reads any one whose name is known or guessed
// (medium); a rule limited by resourceNames is the scoped grant the remediation recommends (low: still
// listed, since those Secrets are readable). Bindings to built-in roles (edit, admin) grant list: high.
export const rbacSecretsRead = defineDangerousAccessRule({
  id: 'rbac-secrets-read',
  title: 'Roles should not grant read access to Secrets',
  severity: 'high',
  category: 'rbac',
  description: 'Reading Secrets (get, list or watch) exposes every credential in their scope, including ServiceAccount tokens that act with their own permissions; list and watch return the values of all Secrets at once. Graded: list or watch on all Secrets is high, get on all of them medium, a rule limited by resourceNames low.',
  remediation: 'Grant get on the named Secrets an application needs (resourceNames) instead of list/watch on all Secrets, or mount the Secret into the pod.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.2'], nsa: [NSA_AUTHZ], mitre: ['T1552.007', 'T1528'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
    roleNamed: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}}): low, the named Secrets only (the scoped grant this rule recommends)',
    roleGetAll: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}}): medium, any Secret whose name is known, but not list or watch of all',
  },
}, [DANGEROUS_ACCESS.secretsRead], (rule) => {
  if (rule.resourceNames.length > 0) return { severity: 'low', messageId: 'roleNamed' };
  const readsAll = rule.verbs.some((verb) => verb === '*' || verb === 'list' || verb === 'watch');
  return readsAll ? undefined : { severity: 'medium', messageId: 'roleGetAll' };
});
