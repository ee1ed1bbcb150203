import { loadBootstrapPolicy } from '../../../analysis/rbac/bootstrap-policy.js';
import { buildRbacModel, type RbacModel } from '../../../analysis/rbac/model.js';
import type { RbacBinding, RbacRole } from '../../../analysis/rbac/types.js';
import { memoKey, type CollectedObject, type CollectionRuleContext } from '../../../engine/rule.js';
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

interface RbacCollection {
  readonly model: RbacModel;
  readonly roles: readonly RbacRole[];
  readonly bindings: readonly RbacBinding[];
}

// Every rule of this domain reads the same kinds, and the evaluation hands them the same array: the model
// is built once per evaluation and per collection, and lives only as long as the evaluation.
const RBAC_COLLECTIONS = memoKey<WeakMap<readonly CollectedObject[], RbacCollection>>('rbac-collections');

/** The RBAC model of a collection, with built-in roles resolved through the shipped bootstrap policy. */
export function rbacContextOf(context: CollectionRuleContext): RbacRuleContext {
  const byObject = new Map<K8sObject, CollectedObject>();
  for (const collected of context.objects) byObject.set(collected.object, collected);
  const target = (object: K8sObject): CollectedObject => {
    const found = byObject.get(object);
    if (found === undefined) throw new RangeError('object is not in the collection');
    return found;
  };
  const collections = context.perEvaluation.get(RBAC_COLLECTIONS, () => new WeakMap());
  let collection = collections.get(context.objects);
  if (collection === undefined) collections.set(context.objects, (collection = buildCollection(context.objects)));
  return { ...collection, target };
}

function buildCollection(collected: readonly CollectedObject[]): RbacCollection {
  const objects = collected.map((entry) => entry.object);
  const position = new Map<K8sObject, number>();
  objects.forEach((object, index) => position.set(object, index));
  const model = buildRbacModel(objects, { defaults: loadBootstrapPolicy().objects });
  const inputOrder = (a: { object: K8sObject }, b: { object: K8sObject }): number => (position.get(a.object) ?? 0) - (position.get(b.object) ?? 0);
  const roles = [...model.roles.values()].filter((role) => role.origin === 'input' && position.has(role.object) && !isDefaultCopy(role.object)).sort(inputOrder);
  const bindings = model.bindings.filter((binding) => binding.origin === 'input' && position.has(binding.object) && !isDefaultCopy(binding.object)).sort(inputOrder);
  return { model, roles, bindings };
}
