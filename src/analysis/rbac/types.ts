import type { Selector } from '../../k8s/label-selector.js';
import type { K8sObject } from '../../k8s/object.js';

// The RBAC model as plain data. Field names follow rbac.authorization.k8s.io/v1.

/** One `rules[]` entry of a Role or ClusterRole; missing lists are empty. */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

export type RoleKind = 'Role' | 'ClusterRole';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';
/** `input`: read from the user's manifests; `default`: the shipped upstream bootstrap policy. */
export type Origin = 'input' | 'default';


/** A rule of a role after aggregation, with the role that declares it. */
export interface RoleRule {
  readonly rule: PolicyRule;
  /** Id of the role whose `rules[index]` this is (itself, or an aggregated ClusterRole). */
  readonly declaredBy: string;
  readonly index: number;
}

export interface RbacRole {
  /** `ClusterRole/NAME` or `Role/NAMESPACE/NAME`. */
  readonly id: string;
  readonly kind: RoleKind;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The role's own `rules`, as written. */
  readonly declaredRules: readonly PolicyRule[];
  /** `aggregationRule.clusterRoleSelectors`, when the ClusterRole is aggregated. */
  readonly aggregationSelectors?: readonly Selector[];
  readonly origin: Origin;
  readonly object: K8sObject;
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup: string;
}

export interface RbacBinding {
  /** `ClusterRoleBinding/NAME` or `RoleBinding/NAMESPACE/NAME`. */
  readonly id: string;
  readonly kind: BindingKind;
  readonly name: string;
  readonly namespace?: string;
  readonly roleRef: RoleRef;
  readonly subjects: readonly Subject[];
  readonly origin: Origin;
  readonly object: K8sObject;
}

/** What the authenticator hands the authorizer: a user name and groups. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export type AccessRequest =
  | {
    readonly type: 'resource';
    readonly verb: string;
    readonly apiGroup: string;
    readonly resource: string;
    readonly subresource: string;
    /** `''` for requests without a name (list, watch, create, deletecollection). */
    readonly name: string;
    /** `''` for cluster-scoped resources and requests across all namespaces. */
    readonly namespace: string;
  }
  | { readonly type: 'nonResource'; readonly verb: string; readonly path: string };

/** One binding + role + rule that allows a request. */
export interface Grant {
  readonly binding: string;
  readonly role: string;
  /** Role whose `rules[ruleIndex]` matched (differs from `role` for aggregated ClusterRoles). */
  readonly ruleDeclaredBy: string;
  readonly ruleIndex: number;
  readonly rule: PolicyRule;
}
