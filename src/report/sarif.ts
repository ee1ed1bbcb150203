import { createHash } from 'node:crypto';
import type { Finding, Report } from '../engine/finding.js';
import type { Rule, Severity } from '../engine/rule.js';
import { CATEGORIES } from '../engine/rule.js';
import { FRAMEWORKS } from '../foundation/frameworks.js';

// SARIF 2.1.0 as GitHub code scanning reads it: rules in tool.driver.rules with a
// `security-severity`, results with physical locations, suppressed findings kept and marked.

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note',
};

// GitHub maps security-severity to critical (>= 9.0), high (>= 7.0), medium (>= 4.0), low.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0',
};

export function formatSarif(report: Report, rules: readonly Rule[]): string {
  const reported = new Set(report.findings.map((finding) => finding.ruleId));
  const driverRules = rules.filter((rule) => reported.has(rule.meta.id) || rule.meta.enabledByDefault !== false);
  const ruleIndex = new Map(driverRules.map((rule, index) => [rule.meta.id, index]));
  const rulesById = new Map(driverRules.map((rule) => [rule.meta.id, rule]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeward',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://github.com/kubeward/kubeward',
            rules: driverRules.map(sarifRule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: report.findings.map((finding) => sarifResult(finding, rulesById.get(finding.ruleId), ruleIndex.get(finding.ruleId))),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0 && !report.notes.some((note) => note.notChecked === true),
            toolExecutionNotifications: [
              ...report.errors.map((error) => ({
                level: 'error',
                message: { text: error.message },
                locations: [physicalLocation(error.file, error.line, error.column)],
              })),
              // Input that was found but not judged, and notes that change the verdict (an expired exception).
              ...report.notes.map((note) => ({
                level: note.notChecked === true ? 'warning' : 'note',
                message: { text: `${note.notChecked === true ? 'not checked: ' : ''}${note.message}` },
                ...(note.notChecked === true ? { descriptor: { id: 'kubeward/not-checked' } } : {}),
                locations: [physicalLocation(note.file.replace(/:\d+(?::\d+)?$/, ''), 0, 0)],
              })),
              // A rule that could not read all it needs did not check the input: say so, beside the results.
              ...report.notAssessed.filter((entry) => entry.reason === 'incomplete-input').map((entry) => ({
                level: 'warning',
                message: { text: `not assessed: ${entry.ruleId} ${entry.message} (${entry.unread ?? ''})` },
                descriptor: { id: 'kubeward/not-assessed' },
                associatedRule: { id: entry.ruleId, ...(ruleIndex.has(entry.ruleId) ? { index: ruleIndex.get(entry.ruleId) } : {}) },
              })),
            ],
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: Rule) {
  const meta = rule.meta;
  const tags = ['security', 'kubernetes', meta.category];
  for (const framework of FRAMEWORKS) {
    // NSA/CISA sections are sentences, not ids: they are not useful as tags. PSS tags carry the level.
    if (framework.id === 'nsa') continue;
    const prefix = framework.id === 'pss' ? `pss/${meta.frameworks.pss?.level ?? ''}` : framework.id;
    for (const id of framework.controlsOf(meta.frameworks)) tags.push(`${prefix}/${id}`);
  }
  return {
    id: meta.id,
    name: toPascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}\n\nRemediation: ${meta.remediation}`,
      markdown: `${meta.description}\n\n**Remediation:** ${meta.remediation}\n\n${meta.references.map((url) => `- <${url}>`).join('\n')}`,
    },
    ...(meta.references[0] === undefined ? {} : { helpUri: meta.references[0] }),
    // SARIF message strings use positional {0} placeholders; arguments follow the template's order.
    messageStrings: Object.fromEntries(Object.entries(meta.messages).map(([id, template]) => [id, { text: positionalTemplate(template).text }])),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags,
      precision: 'high',
      problem: { severity: meta.severity },
      'security-severity': SECURITY_SEVERITY[meta.severity],
      category: CATEGORIES[meta.category],
    },
  };
}

function sarifResult(finding: Finding, rule: Rule | undefined, ruleIndex: number | undefined) {
  const resource = finding.resource;
  const template = rule?.meta.messages[finding.messageId];
  const objectName = [resource.kind, resource.namespace, resource.name].filter((part) => part !== undefined).join('/');
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.message} (${objectName})`,
      id: finding.messageId,
      ...(template === undefined ? {} : { arguments: positionalTemplate(template).names.map((name) => String(finding.data?.[name] ?? '')) }),
    },
    locations: [
      {
        ...physicalLocation(finding.location.file, finding.location.line, finding.location.column),
        logicalLocations: [{ name: finding.path, fullyQualifiedName: `${objectName}:${finding.path}`, kind: 'member' }],
      },
    ],
    // Stable across line moves: the same rule on the same object field is the same alert.
    partialFingerprints: { 'kubeward/v1': fingerprint(finding) },
    ...(finding.suppression === undefined
      ? {}
      : { suppressions: [{ kind: finding.suppression.source === 'config' ? 'external' : 'inSource', status: 'accepted', justification: finding.suppression.reason }] }),
    properties: { severity: finding.severity, resource, path: finding.path, fixable: finding.fixable },
  };
}

function physicalLocation(file: string, line: number, column: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file === '<stdin>' ? 'stdin' : file), ...(file.startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
      ...(line > 0 ? { region: { startLine: line, startColumn: Math.max(column, 1) } } : {}),
    },
  };
}

function fingerprint(finding: Finding): string {
  const r = finding.resource;
  return createHash('sha256').update([finding.ruleId, r.apiVersion, r.kind, r.namespace ?? '', r.name, finding.path].join('\u0000')).digest('hex').slice(0, 32);
}

function toPascalCase(id: string): string {
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** `{{name}}` placeholders as SARIF's `{0}`, `{1}`..., with the names in argument order. */
function positionalTemplate(template: string): { text: string; names: string[] } {
  const names: string[] = [];
  // Literal braces are doubled (SARIF 2.1.0 §3.11.5); placeholders become their argument index.
  const text = template.split(/(\{\{\s*\w+\s*\}\})/).map((part) => {
    const placeholder = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
    if (placeholder === undefined) return part.replace(/[{}]/g, '$&$&');
    let index = names.indexOf(placeholder);
    if (index === -1) index = names.push(placeholder) - 1;
    return `{${index}}`;
  }).join('');
  return { text, names };
}
