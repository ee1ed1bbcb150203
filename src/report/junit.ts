import type { Finding, Report } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';

// JUnit XML for CI systems that show test reports: one test suite per file, one failing test case per
// finding, suppressed findings as skipped, unreadable input as errors; then, when the enabled rules are
// given, a "kubeward rules" suite with one test case per rule, passed when no input broke it. Every
// test case name is unique within its suite (CI systems key their history on classname + name, some
// on the name alone).
export function formatJunit(report: Report, enabledRules?: readonly Rule[]): string {
  const byFile = groupBy(report.findings, (finding) => finding.location.file);
  const errorsByFile = groupBy(report.errors, (error) => error.file);
  const files = [...new Set([...byFile.keys(), ...errorsByFile.keys()])].sort();
  const suites = files.map((file) => {
    const findings = byFile.get(file) ?? [];
    const errors = errorsByFile.get(file) ?? [];
    const failures = findings.filter((finding) => !finding.suppressed).length;
    const skipped = findings.length - failures;
    const names = new UniqueNames();
    const cases = findings.map((finding) => {
      const r = finding.resource;
      const classname = [r.kind, r.namespace, r.name].filter((part) => part !== undefined).join('/');
      const name = names.of(`${finding.ruleId} ${classname} ${finding.path}`);
      const where = `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
      const body = finding.suppressed
        ? `<skipped message="${xml(`suppressed: ${finding.suppression?.reason ?? ''}`)}"/>`
        : `<failure message="${xml(finding.message)}" type="${xml(finding.severity)}">${xml(`${where}\n${finding.title}\n${finding.message}`)}</failure>`;
      return `    <testcase classname="${xml(classname)}" name="${xml(name)}" file="${xml(finding.location.file)}" line="${finding.location.line}">${body}</testcase>`;
    });
    for (const error of errors) {
      const where = error.line > 0 ? `${error.file}:${error.line}:${error.column}` : error.file;
      cases.push(`    <testcase classname="input" name="${xml(names.of(`read ${where}`))}" file="${xml(error.file)}"><error message="${xml(error.message)}">${xml(`${where}: ${error.message}`)}</error></testcase>`);
    }
    return `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="${errors.length}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  let total = report.findings.length + report.errors.length;
  if (enabledRules !== undefined && enabledRules.length > 0) {
    const rulesSuite = rulesSuiteOf(report, enabledRules);
    suites.push(rulesSuite.xml);
    total += rulesSuite.tests;
  }
  const failures = report.summary.findings + (enabledRules === undefined ? 0 : new Set(report.findings.filter((f) => !f.suppressed).map((f) => f.ruleId)).size);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward" tests="${total}" failures="${failures}" errors="${report.errors.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** One test case per enabled rule: failed by its unsuppressed findings, passed otherwise. */
function rulesSuiteOf(report: Report, rules: readonly Rule[]): { xml: string; tests: number } {
  const byRule = groupBy(report.findings.filter((finding) => !finding.suppressed), (finding) => finding.ruleId);
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  let failures = 0;
  const cases = sorted.map((rule) => {
    const findings = byRule.get(rule.meta.id) ?? [];
    const head = `    <testcase classname="kubeward.rules" name="${xml(`${rule.meta.id}: ${rule.meta.title}`)}"`;
    if (findings.length === 0) return `${head}/>`;
    failures++;
    const list = findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column} ${finding.message}`).join('\n');
    return `${head}><failure message="${xml(`${findings.length} finding${findings.length === 1 ? '' : 's'}`)}" type="${xml(rule.meta.severity)}">${xml(list)}</failure></testcase>`;
  });
  return { xml: `  <testsuite name="kubeward rules" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`, tests: cases.length };
}

/** Names made unique by a ` #2`, ` #3`... suffix on repeats. */
class UniqueNames {
  private readonly seen = new Map<string, number>();
  of(name: string): string {
    const count = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, count);
    return count === 1 ? name : `${name} #${count}`;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list === undefined) groups.set(key(item), [item]);
    else list.push(item);
  }
  return groups;
}

function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are
  // dropped; markup characters are escaped.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
