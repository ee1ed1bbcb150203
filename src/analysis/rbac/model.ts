import { isRecord } from '../../foundation/field-path.js';
import { annotationsOf, labelsOf, type K8sObject } from '../../k8s/object.js';
import { podSpecOf } from '../../k8s/pod-spec.js';
import { parseSelector, selectorMatches, type Selector } from '../../k8s/label-selector.js';
import { policyRuleOf, ruleKey } from './rule-matching.js';
import type { Origin, RbacBinding, RbacRole, RoleRule, Subject } from './types.js';

/** A ServiceAccount named by an object, a binding subject or a workload. */
export interface ServiceAccountInfo {
  readonly namespace: string;
  readonly name: string;
  /** Set when the ServiceAccount object itself is in the input. */
  readonly object?: K8sObject;
  /** `default` when only the default bindings name it (the kube-system controller accounts). */
  readonly origin: Origin;
}

/** A Pod or controller and the ServiceAccount its pods run as. */
export interface WorkloadInfo {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccountName: string;
}

/** A legacy `kubernetes.io/service-account-token` Secret: whoever reads it acts as the account. */
export interface TokenSecretInfo {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccountName: string;
}

export interface RbacModel {
  readonly roles: ReadonlyMap<string, RbacRole>;
  readonly bindings: readonly RbacBinding[];
  readonly clusterRoleBindings: readonly RbacBinding[];
  readonly roleBindingsByNamespace: ReadonlyMap<string, readonly RbacBinding[]>;
  readonly serviceAccounts: readonly ServiceAccountInfo[];
  readonly workloads: readonly WorkloadInfo[];
  readonly tokenSecrets: readonly TokenSecretInfo[];
  /** Every namespace named by an input object or binding, sorted. */
  readonly namespaces: readonly string[];
  /** Rules of a role after aggregation; empty for unknown ids. */
  rulesOf(roleId: string): readonly RoleRule[];
  /** The role a binding references, resolved as the authorizer does; undefined when it does not exist. */
  roleOf(binding: RbacBinding): RbacRole | undefined;
}

