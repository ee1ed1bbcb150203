import { loadBootstrapPolicy } from '../../../analysis/rbac/bootstrap-policy.js';
import { buildRbacModel, type RbacModel } from '../../../analysis/rbac/model.js';
import type { RbacBinding, RbacRole } from '../../../analysis/rbac/types.js';
import type { CollectedObject, CollectionRuleContext } from '../../../engine/rule.js';
import { labelsOf, type K8sObject } from '../../../k8s/object.js';

/** Kinds the RBAC rules read. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

export const RBAC_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
export const RBAC_GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
export const NSA_AUTHZ = 'Authentication and authorization';

export interface RbacRuleContext {
  readonly model: RbacModel;
  /** Roles from the input (not the built-in defaults, nor copies of them), in input order. */
  readonly roles: readonly RbacRole[];
  /** Bindings from the input (not copies of the defaults), in input order. */
  readonly bindings: readonly RbacBinding[];
  target(object: K8sObject): CollectedObject;
}

// Objects labelled kubernetes.io/bootstrapping=rbac-defaults are the API server's own policy (for
// example, in an export of a live cluster): findings on them are not actionable.
function isDefaultCopy(object: K8sObject): boolean {
  return labelsOf(object.metadata)['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

// Rules of this domain read the same collection: the model is built once per collection.
const cache = new WeakMap<readonly CollectedObject[], RbacRuleContext>();

/** The RBAC model of a collection, with built-in roles resolved through the shipped bootstrap policy. */
export function rbacContextOf(context: CollectionRuleContext): RbacRuleContext {
  const cached = cache.get(context.objects);
  if (cached !== undefined) return cached;
  const byObject = new Map<K8sObject, CollectedObject>();
  const position = new Map<K8sObject, number>();
  context.objects.forEach((collected, index) => {
    byObject.set(collected.object, collected);
    position.set(collected.object, index);
  });
  const model = buildRbacModel(context.objects.map((collected) => collected.object), { defaults: loadBootstrapPolicy().objects });
  const inputOrder = (a: { object: K8sObject }, b: { object: K8sObject }): number => (position.get(a.object) ?? 0) - (position.get(b.object) ?? 0);
  const result: RbacRuleContext = {
    model,
    roles: [...model.roles.values()].filter((role) => role.origin === 'input' && byObject.has(role.object) && !isDefaultCopy(role.object)).sort(inputOrder),
    bindings: model.bindings.filter((binding) => binding.origin === 'input' && byObject.has(binding.object) && !isDefaultCopy(binding.object)).sort(inputOrder),
    target(object) {
      const found = byObject.get(object);
      if (found === undefined) throw new RangeError('object is not in the collection');
      return found;
    },
  };
  cache.set(context.objects, result);
  return result;
}
