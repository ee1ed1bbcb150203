// Public API of the RBAC analysis: a pure model and authorizer over Kubernetes objects.
export type * from './types.js';
export { buildRbacModel, isRbacObject, roleIdOfRef, type RbacModel, type RbacModelOptions, type ServiceAccountInfo, type WorkloadInfo, type TokenSecretInfo } from './model.js';
export { loadBootstrapPolicy, type BootstrapPolicy } from './bootstrap-policy.js';
export { ruleAllows, policyRuleOf, verbMatches, apiGroupMatches, resourceMatches, resourceNameMatches, nonResourceURLMatches } from './rule-matching.js';
export { canI, whoCan, impersonatedUser, subjectAppliesTo, parseServiceAccountUsername, serviceAccountUsername, type Decision, type SubjectGrants } from './authorizer.js';
export { parseSubjectRef, formatSubjectRef, userInfoOf, type SubjectRef } from './subjects.js';
export { permissionsOf, type Permission } from './permissions.js';
export { DANGEROUS_ACCESS, matchingProbes, isFullAccessRule, type DangerousAccess, type AccessProbe } from './dangerous-access.js';
export { EscalationAnalyzer, escalationPaths, type EscalationPath, type PathStep, type EndState, type Via } from './paths.js';
export { rbacGraphOf, renderDot, renderMermaid, type RbacGraph } from './graph.js';
export { parseAccessRequest, formatAccessRequest, type ParsedRequest, type RequestOptions } from './request.js';
