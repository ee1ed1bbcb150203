import { isRecord } from '../foundation/field-path.js';
import { parseSeverity, SEVERITIES, type Severity } from '../foundation/severity.js';
import { ConfigError } from '../engine/config.js';
import { parsePssLevel, parsePssVersion, type PssLevel } from '../engine/pss-version.js';
import type { Rule } from '../engine/rule.js';
import { POLICY_MODES, PRIVILEGED_LATEST, type NamespacePolicy } from './pod-security-policy.js';

// The `admission:` section of .kubeward.yaml. `defaults` and `exemptions` are spelled exactly as
// Pod Security Admission's PodSecurityConfiguration (pod-security.admission.config.k8s.io) spells
// them, so a cluster's PSA configuration can be copied here as it is:
//
//   admission:
//     defaults: {enforce: baseline, enforce-version: latest, audit: restricted, audit-version: latest, warn: restricted, warn-version: latest}
//     exemptions: {usernames: [], runtimeClasses: [], namespaces: [kube-system]}
//     rules: {deny: critical, warn: high, include: [], exclude: []}   # kubeward's other rules
//     suppressions: none        # none | config | all: which suppressions apply at admission
//     mutate: {podSecurity: enforce, rules: true}

export interface AdmissionExemptions {
  readonly usernames: readonly string[];
  readonly runtimeClasses: readonly string[];
  readonly namespaces: readonly string[];
}

export type SeverityThreshold = Severity | 'none';

/**
 * Which suppressions count at admission. `none` (default): a finding denies whatever says otherwise, so no
 * one exempts their own pod by annotating it. `config`: exceptions in the server's .kubeward.yaml (written
 * by whoever runs the server). `all`: those and `kubeward.dev/ignore` annotations on the objects.
 */
export type AdmissionSuppressions = 'none' | 'config' | 'all';

export interface AdmissionConfig {
  readonly defaults: NamespacePolicy;
  readonly exemptions: AdmissionExemptions;
  readonly rules: {
    /** Unsuppressed findings at or above this severity deny the request. */
    readonly deny: SeverityThreshold;
    /** ... and at or above this one (below `deny`) are answered as warnings. */
    readonly warn: SeverityThreshold;
    /** Rule ids; empty means every per-object rule that is not a Pod Security Standards check. */
    readonly include: readonly string[];
    readonly exclude: readonly string[];
  };
  readonly suppressions: AdmissionSuppressions;
  readonly mutate: {
    /** The level whose safe fixes /mutate applies: the namespace's enforce level, a fixed level, or none. */
    readonly podSecurity: 'enforce' | PssLevel | 'none';
    /** Whether /mutate also applies the safe fixes of kubeward findings at or above `rules.warn`. */
    readonly rules: boolean;
  };
}

export const DEFAULT_ADMISSION_CONFIG: AdmissionConfig = {
  defaults: { enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST },
  exemptions: { usernames: [], runtimeClasses: [], namespaces: [] },
  rules: { deny: 'critical', warn: 'high', include: [], exclude: [] },
  suppressions: 'none',
  mutate: { podSecurity: 'enforce', rules: true },
};

