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

// Every rule of this domain reads the same kinds, so the engine hands each one an equal collection
// (a new array of the same objects): the model is built once and reused while the objects are the same.
let last: { readonly objects: readonly K8sObject[]; readonly model: RbacModel; readonly roles: readonly RbacRole[]; readonly bindings: readonly RbacBinding[] } | undefined;

function isSameCollection(objects: readonly K8sObject[], collected: readonly CollectedObject[]): boolean {
  return objects.length === collected.length && collected.every((entry, index) => entry.object === objects[index]);
}

/** The RBAC model of a collection, with built-in roles resolved through the shipped bootstrap policy. */
export function rbacContextOf(context: CollectionRuleContext): RbacRuleContext {
  const byObject = new Map<K8sObject, CollectedObject>();
  for (const collected of context.objects) byObject.set(collected.object, collected);
  const target = (object: K8sObject): CollectedObject => {
    const found = byObject.get(object);
    if (found === undefined) throw new RangeError('object is not in the collection');
    return found;
  };
  if (last !== undefined && isSameCollection(last.objects, context.objects)) return { model: last.model, roles: last.roles, bindings: last.bindings, target };
  const objects = context.objects.map((collected) => collected.object);
  const position = new Map<K8sObject, number>();
  objects.forEach((object, index) => position.set(object, index));
  const model = buildRbacModel(objects, { defaults: loadBootstrapPolicy().objects });
  const inputOrder = (a: { object: K8sObject }, b: { object: K8sObject }): number => (position.get(a.object) ?? 0) - (position.get(b.object) ?? 0);
  const roles = [...model.roles.values()].filter((role) => role.origin === 'input' && position.has(role.object) && !isDefaultCopy(role.object)).sort(inputOrder);
  const bindings = model.bindings.filter((binding) => binding.origin === 'input' && position.has(binding.object) && !isDefaultCopy(binding.object)).sort(inputOrder);
  last = { objects, model, roles, bindings };
  return { model, roles, bindings, target };
}
