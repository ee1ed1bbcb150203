import { defineCollectionRule } from '../../engine/rule.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES, RBAC_KINDS, rbacContextOf } from './support/rbac-context.js';

// Reads roleRef and subjects[*] of input RoleBindings and ClusterRoleBindings. Flags a binding to
// the ClusterRole cluster-admin for any subject but a system one: a User or Group named `system:*`
// (system:masters, control-plane components). The public groups system:authenticated,
// system:unauthenticated and the user system:anonymous are never exempt. CIS 5.1.1.
export const PUBLIC_SUBJECTS: readonly string[] = ['system:authenticated', 'system:unauthenticated', 'system:anonymous'];

export const rbacClusterAdminBinding = defineCollectionRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'cluster-admin should be bound only to system subjects',
    severity: 'critical',
    category: 'rbac',
    description: 'cluster-admin allows every verb on every resource and non-resource URL. Bound by a ClusterRoleBinding it owns the cluster; bound by a RoleBinding it still owns the namespace, its Secrets and its RBAC.',
    remediation: 'Bind a narrower role (admin, edit, or a custom role) in the namespaces the subject works in, and keep cluster-admin for break-glass access.',
    references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
    frameworks: { cis: ['5.1.1'], nsa: [NSA_AUTHZ], mitre: ['T1078'] },
    fixable: false,
    messages: {
      cluster: '{{binding}} grants cluster-admin across the cluster to {{subject}}',
      namespace: '{{binding}} grants cluster-admin in namespace {{namespace}} to {{subject}}',
    },
  },
  kinds: RBAC_KINDS,
  check(context) {
    const { model, bindings, target } = rbacContextOf(context);
    for (const binding of bindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin' || model.roleOf(binding) === undefined) continue;
      binding.subjects.forEach((subject, index) => {
        const isSystem = (subject.kind === 'User' || subject.kind === 'Group') && subject.name.startsWith('system:') && !PUBLIC_SUBJECTS.includes(subject.name);
        if (isSystem) return;
        const name = subject.kind === 'ServiceAccount' ? `${subject.namespace ?? binding.namespace ?? ''}/${subject.name}` : subject.name;
        context.report(target(binding.object), {
          messageId: binding.namespace === undefined ? 'cluster' : 'namespace',
          data: { binding: binding.id, subject: `${subject.kind} ${name}`, namespace: binding.namespace ?? '' },
          path: ['subjects', index],
        });
      });
    }
  },
});
