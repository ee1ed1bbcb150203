import type { Finding, Report } from '../engine/finding.js';

// JUnit XML for CI systems that show test reports: one test suite per file, one failing test case per
// finding, suppressed findings as skipped, unreadable input as errors.
export function formatJunit(report: Report): string {
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.location.file);
    if (list === undefined) byFile.set(finding.location.file, [finding]);
    else list.push(finding);
  }
  const errorsByFile = new Map<string, Report['errors'][number][]>();
  for (const error of report.errors) {
    const list = errorsByFile.get(error.file);
    if (list === undefined) errorsByFile.set(error.file, [error]);
    else list.push(error);
  }
  const files = [...new Set([...byFile.keys(), ...errorsByFile.keys()])].sort();
  const suites = files.map((file) => {
    const findings = byFile.get(file) ?? [];
    const errors = errorsByFile.get(file) ?? [];
    const failures = findings.filter((finding) => !finding.suppressed).length;
    const skipped = findings.length - failures;
    const cases = findings.map((finding) => {
      const r = finding.resource;
      const classname = [r.kind, r.namespace, r.name].filter((part) => part !== undefined).join('/');
      const name = `${finding.ruleId} ${finding.path}`;
      const where = `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
      const body = finding.suppressed
        ? `<skipped message="${xml(`suppressed: ${finding.suppression?.reason ?? ''}`)}"/>`
        : `<failure message="${xml(finding.message)}" type="${xml(finding.severity)}">${xml(`${where}\n${finding.title}\n${finding.message}`)}</failure>`;
      return `    <testcase classname="${xml(classname)}" name="${xml(name)}" file="${xml(finding.location.file)}" line="${finding.location.line}">${body}</testcase>`;
    });
    for (const error of errors) {
      cases.push(`    <testcase classname="input" name="${xml(`read ${error.file}`)}" file="${xml(error.file)}"><error message="${xml(error.message)}">${xml(`${error.file}:${error.line}:${error.column}: ${error.message}`)}</error></testcase>`);
    }
    return `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="${errors.length}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = report.findings.length + report.errors.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward" tests="${total}" failures="${report.summary.findings}" errors="${report.errors.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; markup characters are escaped.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
