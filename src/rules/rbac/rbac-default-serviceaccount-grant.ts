import { defineCollectionRule } from '../../engine/rule.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES, RBAC_KINDS, rbacContextOf } from './support/rbac-context.js';

// Reads subjects[*] of input bindings. Every pod that names no ServiceAccount runs as `default`, so
// a grant to it is a grant to every such pod of the namespace. CIS 5.1.5 asks that the default
// ServiceAccount has no bindings at all.
export const rbacDefaultServiceaccountGrant = defineCollectionRule({
  meta: {
    id: 'rbac-default-serviceaccount-grant',
    title: 'The default ServiceAccount should not be granted permissions',
    severity: 'medium',
    category: 'rbac',
    description: 'Pods that do not set spec.serviceAccountName run as the namespace\'s default ServiceAccount; permissions bound to it go to every such pod, including ones added later.',
    remediation: 'Create a dedicated ServiceAccount for the workload that needs the permissions, bind the role to it, and set spec.serviceAccountName.',
    references: [RBAC_GOOD_PRACTICES, 'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
    frameworks: { cis: ['5.1.5'], nsa: [NSA_AUTHZ], mitre: ['T1078'] },
    fixable: false,
    messages: {
      default: '{{binding}} grants {{role}} to the default ServiceAccount of namespace {{namespace}}',
    },
  },
  kinds: RBAC_KINDS,
  check(context) {
    const { bindings, target } = rbacContextOf(context);
    for (const binding of bindings) {
      binding.subjects.forEach((subject, index) => {
        if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') return;
        const namespace = subject.namespace ?? binding.namespace;
        if (namespace === undefined) return;
        context.report(target(binding.object), {
          messageId: 'default',
          data: { binding: binding.id, role: `${binding.roleRef.kind}/${binding.roleRef.name}`, namespace },
          path: ['subjects', index],
        });
      });
    }
  },
});
