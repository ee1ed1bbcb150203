import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of ClusterRoles and roleRef of ClusterRoleBindings; flags nodes/proxy (a cluster-scoped resource: a Role cannot grant it). CIS 5.1.10.
export const rbacNodesProxy = defineDangerousAccessRule({
  id: 'rbac-nodes-proxy',
  title: 'Roles should not grant access to nodes/proxy',
  severity: 'critical',
  category: 'rbac',
  description: 'nodes/proxy reaches the kubelet API of every node, which runs commands in any container on it; kubelet calls made this way bypass audit logging and admission control.',
  remediation: 'Grant nodes/metrics or nodes/stats for monitoring instead of nodes/proxy.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.10'], nsa: [NSA_AUTHZ], mitre: ['T1609', 'T1611'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.nodesProxy]);
