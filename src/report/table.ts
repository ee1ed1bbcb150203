import type { Finding, Report } from '../engine/finding.js';
import wrapAnsi from 'wrap-ansi';
import { SEVERITIES, severityRank, type Severity } from '../engine/rule.js';
import { FRAMEWORKS } from '../foundation/frameworks.js';
import { escapeTerminalLine as safe } from './terminal-text.js';

export interface TableOptions {
  readonly color: boolean;
  readonly showSuppressed: boolean;
  /** Terminal width; messages wrap to it. */
  readonly width?: number;
  /** Display only findings at or above this severity (the summary still counts all). */
  readonly minSeverity?: Severity;
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '\u001b[1;31m', high: '\u001b[31m', medium: '\u001b[33m', low: '\u001b[36m', info: '\u001b[2m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';

/** Readable terminal output: findings grouped by resource, then errors, then a one-line summary. */
export function formatTable(report: Report, options: TableOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const shown = report.findings.filter((finding) => options.showSuppressed || !finding.suppressed);
  const groups = new Map<string, Finding[]>();
  for (const finding of shown) {
    const r = finding.resource;
    const key = `${safe(r.kind)} ${r.namespace === undefined ? '' : `${safe(r.namespace)}/`}${safe(r.name)}  ${DIM_MARK}${safe(finding.location.file)}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [finding]);
    else list.push(finding);
  }
  let hidden = 0;
  for (const [key, all] of groups) {
    const findings = options.minSeverity === undefined ? all : all.filter((finding) => severityRank(finding.severity) >= severityRank(options.minSeverity ?? 'info'));
    hidden += all.length - findings.length;
    if (findings.length === 0) continue;
    const [title, file] = key.split(DIM_MARK);
    lines.push(`${paint(BOLD, title ?? '')}${paint(DIM, file ?? '')}`);
    const rows = rowsOf(findings);
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    // A row with several rules lists one per line in the rule column.
    const ruleWidth = Math.max(...rows.flatMap((row) => row.rules.map((rule) => rule.length)));
    const lineWidth = Math.max(...rows.map((row) => row.at.length));
    for (const row of rows) {
      const severity = paint(SEVERITY_COLOR[row.severity], row.severity.toUpperCase().padEnd(severityWidth));
      const suppressed = row.suppression !== undefined ? paint(DIM, ` [suppressed: ${safe(row.suppression)}]`) : '';
      const fixable = row.fixable ? paint(DIM, ' (fixable)') : '';
      const indent = 2 + lineWidth + 2 + severityWidth + 2 + ruleWidth + 2;
      const message = `${row.messages.map(safe).join('; ')}${fixable}${suppressed}`;
      const room = options.width === undefined ? Number.POSITIVE_INFINITY : options.width - indent;
      // Messages wrap at word boundaries to the terminal width, continuing under the message column;
      // on a terminal too narrow for that, lines are left whole.
      const wrapped = room >= MIN_MESSAGE_WIDTH && Number.isFinite(room) ? wrapAnsi(message, room, { hard: false, trim: true }).split('\n') : [message];
      lines.push(`  ${row.at.padStart(lineWidth)}  ${severity}  ${(row.rules[0] ?? '').padEnd(ruleWidth)}  ${wrapped[0] ?? ''}`.trimEnd());
      const blank = ' '.repeat(2 + lineWidth + 2 + severityWidth + 2);
      for (let index = 1; index < Math.max(wrapped.length, row.rules.length); index++) {
        lines.push(`${blank}${(row.rules[index] ?? '').padEnd(ruleWidth)}  ${wrapped[index] ?? ''}`.trimEnd());
      }
    }
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push(paint(BOLD, 'Errors'));
    for (const error of report.errors) {
      const where = error.line > 0 ? `${safe(error.file)}:${error.line}:${error.column}` : safe(error.file);
      lines.push(`  ${paint(SEVERITY_COLOR.critical, 'ERROR')}  ${where}: ${safe(error.message)}`);
    }
    lines.push('');
  }
  if (report.notes.length > 0) {
    lines.push(paint(BOLD, 'Notes'));
    for (const note of report.notes) {
      const label = note.notChecked === true ? paint(SEVERITY_COLOR.medium, 'NOT CHECKED') : paint(DIM, 'NOTE');
      lines.push(`  ${label}  ${note.file}: ${note.message}`);
    }
    lines.push('');
  }
  const unsure = new Map<string, string[]>();
  for (const entry of report.notAssessed) {
    if (entry.reason === 'incomplete-input') unsure.set(entry.unread ?? '', [...(unsure.get(entry.unread ?? '') ?? []), entry.ruleId]);
  }
  if (unsure.size > 0) {
    lines.push(paint(BOLD, 'Not assessed'));
    for (const [unread, ruleIds] of unsure) {
      lines.push(`  ${paint(SEVERITY_COLOR.medium, 'NOT CHECKED')}  ${unread}`);
      lines.push(`    rules: ${ruleIds.join(', ')}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(report, paint) + (hidden > 0 ? ` · ${hidden} below --min-severity ${options.minSeverity ?? ''} not shown` : ''));
  const frameworks = frameworkLine(report);
  if (frameworks !== undefined) lines.push(frameworks);
  return `${lines.join('\n')}\n`;
}

const DIM_MARK = '\u0000';
const MIN_MESSAGE_WIDTH = 30;

interface Row {
  severity: Severity;
  readonly at: string;
  readonly line: number;
  readonly rules: string[];
  readonly messages: string[];
  fixable: boolean;
  readonly suppression?: string;
  readonly path: string;
  readonly ruleContainers: Set<string>;
}

/**
 * One row per problem, worst first: findings on the same field from several rules (an added
 * capability that two rules judge) share a row, as do one rule's findings on one container (a CPU
 * request and a CPU limit). Suppressed findings keep rows of their own.
 */
function rowsOf(findings: readonly Finding[]): Row[] {
  const ordered = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.location.line - b.location.line || a.location.column - b.location.column);
  const rows: Row[] = [];
  for (const finding of ordered) {
    const ruleContainer = finding.container === undefined ? undefined : `${finding.ruleId}\u0000${finding.container}`;
    const row = finding.suppressed ? undefined : rows.find((candidate) => candidate.suppression === undefined
      && (candidate.path === finding.path || (ruleContainer !== undefined && candidate.ruleContainers.has(ruleContainer))));
    if (row === undefined) {
      rows.push({
        severity: finding.severity, at: `${finding.location.line}:${finding.location.column}`, line: finding.location.line,
        rules: [finding.ruleId], messages: [finding.message], fixable: finding.fixable, path: finding.path,
        ruleContainers: new Set(ruleContainer === undefined ? [] : [ruleContainer]),
        ...(finding.suppressed ? { suppression: finding.suppression?.reason ?? '' } : {}),
      });
      continue;
    }
    if (!row.rules.includes(finding.ruleId)) row.rules.push(finding.ruleId);
    if (!row.messages.includes(finding.message)) row.messages.push(finding.message);
    if (ruleContainer !== undefined) row.ruleContainers.add(ruleContainer);
    row.fixable ||= finding.fixable;
  }
  return rows;
}

