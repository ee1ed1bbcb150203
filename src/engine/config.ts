import jsYaml from 'js-yaml';
import { parseKubeVersion, type KubeMinor } from '../foundation/kube-version.js';
import { isRecord } from '../foundation/field-path.js';
import { parseSeverity } from '../foundation/severity.js';
import { didYouMean } from '../foundation/suggest.js';
import { configSchemaProblem } from './config-schema.js';
import { SEVERITIES, type Rule, type Severity } from './rule.js';
import { parsePssLevel, parseRequestedPssVersion, PSS_VERSION_EXPECTED, type PssLevel, type PssVersion } from './pss-version.js';

// `.kubeward.yaml`: rule switches and options, severity overrides, default flags, and exceptions.
// A malformed config is an error naming the file and the field, never silently ignored.

export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'];

export interface RuleConfig {
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface ExceptionConfig {
  readonly rule: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly container?: string;
  readonly reason: string;
  /** `YYYY-MM-DD`; the exception applies through the end of that day (UTC). */
  readonly expires?: string;
}

export interface DefaultsConfig {
  readonly failOn?: Severity | 'none';
  readonly format?: string;
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
  /** The Kubernetes release to judge for, as `--kube-version` sets it. */
  readonly kubernetesVersion?: KubeMinor;
  readonly showSuppressed?: boolean;
}

export interface KubewardConfig {
  /** Where it was read from, for messages. */
  readonly file?: string;
  readonly rules: Readonly<Record<string, RuleConfig>>;
  readonly exceptions: readonly ExceptionConfig[];
  readonly defaults: DefaultsConfig;
  /** The `admission:` section as written; `kubeward serve` validates it (src/admission/admission-config.ts). */
  readonly admission?: unknown;
}

export const EMPTY_CONFIG: KubewardConfig = { rules: {}, exceptions: [], defaults: {} };

export class ConfigError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

export function parseConfig(text: string, file: string, knownRules: readonly Rule[]): KubewardConfig {
  let raw: unknown;
  try {
    raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const where = mark === undefined ? '' : `${mark.line + 1}:${mark.column + 1}: `;
    throw new ConfigError(file, `${where}invalid YAML: ${(error as { reason?: string }).reason ?? String(error)}`);
  }
  if (raw === null || raw === undefined) return { ...EMPTY_CONFIG, file };
  if (!isRecord(raw)) throw new ConfigError(file, 'the config must be a mapping');
  const fail = (message: string): never => {
    throw new ConfigError(file, message);
  };
  for (const key of Object.keys(raw)) {
    if (!['rules', 'exceptions', 'defaults', 'admission'].includes(key)) fail(`unknown top-level key "${key}" (expected rules, exceptions, defaults, admission)`);
  }
  const ruleIds = new Map<string, string>();
  for (const rule of knownRules) {
    ruleIds.set(rule.meta.id, rule.meta.id);
    for (const alias of rule.meta.aliases ?? []) ruleIds.set(alias, rule.meta.id);
  }
  const canonicalRule = (id: unknown, where: string): string => {
    if (typeof id !== 'string') return fail(`${where}: rule id must be a string`);
    const canonical = ruleIds.get(id);
    return canonical ?? fail(`${where}: unknown rule "${id}"${didYouMean(id, ruleIds.keys())} (see \`kubeward rules\`)`);
  };

  const rules: Record<string, RuleConfig> = {};
  if (raw['rules'] !== undefined) {
    if (!isRecord(raw['rules'])) fail('rules: must be a mapping of rule id to settings');
    for (const [id, value] of Object.entries(raw['rules'] as Record<string, unknown>)) {
      const where = `rules.${id}`;
      const canonical = canonicalRule(id, where);
      if (value === 'off' || value === false) rules[canonical] = { enabled: false };
      else if (value === 'on' || value === true) rules[canonical] = { enabled: true };
      else if (isRecord(value)) {
        for (const key of Object.keys(value)) if (!['enabled', 'severity', 'options'].includes(key)) fail(`${where}: unknown key "${key}" (expected enabled, severity, options)`);
        const entry: { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> } = {};
        if (value['enabled'] !== undefined) entry.enabled = typeof value['enabled'] === 'boolean' ? value['enabled'] : fail(`${where}.enabled: must be true or false`);
        if (value['severity'] !== undefined) entry.severity = parseSeverity(value['severity']) ?? fail(`${where}.severity: must be one of ${SEVERITIES.join(', ')}`);
        if (value['options'] !== undefined) entry.options = isRecord(value['options']) ? value['options'] : fail(`${where}.options: must be a mapping`);
        rules[canonical] = entry;
      } else fail(`${where}: must be "on", "off" or a mapping with enabled/severity/options`);
    }
  }

  const exceptions: ExceptionConfig[] = [];
  if (raw['exceptions'] !== undefined) {
    if (!Array.isArray(raw['exceptions'])) fail('exceptions: must be a list');
    (raw['exceptions'] as unknown[]).forEach((value, index) => {
      const where = `exceptions[${index}]`;
      if (!isRecord(value)) return fail(`${where}: must be a mapping`);
      for (const key of Object.keys(value)) {
        if (!['rule', 'kind', 'namespace', 'name', 'container', 'reason', 'expires'].includes(key)) fail(`${where}: unknown key "${key}"`);
      }
      const rule = value['rule'] === '*' ? '*' : canonicalRule(value['rule'], `${where}.rule`);
      const reason = value['reason'];
      if (typeof reason !== 'string' || reason.trim() === '') fail(`${where}.reason: required (say why this exception is acceptable)`);
      const entry: { -readonly [K in keyof ExceptionConfig]: ExceptionConfig[K] } = { rule, reason: reason as string };
      for (const key of ['kind', 'namespace', 'name', 'container'] as const) {
        const field = value[key];
        if (field === undefined) continue;
        if (typeof field !== 'string' || field === '') fail(`${where}.${key}: must be a non-empty string (glob)`);
        entry[key] = field as string;
      }
      if (value['expires'] !== undefined) {
        const expires = value['expires'];
        const text = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
        if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
          fail(`${where}.expires: must be a date YYYY-MM-DD`);
        }
        entry.expires = text as string;
      }
      exceptions.push(entry);
    });
  }

