import { isRecord, formatFieldPath, type FieldPath } from '../foundation/field-path.js';
import { containersOf, podSpecOf, type PodSpecView } from '../k8s/pod-spec.js';
import { resourceRefOf, type K8sObject } from '../k8s/object.js';
import type { FixOperation, FixProposal } from './operations.js';

// Settings written into an object where they are not a field of it but clearly describe another object.
// The API server drops unknown fields, or rejects them under strict field validation (KEP-2885, GA in
// 1.27; kubectl's default `--validate=true` means strict), so such a block never takes effect: the author
// believed the pod was isolated while it is not. The fix removes the block and emits the object it meant.
//
// Recognised: NetworkPolicy rules (`ingress`/`egress`, with `policyTypes`/`podSelector`) inside a pod
// spec or a workload spec. A block counts as NetworkPolicy-shaped only when every rule uses only
// NetworkPolicy rule fields (`from`/`ports` for ingress, `to`/`ports` for egress), so an unrelated field
// that happens to be called `ingress` is left alone.

export interface MisplacedSetting {
  /** Paths of the misplaced fields, from the object root. */
  readonly paths: readonly FieldPath[];
  readonly warning: string;
  /** Removes the misplaced fields; undefined when the meant object cannot be built (then only warn). */
  readonly fix?: FixProposal;
  /** The objects the block meant. */
  readonly companions?: readonly K8sObject[];
}

const INGRESS_RULE_FIELDS = new Set(['from', 'ports']);
const EGRESS_RULE_FIELDS = new Set(['to', 'ports']);
const PEER_FIELDS = new Set(['podSelector', 'namespaceSelector', 'ipBlock']);
const POLICY_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'] as const;

export function findMisplacedSettings(object: K8sObject): MisplacedSetting[] {
  if (object.kind === 'ServiceAccount') return misplacedRbacRules(object);
  const view = podSpecOf(object);
  if (view === undefined) return [];
  return [...misplacedNetworkPolicies(object, view), ...networkPolicyBlocks(object, view), ...misplacedContainerSettings(object, view)];
}

/** The label a NetworkPolicy made from a pod's misplaced block selects it by, when the pod has none. */
export const SELECTOR_LABEL = 'app.kubernetes.io/name';
const POLICY_BLOCK_KEYS = new Set(['networkpolicy', 'networkpolicies', 'networkpolicyspec']);

/**
 * A whole `networkPolicy:` block (a NetworkPolicy spec: ingress/egress rules, policyTypes, podSelector)
 * written inside a pod, its spec or a workload spec: the classic mistake of configuring a pod's
 * isolation on the pod. It becomes a NetworkPolicy selecting the pods, with the user's rules; pods
 * without labels get one to be selected by.
 */
