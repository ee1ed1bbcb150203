import { isScalar, LineCounter, parseDocument, Scalar, visit } from 'yaml';
import { yaml12Disagreement } from './yaml-1-1.js';
import type { DocumentSlice } from './split-documents.js';

// Numbers that YAML 1.1 readers (kubectl and the API server, through go-yaml v2) and YAML 1.2 readers
// (editors, linters, yq, Helm's own checks) read differently: `runAsUser: 010000` is 4096 for the API
// server and 10000 for a YAML 1.2 tool; `1_000` is 1000 or the string "1_000". kubeward reads what the
// API server reads (yaml-1-1.ts) and names these forms, so the manifest can say what it means.

// A plain token with a leading zero before a digit, or an underscore between digits. Cheap first pass:
// only documents that hold one are parsed again with positions.
const CANDIDATE = /(?:^|[\s,[{])[-+]?(?:0[0-9_]|[0-9]+_)[0-9_]*(?=[ \t]*(?:$|[,\]}#]))/gm;

export interface NumberReadingNote {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Whether a candidate sits outside quotes on its line (a quoted scalar is a string for every reader). */
function hasUnquotedCandidate(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const before = text.slice(lineStart, match.index);
    if ((before.split('"').length - 1) % 2 !== 0 || (before.split("'").length - 1) % 2 !== 0) continue;
    // After `[`, `{` or `,` only inside a flow collection (not a regular expression such as `([01][0-9])`).
    const value = before.replace(/^\s*(?:-\s+)*(?:[^:#]*:\s+)?/, '');
    if (!/^[[{,]/.test(match[0]) || /^[[{]/.test(value)) return true;
  }
  return false;
}

export function numberReadingNotes(slice: DocumentSlice): NumberReadingNote[] {
  if (!hasUnquotedCandidate(slice.text)) return [];
  const lines = new LineCounter();
  const document = parseDocument(slice.text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false, strict: false });
  const notes: NumberReadingNote[] = [];
  visit(document, {
    Scalar(_key, node) {
      if (!isScalar(node) || node.type !== Scalar.PLAIN || node.range === undefined || node.range === null) return;
      const source = slice.text.slice(node.range[0], node.range[1]).trim();
      const disagreement = yaml12Disagreement(source);
      if (disagreement === undefined) return;
      const position = lines.linePos(node.range[0]);
      notes.push({
        line: slice.line + position.line - 1,
        column: position.col,
        message: `${source} reads as ${disagreement.yaml11} for kubectl and the API server (YAML 1.1) but as ${disagreement.yaml12} for YAML 1.2 tools; ` +
          `kubeward reads ${disagreement.yaml11}: write ${disagreement.yaml11}, or quote the value if a string is meant`,
      });
    },
  });
  return notes;
}
