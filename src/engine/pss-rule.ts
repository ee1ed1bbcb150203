import type { FieldPath } from '../foundation/field-path.js';
import { defineObjectRule, type ObjectRule, type ObjectRuleContext, type RuleMeta } from './rule.js';
import type { PssLevel, PssVersion } from './pss-version.js';
import { WORKLOAD_KINDS, podSpecOf, type PodSpecView } from '../k8s/pod-spec.js';
import type { FixProposal } from '../fix/operations.js';

// A Pod Security Standards check, ported from k8s.io/pod-security-admission policy/check_*.go.
// Like upstream, a check has versioned implementations: the one with the highest minimumVersion not
// above the evaluated policy version runs, and a restricted check may override baseline checks.

export interface PssViolation {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly path: FieldPath;
  readonly container?: string;
  readonly fix?: FixProposal;
}

/** `options` are the rule's options from the config merged over its `defaultOptions`. */
export type PssCheckFunction = (pod: PodSpecView, options: Readonly<Record<string, unknown>>) => readonly PssViolation[];

export interface PssCheckVersion {
  /** Kubernetes 1.x minor from which this implementation applies (upstream `MinimumVersion`). */
  readonly minimumVersion: PssVersion;
  /** Baseline check ids this restricted check replaces from this version on (upstream `OverrideCheckIDs`). */
  readonly overrides?: readonly string[];
  readonly check: PssCheckFunction;
}

export interface PssCheck {
  /** Upstream check id, e.g. `capabilities_baseline`. */
  readonly id: string;
  readonly level: Exclude<PssLevel, 'privileged'>;
  readonly versions: readonly PssCheckVersion[];
}

export interface PssRule extends ObjectRule {
  readonly pss: PssCheck;
}

export function definePssRule(definition: {
  meta: RuleMeta;
  pss: PssCheck;
  defaultOptions?: Readonly<Record<string, unknown>>;
}): PssRule {
  const { meta, pss, defaultOptions } = definition;
  if (meta.frameworks.pss?.check !== pss.id || meta.frameworks.pss.level !== pss.level) {
    throw new Error(`rule ${meta.id}: frameworks.pss must name check ${pss.id} at level ${pss.level}`);
  }
  const rule = defineObjectRule({
    meta,
    kinds: WORKLOAD_KINDS,
    ...(defaultOptions === undefined ? {} : { defaultOptions }),
    check(context: ObjectRuleContext) {
      const implementation = pssImplementationAt(pss, context.pss.version);
      if (implementation === undefined) return;
      const pod = podSpecOf(context.object);
      if (pod === undefined) return;
      for (const violation of implementation.check(pod, context.options)) context.report(violation);
    },
  });
  return { ...rule, pss };
}

export function isPssRule(rule: ObjectRule): rule is PssRule {
  return 'pss' in rule;
}

/** Whether a check takes part at a level: restricted includes every baseline check. */
export function isPssCheckInLevel(check: PssCheck, level: PssLevel): boolean {
  if (level === 'privileged') return false;
  return level === 'restricted' || check.level === 'baseline';
}

/** Implementation of a check that runs at a version, if any. */
export function pssImplementationAt(check: PssCheck, version: PssVersion): PssCheckVersion | undefined {
  let chosen: PssCheckVersion | undefined;
  for (const candidate of check.versions) {
    if (candidate.minimumVersion <= version && (chosen === undefined || candidate.minimumVersion > chosen.minimumVersion)) chosen = candidate;
  }
  return chosen;
}

/**
 * Baseline check ids that restricted checks replace at a version: the implementation that runs at that
 * version names them (upstream policy/registry.go). Only applies when evaluating at the restricted level.
 */
export function overriddenCheckIdsAt(checks: readonly PssCheck[], version: PssVersion): ReadonlySet<string> {
  const overridden = new Set<string>();
  for (const check of checks) {
    for (const id of pssImplementationAt(check, version)?.overrides ?? []) overridden.add(id);
  }
  return overridden;
}
