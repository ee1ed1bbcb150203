import { impersonatedUser, serviceAccountUsername, subjectAppliesTo } from './authorizer.js';
import type { RbacModel } from './model.js';
import type { RbacBinding, Subject, UserInfo } from './types.js';

/** A subject the analysis can ask about: a user, the members of a group, or a ServiceAccount. */
export type SubjectRef =
  | { readonly kind: 'User'; readonly name: string }
  | { readonly kind: 'Group'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string };

/** Parses `User:alice`, `Group:dev`, `ServiceAccount:ns:name` (or `system:serviceaccount:ns:name`). */
export function parseSubjectRef(text: string): SubjectRef | undefined {
  if (text.startsWith('system:serviceaccount:')) {
    const [namespace, name, ...rest] = text.slice('system:serviceaccount:'.length).split(':');
    return namespace && name && rest.length === 0 ? { kind: 'ServiceAccount', namespace, name } : undefined;
  }
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (rest === '') return undefined;
  if (kind === 'User' || kind === 'Group') return { kind, name: rest };
  if (kind === 'ServiceAccount') {
    const parts = rest.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
    return { kind, namespace: parts[0], name: parts[1] };
  }
  return undefined;
}

export function formatSubjectRef(ref: SubjectRef): string {
  return ref.kind === 'ServiceAccount' ? `ServiceAccount:${ref.namespace}:${ref.name}` : `${ref.kind}:${ref.name}`;
}

/** A binding subject as a SubjectRef (a ServiceAccount's namespace defaults to the binding's). */
export function subjectRefOf(subject: Subject, bindingNamespace: string | undefined): SubjectRef | undefined {
  if (subject.kind === 'User' || subject.kind === 'Group') return { kind: subject.kind, name: subject.name };
  if (subject.kind === 'ServiceAccount') {
    const namespace = subject.namespace ?? bindingNamespace;
    return namespace === undefined ? undefined : { kind: 'ServiceAccount', namespace, name: subject.name };
  }
  return undefined;
}

// No binding subject can carry this name (object names never hold NUL), so a group's members are
// evaluated by their group alone.
const NO_USER = '\u0000';

/**
 * The user info a subject authenticates as: users and ServiceAccounts with the groups the
 * authenticator adds (system:authenticated; system:serviceaccounts[:NS]); a Group stands for "any
 * member", granted only what is bound to the group itself.
 */
export function userInfoOf(ref: SubjectRef): UserInfo {
  if (ref.kind === 'Group') return { name: NO_USER, groups: [ref.name] };
  if (ref.kind === 'User') return impersonatedUser(ref.name);
  return impersonatedUser(serviceAccountUsername(ref.namespace, ref.name));
}

/** Bindings with a subject that applies to the user, from any namespace. */
export function bindingsOfUser(model: RbacModel, user: UserInfo): RbacBinding[] {
  return model.bindings.filter((binding) => binding.subjects.some((subject) => subjectAppliesTo(subject, user, binding.namespace)));
}
