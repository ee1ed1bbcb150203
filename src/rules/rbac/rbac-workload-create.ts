import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] and roleRef; flags create, update or patch on pods and every built-in workload kind. CIS 5.1.4.
export const rbacWorkloadCreate = defineDangerousAccessRule({
  id: 'rbac-workload-create',
  title: 'Roles should not allow creating or changing pods and workload controllers',
  severity: 'high',
  category: 'rbac',
  description: 'Whoever can create or update a pod, or any controller with a pod template (Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob, ReplicationController), can run it as any ServiceAccount of the namespace and mount any Secret there.',
  remediation: 'Limit workload write access to deployment pipelines, and keep the ServiceAccounts of that namespace as weak as the least trusted writer.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.4'], nsa: [NSA_AUTHZ], mitre: ['T1610', 'T1078'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.workloadWrite]);
