import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles and ClusterRoles and roleRef of bindings to built-in roles; flags update/patch on pods/ephemeralcontainers.
export const rbacEphemeralContainers = defineDangerousAccessRule({
  id: 'rbac-ephemeral-containers',
  title: 'Roles should not allow adding ephemeral containers to pods',
  severity: 'high',
  category: 'rbac',
  description: 'An ephemeral container runs inside an existing pod, with its volumes, its network and its ServiceAccount token: whoever may update pods/ephemeralcontainers can run any image in any pod of the namespace, as an exec would, with a container of their own choosing.',
  remediation: 'Grant pods/ephemeralcontainers only to break-glass debugging roles, bound for the time of an incident.',
  references: ['https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/', RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1609'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.ephemeralContainers]);
