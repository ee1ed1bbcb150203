import type { Report } from '../engine/finding.js';

/** The stable, versioned JSON report (`schemaVersion`); keys appear in a fixed order. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
