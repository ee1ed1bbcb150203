// Text edits are the only thing a fix renderer produces: a range of the original text and what replaces
// it. Applying is plain string splicing; choosing which edits may go together follows ESLint's
// source-code-fixer (fixes sorted by range, an overlapping one waits for the next pass).

export interface TextEdit {
  /** Offset of the first replaced character. */
  readonly start: number;
  /** Offset after the last replaced character; equal to `start` for an insertion. */
  readonly end: number;
  readonly text: string;
}

/** Applies edits that do not overlap; throws when two do (a bug in the caller, not bad input). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`text edit [${edit.start}, ${edit.end}) overlaps another or lies outside the text`);
    }
    out += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return out + text.slice(position);
}

export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  // Stable: insertions at the same offset keep the order they were produced in.
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Whether two edits may not be applied in the same pass. Ranges that overlap or touch conflict, as in
 * ESLint: two insertions at one offset could both add the same key, and a removal that ends where an
 * insertion begins may empty the collection the insertion extends.
 */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whether any edit of one group conflicts with any edit of the other. */
export function editGroupsConflict(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) for (const y of b) if (editsConflict(x, y)) return true;
  return false;
}

/** Edits of one group must not overlap each other (touching is fine: they were planned together). */
export function hasOverlappingEdits(edits: readonly TextEdit[]): boolean {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous === undefined || current === undefined) continue;
    if (current.start < previous.end) return true;
    // Two insertions at one offset from one plan would have been merged into one; refuse rather than guess the order.
    if (current.start === previous.start && current.start === current.end && previous.start === previous.end) return true;
  }
  return false;
}
