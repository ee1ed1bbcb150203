import jsYaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from './yaml-1-1.js';
import type { DocumentSlice } from './split-documents.js';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export type ParseOutcome =
  | { readonly ok: true; readonly value: unknown; readonly warnings: readonly ParseProblem[] }
  | { readonly ok: false; readonly problem: ParseProblem };

export interface ParseProblem extends SourcePosition {
  readonly message: string;
}

/** Alias expansion budget: a "billion laughs" document is refused long before it fills memory. */
export const MAX_EXPANDED_NODES = 1_000_000;
const ANCHOR = /(?:^|[\s[{,:-])&[^\s[\]{},]+/;

/**
 * Parses one document with the fast parser (no positions kept: they are found later, only for what is
 * reported). Duplicate keys are reported and the document is still read (last value wins, as go-yaml
 * v2's lenient decoders do), so the rest of it is checked.
 */
export function parseDocument(slice: DocumentSlice): ParseOutcome {
  const warnings: ParseProblem[] = [];
  let value: unknown;
  try {
    value = jsYaml.load(slice.text, { schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    const problem = problemFrom(error, slice);
    if (!(error instanceof jsYaml.YAMLException) || !error.reason.startsWith('duplicated mapping key')) {
      return { ok: false, problem };
    }
    warnings.push(problem);
    try {
      value = jsYaml.load(slice.text, { schema: KUBERNETES_YAML_SCHEMA, json: true });
    } catch (second) {
      return { ok: false, problem: problemFrom(second, slice) };
    }
  }
  // Aliases share structure in the parsed value; walking it later would expand them. Only documents
  // with anchors pay for this check.
  if (slice.text.includes('&') && ANCHOR.test(slice.text)) {
    const refusal = checkAliasExpansion(value);
    if (refusal !== undefined) return { ok: false, problem: { line: slice.line, column: 1, message: refusal } };
  }
  return { ok: true, value, warnings };
}

function problemFrom(error: unknown, slice: DocumentSlice): ParseProblem {
  if (error instanceof jsYaml.YAMLException) {
    const mark = error.mark as { line?: number; column?: number; position?: number } | undefined;
    let line = mark?.line ?? 0;
    let column = mark?.column ?? 0;
    // At the end of the stream the parser points past the last line; point at the last character instead.
    if (mark?.position !== undefined && mark.position >= slice.text.trimEnd().length) {
      const content = slice.text.trimEnd();
      line = content.split('\n').length - 1;
      column = content.length - (content.lastIndexOf('\n') + 1);
    }
    return { line: slice.line + line, column: column + 1, message: `invalid YAML: ${error.reason}` };
  }
  if (error instanceof RangeError) {
    return { line: slice.line, column: 1, message: 'document is nested too deeply to read' };
  }
  return { line: slice.line, column: 1, message: `could not parse document: ${String(error)}` };
}

function checkAliasExpansion(root: unknown): string | undefined {
  let visited = 0;
  const ancestors = new Set<object>();
  const walk = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (++visited > MAX_EXPANDED_NODES) {
      return `document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through YAML aliases (alias bomb); refused`;
    }
    if (ancestors.has(value)) return 'document contains a recursive YAML alias; refused';
    ancestors.add(value);
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      const refusal = walk(child);
      if (refusal !== undefined) return refusal;
    }
    ancestors.delete(value);
    return undefined;
  };
  try {
    return walk(root);
  } catch (error) {
    if (error instanceof RangeError) return 'document is nested too deeply to read';
    throw error;
  }
}
