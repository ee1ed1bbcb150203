import type { Rule } from '../../src/engine/rule.js';
import { analyzeText } from '../../src/scan/scan.js';

export interface RuleFinding {
  /** `Kind/name` or `Kind/namespace/name` of the reported object. */
  readonly object: string;
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

/** Runs one rule through the real engine over YAML text (objects frozen), as `kubeward scan` would. */
export function findingsOf(rule: Rule, yaml: string): RuleFinding[] {
  const analysis = analyzeText('rbac.yaml', yaml, { rules: [rule], freezeObjects: true });
  if (analysis.errors.length > 0) throw new Error(analysis.errors.map((error) => `${error.line}: ${error.message}`).join('\n'));
  return analysis.findings
    .filter((entry) => entry.finding.ruleId === rule.meta.id)
    .map(({ finding }) => ({
      object: [finding.resource.kind, finding.resource.namespace, finding.resource.name].filter((part) => part !== undefined).join('/'),
      path: finding.path,
      line: finding.location.line,
      message: finding.message,
    }));
}
