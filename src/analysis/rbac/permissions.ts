import type { RbacModel } from './model.js';
import { bindingsOfUser, userInfoOf, type SubjectRef } from './subjects.js';
import type { PolicyRule, RbacBinding } from './types.js';

/** One rule a subject holds, and where: in one namespace, or cluster-wide (`namespace` undefined). */
export interface Permission {
  readonly namespace?: string;
  readonly binding: string;
  readonly role: string;
  readonly ruleDeclaredBy: string;
  readonly ruleIndex: number;
  readonly rule: PolicyRule;
}

/**
 * Effective permissions: every rule of every role bound to the subject (directly or through its
 * groups). A RoleBinding's nonResourceURLs rules are left out: non-resource requests carry no
 * namespace, so the authorizer only ever consults ClusterRoleBindings for them.
 */
export function permissionsOf(model: RbacModel, ref: SubjectRef): Permission[] {
  return permissionsOfBindings(model, bindingsOfUser(model, userInfoOf(ref)));
}

export function permissionsOfBindings(model: RbacModel, bindings: readonly RbacBinding[]): Permission[] {
  const out: Permission[] = [];
  for (const binding of bindings) {
    const role = model.roleOf(binding);
    if (role === undefined) continue;
    for (const { rule, declaredBy, index } of model.rulesOf(role.id)) {
      const base = { binding: binding.id, role: role.id, ruleDeclaredBy: declaredBy, ruleIndex: index };
      if (binding.namespace === undefined) out.push({ ...base, rule });
      else {
        if (rule.resources.length === 0) continue;
        out.push({ ...base, namespace: binding.namespace, rule });
      }
    }
  }
  return out.sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.binding.localeCompare(b.binding) || a.ruleIndex - b.ruleIndex);
}