/** Per framework: how many of the controls the enabled rules check have findings, and how many were not assessed. */
function frameworkLine(report: Report): string | undefined {
  const parts = FRAMEWORKS
    .filter((framework) => report.summary.frameworks[framework.id].controls > 0)
    .map((framework) => {
      const summary = report.summary.frameworks[framework.id];
      const unassessed = summary.notAssessed.length === 0 ? '' : ` (${summary.notAssessed.length} not assessed)`;
      return `${framework.shortName} ${summary.failing.length}/${summary.controls}${unassessed}`;
    });
  return parts.length === 0 ? undefined : `controls with findings: ${parts.join(' · ')}`;
}

function summaryLine(report: Report, paint: (code: string, text: string) => string): string {
  const s = report.summary;
  const counts = SEVERITIES.filter((severity) => s.bySeverity[severity] > 0)
    .map((severity) => paint(SEVERITY_COLOR[severity], `${s.bySeverity[severity]} ${severity}`));
  const parts = [
    `${s.objects} object${s.objects === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}`,
    s.findings === 0 ? 'no findings' : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts.join(', ')})`,
  ];
  if (s.fixable > 0) parts.push(`${s.fixable} fixable with \`kubeward fix\``);
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  if (s.errors > 0) parts.push(paint(SEVERITY_COLOR.critical, `${s.errors} input error${s.errors === 1 ? '' : 's'}`));
  return parts.join(' · ');
}
