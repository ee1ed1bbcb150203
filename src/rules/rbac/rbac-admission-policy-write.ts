import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles and ClusterRoles and roleRef of bindings to built-in roles; flags writes to ValidatingAdmissionPolicies, MutatingAdmissionPolicies and their bindings.
export const rbacAdmissionPolicyWrite = defineDangerousAccessRule({
  id: 'rbac-admission-policy-write',
  title: 'Roles should not allow changing admission policies',
  severity: 'critical',
  category: 'rbac',
  description: 'ValidatingAdmissionPolicies, MutatingAdmissionPolicies and their bindings enforce security rules inside the API server; whoever may change or delete them can switch enforcement off, or, with a mutating policy, rewrite every object created in the cluster.',
  remediation: 'Keep admission policy writes for cluster administrators and the GitOps controller that owns them.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/', RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1562.001'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.admissionPolicyWrite]);
