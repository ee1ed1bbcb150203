import type { FieldPath } from '../../foundation/field-path.js';
import { isPssCheckInLevel, overriddenCheckIdsAt, pssImplementationAt, type PssRule } from '../../engine/pss-rule.js';
import type { PssLevel, PssVersion } from '../../engine/pss-version.js';
import { formatMessage } from '../../engine/rule.js';
import type { FixProposal } from '../../fix/operations.js';
import type { K8sObject } from '../../k8s/object.js';
import { podSpecOf } from '../../k8s/pod-spec.js';
import { pssRules } from './index.js';

// The verdict Pod Security Admission gives a pod or pod template at a level and policy version, computed the way
// upstream's registry does (policy/registry.go): every check of the level, at the implementation its version
// selects; at the restricted level, minus the baseline checks a restricted check overrides at that version.

export interface PodSecurityViolation {
  /** Upstream check id, e.g. `allowPrivilegeEscalation`. */
  readonly checkId: string;
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly path: FieldPath;
  readonly container?: string;
  readonly fix?: FixProposal;
}

export interface PodSecurityVerdict {
  readonly allowed: boolean;
  readonly violations: readonly PodSecurityViolation[];
}

export interface PodSecuritySettings {
  readonly level: PssLevel;
  readonly version: PssVersion;
}

/** The rules that take part in an evaluation at a level and version (engine and this API share it). */
export function activePssRules(settings: PodSecuritySettings, rules: readonly PssRule[] = pssRules): PssRule[] {
  const overridden = settings.level === 'restricted' ? overriddenCheckIdsAt(rules.map((rule) => rule.pss), settings.version) : new Set<string>();
  return rules.filter((rule) =>
    isPssCheckInLevel(rule.pss, settings.level) &&
    !overridden.has(rule.pss.id) &&
    pssImplementationAt(rule.pss, settings.version) !== undefined);
}

/**
 * Pure: reads the object, never changes it. Objects without a pod spec (not a workload) are allowed, as is every pod
 * at the `privileged` level. Rule options (the UID suggested fixes use) come from `options` by rule id.
 */
export function evaluatePodSecurity(
  object: K8sObject,
  settings: PodSecuritySettings,
  options: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): PodSecurityVerdict {
  const pod = podSpecOf(object);
  if (pod === undefined) return { allowed: true, violations: [] };
  const violations: PodSecurityViolation[] = [];
  for (const rule of activePssRules(settings)) {
    const implementation = pssImplementationAt(rule.pss, settings.version);
    if (implementation === undefined) continue;
    const ruleOptions = { ...rule.defaultOptions, ...options[rule.meta.id] };
    for (const violation of implementation.check(pod, ruleOptions)) {
      const template = rule.meta.messages[violation.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id}: unknown messageId ${violation.messageId}`);
      violations.push({
        checkId: rule.pss.id,
        ruleId: rule.meta.id,
        messageId: violation.messageId,
        message: formatMessage(template, violation.data),
        path: violation.path,
        ...(violation.container === undefined ? {} : { container: violation.container }),
        ...(violation.fix === undefined ? {} : { fix: violation.fix }),
      });
    }
  }
  return { allowed: violations.length === 0, violations };
}