  const defaults: { -readonly [K in keyof DefaultsConfig]: DefaultsConfig[K] } = {};
  if (raw['defaults'] !== undefined) {
    const value = raw['defaults'];
    if (!isRecord(value)) fail('defaults: must be a mapping');
    const d = value as Record<string, unknown>;
    for (const key of Object.keys(d)) {
      if (!['failOn', 'format', 'kubernetesVersion', 'pssLevel', 'pssVersion', 'showSuppressed'].includes(key)) fail(`defaults: unknown key "${key}" (expected failOn, format, kubernetesVersion, pssLevel, pssVersion, showSuppressed)`);
    }
    if (d['failOn'] !== undefined) defaults.failOn = d['failOn'] === 'none' ? 'none' : parseSeverity(d['failOn']) ?? fail(`defaults.failOn: must be one of ${SEVERITIES.join(', ')}, none`);
    if (d['format'] !== undefined) defaults.format = typeof d['format'] === 'string' ? d['format'] : fail('defaults.format: must be a string');
    if (d['pssLevel'] !== undefined) defaults.pssLevel = parsePssLevel(String(d['pssLevel'])) ?? fail('defaults.pssLevel: must be privileged, baseline or restricted');
    if (d['kubernetesVersion'] !== undefined) defaults.kubernetesVersion = parseKubeVersion(String(d['kubernetesVersion'])) ?? fail('defaults.kubernetesVersion: must be v1.N (for example v1.30)');
    if (d['pssVersion'] !== undefined) defaults.pssVersion = parseRequestedPssVersion(String(d['pssVersion'])) ?? fail(`defaults.pssVersion: must be ${PSS_VERSION_EXPECTED}`);
    if (d['showSuppressed'] !== undefined) defaults.showSuppressed = typeof d['showSuppressed'] === 'boolean' ? d['showSuppressed'] : fail('defaults.showSuppressed: must be true or false');
  }
  // Everything above has its own wording; the schema (published as schema/config-v1.schema.json)
  // then catches what remains, such as rule options that do not exist.
  const schemaProblem = configSchemaProblem(raw, knownRules);
  if (schemaProblem !== undefined) fail(schemaProblem);
  return { file, rules, exceptions, defaults, ...(raw['admission'] === undefined ? {} : { admission: raw['admission'] }) };
}
