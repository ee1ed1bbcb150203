import { defineCollectionRule } from '../../engine/rule.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES, RBAC_KINDS, rbacContextOf } from './support/rbac-context.js';

// Reads rules[*].verbs and rules[*].resources of input Roles and ClusterRoles. `*` in verbs grants
// every verb, present and future (escalate, bind, impersonate included); `*` in resources grants
// every resource and subresource of the listed groups, including ones added later by CRDs. CIS 5.1.3.
export const rbacWildcardGrant = defineCollectionRule({
  meta: {
    id: 'rbac-wildcard-grant',
    title: 'Roles should not use wildcards in verbs or resources',
    severity: 'high',
    category: 'rbac',
    description: 'A wildcard grants every verb or every resource, including ones added later by new Kubernetes versions and CustomResourceDefinitions, so the role silently grows.',
    remediation: 'List the verbs and resources the subject needs instead of `*`.',
    references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
    frameworks: { cis: ['5.1.3'], nsa: [NSA_AUTHZ], mitre: ['T1078'] },
    fixable: false,
    messages: {
      verbs: '{{role}} rules[{{index}}].verbs contains "*": every verb on {{resources}}',
      resources: '{{role}} rules[{{index}}].resources contains "*": every resource of API groups {{groups}}',
    },
  },
  kinds: RBAC_KINDS,
  check(context) {
    const { roles, target } = rbacContextOf(context);
    for (const role of roles) {
      role.declaredRules.forEach((rule, index) => {
        const what = rule.nonResourceURLs.length > 0 ? rule.nonResourceURLs : rule.resources;
        if (rule.verbs.includes('*')) {
          context.report(target(role.object), { messageId: 'verbs', data: { role: role.id, index, resources: what.join(', ') || '(nothing)' }, path: ['rules', index, 'verbs'] });
        }
        if (rule.resources.includes('*')) {
          const groups = rule.apiGroups.map((group) => (group === '' ? '""' : group)).join(', ');
          context.report(target(role.object), { messageId: 'resources', data: { role: role.id, index, groups }, path: ['rules', index, 'resources'] });
        }
      });
    }
  },
});
