import { EMPTY_CONFIG, type KubewardConfig } from '../engine/config.js';
import { Evaluation, type EngineFinding } from '../engine/evaluation.js';
import { isPssRule } from '../engine/pss-rule.js';
import { severityRank, type Rule } from '../engine/rule.js';
import { sourcelessSubject } from '../engine/subject.js';
import { applyOperationsToValue, dedupeOperations, operationsConflict } from '../fix/apply-operations.js';
import type { FixOperation } from '../fix/operations.js';
import { renderJsonPatch, type JsonPatchOperation } from '../fix/render-json-patch.js';
import { isRecord } from '../foundation/field-path.js';
import type { K8sObject } from '../k8s/object.js';
import { podSpecOf } from '../k8s/pod-spec.js';
import { evaluatePodSecurity, type PodSecurityViolation } from '../rules/pss/evaluate-pod-security.js';
import { DEFAULT_ADMISSION_CONFIG, type AdmissionConfig, type SeverityThreshold } from './admission-config.js';
import {
  formatLevelVersion, isFullyPrivileged, levelVersion, policyFromLabels, PSA_FORBIDDEN_REASONS, type LevelVersion, type NamespacePolicy,
} from './pod-security-policy.js';
import { isRelevantUpdate } from './relevant-update.js';
import type { AdmissionRequest, AdmissionResponse } from './review.js';

// The pure core of `kubeward serve`: an AdmissionRequest and the labels of its namespace in, the
// AdmissionResponse out. Nothing here reads the world; the server hands in the namespace labels from
// its informer, and the same request always gets the same answer (so dryRun requests get the answers
// real ones would, and nothing is remembered between requests).
//
// Validation (/validate):
// - Pod Security, as Pod Security Admission does it: pods (and pods/ephemeralcontainers) are judged
//   at the namespace's enforce, audit and warn policies; enforce denies, audit adds the
//   `audit-violations` audit annotation, warn answers with warnings (not when the request is denied
//   anyway). Workloads with pod templates get audit and warn only. Exempt namespaces, users and
//   runtime classes pass. Updates that change nothing the checks read pass unjudged.
// - kubeward's other per-object rules (RBAC, Services, Ingresses, images, ...): unsuppressed findings
//   at or above `rules.deny` deny, those at or above `rules.warn` become warnings.
// Mutation (/mutate): the safe fixes of the same findings as one RFC 6902 JSON Patch, computed until a
// pass finds nothing more to fix, so a second call on the patched object returns no patch.

export type Decision = 'allow' | 'deny' | 'warn' | 'patch' | 'exempt' | 'skip';
export type HitAction = 'deny' | 'warn' | 'audit' | 'patch';

export interface AdmissionOutcome {
  readonly response: AdmissionResponse;
  readonly decision: Decision;
  /** Rule ids (kubeward rules) and PSS check ids that took part in the decision, for metrics and logs. */
  readonly hits: readonly { readonly rule: string; readonly action: HitAction }[];
  /** The JSON Patch of /mutate (empty when nothing changes). */
  readonly patch?: readonly JsonPatchOperation[];
}

export interface AdmissionControllerOptions {
  readonly admission?: AdmissionConfig;
  /** Rule switches, severities, options and exceptions of .kubeward.yaml. */
  readonly config?: KubewardConfig;
  /** The rule catalogue; its per-object rules that are not PSS checks are kubeward's admission rules. */
  readonly rules: readonly Rule[];
  /** `YYYY-MM-DD`, for exception expiry. */
  readonly today: () => string;
}

/** Labels of the request's namespace; undefined when it is unknown (the defaults apply). */
export type NamespaceLabels = Readonly<Record<string, string>> | undefined;

const MAX_WARNINGS = 20;

/**
 * Rules about manifests kept in files, not about what a cluster admits: every Secret the API server
 * stores carries its data, and the ClusterVersion object is one kubeward makes up for scans. They take
 * part only when `rules.include` names them.
 */
export const FILE_ONLY_RULES: readonly string[] = ['no-secret-data-in-manifest', 'cluster-version-supported'];
const MAX_MUTATION_PASSES = 4;

export class AdmissionController {
  readonly #admission: AdmissionConfig;
  readonly #config: KubewardConfig;
  readonly #rules: readonly Rule[];
  /** The rules that read a kind: object rules for it (or every kind), and collection rules only where they read it. */
  readonly #rulesByKind = new Map<string, readonly Rule[]>();
  readonly #today: () => string;
  readonly #pssOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;