function networkPolicyBlocks(object: K8sObject, view: PodSpecView): MisplacedSetting[] {
  const places: FieldPath[] = [[], view.specPath];
  if (object.kind !== 'Pod' && isRecord(object['spec'])) places.push(['spec']);
  const out: MisplacedSetting[] = [];
  const resource = resourceRefOf(object);
  for (const place of places) {
    const parent = valueAt(object, place);
    if (!isRecord(parent)) continue;
    for (const [key, block] of Object.entries(parent)) {
      if (!POLICY_BLOCK_KEYS.has(key.toLowerCase()) || !isRecord(block)) continue;
      const keys = Object.keys(block);
      if (keys.length === 0 || !keys.every((field) => (POLICY_FIELDS as readonly string[]).includes(field))) continue;
      const hasIngress = isRuleList(block['ingress'], INGRESS_RULE_FIELDS, 'from');
      const hasEgress = isRuleList(block['egress'], EGRESS_RULE_FIELDS, 'to');
      if ((block['ingress'] !== undefined && !hasIngress) || (block['egress'] !== undefined && !hasEgress)) continue;
      const policyTypes = Array.isArray(block['policyTypes']) ? block['policyTypes'] : [...(hasIngress ? ['Ingress'] : []), ...(hasEgress ? ['Egress'] : [])];
      if (policyTypes.length === 0 || !policyTypes.every((type: unknown) => type === 'Ingress' || type === 'Egress')) continue;
      const path = [...place, key];
      const where = formatFieldPath(path);
      const name = `${resource.name.replace(/\*$/, '')}-network-policy`;
      const described = `${resource.kind}/${resource.namespace === undefined ? '' : `${resource.namespace}/`}${resource.name}: ${where} is a NetworkPolicy written into the ${resource.kind}; Kubernetes ignores it, so its rules never applied`;
      if (resource.name.endsWith('*') || resource.name === '<unnamed>') {
        out.push({ paths: [path], warning: `${described}. Create the NetworkPolicy by hand` });
        continue;
      }
      let selector = podSelectorFor(object, block['podSelector']);
      const labelling: FixOperation[] = [];
      if (selector === undefined) {
        const value = resource.name;
        labelling.push({ op: 'set', path: [...view.podMetadataPath, 'labels', SELECTOR_LABEL], value });
        selector = { matchLabels: { [SELECTOR_LABEL]: value } };
      }
      const companion = networkPolicyOf(name, resource.namespace, selector, structuredClone(policyTypes), hasIngress ? block['ingress'] : undefined, hasEgress ? block['egress'] : undefined);
      const labelled = labelling.length === 0 ? '' : ` (labelling the pods ${SELECTOR_LABEL}=${resource.name} to select them)`;
      out.push({
        paths: [path],
        warning: `${described}. Moved into NetworkPolicy/${name}${labelled}`,
        fix: { kind: 'safe', title: `move ${where} into NetworkPolicy ${name}${labelled}`, operations: [{ op: 'remove', path }, ...labelling] },
        companions: [companion],
      });
    }
  }
  return out;
}

function misplacedNetworkPolicies(object: K8sObject, view: PodSpecView): MisplacedSetting[] {
  const places: FieldPath[] = [view.specPath];
  // A workload's own spec (Deployment.spec) is a second place people put them.
  if (object.kind !== 'Pod' && isRecord(object['spec'])) places.push(['spec']);
  const out: MisplacedSetting[] = [];
  for (const place of places) {
    const spec = valueAt(object, place);
    if (!isRecord(spec)) continue;
    const hasIngress = isRuleList(spec['ingress'], INGRESS_RULE_FIELDS, 'from');
    const hasEgress = isRuleList(spec['egress'], EGRESS_RULE_FIELDS, 'to');
    if (!hasIngress && !hasEgress) continue;
    const fields = POLICY_FIELDS.filter((field) => {
      if (field === 'ingress') return hasIngress;
      if (field === 'egress') return hasEgress;
      if (field === 'policyTypes') return Array.isArray(spec[field]) && spec[field].every((type: unknown) => type === 'Ingress' || type === 'Egress');
      // podSelector is a field of neither a pod spec nor a workload spec; next to rules it is the policy's.
      return isRecord(spec[field]);
    });
    const paths = fields.map((field) => [...place, field]);
    const where = formatFieldPath(place);
    const resource = resourceRefOf(object);
    const name = `${resource.name.replace(/\*$/, '')}-network-policy`;
    const selector = podSelectorFor(object, spec['podSelector']);
    const described = `${resource.kind}/${resource.namespace === undefined ? '' : `${resource.namespace}/`}${resource.name}: ${fields.map((field) => `${where}.${field}`).join(', ')} is NetworkPolicy configuration, not a ${resource.kind} field; Kubernetes ignores it, so these rules never applied`;
    if (selector === undefined) {
      out.push({ paths, warning: `${described}. It cannot be turned into a NetworkPolicy because the pods have no labels to select them; move it by hand` });
      continue;
    }
    const policyTypes = Array.isArray(spec['policyTypes']) ? (spec['policyTypes'] as unknown[]) : [...(hasIngress ? ['Ingress'] : []), ...(hasEgress ? ['Egress'] : [])];
    const companion = networkPolicyOf(name, resource.namespace, selector, policyTypes, hasIngress ? spec['ingress'] : undefined, hasEgress ? spec['egress'] : undefined);
    out.push({
      paths,
      warning: `${described}. Moved into NetworkPolicy/${name}`,
      fix: { kind: 'safe', title: `move ${fields.join('/')} from ${where} into NetworkPolicy ${name}`, operations: paths.map((path) => ({ op: 'remove', path })) },
      companions: [companion],
    });
  }
  return out;
}