export interface RbacModelOptions {
  /** The default bootstrap policy objects (see `loadBootstrapPolicy`); input objects with the same id replace them. */
  readonly defaults?: readonly K8sObject[];
  /** Also count the default bindings (system:masters → cluster-admin, controllers, …). Default false. */
  readonly includeDefaultBindings?: boolean;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

export function isRbacObject(object: K8sObject): boolean {
  return object.apiVersion.startsWith(RBAC_GROUP) &&
    (object.kind === 'Role' || object.kind === 'ClusterRole' || object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding');
}

export function roleIdOf(kind: string, name: string, namespace: string | undefined): string {
  return kind === 'Role' ? `Role/${namespace ?? ''}/${name}` : `${kind}/${name}`;
}

export function bindingIdOf(kind: string, name: string, namespace: string | undefined): string {
  return kind === 'RoleBinding' ? `RoleBinding/${namespace ?? ''}/${name}` : `${kind}/${name}`;
}

export function buildRbacModel(objects: readonly K8sObject[], options: RbacModelOptions = {}): RbacModel {
  const roles = new Map<string, RbacRole>();
  const bindings = new Map<string, RbacBinding>();
  const accounts = new Map<string, ServiceAccountInfo>();
  const workloads: WorkloadInfo[] = [];
  const tokenSecrets: TokenSecretInfo[] = [];
  const namespaces = new Set<string>();

  const add = (object: K8sObject, origin: Origin): void => {
    if (!isRbacObject(object)) return;
    const meta = isRecord(object.metadata) ? object.metadata : {};
    const name = typeof meta['name'] === 'string' ? meta['name'] : '';
    const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
    if (name === '') return;
    if (object.kind === 'Role' || object.kind === 'ClusterRole') {
      // A copy of a bootstrap role (as a live cluster or `kubectl get -o yaml` has it: labelled
      // kubernetes.io/bootstrapping: rbac-defaults) is the built-in role, whatever source it came from:
      // bindings to it are judged as bindings to a built-in role, so a scan of the cluster and of its
      // manifests report the same. Its own rules (aggregated, in a live cluster) are kept.
      const isBootstrapCopy = labelsOf(object.metadata)['kubernetes.io/bootstrapping'] === 'rbac-defaults';
      const role = roleOfObject(object, name, object.kind === 'Role' ? namespace ?? 'default' : undefined, isBootstrapCopy ? 'default' : origin);
      roles.set(role.id, role);
    } else if (origin === 'input' || options.includeDefaultBindings === true) {
      const binding = bindingOfObject(object, name, object.kind === 'RoleBinding' ? namespace ?? 'default' : undefined, origin);
      bindings.set(binding.id, binding);
    }
  };
  for (const object of options.defaults ?? []) add(object, 'default');
  for (const object of objects) {
    add(object, 'input');
    collectRunAs(object, accounts, workloads, tokenSecrets, namespaces);
  }

  const clusterRoleBindings: RbacBinding[] = [];
  const roleBindingsByNamespace = new Map<string, RbacBinding[]>();
  for (const binding of bindings.values()) {
    if (binding.namespace === undefined) clusterRoleBindings.push(binding);
    else {
      namespaces.add(binding.namespace);
      const list = roleBindingsByNamespace.get(binding.namespace) ?? [];
      list.push(binding);
      roleBindingsByNamespace.set(binding.namespace, list);
    }
    for (const subject of binding.subjects) {
      if (subject.kind !== 'ServiceAccount') continue;
      const namespace = subject.namespace ?? binding.namespace;
      if (namespace === undefined) continue;
      namespaces.add(namespace);
      const key = `${namespace}/${subject.name}`;
      const known = accounts.get(key);
      if (known === undefined) accounts.set(key, { namespace, name: subject.name, origin: binding.origin });
      else if (known.origin === 'default' && binding.origin === 'input') accounts.set(key, { ...known, origin: 'input' });
    }
  }
  for (const role of roles.values()) if (role.namespace !== undefined && role.origin === 'input') namespaces.add(role.namespace);

  const aggregated = aggregateRules(roles);
  const noRules: readonly RoleRule[] = [];
  return {
    roles,
    bindings: [...bindings.values()],
    clusterRoleBindings,
    roleBindingsByNamespace,
    serviceAccounts: [...accounts.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)),
    workloads,
    tokenSecrets,
    namespaces: [...namespaces].sort(),
    rulesOf: (roleId) => aggregated.get(roleId) ?? noRules,
    roleOf: (binding) => roles.get(roleIdOfRef(binding)),
  };
}

/** The id a binding's roleRef points at: a Role in the binding's namespace, or a ClusterRole. */
export function roleIdOfRef(binding: RbacBinding): string {
  // GetRoleReferenceRules: kind Role is looked up in the binding's namespace ("" for a ClusterRoleBinding,
  // which never exists); any other kind than Role/ClusterRole resolves to nothing.
  if (binding.roleRef.kind === 'Role') return `Role/${binding.namespace ?? ''}/${binding.roleRef.name}`;
  if (binding.roleRef.kind === 'ClusterRole') return `ClusterRole/${binding.roleRef.name}`;
  return `${binding.roleRef.kind}/${binding.roleRef.name}`;
}

function roleOfObject(object: K8sObject, name: string, namespace: string | undefined, origin: Origin): RbacRole {
  const rules = Array.isArray(object['rules']) ? object['rules'].map(policyRuleOf) : [];
  const aggregation = object['aggregationRule'];
  let aggregationSelectors: Selector[] | undefined;
  if (object.kind === 'ClusterRole' && isRecord(aggregation) && Array.isArray(aggregation['clusterRoleSelectors'])) {
    // The aggregation controller reads each entry with LabelSelectorAsSelector: an empty (or null) entry
    // selects every ClusterRole; an invalid one selects none here.
    aggregationSelectors = aggregation['clusterRoleSelectors'].map((selector: unknown) => parseSelector(selector));
  }
  const base = { id: roleIdOf(object.kind, name, namespace), kind: object.kind as RbacRole['kind'], name, labels: labelsOf(object.metadata), declaredRules: rules, origin, object };
  const withNamespace = namespace === undefined ? base : { ...base, namespace };
  return aggregationSelectors === undefined ? withNamespace : { ...withNamespace, aggregationSelectors };
}

function bindingOfObject(object: K8sObject, name: string, namespace: string | undefined, origin: Origin): RbacBinding {
  const ref = isRecord(object['roleRef']) ? object['roleRef'] : {};
  const roleRef = {
    kind: typeof ref['kind'] === 'string' ? ref['kind'] : '',
    name: typeof ref['name'] === 'string' ? ref['name'] : '',
    apiGroup: typeof ref['apiGroup'] === 'string' ? ref['apiGroup'] : '',
  };
  const subjects: Subject[] = [];
  if (Array.isArray(object['subjects'])) {
    for (const item of object['subjects']) {
      if (!isRecord(item) || typeof item['kind'] !== 'string' || typeof item['name'] !== 'string') continue;
      const subjectNamespace = typeof item['namespace'] === 'string' && item['namespace'] !== '' ? item['namespace'] : undefined;
      subjects.push(subjectNamespace === undefined ? { kind: item['kind'], name: item['name'] } : { kind: item['kind'], name: item['name'], namespace: subjectNamespace });
    }
  }
  const base = { id: bindingIdOf(object.kind, name, namespace), kind: object.kind as RbacBinding['kind'], name, roleRef, subjects, origin, object };
  return namespace === undefined ? base : { ...base, namespace };
}

// The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation) sets an aggregated
// ClusterRole's rules to the union, in name order and without duplicates, of the rules of every other
// ClusterRole matched by any selector; its own `rules` are overwritten. Aggregation is transitive
// (admin selects edit, which selects view) because the controller re-runs until nothing changes.
function aggregateRules(roles: ReadonlyMap<string, RbacRole>): Map<string, readonly RoleRule[]> {
  const result = new Map<string, readonly RoleRule[]>();
  const clusterRoles = [...roles.values()].filter((role) => role.kind === 'ClusterRole').sort((a, b) => a.name.localeCompare(b.name));
  const inProgress = new Set<string>();
  const resolve = (role: RbacRole): readonly RoleRule[] => {
    const done = result.get(role.id);
    if (done !== undefined) return done;
    const own = role.declaredRules.map((rule, index) => ({ rule, declaredBy: role.id, index }));
    if (role.aggregationSelectors === undefined || inProgress.has(role.id)) return own;
    inProgress.add(role.id);
    const rules: RoleRule[] = [];
    const seen = new Set<string>();
    for (const selector of role.aggregationSelectors) {
      for (const candidate of clusterRoles) {
        if (candidate.id === role.id || !selectorMatches(selector, candidate.labels)) continue;
        for (const roleRule of resolve(candidate)) {
          const key = ruleKey(roleRule.rule);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(roleRule);
        }
      }
    }
    inProgress.delete(role.id);
    result.set(role.id, rules);
    return rules;
  };
  for (const role of roles.values()) {
    if (role.aggregationSelectors !== undefined) resolve(role);
    else result.set(role.id, role.declaredRules.map((rule, index) => ({ rule, declaredBy: role.id, index })));
  }
  return result;
}

const TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';

function collectRunAs(object: K8sObject, accounts: Map<string, ServiceAccountInfo>, workloads: WorkloadInfo[],
  tokenSecrets: TokenSecretInfo[], namespaces: Set<string>): void {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : 'default';
  if (object.kind === 'Namespace' && object.apiVersion === 'v1' && name !== '') {
    namespaces.add(name);
    return;
  }
  if (isRbacObject(object) || name === '') return;
  if (object.kind === 'ServiceAccount' && object.apiVersion === 'v1') {
    namespaces.add(namespace);
    accounts.set(`${namespace}/${name}`, { namespace, name, object, origin: 'input' });
    return;
  }
  if (object.kind === 'Secret' && object.apiVersion === 'v1' && object['type'] === TOKEN_SECRET_TYPE) {
    // Only the annotation naming the account is read; the token value never is.
    const account = annotationsOf(object.metadata)['kubernetes.io/service-account.name'];
    if (account !== undefined) tokenSecrets.push({ namespace, name, serviceAccountName: account });
    return;
  }
  const view = podSpecOf(object);
  if (view === undefined) return;
  namespaces.add(namespace);
  const spec = view.spec;
  // serviceAccountName wins over the deprecated serviceAccount; unset means `default`.
  const serviceAccountName = typeof spec['serviceAccountName'] === 'string' && spec['serviceAccountName'] !== '' ? spec['serviceAccountName']
    : typeof spec['serviceAccount'] === 'string' && spec['serviceAccount'] !== '' ? spec['serviceAccount'] : 'default';
  workloads.push({ kind: object.kind, namespace, name, serviceAccountName });
  const key = `${namespace}/${serviceAccountName}`;
  if (!accounts.has(key)) accounts.set(key, { namespace, name: serviceAccountName, origin: 'input' });
}
