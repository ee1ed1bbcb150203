import { isRecord } from '../foundation/field-path.js';

// metav1.LabelSelector semantics (apimachinery labels.Selector):
// - matchLabels and every matchExpressions requirement are ANDed;
// - `{}` (no requirement) selects everything; absence is decided by the caller, since NetworkPolicy gives
//   "absent" and "empty" different meanings for peer selectors;
// - In: the key exists and its value is listed; NotIn: the key is absent or its value is not listed;
//   Exists / DoesNotExist: presence of the key only.
// A selector the API server would reject (unknown operator, In without values, values on Exists) can
// never select anything here, so a typo never widens what a policy allows.

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

export type Selector =
  | { readonly type: 'everything' }
  | { readonly type: 'requirements'; readonly requirements: readonly Requirement[] }
  | { readonly type: 'invalid'; readonly reason: string };

export const SELECT_EVERYTHING: Selector = { type: 'everything' };

/** Reads a LabelSelector; `{}`, `null` and an object with empty matchLabels/matchExpressions select everything. */
export function parseSelector(value: unknown): Selector {
  if (value === null || value === undefined) return SELECT_EVERYTHING;
  if (!isRecord(value)) return { type: 'invalid', reason: 'selector is not an object' };
  const requirements: Requirement[] = [];
  const matchLabels = value['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return { type: 'invalid', reason: 'matchLabels is not a map' };
    for (const [key, labelValue] of Object.entries(matchLabels)) {
      const text = labelText(labelValue);
      if (text === undefined) return { type: 'invalid', reason: `matchLabels.${key} is not a string` };
      requirements.push({ key, operator: 'In', values: [text] });
    }
  }
  const matchExpressions = value['matchExpressions'];
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return { type: 'invalid', reason: 'matchExpressions is not a list' };
    for (const [index, expression] of matchExpressions.entries()) {
      const requirement = parseRequirement(expression);
      if (typeof requirement === 'string') return { type: 'invalid', reason: `matchExpressions[${index}]: ${requirement}` };
      requirements.push(requirement);
    }
  }
  return requirements.length === 0 ? SELECT_EVERYTHING : { type: 'requirements', requirements };
}

function parseRequirement(value: unknown): Requirement | string {
  if (!isRecord(value)) return 'not an object';
  const key = value['key'];
  const operator = value['operator'];
  if (typeof key !== 'string' || key === '') return 'key is missing';
  if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
    return `unknown operator ${JSON.stringify(operator)}`;
  }
  const rawValues = value['values'];
  const values: string[] = [];
  if (Array.isArray(rawValues)) {
    for (const item of rawValues) {
      const text = labelText(item);
      if (text === undefined) return 'values must be strings';
      values.push(text);
    }
  } else if (rawValues !== undefined && rawValues !== null) return 'values is not a list';
  // Validation in apimachinery: In/NotIn need at least one value, Exists/DoesNotExist must have none.
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) return `${operator} needs values`;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) return `${operator} takes no values`;
  return { key, operator, values };
}

// YAML 1.1 readers may hand us numbers or booleans where the API holds strings; they stand for their text.
function labelText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function selectorMatches(selector: Selector, labels: Labels): boolean {
  if (selector.type === 'everything') return true;
  if (selector.type === 'invalid') return false;
  for (const requirement of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const value = has ? labels[requirement.key] : undefined;
    switch (requirement.operator) {
      case 'In':
        if (value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && requirement.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

export function isSelectEverything(selector: Selector): boolean {
  return selector.type === 'everything';
}

/** A stable text form, for tables and explanations: `app=web,tier in (a,b),!debug`. */
export function formatSelector(selector: Selector): string {
  if (selector.type === 'everything') return '{}';
  if (selector.type === 'invalid') return `<invalid: ${selector.reason}>`;
  return selector.requirements.map((requirement) => {
    switch (requirement.operator) {
      case 'In':
        return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0] ?? ''}` : `${requirement.key} in (${requirement.values.join(',')})`;
      case 'NotIn':
        return `${requirement.key} notin (${requirement.values.join(',')})`;
      case 'Exists':
        return requirement.key;
      case 'DoesNotExist':
        return `!${requirement.key}`;
    }
  }).join(',');
}
