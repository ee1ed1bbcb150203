import { roleIdOfRef } from '../../analysis/rbac/model.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_KINDS, rbacContextOf } from './support/rbac-context.js';

// Reads roleRef of input bindings and resolves it as the authorizer does: kind Role in the binding's
// own namespace (never for a ClusterRoleBinding), kind ClusterRole among the input and the built-in
// ClusterRoles. A dangling binding grants nothing today, but whoever later creates a role of that
// name silently receives its subjects.
export const rbacBindingMissingRole = defineCollectionRule({
  meta: {
    id: 'rbac-binding-missing-role',
    title: 'Bindings should reference roles that exist',
    severity: 'low',
    category: 'rbac',
    description: 'A binding whose roleRef names a role that does not exist grants nothing until someone creates a role with that name; then its subjects receive whatever that role allows.',
    remediation: 'Create the intended role next to the binding, fix roleRef, or delete the binding.',
    references: [RBAC_DOCS],
    frameworks: { nsa: [NSA_AUTHZ] },
    fixable: false,
    messages: {
      missing: '{{binding}} references {{role}}, which is not among the input objects or the built-in roles',
      roleInClusterBinding: '{{binding}} references a Role: a ClusterRoleBinding can only reference a ClusterRole',
    },
  },
  kinds: RBAC_KINDS,
  check(context) {
    const { model, bindings, target } = rbacContextOf(context);
    for (const binding of bindings) {
      if (model.roleOf(binding) !== undefined) continue;
      const isRoleInClusterBinding = binding.kind === 'ClusterRoleBinding' && binding.roleRef.kind === 'Role';
      context.report(target(binding.object), {
        messageId: isRoleInClusterBinding ? 'roleInClusterBinding' : 'missing',
        data: { binding: binding.id, role: roleIdOfRef(binding) },
        path: ['roleRef', 'name'],
      });
    }
  },
});
