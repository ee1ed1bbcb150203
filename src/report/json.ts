import type { Report } from '../engine/finding.js';

/** The stable, versioned JSON report (`schemaVersion`); keys appear in a fixed order. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** About how many characters each piece of `jsonChunks` holds. */
const CHUNK = 1 << 20;

/**
 * `formatJson` in pieces of about a megabyte, byte for byte the same text: a report with millions of
 * findings is larger than the longest string V8 can hold, so it is written piece by piece.
 */
export function* jsonChunks(report: Report): Generator<string> {
  // Everything but the findings is small; the findings are serialized one by one, at their depth.
  const frame = JSON.stringify({ ...report, findings: [] }, null, 2);
  const marker = '\n  "findings": []';
  const at = frame.indexOf(marker);
  if (at === -1 || report.findings.length === 0) {
    yield `${frame}\n`;
    return;
  }
  let chunk = `${frame.slice(0, at)}\n  "findings": [`;
  let first = true;
  for (const finding of report.findings) {
    chunk += `${first ? '' : ','}\n    ${JSON.stringify(finding, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n  ]${frame.slice(at + marker.length)}\n`;
}