/** The NetworkPolicy a misplaced block meant: the user's rules (copied), for the pods of the selector. */
function networkPolicyOf(name: string, namespace: string | undefined, podSelector: Record<string, unknown>, policyTypes: unknown[], ingress: unknown, egress: unknown): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    spec: {
      podSelector,
      policyTypes,
      ...(ingress === undefined ? {} : { ingress: structuredClone(ingress) }),
      ...(egress === undefined ? {} : { egress: structuredClone(egress) }),
    },
  };
}

// Fields of a container's SecurityContext that PodSecurityContext does not have (k8s.io/api core/v1
// types.go): written at the pod level they are dropped, so the pod runs without them.
const CONTAINER_ONLY_FIELDS = ['privileged', 'allowPrivilegeEscalation', 'capabilities', 'readOnlyRootFilesystem', 'procMount'] as const;

/**
 * Container settings written into the pod's securityContext. A hardening value moves into every container
 * that does not set the field itself (safe, except readOnlyRootFilesystem, which can break a workload
 * that writes to its filesystem: a suggestion). A value that would weaken the containers (privileged:
 * true, added capabilities) is only removed: it never applied, and applying it now would be a hole.
 */
function misplacedContainerSettings(object: K8sObject, view: PodSpecView): MisplacedSetting[] {
  const podContext = view.spec.securityContext;
  if (!isRecord(podContext)) return [];
  const resource = resourceRefOf(object);
  const owner = `${resource.kind}/${resource.namespace === undefined ? '' : `${resource.namespace}/`}${resource.name}`;
  const out: MisplacedSetting[] = [];
  for (const field of CONTAINER_ONLY_FIELDS) {
    const value = podContext[field];
    if (value === undefined) continue;
    const podPath: FieldPath = [...view.specPath, 'securityContext', field];
    const where = formatFieldPath(podPath);
    const described = `${owner}: ${where} is a container setting (the pod-level securityContext has no such field), so it never applied`;
    const hardening = isHardening(field, value);
    if (!hardening) {
      out.push({
        paths: [podPath],
        warning: `${described}. Removed without moving it: in the containers it would weaken them`,
        fix: { kind: 'safe', title: `remove ${where} (not a pod field; not moved, it would weaken the containers)`, operations: [{ op: 'remove', path: podPath }] },
      });
      continue;
    }
    const targets = containersOf(view).filter((container) => !isRecord(container.container.securityContext) || container.container.securityContext[field] === undefined);
    out.push({
      paths: [podPath],
      warning: `${described}. Moved into the securityContext of ${targets.length === 0 ? 'no container (each sets its own)' : targets.map((container) => `"${container.name}"`).join(', ')}`,
      fix: {
        kind: field === 'readOnlyRootFilesystem' ? 'suggestion' : 'safe',
        title: `move ${where} into the containers' securityContext`,
        operations: [
          { op: 'remove', path: podPath },
          ...targets.map((container) => ({ op: 'set' as const, path: [...container.path, 'securityContext', field], value: structuredClone(value) })),
        ],
      },
    });
  }
  return out;
}

