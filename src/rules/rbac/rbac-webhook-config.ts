import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of ClusterRoles and roleRef of ClusterRoleBindings; flags create/update/patch/delete on mutatingwebhookconfigurations and validatingwebhookconfigurations. CIS 5.1.12.
export const rbacWebhookConfig = defineDangerousAccessRule({
  id: 'rbac-webhook-config',
  title: 'Roles should not allow changing admission webhook configurations',
  severity: 'critical',
  category: 'rbac',
  description: 'Whoever can change MutatingWebhookConfigurations or ValidatingWebhookConfigurations can switch off policy enforcement or send every object, Secrets included, to a server of their choice and rewrite it.',
  remediation: 'Limit write access to admission webhook configurations to the cluster administrators and the operators that own them (with resourceNames).',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.12'], nsa: [NSA_AUTHZ], mitre: ['T1562', 'T1557'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.webhookWrite]);