  constructor(options: AdmissionControllerOptions) {
    this.#admission = options.admission ?? DEFAULT_ADMISSION_CONFIG;
    const config = options.config ?? EMPTY_CONFIG;
    // Config exceptions count only when the admission policy says so; annotations are judged per finding.
    this.#config = this.#admission.suppressions === 'none' ? { ...config, exceptions: [] } : config;
    this.#today = options.today;
    const { include, exclude } = this.#admission.rules;
    this.#rules = options.rules.filter((rule) =>
      (rule.scope === 'object' ? !isPssRule(rule) : isSingleObjectCollectionRule(rule)) &&
      (include.length === 0 ? !FILE_ONLY_RULES.includes(rule.meta.id) : include.includes(rule.meta.id)) && !exclude.includes(rule.meta.id));
    this.#pssOptions = Object.fromEntries(Object.entries(config.rules).flatMap(([id, settings]) => (settings.options === undefined ? [] : [[id, settings.options]])));
  }

  /** The namespace policy for these labels (exposed for /readyz and tests). */
  policyFor(labels: NamespaceLabels): { policy: NamespacePolicy; errors: readonly string[] } {
    return policyFromLabels(labels, this.#admission.defaults);
  }

  validate(request: AdmissionRequest, namespaceLabels: NamespaceLabels): AdmissionOutcome {
    const skip = this.#skipReason(request);
    if (skip !== undefined) return { response: { uid: request.uid, allowed: true }, decision: skip, hits: [] };
    const object = request.object as K8sObject;
    const exempt = this.#exemption(request, object);
    if (exempt !== undefined) return { response: { uid: request.uid, allowed: true, auditAnnotations: { exempt } }, decision: 'exempt', hits: [] };

    const hits: { rule: string; action: HitAction }[] = [];
    const denials: string[] = [];
    const warnings: string[] = [];
    const auditAnnotations: Record<string, string> = {};

    if (object.kind === 'Namespace') {
      const invalid = policyFromLabels(labelsOfObject(object), this.#admission.defaults).errors;
      if (invalid.length > 0) denials.push(`invalid Pod Security labels: ${invalid.join('; ')}`);
    }

    const pss = this.#podSecurityMode(request, object);
    if (pss !== undefined) {
      const { policy, errors } = policyFromLabels(namespaceLabels, this.#admission.defaults);
      if (errors.length > 0) auditAnnotations['policy-errors'] = errors.join('; ');
      if (!isFullyPrivileged(policy)) {
        const verdicts = new Map<string, readonly PodSecurityViolation[]>();
        const judge = (value: LevelVersion): readonly PodSecurityViolation[] => {
          const key = formatLevelVersion(value);
          let violations = verdicts.get(key);
          if (violations === undefined) {
            violations = value.level === 'privileged' ? [] : evaluatePodSecurity(object, value, this.#pssOptions).violations;
            verdicts.set(key, violations);
          }
          return violations;
        };
        if (pss === 'pod') {
          auditAnnotations['enforce-policy'] = formatLevelVersion(policy.enforce);
          const violations = judge(policy.enforce);
          if (violations.length > 0) {
            denials.push(`violates PodSecurity "${formatLevelVersion(policy.enforce)}": ${describeViolations(violations)}`);
            for (const check of checkIds(violations)) hits.push({ rule: check, action: 'deny' });
          }
        }
        const audited = judge(policy.audit);
        if (audited.length > 0) {
          auditAnnotations['audit-violations'] = `would violate PodSecurity "${formatLevelVersion(policy.audit)}": ${describeViolations(audited)}`;
          for (const check of checkIds(audited)) hits.push({ rule: check, action: 'audit' });
        }
        // As PSA: no warnings on a request that is rejected anyway.
        if (denials.length === 0) {
          const warned = judge(policy.warn);
          if (warned.length > 0) {
            warnings.push(`would violate PodSecurity "${formatLevelVersion(policy.warn)}": ${describeViolations(warned)}`);
            for (const check of checkIds(warned)) hits.push({ rule: check, action: 'warn' });
          }
        }
      }
    }

    const { deny, warn } = this.#admission.rules;
    const ruleDenials: string[] = [];
    const ruleWarnings: string[] = [];
    for (const { finding } of this.#findings(request, object)) {
      if (meets(finding.severity, deny)) {
        ruleDenials.push(`${finding.ruleId} (${finding.severity}): ${finding.message}`);
        hits.push({ rule: finding.ruleId, action: 'deny' });
      } else if (meets(finding.severity, warn)) {
        ruleWarnings.push(`kubeward ${finding.ruleId} (${finding.severity}): ${finding.message}`);
        hits.push({ rule: finding.ruleId, action: 'warn' });
      }
    }
    if (ruleDenials.length > 0) denials.push(`violates kubeward policy: ${unique(ruleDenials).join('; ')}`);
    if (denials.length === 0) warnings.push(...capped(unique(ruleWarnings)));
    const flagged = unique(hits.filter((hit) => !(hit.rule in PSA_FORBIDDEN_REASONS)).map((hit) => hit.rule));
    if (flagged.length > 0) auditAnnotations['kubeward-findings'] = flagged.join(',');

    const annotations = Object.keys(auditAnnotations).length > 0 ? { auditAnnotations } : {};
    if (denials.length > 0) {
      return {
        response: { uid: request.uid, allowed: false, status: { code: 403, reason: 'Forbidden', message: denials.join('; ') }, ...annotations },
        decision: 'deny',
        hits,
      };
    }
    return {
      response: { uid: request.uid, allowed: true, ...(warnings.length > 0 ? { warnings } : {}), ...annotations },
      decision: warnings.length > 0 ? 'warn' : 'allow',
      hits,
    };
  }

  mutate(request: AdmissionRequest, namespaceLabels: NamespaceLabels): AdmissionOutcome {
    const allowed = { uid: request.uid, allowed: true };
    const skip = this.#skipReason(request);
    // A pod's spec is immutable after creation: only new pods are patched.
    if (skip !== undefined || (request.operation === 'UPDATE' && request.resource.resource === 'pods')) return { response: allowed, decision: 'skip', hits: [] };
    const original = request.object as K8sObject;
    if (this.#exemption(request, original) !== undefined) return { response: allowed, decision: 'exempt', hits: [] };
    const level = this.#mutationLevel(request, original, namespaceLabels);
    const operations: FixOperation[] = [];
    const hits: { rule: string; action: HitAction }[] = [];
    let current: K8sObject = original;
    for (let pass = 0; pass < MAX_MUTATION_PASSES; pass++) {
      const proposed: { rule: string; operations: readonly FixOperation[] }[] = [];
      if (level !== undefined) {
        for (const violation of evaluatePodSecurity(current, level, this.#pssOptions).violations) {
          if (violation.fix?.kind === 'safe') proposed.push({ rule: violation.checkId, operations: violation.fix.operations });
        }
      }
      // Rules whose metadata promises no safe fix cannot add to a patch: most of the catalogue, so skip the evaluation.
      if (this.#admission.mutate.rules && this.#rules.some((rule) => rule.meta.fixable === 'safe')) {
        for (const entry of this.#findings({ ...request, object: current }, current)) {
          if (entry.fix?.kind === 'safe' && meets(entry.finding.severity, this.#admission.rules.warn)) proposed.push({ rule: entry.finding.ruleId, operations: entry.fix.operations });
        }
      }
      const accepted: FixOperation[] = [];
      for (const fix of proposed) {
        const candidate = dedupeOperations(fix.operations);
        if (candidate.some((operation) => [...operations, ...accepted].some((kept) => operationsConflict(kept, operation) && !isSameOperation(kept, operation)))) continue;
        const added = candidate.filter((operation) => ![...operations, ...accepted].some((kept) => isSameOperation(kept, operation)));
        if (added.length === 0) continue;
        accepted.push(...added);
        hits.push({ rule: fix.rule, action: 'patch' });
      }
      if (accepted.length === 0) break;
      operations.push(...accepted);
      current = applyOperationsToValue(original, operations) as K8sObject;
      // Removals shift list indices that later passes would compute against: stop after one.
      if (accepted.some((operation) => operation.op === 'remove')) break;
    }
    const patch = operations.length === 0 ? [] : renderJsonPatch(original, operations);
    if (patch.length === 0) return { response: allowed, decision: 'allow', hits: [], patch };
    return {
      response: {
        ...allowed,
        patchType: 'JSONPatch',
        patch: Buffer.from(JSON.stringify(patch), 'utf8').toString('base64'),
        auditAnnotations: { patched: unique(hits.map((hit) => hit.rule)).join(',') },
      },
      decision: 'patch',
      hits: unique(hits.map((hit) => hit.rule)).map((rule) => ({ rule, action: 'patch' as const })),
      patch,
    };
  }

  /** `skip` for requests no check reads: DELETE, CONNECT, other subresources, updates that change nothing judged. */
  #skipReason(request: AdmissionRequest): 'skip' | undefined {
    if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return 'skip';
    if (request.object === undefined) return 'skip';
    const isPod = request.resource.resource === 'pods' && request.resource.group === '';
    if (request.subResource !== '' && !(isPod && request.subResource === 'ephemeralcontainers')) return 'skip';
    if (request.operation === 'UPDATE' && request.oldObject !== undefined && !isRelevantUpdate(request.object, request.oldObject)) return 'skip';
    return undefined;
  }

  /** `namespace`, `user` or `runtimeClass` when the request is exempt (PSA's exemptions, for every check). */
  #exemption(request: AdmissionRequest, object: K8sObject): string | undefined {
    const { namespaces, usernames, runtimeClasses } = this.#admission.exemptions;
    if (request.namespace !== '' && namespaces.includes(request.namespace)) return 'namespace';
    if (usernames.includes(request.userInfo.username)) return 'user';
    const runtimeClass = podSpecOf(object)?.spec['runtimeClassName'];
    if (typeof runtimeClass === 'string' && runtimeClasses.includes(runtimeClass)) return 'runtimeClass';
    return undefined;
  }

  /** `pod` (enforce, audit, warn) for pods, `template` (audit, warn) for workloads with pod templates. */
  #podSecurityMode(request: AdmissionRequest, object: K8sObject): 'pod' | 'template' | undefined {
    if (request.resource.resource === 'pods' && request.resource.group === '') return object.kind === 'Pod' ? 'pod' : undefined;
    if (request.subResource !== '') return undefined;
    return object.kind !== 'Pod' && podSpecOf(object) !== undefined ? 'template' : undefined;
  }

  #mutationLevel(request: AdmissionRequest, object: K8sObject, labels: NamespaceLabels): LevelVersion | undefined {
    if (this.#podSecurityMode(request, object) === undefined) return undefined;
    const setting = this.#admission.mutate.podSecurity;
    if (setting === 'none' || setting === 'privileged') return undefined;
    if (setting !== 'enforce') return levelVersion(setting);
    const { enforce } = policyFromLabels(labels, this.#admission.defaults).policy;
    return enforce.level === 'privileged' ? undefined : enforce;
  }

  /** Unsuppressed findings of kubeward's admission rules (suppressions as the policy allows). */
  #findings(request: AdmissionRequest, object: K8sObject): EngineFinding[] {
    let rules = this.#rulesByKind.get(object.kind);
    if (rules === undefined) {
      // A collection rule builds its domain's model (RBAC with the bootstrap roles) even for no object: only where it reads the kind.
      rules = this.#rules.filter((rule) => rule.kinds === undefined || rule.kinds.includes(object.kind));
      if (this.#rulesByKind.size < 1000) this.#rulesByKind.set(object.kind, rules);
    }
    if (rules.length === 0) return [];
    const evaluation = new Evaluation({ rules, config: this.#config, today: this.#today() });
    const withNamespace = request.namespace !== '' && isRecord(object.metadata) && object.metadata.namespace === undefined
      ? { ...object, metadata: { ...object.metadata, namespace: request.namespace } }
      : object;
    const location = `admission://${request.namespace === '' ? '' : `${request.namespace}/`}${object.kind}/${request.name}`;
    const findings = evaluation.evaluate(sourcelessSubject(withNamespace, location));
    if (rules.some((rule) => rule.scope === 'collection')) findings.push(...evaluation.finish());
    const allowed = this.#admission.suppressions;
    return findings.filter(({ finding }) => {
      if (!finding.suppressed) return true;
      const source = finding.suppression?.source;
      return !(allowed === 'all' || (allowed === 'config' && source === 'config'));
    });
  }
}

/**
 * Collection rules that judge one object fairly on its own: the RBAC rules read a Role's rules or a
 * binding's subjects and roleRef (bootstrap roles are known). A binding to a role kubeward has not seen
 * is not a finding here (the role may exist), nor is anything NetworkPolicy rules conclude from a whole
 * namespace.
 */
function isSingleObjectCollectionRule(rule: Rule): boolean {
  return rule.meta.category === 'rbac' && rule.meta.id !== 'rbac-binding-missing-role';
}

function labelsOfObject(object: K8sObject): Readonly<Record<string, string>> {
  const labels = isRecord(object.metadata) ? object.metadata.labels : undefined;
  return isRecord(labels) ? Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
}

function meets(severity: Parameters<typeof severityRank>[0], threshold: SeverityThreshold): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}

function checkIds(violations: readonly PodSecurityViolation[]): string[] {
  return unique(violations.map((violation) => violation.checkId));
}

/** PSA's shape: `reason (detail; detail), reason (detail)`, one entry per check in the order checks ran. */
export function describeViolations(violations: readonly PodSecurityViolation[]): string {
  const byCheck = new Map<string, string[]>();
  for (const violation of violations) {
    const details = byCheck.get(violation.checkId) ?? [];
    if (!details.includes(violation.message)) details.push(violation.message);
    byCheck.set(violation.checkId, details);
  }
  return [...byCheck].map(([check, details]) => `${PSA_FORBIDDEN_REASONS[check] ?? check} (${details.join('; ')})`).join(', ');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function capped(warnings: readonly string[]): string[] {
  return warnings.length <= MAX_WARNINGS ? [...warnings] : [...warnings.slice(0, MAX_WARNINGS - 1), `and ${warnings.length - MAX_WARNINGS + 1} more kubeward findings`];
}

function isSameOperation(a: FixOperation, b: FixOperation): boolean {
  return a.op === b.op && a.path.length === b.path.length && a.path.every((segment, index) => segment === b.path[index]) &&
    (a.op === 'remove' || (b.op === 'set' && JSON.stringify(a.value) === JSON.stringify(b.value)));
}
