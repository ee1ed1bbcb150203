import { LATEST_PSS_MINOR, parsePssLevel, parsePssVersion, PSS_LEVELS, type PssLevel, type PssVersion } from '../engine/pss-version.js';

// The Pod Security Admission policy of a namespace, read from its labels exactly as PSA reads them
// (k8s.io/pod-security-admission api.PolicyToEvaluate): three modes, each a level and a version, the
// configured defaults standing in for missing labels.
// - A label with a value PSA does not accept is an error. For enforce the request is then judged at
//   `restricted` (fail closed); for audit and warn the mode becomes `privileged` (fail open), as PSA does.
// - When the enforce level is set on the namespace and is stricter than the warn level, warn takes the
//   enforce level (and its version, unless warn-version is set): users are warned about workloads whose
//   pods would be rejected.

export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const POLICY_MODES = ['enforce', 'audit', 'warn'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

export interface LevelVersion {
  readonly level: PssLevel;
  readonly version: PssVersion;
  /** As written: `latest` or `v1.N`; printed in messages (`restricted:latest`). */
  readonly versionText: string;
}

export type NamespacePolicy = Readonly<Record<PolicyMode, LevelVersion>>;

export const PRIVILEGED_LATEST: LevelVersion = { level: 'privileged', version: LATEST_PSS_MINOR, versionText: 'latest' };
export const PRIVILEGED_POLICY: NamespacePolicy = { enforce: PRIVILEGED_LATEST, audit: PRIVILEGED_LATEST, warn: PRIVILEGED_LATEST };

export interface PolicyResult {
  readonly policy: NamespacePolicy;
  /** One message per invalid label, e.g. `pod-security.kubernetes.io/enforce: "strict" is not one of privileged, baseline, restricted`. */
  readonly errors: readonly string[];
}

export function formatLevelVersion(value: LevelVersion): string {
  return `${value.level}:${value.versionText}`;
}

export function levelVersion(level: PssLevel, versionText = 'latest'): LevelVersion {
  const version = parsePssVersion(versionText);
  if (version === undefined) throw new Error(`invalid Pod Security version "${versionText}"`);
  return { level, version, versionText };
}

function levelRank(level: PssLevel): number {
  return PSS_LEVELS.indexOf(level);
}

/** The policy of a namespace with these labels (undefined labels: the defaults alone). */
export function policyFromLabels(labels: Readonly<Record<string, string>> | undefined, defaults: NamespacePolicy): PolicyResult {
  const errors: string[] = [];
  const modes: Record<PolicyMode, LevelVersion> = { ...defaults };
  const present = (key: string): string | undefined => labels?.[`${PSA_LABEL_PREFIX}${key}`];
  let hasEnforceLevel = false;
  let hasWarnLevel = false;
  let hasWarnVersion = false;
  for (const mode of POLICY_MODES) {
    const levelText = present(mode);
    if (levelText !== undefined) {
      const level = parsePssLevel(levelText);
      if (level === undefined) {
        errors.push(`${PSA_LABEL_PREFIX}${mode}: "${levelText}" is not one of ${PSS_LEVELS.join(', ')}`);
        modes[mode] = { ...modes[mode], level: mode === 'enforce' ? 'restricted' : 'privileged' };
      } else {
        modes[mode] = { ...modes[mode], level };
        if (mode === 'enforce') hasEnforceLevel = true;
      }
      if (mode === 'warn') hasWarnLevel = true;
    }
    const versionText = present(`${mode}-version`);
    if (versionText !== undefined) {
      const version = parsePssVersion(versionText);
      if (version === undefined) {
        errors.push(`${PSA_LABEL_PREFIX}${mode}-version: "${versionText}" is not "latest" or "v1.N"`);
        modes[mode] = { ...modes[mode], version: LATEST_PSS_MINOR, versionText: 'latest' };
      } else {
        modes[mode] = { ...modes[mode], version, versionText };
      }
      if (mode === 'warn') hasWarnVersion = true;
    }
  }
  if (!hasWarnLevel && hasEnforceLevel && levelRank(modes.enforce.level) > levelRank(modes.warn.level)) {
    modes.warn = hasWarnVersion ? { ...modes.warn, level: modes.enforce.level } : modes.enforce;
  }
  return { policy: modes, errors };
}

export function isFullyPrivileged(policy: NamespacePolicy): boolean {
  return POLICY_MODES.every((mode) => policy[mode].level === 'privileged');
}

/** PSA's reason for each check, the words its messages start with (`allowPrivilegeEscalation != false (...)`). */
export const PSA_FORBIDDEN_REASONS: Readonly<Record<string, string>> = {
  privileged: 'privileged',
  hostNamespaces: 'host namespaces',
  hostPorts: 'hostPort',
  hostPathVolumes: 'hostPath volumes',
  capabilities_baseline: 'non-default capabilities',
  seccompProfile_baseline: 'seccompProfile',
  seLinuxOptions: 'seLinuxOptions',
  procMount: 'procMount',
  sysctls: 'forbidden sysctls',
  appArmorProfile: 'forbidden AppArmor profile',
  windowsHostProcess: 'hostProcess',
  hostProbesAndHostLifecycle: 'probe or lifecycle host',
  restrictedVolumes: 'restricted volume types',
  capabilities_restricted: 'unrestricted capabilities',
  allowPrivilegeEscalation: 'allowPrivilegeEscalation != false',
  runAsNonRoot: 'runAsNonRoot != true',
  runAsUser: 'runAsUser=0',
  seccompProfile_restricted: 'seccompProfile',
  procMount_restricted: 'procMount',
};