/** Validates the raw `admission:` value of a config file; errors name the file and the field. */
export function parseAdmissionConfig(raw: unknown, file: string, knownRules: readonly Rule[]): AdmissionConfig {
  if (raw === undefined || raw === null) return DEFAULT_ADMISSION_CONFIG;
  const fail = (message: string): never => {
    throw new ConfigError(file, `admission${message.startsWith(':') ? '' : '.'}${message}`);
  };
  if (!isRecord(raw)) return fail(': must be a mapping (defaults, exemptions, rules, suppressions, mutate)');
  allowKeys(raw, ['defaults', 'exemptions', 'rules', 'suppressions', 'mutate'], '', fail);

  const defaults: Record<string, { level: PssLevel; version: number; versionText: string }> = { ...DEFAULT_ADMISSION_CONFIG.defaults };
  if (raw['defaults'] !== undefined) {
    const value = raw['defaults'];
    if (!isRecord(value)) fail('defaults: must be a mapping (enforce, enforce-version, audit, audit-version, warn, warn-version)');
    const record = value as Record<string, unknown>;
    allowKeys(record, POLICY_MODES.flatMap((mode) => [mode, `${mode}-version`]), 'defaults.', fail);
    for (const mode of POLICY_MODES) {
      const current = defaults[mode] ?? PRIVILEGED_LATEST;
      let next = current;
      const levelText = record[mode];
      if (levelText !== undefined) {
        const level = typeof levelText === 'string' ? parsePssLevel(levelText) : undefined;
        next = { ...next, level: level ?? fail(`defaults.${mode}: must be privileged, baseline or restricted`) };
      }
      const versionText = record[`${mode}-version`];
      if (versionText !== undefined) {
        const version = typeof versionText === 'string' ? parsePssVersion(versionText) : undefined;
        next = { ...next, version: version ?? fail(`defaults.${mode}-version: must be "latest" or "v1.N"`), versionText: versionText as string };
      }
      defaults[mode] = next;
    }
  }

  const exemptions = { usernames: [] as string[], runtimeClasses: [] as string[], namespaces: [] as string[] };
  if (raw['exemptions'] !== undefined) {
    const value = raw['exemptions'];
    if (!isRecord(value)) fail('exemptions: must be a mapping (usernames, runtimeClasses, namespaces)');
    const record = value as Record<string, unknown>;
    allowKeys(record, ['usernames', 'runtimeClasses', 'namespaces'], 'exemptions.', fail);
    for (const key of ['usernames', 'runtimeClasses', 'namespaces'] as const) exemptions[key] = stringList(record[key], `exemptions.${key}`, fail);
  }

  const ruleIds = new Map<string, string>();
  for (const rule of knownRules) {
    ruleIds.set(rule.meta.id, rule.meta.id);
    for (const alias of rule.meta.aliases ?? []) ruleIds.set(alias, rule.meta.id);
  }
  const rules = { ...DEFAULT_ADMISSION_CONFIG.rules };
  if (raw['rules'] !== undefined) {
    const value = raw['rules'];
    if (!isRecord(value)) fail('rules: must be a mapping (deny, warn, include, exclude)');
    const record = value as Record<string, unknown>;
    allowKeys(record, ['deny', 'warn', 'include', 'exclude'], 'rules.', fail);
    for (const key of ['deny', 'warn'] as const) {
      const threshold = record[key];
      if (threshold === undefined) continue;
      rules[key] = threshold === 'none' ? 'none' : parseSeverity(threshold) ?? fail(`rules.${key}: must be one of ${SEVERITIES.join(', ')}, none`);
    }
    for (const key of ['include', 'exclude'] as const) {
      rules[key] = stringList(record[key], `rules.${key}`, fail).map((id, index) => ruleIds.get(id) ?? fail(`rules.${key}[${index}]: unknown rule "${id}" (see \`kubeward rules\`)`));
    }
  }

  let suppressions: AdmissionSuppressions = DEFAULT_ADMISSION_CONFIG.suppressions;
  if (raw['suppressions'] !== undefined) {
    const value = raw['suppressions'];
    suppressions = value === 'none' || value === 'config' || value === 'all' ? value : fail('suppressions: must be none, config or all');
  }

  const mutate = { ...DEFAULT_ADMISSION_CONFIG.mutate };
  if (raw['mutate'] !== undefined) {
    const value = raw['mutate'];
    if (!isRecord(value)) fail('mutate: must be a mapping (podSecurity, rules)');
    const record = value as Record<string, unknown>;
    allowKeys(record, ['podSecurity', 'rules'], 'mutate.', fail);
    const podSecurity = record['podSecurity'];
    if (podSecurity !== undefined) {
      mutate.podSecurity = podSecurity === 'enforce' || podSecurity === 'none' ? podSecurity
        : (typeof podSecurity === 'string' ? parsePssLevel(podSecurity) : undefined) ?? fail('mutate.podSecurity: must be enforce, none, privileged, baseline or restricted');
    }
    if (record['rules'] !== undefined) mutate.rules = typeof record['rules'] === 'boolean' ? record['rules'] : fail('mutate.rules: must be true or false');
  }
  return { defaults: defaults as unknown as NamespacePolicy, exemptions, rules, suppressions, mutate };
}

function allowKeys(record: Record<string, unknown>, allowed: readonly string[], where: string, fail: (message: string) => never): void {
  for (const key of Object.keys(record)) if (!allowed.includes(key)) fail(`${where}${key}: unknown key (expected ${allowed.join(', ')})`);
}

function stringList(value: unknown, where: string, fail: (message: string) => never): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(`${where}: must be a list of strings`);
  return value.map((item, index) => (typeof item === 'string' && item !== '' ? item : fail(`${where}[${index}]: must be a non-empty string`)));
}
