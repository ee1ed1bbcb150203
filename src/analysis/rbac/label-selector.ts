import type { LabelSelector, LabelSelectorRequirement } from './types.js';

// metav1.LabelSelector semantics: matchLabels and matchExpressions are ANDed; an empty selector
// matches everything (LabelSelectorAsSelector); an unknown operator matches nothing.

export function labelSelectorOf(value: unknown): LabelSelector | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const matchLabels: Record<string, string> = {};
  const labels = record['matchLabels'];
  if (typeof labels === 'object' && labels !== null) {
    for (const [key, label] of Object.entries(labels)) if (typeof label === 'string') matchLabels[key] = label;
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  const expressions = record['matchExpressions'];
  if (Array.isArray(expressions)) {
    for (const expression of expressions) {
      if (typeof expression !== 'object' || expression === null) continue;
      const { key, operator, values } = expression as Record<string, unknown>;
      if (typeof key !== 'string' || typeof operator !== 'string') continue;
      matchExpressions.push({ key, operator, values: Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [] });
    }
  }
  return { matchLabels, matchExpressions };
}

export function labelSelectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  return selector.matchExpressions.every((requirement) => requirementMatches(requirement, labels));
}

function requirementMatches(requirement: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In': return has && value !== undefined && requirement.values.includes(value);
    case 'NotIn': return !has || (value !== undefined && !requirement.values.includes(value));
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}
