import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles and ClusterRoles and roleRef of bindings to built-in roles; flags update/patch on namespaces.
export const rbacNamespaceWrite = defineDangerousAccessRule({
  id: 'rbac-namespace-write',
  title: 'Roles should not allow changing Namespaces',
  severity: 'high',
  category: 'rbac',
  description: 'Pod Security Admission reads its level from the labels of the Namespace: whoever may update or patch Namespaces can set pod-security.kubernetes.io/enforce: privileged and then run privileged pods there. Namespace labels also select NetworkPolicy peers and admission webhooks.',
  remediation: 'Leave Namespace writes to cluster administrators and the GitOps controller; let teams request label changes through review.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/', RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1098', 'T1611'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.namespaceWrite]);
