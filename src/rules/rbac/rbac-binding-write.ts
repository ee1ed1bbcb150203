import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles and ClusterRoles and roleRef of bindings to built-in roles; flags create/update/patch on rolebindings and clusterrolebindings.
export const rbacBindingWrite = defineDangerousAccessRule({
  id: 'rbac-binding-write',
  title: 'Roles should not allow writing role bindings',
  severity: 'medium',
  category: 'rbac',
  description: 'Creating or changing RoleBindings and ClusterRoleBindings is one half of an escalation: on its own it only lets its holder bind roles whose permissions they already have, but together with bind on a role (or with a role that grants more than they hold) it hands any subject that role. The who-can and escalation-path analysis (`kubeward rbac`) shows where the two halves meet.',
  remediation: 'Keep binding writes for the administrators of a namespace; delegate with bind on named roles (resourceNames) rather than with every role.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update', RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1098'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.bindingWrite]);
