import { analyzeText, type ScanOptions } from '../../src/scan/scan.js';
import { isRecord, formatFieldPath, type FieldPath } from '../../src/foundation/field-path.js';
import { resourceRefOf } from '../../src/k8s/object.js';
import { documentsOfText } from '../../src/source/load-objects.js';
import { fixFile, formatResource, type FileFixResult } from '../../src/cli/fix/fix-file.js';
import { pathsOverlap } from '../../src/fix/apply-operations.js';

// The three guarantees of `kubeward fix`, checked on one file:
// 1. idempotent: fixing the fixed text changes nothing;
// 2. afterwards no finding that has an automatic fix (of the kinds applied) remains;
// 3. every object differs from its original only at the paths the applied fixes name.

export interface GuaranteeReport {
  readonly result: FileFixResult;
  readonly violations: string[];
}

export function checkFixGuarantees(file: string, text: string, options: { scan: ScanOptions; includeSuggestions: boolean }): GuaranteeReport {
  const violations: string[] = [];
  const result = fixFile(file, text, options);
  if (result.parseErrors.length > 0) {
    if (result.text !== text) violations.push('a file that did not parse was changed');
    return { result, violations };
  }
  // Unchanged text is trivially idempotent (the same input gives the same output); skip the rerun.
  const again = result.text === text ? result : fixFile(file, result.text, options);
  if (again.text !== result.text) violations.push(`not idempotent: a second run changed the text (${again.applied.map((record) => record.title).join('; ')})`);

  const analysis = analyzeText(file, result.text, options.scan);
  for (const entry of analysis.findings) {
    if (entry.finding.suppressed || entry.fix === undefined) continue;
    if (entry.fix.kind === 'suggestion' && !options.includeSuggestions) continue;
    const reason = result.notApplied.find((record) => record.ruleId === entry.finding.ruleId && record.path === entry.finding.path)?.reason ?? 'no reason given';
    // Edits through YAML anchors would change every alias too; those fixes are refused and reported.
    if (/YAML (?:anchor|alias|merge key)/.test(reason)) continue;
    violations.push(`fixable finding remains: ${entry.finding.ruleId} at ${formatResource(entry.finding.resource)} ${entry.finding.path} (${reason})`);
  }

  const before = objectsByIdentity(file, text);
  const after = objectsByIdentity(file, result.text);
  for (const [identity, original] of before) {
    const fixed = after.get(identity);
    if (fixed === undefined) {
      violations.push(`${identity} disappeared`);
      continue;
    }
    const resource = identity.replace(/#\d+$/, '');
    const allowed = result.applied.filter((record) => record.resource === resource).flatMap((record) => record.operations.map((operation) => operation.path));
    for (const path of differingPaths(original, fixed, [])) {
      if (!allowed.some((operationPath) => pathsOverlap(operationPath, path))) violations.push(`${identity} changed at ${formatFieldPath(path)}, which no applied fix names`);
    }
  }
  for (const identity of after.keys()) {
    if (before.has(identity)) continue;
    if (!result.applied.some((record) => record.ruleId === 'misplaced-settings')) violations.push(`${identity} appeared without a fix that creates it`);
  }
  return { result, violations };
}

function objectsByIdentity(file: string, text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const seen = new Map<string, number>();
  for (const event of documentsOfText(file, text)) {
    if (event.type !== 'objects') continue;
    for (const loaded of event.objects) {
      const resource = formatResource(resourceRefOf(loaded.object));
      const count = seen.get(resource) ?? 0;
      seen.set(resource, count + 1);
      out.set(`${resource}#${count}`, loaded.object);
    }
  }
  return out;
}

/** Leaf paths where two decoded values differ (a whole subtree when one side is not a container). */
export function differingPaths(a: unknown, b: unknown, path: FieldPath): FieldPath[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, index) => differingPaths(item, b[index], [...path, index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => differingPaths(a[key], b[key], [...path, key]));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}
