// Splits a YAML stream into documents without parsing it, so each document can be parsed (and
// located) on its own. A line starting with `---` or `...` always ends a document, even inside
// block or quoted scalars (YAML 1.2, c-forbidden), so a line scan is exact.
export interface DocumentSlice {
  /** Text of the document, starting at the beginning of its first line (a leading `---` is kept). */
  readonly text: string;
  /** Offset of `text` in the whole stream. */
  readonly offset: number;
  /** 1-based line of the first line of `text`. */
  readonly line: number;
  /** 0-based index of the document in the stream, counting documents that hold content. */
  readonly index: number;
}

/** Offsets of lines that start with `---` or `...` followed by whitespace or the end of the stream. */
function markerOffsets(stream: string): { offset: number; isEnd: boolean }[] {
  const cuts: { offset: number; isEnd: boolean }[] = [];
  const isMarkerAt = (offset: number, marker: string): boolean => {
    if (!stream.startsWith(marker, offset)) return false;
    const next = stream.charCodeAt(offset + 3);
    return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
  };
  // indexOf is native and much faster than a multiline regular expression over a large stream.
  for (const marker of ['---', '...']) {
    if (isMarkerAt(0, marker)) cuts.push({ offset: 0, isEnd: marker === '...' });
    for (let at = stream.indexOf(`\n${marker}`); at !== -1; at = stream.indexOf(`\n${marker}`, at + 1)) {
      if (isMarkerAt(at + 1, marker)) cuts.push({ offset: at + 1, isEnd: marker === '...' });
    }
  }
  return cuts.sort((a, b) => a.offset - b.offset);
}

export function splitDocuments(stream: string): DocumentSlice[] {
  const cuts = markerOffsets(stream);
  const slices: DocumentSlice[] = [];
  let pendingDirectives: { offset: number } | undefined;
  let start = 0;
  let startIsEnd = false;
  // Documents come in order, so each line count continues from the previous one: linear in the stream.
  let counted = { offset: 0, line: 1 };
  const lineAt = (offset: number): number => {
    let line = counted.line;
    for (let i = stream.indexOf('\n', counted.offset); i !== -1 && i < offset; i = stream.indexOf('\n', i + 1)) line++;
    counted = { offset, line };
    return line;
  };
  const emit = (from: number, to: number, isEnd: boolean): void => {
    let text = stream.slice(from, to);
    // `...` ends the previous document; blank it so the rest of the slice still parses with the same columns.
    if (isEnd) text = '   ' + text.slice(3);
    const first = firstContentLine(text);
    if (first === undefined) return;
    if (first.startsWith('%') && isOnlyDirectives(text)) {
      pendingDirectives ??= { offset: from };
      return;
    }
    let offset = pendingDirectives?.offset ?? from;
    if (pendingDirectives !== undefined) text = stream.slice(offset, to);
    pendingDirectives = undefined;
    // A document that starts with a byte order mark (files concatenated after `---`, each with its own):
    // kubectl decodes each document as a stream of its own, and go-yaml drops a BOM at a stream's start.
    // The slice starts after the mark, so it stays a substring of the stream (edits keep their offsets).
    const bom = text.indexOf('\uFEFF');
    if (bom !== -1 && (bom === 0 || text.charCodeAt(bom - 1) === 0x0a) && firstContentLine(text.slice(0, bom)) === undefined) {
      offset += bom + 1;
      text = text.slice(bom + 1);
    }
    slices.push({ text, offset, line: lineAt(offset), index: slices.length });
  };
  for (const cut of cuts) {
    if (cut.offset === 0 && start === 0) {
      startIsEnd = cut.isEnd;
      continue;
    }
    emit(start, cut.offset, startIsEnd);
    start = cut.offset;
    startIsEnd = cut.isEnd;
  }
  emit(start, stream.length, startIsEnd);
  return slices;
}

/** The first line that holds content (not blank, a comment or a bare marker); undefined when none does. */
function firstContentLine(text: string): string | undefined {
  let from = 0;
  while (from < text.length) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end === -1 ? text.length : end).trim();
    from = end === -1 ? text.length : end + 1;
    if (line === '' || line.startsWith('#') || line === '---' || line === '...') continue;
    if (line.startsWith('--- ') || line.startsWith('---\t')) {
      const rest = line.slice(4).trim();
      if (rest === '' || rest.startsWith('#')) continue;
      return rest;
    }
    return line;
  }
  return undefined;
}

function isOnlyDirectives(text: string): boolean {
  return text.split('\n').every((raw) => {
    const line = raw.trim();
    return line === '' || line.startsWith('#') || line.startsWith('%');
  });
}
