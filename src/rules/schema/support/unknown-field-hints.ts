import type { RuleReport } from '../../../engine/rule.js';
import type { FixProposal } from '../../../fix/operations.js';
import { formatFieldPath, getAtPath, isRecord } from '../../../foundation/field-path.js';
import { issuesAgainst, type FieldIssue } from './field-issues.js';
import { NODE, shortTypeName, type KubernetesSchema, type ObjectNode } from './kubernetes-schema.js';

type UnknownIssue = Extract<FieldIssue, { type: 'unknown' }>;

// What the two unknown-field rules say about a field the API does not have, most helpful first:
// the valid field it is a typo of, the object types where it does exist (a misplaced block), the kind
// it names (a `networkPolicy:` block is an object of its own), or just the field's name.

export const UNKNOWN_FIELD_MESSAGES = {
  typo: '`{{field}}` is not a field of {{type}} in Kubernetes {{version}}; the API server drops it. Did you mean `{{suggestion}}`?',
  misplaced: '`{{field}}` is not a field of {{type}} in Kubernetes {{version}}; the API server drops it. `{{field}}` is a field of {{owners}}: move it there.',
  kind: '`{{field}}` is not a field of {{type}} in Kubernetes {{version}}; the API server drops it. {{kind}} is an object of its own (`kind: {{kind}}`), not a field.',
  unknown: '`{{field}}` is not a field of {{type}} in Kubernetes {{version}}; the API server drops it.',
} as const;

export function unknownFieldReport(schema: KubernetesSchema, issue: UnknownIssue, object: unknown): RuleReport {
  const base = { field: issue.field, type: shortTypeName(issue.parent.name), version: schema.kubernetesVersion };
  const suggestion = closestFieldName(issue.field, issue.parent);
  if (suggestion !== undefined) {
    const fix = renameFix(issue, suggestion, object);
    return { messageId: 'typo', data: { ...base, suggestion }, path: issue.path, ...(fix === undefined ? {} : { fix }) };
  }
  const owners = ownersOf(schema, issue.field, issue.parent, issue.value);
  if (owners !== undefined) return { messageId: 'misplaced', data: { ...base, owners }, path: issue.path };
  const kind = schema.kindNames.get(issue.field.toLowerCase());
  if (kind !== undefined) return { messageId: 'kind', data: { ...base, kind }, path: issue.path };
  return { messageId: 'unknown', data: base, path: issue.path };
}

/**
 * The "did you mean" correction as a fix: the value moves to the field the API defines, when that field
 * is not set too (then which one was meant is the author's call). A suggestion: the setting starts to
 * apply, which changes what the workload does (a `runAsNonRoot: true` that never applied).
 */
function renameFix(issue: UnknownIssue, suggestion: string, object: unknown): FixProposal | undefined {
  const parentPath = issue.path.slice(0, -1);
  const parent = getAtPath(object, parentPath);
  if (!isRecord(parent) || parent[suggestion] !== undefined || issue.value === undefined) return undefined;
  return {
    kind: 'suggestion',
    title: `rename ${formatFieldPath(issue.path)} to ${suggestion}`,
    operations: [{ op: 'remove', path: issue.path }, { op: 'set', path: [...parentPath, suggestion], value: structuredClone(issue.value) }],
  };
}

/**
 * The parent's field the unknown one most likely misspells: the same name in another case
 * (`Image`, `runAsNonroot`) or the nearest by edit distance within a budget that grows with length.
 */
export function closestFieldName(field: string, parent: ObjectNode): string | undefined {
  const lower = field.toLowerCase();
  const budget = field.length <= 4 ? 1 : field.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of parent.fields.keys()) {
    if (candidate.toLowerCase() === lower) return candidate;
    if (Math.abs(candidate.length - field.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

/** Optimal string alignment distance (a swap of neighbours costs 1), abandoned once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  let previous2 = new Array<number>(columns).fill(0);
  let previous = Array.from({ length: columns }, (_, j) => j);
  let current = new Array<number>(columns).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return rowMinimum;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[columns - 1] ?? 0;
}

/**
 * Up to three object types that define the field and where the written value is valid as it stands,
 * those of the parent's API group first: an `ingress:` block of NetworkPolicy rules points at
 * NetworkPolicySpec, not at LoadBalancerStatus.
 */
function ownersOf(schema: KubernetesSchema, field: string, parent: ObjectNode, value: unknown): string | undefined {
  const owners = schema.typesWithField(field);
  if (owners.length === 0) return undefined;
  const group = parent.name.slice(0, parent.name.lastIndexOf('.'));
  const ranked = owners.map((owner, index) => {
    const node = owner.fields.get(field);
    // A free-form field accepts anything, so it says nothing about where the block belongs.
    const isInformative = node !== undefined && node.tag !== NODE.any && node.tag !== NODE.freeObject;
    return { owner, index, misfits: isInformative ? issuesAgainst(node, value).length : Number.POSITIVE_INFINITY, sameGroup: owner.name.startsWith(`${group}.`) };
  });
  ranked.sort((a, b) => a.misfits - b.misfits || Number(b.sameGroup) - Number(a.sameGroup) || a.index - b.index);
  const bestMisfits = ranked[0]?.misfits ?? 0;
  // A block that fits nowhere as written (a `spec:` on a ConfigMap) gets no guess.
  if (bestMisfits > 0) return undefined;
  const names: string[] = [];
  for (const { owner, misfits } of ranked) {
    if (misfits > bestMisfits) break;
    const name = shortTypeName(owner.name);
    if (!names.includes(name)) names.push(name);
    if (names.length === 3) break;
  }
  return names.join(', ');
}

// Fields that carry a security setting; an unknown field that is one of them, misspells one, or holds
// one, is a security setting the API server never applies.
const SECURITY_FIELDS = new Set([
  'securitycontext', 'privileged', 'runasnonroot', 'runasuser', 'runasgroup', 'capabilities', 'allowprivilegeescalation',
  'readonlyrootfilesystem', 'seccompprofile', 'selinuxoptions', 'apparmorprofile', 'procmount', 'sysctls', 'fsgroup',
  'fsgroupchangepolicy', 'supplementalgroups', 'windowsoptions', 'hostprocess', 'hostnetwork', 'hostpid', 'hostipc',
  'hostusers', 'automountserviceaccounttoken', 'networkpolicy', 'podsecuritypolicy', 'podsecuritycontext', 'ingress',
  'egress', 'policytypes', 'readonly',
]);
const MAX_NODES_SEARCHED = 500;

export function isSecurityField(issue: UnknownIssue): boolean {
  if (SECURITY_FIELDS.has(issue.field.toLowerCase())) return true;
  const suggestion = closestFieldName(issue.field, issue.parent);
  if (suggestion !== undefined && SECURITY_FIELDS.has(suggestion.toLowerCase())) return true;
  return holdsSecurityField(issue.value, { left: MAX_NODES_SEARCHED });
}

function holdsSecurityField(value: unknown, budget: { left: number }): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (--budget.left < 0) return false;
  if (Array.isArray(value)) return value.some((item) => holdsSecurityField(item, budget));
  for (const [key, child] of Object.entries(value)) {
    if (SECURITY_FIELDS.has(key.toLowerCase())) return true;
    if (holdsSecurityField(child, budget)) return true;
  }
  return false;
}
