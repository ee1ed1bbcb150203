import type { AccessRequest, PolicyRule } from './types.js';

// Rule matching exactly as the RBAC authorizer does it: RuleAllows in
// k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go, built from the helpers in
// pkg/apis/rbac/v1/evaluation_helpers.go. Subtleties kept on purpose:
// - `*` in resources matches every resource and subresource; `*/scale` matches the `scale`
//   subresource of any resource; `pods/*` is NOT a wildcard and matches nothing but the literal.
// - a rule with resourceNames never matches a request without a name (list, watch, create).
// - a nonResourceURL ending in `*` matches by prefix (all trailing `*` trimmed).

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((ruleVerb) => ruleVerb === '*' || ruleVerb === verb);
}

export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  return rule.apiGroups.some((ruleGroup) => ruleGroup === '*' || ruleGroup === apiGroup);
}

export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === '*' || ruleResource === combinedResource) return true;
    if (subresource !== '' && ruleResource.length === subresource.length + 2 &&
      ruleResource.startsWith('*/') && ruleResource.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const ruleURL of rule.nonResourceURLs) {
    if (ruleURL === '*' || ruleURL === path) return true;
    if (ruleURL.endsWith('*') && path.startsWith(ruleURL.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (request.type === 'nonResource') return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  const combined = request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
  return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combined, request.subresource) && resourceNameMatches(rule, request.name);
}

/** Reads a `rules[]` entry leniently: manifests are untrusted, wrong types count as empty lists. */
export function policyRuleOf(value: unknown): PolicyRule {
  const record = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  return {
    verbs: stringsAt(record['verbs']),
    apiGroups: stringsAt(record['apiGroups']),
    resources: stringsAt(record['resources']),
    resourceNames: stringsAt(record['resourceNames']),
    nonResourceURLs: stringsAt(record['nonResourceURLs']),
  };
}

function stringsAt(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Stable text of a rule, for de-duplication and display. */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs, rule.verbs]);
}
