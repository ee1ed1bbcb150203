import { defineCollectionRule } from '../../engine/rule.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES, RBAC_KINDS, rbacContextOf } from './support/rbac-context.js';

// Reads subjects[*] and roleRef of input bindings. system:anonymous and system:unauthenticated are
// whoever reaches the API server without credentials; system:authenticated is every user and every
// ServiceAccount of every namespace. Bindings of the built-in roles upstream itself grants them
// (system:public-info-viewer, system:discovery, system:basic-user) are not reported.
const UPSTREAM_PUBLIC_ROLES: readonly string[] = ['system:public-info-viewer', 'system:discovery', 'system:basic-user'];

export const rbacPublicGroupGrant = defineCollectionRule({
  meta: {
    id: 'rbac-public-group-grant',
    title: 'Roles should not be granted to anonymous or all authenticated users',
    severity: 'critical',
    category: 'rbac',
    description: 'A binding to system:anonymous or system:unauthenticated gives its permissions to anyone who can reach the API server; one to system:authenticated gives them to every user and every ServiceAccount, so any compromised pod inherits them.',
    remediation: 'Bind the role to the specific users, groups or ServiceAccounts that need it.',
    references: [RBAC_GOOD_PRACTICES, RBAC_DOCS, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
    frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1078', 'T1190'] },
    fixable: false,
    messages: {
      anonymous: '{{binding}} grants {{role}} to {{subject}}: anyone who can reach the API server, without credentials',
      authenticated: '{{binding}} grants {{role}} to system:authenticated: every user and every ServiceAccount',
    },
  },
  kinds: RBAC_KINDS,
  check(context) {
    const { model, bindings, target } = rbacContextOf(context);
    for (const binding of bindings) {
      const role = model.roleOf(binding);
      if (role !== undefined && role.origin === 'default' && role.kind === 'ClusterRole' && UPSTREAM_PUBLIC_ROLES.includes(role.name)) continue;
      binding.subjects.forEach((subject, index) => {
        const isAnonymous = (subject.kind === 'User' && subject.name === 'system:anonymous') || (subject.kind === 'Group' && subject.name === 'system:unauthenticated');
        const isAuthenticated = subject.kind === 'Group' && subject.name === 'system:authenticated';
        if (!isAnonymous && !isAuthenticated) return;
        context.report(target(binding.object), {
          messageId: isAnonymous ? 'anonymous' : 'authenticated',
          data: { binding: binding.id, role: `${binding.roleRef.kind}/${binding.roleRef.name}`, subject: subject.name },
          path: ['subjects', index],
        });
      });
    }
  },
});
