import { compareControlIds, FRAMEWORKS, type FrameworkId, type FrameworkMappings } from '../foundation/frameworks.js';
import { SEVERITIES, type Severity } from '../foundation/severity.js';
import type { KubewardConfig } from '../engine/config.js';
import { REPORT_SCHEMA_VERSION, type Finding, type FrameworkSummary, type InputError, type NotAssessed, type Note, type Report, type ReportSummary } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import { KUBEWARD_VERSION } from '../version.js';

// The report every output format renders: findings in a stable order, counts, and the per-framework
// summary of the controls the enabled rules check.

export interface ReportCounts {
  readonly files: number;
  readonly documents: number;
  readonly objects: number;
}

export function buildReport(
  findings: readonly Finding[],
  errors: readonly InputError[],
  notes: readonly Note[],
  counts: ReportCounts,
  rules: readonly Rule[],
  config: KubewardConfig | undefined,
  /** The evaluation's `notAssessed()`: a control passes only when a rule of it judged the input. */
  notAssessed: readonly NotAssessed[],
): Report {
  const sorted = [...findings].sort(compareFindings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let suppressed = 0;
  let fixable = 0;
  for (const finding of sorted) {
    if (finding.suppressed) {
      suppressed++;
      continue;
    }
    bySeverity[finding.severity]++;
    if (finding.fixable) fixable++;
  }
  const summary: ReportSummary = {
    ...counts,
    findings: sorted.length - suppressed,
    suppressed,
    fixable,
    bySeverity,
    errors: errors.length,
    frameworks: frameworkSummary(sorted, enabledRules(rules, config), notAssessed),
  };
  return { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'kubeward', version: KUBEWARD_VERSION }, findings: sorted, errors, notes, notAssessed, summary };
}

export function enabledRules(rules: readonly Rule[], config: KubewardConfig | undefined): Rule[] {
  return rules.filter((rule) => config?.rules[rule.meta.id]?.enabled ?? (rule.meta.enabledByDefault !== false && rule.meta.deprecated === undefined));
}

/**
 * A control fails when an unsuppressed finding maps to it. Otherwise it passes only when at least one of
 * its rules judged the input and none of its rules lacked input it needs (a kind that could not be read
 * completely); else it is not assessed: a scan of one Deployment says nothing about RBAC controls.
 */
function frameworkSummary(findings: readonly Finding[], rules: readonly Rule[], notAssessed: readonly NotAssessed[]): ReportSummary['frameworks'] {
  const reasonOf = new Map(notAssessed.map((entry) => [entry.ruleId, entry.reason]));
  const summary = {} as Record<FrameworkId, FrameworkSummary>;
  // Findings of one rule share its mappings: each distinct mapping is read once, not once per finding.
  const failingMappings = new Set<FrameworkMappings>();
  for (const finding of findings) if (!finding.suppressed) failingMappings.add(finding.frameworks);
  for (const framework of FRAMEWORKS) {
    const controls = new Set<string>();
    const checked = new Set<string>();
    const unsure = new Set<string>();
    const failing = new Set<string>();
    for (const rule of rules) {
      const reason = reasonOf.get(rule.meta.id);
      for (const id of framework.controlsOf(rule.meta.frameworks)) {
        controls.add(id);
        if (reason === undefined) checked.add(id);
        else if (reason === 'incomplete-input') unsure.add(id);
      }
    }
    for (const mappings of failingMappings) for (const id of framework.controlsOf(mappings)) failing.add(id);
    const all = [...controls].sort(compareControlIds);
    const passes = (id: string): boolean => !failing.has(id) && checked.has(id) && !unsure.has(id);
    summary[framework.id] = {
      controls: all.length,
      failing: all.filter((id) => failing.has(id)),
      passing: all.filter(passes),
      notAssessed: all.filter((id) => !failing.has(id) && !passes(id)),
    };
  }
  return summary;
}

/** Stable order: file, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.path, b.path)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
