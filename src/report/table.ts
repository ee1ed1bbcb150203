import type { Finding, Report } from '../engine/finding.js';
import { SEVERITIES, type Severity } from '../engine/rule.js';
import { FRAMEWORKS } from '../foundation/frameworks.js';
import { escapeTerminalLine as safe } from './terminal-text.js';

export interface TableOptions {
  readonly color: boolean;
  readonly showSuppressed: boolean;
  /** Terminal width; messages wrap to it. */
  readonly width?: number;
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
  for (const [key, findings] of groups) {
    const [title, file] = key.split(DIM_MARK);
    lines.push(`${paint(BOLD, title ?? '')}${paint(DIM, file ?? '')}`);
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    const ruleWidth = Math.max(...findings.map((finding) => finding.ruleId.length));
    const lineWidth = Math.max(...findings.map((finding) => `${finding.location.line}:${finding.location.column}`.length));
    for (const finding of findings) {
      const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase().padEnd(severityWidth));
      const at = `${finding.location.line}:${finding.location.column}`.padStart(lineWidth);
      const suppressed = finding.suppressed ? paint(DIM, ` [suppressed: ${safe(finding.suppression?.reason ?? '')}]`) : '';
      const fixable = finding.fixable ? paint(DIM, ' (fixable)') : '';
      lines.push(`  ${at}  ${severity}  ${finding.ruleId.padEnd(ruleWidth)}  ${safe(finding.message)}${fixable}${suppressed}`);
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
  lines.push(summaryLine(report, paint));
  const frameworks = frameworkLine(report);
  if (frameworks !== undefined) lines.push(frameworks);
  return `${lines.join('\n')}\n`;
}

const DIM_MARK = '\u0000';

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
