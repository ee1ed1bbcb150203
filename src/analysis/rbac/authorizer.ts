import type { RbacModel } from './model.js';
import { ruleAllows } from './rule-matching.js';
import type { AccessRequest, Grant, RbacBinding, Subject, UserInfo } from './types.js';

// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go, VisitRulesFor in
// pkg/registry/rbac/validation/rule.go): every ClusterRoleBinding applies; RoleBindings apply only
// when the request has a namespace and only those in it. Non-resource requests and cluster-scoped
// (or all-namespaces) requests have no namespace, so only ClusterRoleBindings grant them.

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';

/** `system:serviceaccount:NS:NAME` → {namespace, name}; undefined for any other user name. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0] ?? '', name: parts[1] ?? '' };
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/**
 * The user `kubectl auth can-i --as USER --as-group G` is evaluated as, following the API server's
 * impersonation filter: a ServiceAccount without explicit groups gets `system:serviceaccounts` and
 * `system:serviceaccounts:NS`; every user but `system:anonymous` gets `system:authenticated` unless
 * system:authenticated or system:unauthenticated is already a group; `system:anonymous` gets
 * `system:unauthenticated`.
 */
export function impersonatedUser(username: string, groups: readonly string[] = []): UserInfo {
  const result = [...groups];
  const account = parseServiceAccountUsername(username);
  if (account !== undefined && groups.length === 0) result.push('system:serviceaccounts', `system:serviceaccounts:${account.namespace}`);
  if (username !== ANONYMOUS) {
    if (!result.includes(ALL_AUTHENTICATED) && !result.includes(ALL_UNAUTHENTICATED)) result.push(ALL_AUTHENTICATED);
  } else if (!result.includes(ALL_UNAUTHENTICATED)) result.push(ALL_UNAUTHENTICATED);
  return { name: username, groups: result };
}

/** appliesToUser in rbac.go; `bindingNamespace` fills in a ServiceAccount subject's missing namespace. */
export function subjectAppliesTo(subject: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User': return user.name === subject.name;
    case 'Group': return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace ?? bindingNamespace;
      if (namespace === undefined || namespace === '') return false;
      return user.name === serviceAccountUsername(namespace, subject.name);
    }
    default: return false;
  }
}

/** Bindings the authorizer visits for a request in `namespace` (`''`: no namespace). */
export function bindingsInScope(model: RbacModel, namespace: string): readonly RbacBinding[] {
  if (namespace === '') return model.clusterRoleBindings;
  return [...model.clusterRoleBindings, ...(model.roleBindingsByNamespace.get(namespace) ?? [])];
}

function namespaceOf(request: AccessRequest): string {
  return request.type === 'resource' ? request.namespace : '';
}

/** Every grant of `binding` that allows `request`: each rule of its role that matches. */
export function grantsOfBinding(model: RbacModel, binding: RbacBinding, request: AccessRequest): Grant[] {
  const role = model.roleOf(binding);
  if (role === undefined) return [];
  const grants: Grant[] = [];
  for (const roleRule of model.rulesOf(role.id)) {
    if (ruleAllows(roleRule.rule, request)) {
      grants.push({ binding: binding.id, role: role.id, ruleDeclaredBy: roleRule.declaredBy, ruleIndex: roleRule.index, rule: roleRule.rule });
    }
  }
  return grants;
}

export interface Decision {
  readonly allowed: boolean;
  /** Every binding/role/rule that allows the request (the API server stops at the first). */
  readonly grants: readonly Grant[];
}

export function canI(model: RbacModel, user: UserInfo, request: AccessRequest): Decision {
  const grants: Grant[] = [];
  for (const binding of bindingsInScope(model, namespaceOf(request))) {
    if (!binding.subjects.some((subject) => subjectAppliesTo(subject, user, binding.namespace))) continue;
    grants.push(...grantsOfBinding(model, binding, request));
  }
  return { allowed: grants.length > 0, grants };
}

export interface SubjectGrants {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly grants: readonly { readonly binding: string; readonly role: string }[];
}

/** Every binding subject allowed to make `request`, with the bindings and roles that allow it. */
export function whoCan(model: RbacModel, request: AccessRequest): SubjectGrants[] {
  const bySubject = new Map<string, { kind: string; name: string; namespace?: string; grants: { binding: string; role: string }[] }>();
  const roleAllows = new Map<string, boolean>();
  for (const binding of bindingsInScope(model, namespaceOf(request))) {
    const role = model.roleOf(binding);
    if (role === undefined || binding.subjects.length === 0) continue;
    let allowed = roleAllows.get(role.id);
    if (allowed === undefined) {
      allowed = model.rulesOf(role.id).some((roleRule) => ruleAllows(roleRule.rule, request));
      roleAllows.set(role.id, allowed);
    }
    if (!allowed) continue;
    for (const subject of binding.subjects) {
      // appliesToUser knows only these kinds: a subject of any other kind is never granted anything.
      if (subject.kind !== 'User' && subject.kind !== 'Group' && subject.kind !== 'ServiceAccount') continue;
      const namespace = subject.kind === 'ServiceAccount' ? subject.namespace ?? binding.namespace : undefined;
      if (subject.kind === 'ServiceAccount' && namespace === undefined) continue;
      const key = `${subject.kind}\u0000${namespace ?? ''}\u0000${subject.name}`;
      let entry = bySubject.get(key);
      if (entry === undefined) {
        entry = namespace === undefined ? { kind: subject.kind, name: subject.name, grants: [] } : { kind: subject.kind, name: subject.name, namespace, grants: [] };
        bySubject.set(key, entry);
      }
      if (!entry.grants.some((grant) => grant.binding === binding.id)) entry.grants.push({ binding: binding.id, role: role.id });
    }
  }
  return [...bySubject.values()].sort(compareSubjects);
}

const KIND_ORDER: Readonly<Record<string, number>> = { User: 0, Group: 1, ServiceAccount: 2 };

export function compareSubjects(a: Subject, b: Subject): number {
  return (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) || a.kind.localeCompare(b.kind) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);
}
