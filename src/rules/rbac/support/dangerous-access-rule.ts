import { isFullAccessRule, matchingProbes, type AccessProbe, type DangerousAccess } from '../../../analysis/rbac/dangerous-access.js';
import { verbMatches } from '../../../analysis/rbac/rule-matching.js';
import type { PolicyRule } from '../../../analysis/rbac/types.js';
import { defineCollectionRule, type CollectionRule, type RuleMeta, type Severity } from '../../../engine/rule.js';
import { RBAC_KINDS, rbacContextOf } from './rbac-context.js';

/**
 * A rule for one kind of dangerous access. It reports where the grant is written:
 * - `role`: at `rules[i]` of an input Role/ClusterRole whose rule allows the access;
 * - `binding`: at `roleRef` of an input binding to a built-in role (admin, edit, system:*) that does.
 * A Role (or a RoleBinding) cannot grant access to cluster-scoped resources, so those are not reported
 * for it: RoleBindings only apply to requests in their namespace.
 * Messages `role` ({{role}}, {{index}}, {{verbs}}, {{access}}, {{names}}) and `binding` ({{binding}}, {{role}}, {{access}}) are required.
 */
export interface RoleRuleGrade {
  readonly severity: Severity;
  /** A message of the rule's own (same data as `role`) that says why this grant is graded so. */
  readonly messageId: string;
}

/**
 * `grade` grades a matching Role rule below the rule's severity when it is the scoped form (named
 * objects only); undefined keeps the rule's severity and the `role` message.
 */
export function defineDangerousAccessRule(meta: RuleMeta, access: readonly DangerousAccess[], grade?: (rule: PolicyRule) => RoleRuleGrade | undefined): CollectionRule {
  const probes = access.flatMap((entry) => entry.probes);
  return defineCollectionRule({
    meta,
    kinds: RBAC_KINDS,
    check(context) {
      const { model, roles, bindings, target } = rbacContextOf(context);
      for (const role of roles) {
        role.declaredRules.forEach((rule, index) => {
          const matched = matchingProbes(rule, probes, role.kind === 'Role');
          if (matched.length === 0) return;
          const graded = grade?.(rule);
          context.report(target(role.object), {
            messageId: graded?.messageId ?? 'role',
            ...(graded === undefined ? {} : { severity: graded.severity }),
            data: { role: role.id, index, verbs: rule.verbs.join(', '), access: describe(matched), names: rule.resourceNames.length === 0 ? 'any object' : `only ${rule.resourceNames.join(', ')}` },
            path: ['rules', index],
          });
        });
      }
      for (const binding of bindings) {
        const role = model.roleOf(binding);
        if (role === undefined || role.origin !== 'default') continue;
        const rules = model.rulesOf(role.id).map(({ rule }) => rule);
        // cluster-admin (or any built-in `*` on `*`) is reported once, by rbac-cluster-admin-binding.
        if (rules.some(isFullAccessRule)) continue;
        const access = verbsByResource(rules, probes, binding.kind === 'RoleBinding');
        if (access.length === 0) continue;
        context.report(target(binding.object), {
          messageId: 'binding',
          data: { binding: binding.id, role: role.id, access: access.join(', ') },
          path: ['roleRef', 'name'],
        });
      }
    },
  });
}

/** `impersonate serviceaccounts`, `get/create pods/exec`: per probed resource, the verbs any of the rules allows. */
function verbsByResource(rules: readonly PolicyRule[], probes: readonly AccessProbe[], isNamespaced: boolean): string[] {
  const verbs = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const probe of matchingProbes(rule, probes, isNamespaced)) {
      const resource = probe.apiGroup === '' ? probe.resource : `${probe.resource}.${probe.apiGroup}`;
      const set = verbs.get(resource) ?? new Set<string>();
      for (const verb of probe.verbs) if (verbMatches(rule, verb)) set.add(verb);
      verbs.set(resource, set);
    }
  }
  return [...verbs].map(([resource, set]) => `${[...set].join('/')} ${resource}`);
}

function describe(probes: readonly { readonly resource: string; readonly apiGroup: string }[]): string {
  return [...new Set(probes.map((probe) => (probe.apiGroup === '' ? probe.resource : `${probe.resource}.${probe.apiGroup}`)))].join(', ');
}