function isHardening(field: (typeof CONTAINER_ONLY_FIELDS)[number], value: unknown): boolean {
  switch (field) {
    case 'privileged':
    case 'allowPrivilegeEscalation':
      return value === false;
    case 'readOnlyRootFilesystem':
      return value === true;
    case 'procMount':
      return value === 'Default';
    case 'capabilities':
      return isRecord(value) && value['add'] === undefined && Array.isArray(value['drop']) && Object.keys(value).every((key) => key === 'drop');
  }
}

const POLICY_RULE_FIELDS = new Set(['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs']);

/**
 * RBAC rules written into a ServiceAccount (`rules:` is a Role field): they grant nothing. They become a
 * Role in the ServiceAccount's namespace and a RoleBinding to the account.
 */
function misplacedRbacRules(account: K8sObject): MisplacedSetting[] {
  const rules = account['rules'];
  if (!Array.isArray(rules) || rules.length === 0) return [];
  const isPolicyRules = rules.every((rule: unknown) => isRecord(rule) && Array.isArray(rule['verbs']) &&
    Object.keys(rule).every((key) => POLICY_RULE_FIELDS.has(key)) && rule['nonResourceURLs'] === undefined);
  if (!isPolicyRules) return [];
  const resource = resourceRefOf(account);
  const where = `ServiceAccount/${resource.namespace === undefined ? '' : `${resource.namespace}/`}${resource.name}`;
  const described = `${where}: rules is Role configuration, not a ServiceAccount field; Kubernetes ignores it, so the account was never granted these permissions`;
  if (resource.name.endsWith('*') || resource.name === '<unnamed>') return [{ paths: [['rules']], warning: `${described}. Create the Role and RoleBinding by hand` }];
  const namespace = resource.namespace === undefined ? {} : { namespace: resource.namespace };
  const role: K8sObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: resource.name, ...namespace }, rules: structuredClone(rules) };
  const binding: K8sObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: resource.name, ...namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: resource.name },
    subjects: [{ kind: 'ServiceAccount', name: resource.name, ...namespace }],
  };
  return [{
    paths: [['rules']],
    warning: `${described}. Moved into Role/${resource.name} with RoleBinding/${resource.name}; review the permissions before applying`,
    // A suggestion: the Role grants permissions the account never had, which a person should decide.
    fix: { kind: 'suggestion', title: `move rules from the ServiceAccount into Role ${resource.name} and RoleBinding ${resource.name}`, operations: [{ op: 'remove', path: ['rules'] }] },
    companions: [role, binding],
  }];
}

function isRuleList(value: unknown, ruleFields: ReadonlySet<string>, peersField: string): boolean {
  if (!Array.isArray(value)) return false;
  return value.every((rule: unknown) => {
    if (!isRecord(rule)) return false;
    const keys = Object.keys(rule);
    if (!keys.every((key) => ruleFields.has(key))) return false;
    const peers = rule[peersField];
    if (peers !== undefined && !(Array.isArray(peers) && peers.every((peer: unknown) => isRecord(peer) && Object.keys(peer).every((key) => PEER_FIELDS.has(key))))) return false;
    const ports = rule['ports'];
    return ports === undefined || (Array.isArray(ports) && ports.every((port: unknown) => isRecord(port)));
  });
}

/** The selector of the pods: the block's own podSelector, the workload's selector, or the pod labels. */
function podSelectorFor(object: K8sObject, ownSelector: unknown): Record<string, unknown> | undefined {
  if (isRecord(ownSelector) && Object.keys(ownSelector).length > 0) return structuredClone(ownSelector);
  const spec = object['spec'];
  if (object.kind !== 'Pod' && isRecord(spec) && isRecord(spec['selector'])) {
    const selector = spec['selector'];
    if (isRecord(selector['matchLabels']) || Array.isArray(selector['matchExpressions'])) return structuredClone(selector);
  }
  const view = podSpecOf(object);
  const labels = view?.podMetadata['labels'];
  if (isRecord(labels) && Object.keys(labels).length > 0) return { matchLabels: structuredClone(labels) };
  return undefined;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const segment of path) current = isRecord(current) ? current[segment as string] : undefined;
  return current;
}
