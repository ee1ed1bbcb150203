import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] and roleRef; flags create or get on pods/exec, pods/attach, pods/portforward (`*` and `*/exec` included). Since v1.30 WebSocket exec is authorized as create; older clients used get.
export const rbacPodExec = defineDangerousAccessRule({
  id: 'rbac-pod-exec',
  title: 'Roles should not allow exec, attach or port-forward into pods',
  severity: 'high',
  category: 'rbac',
  description: 'pods/exec, pods/attach and pods/portforward run commands in or open connections to running containers, with their ServiceAccount, Secrets and network position, bypassing admission control of the pod spec.',
  remediation: 'Remove pods/exec, pods/attach and pods/portforward from roles used by applications; give people time-bound access through a break-glass process instead.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1609'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.podExec]);
