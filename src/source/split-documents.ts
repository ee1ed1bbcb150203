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

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function splitDocuments(stream: string): DocumentSlice[] {
  const cuts: { offset: number; isEnd: boolean }[] = [];
  MARKER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = MARKER.exec(stream)) !== null) cuts.push({ offset: match.index, isEnd: match[0] === '...' });

  const slices: DocumentSlice[] = [];
  let pendingDirectives: { offset: number } | undefined;
  let start = 0;
  let startIsEnd = false;
  const emit = (from: number, to: number, isEnd: boolean): void => {
    let text = stream.slice(from, to);
    // `...` ends the previous document; blank it so the rest of the slice still parses with the same columns.
    if (isEnd) text = '   ' + text.slice(3);
    if (!hasContent(text)) return;
    if (isOnlyDirectives(text)) {
      pendingDirectives ??= { offset: from };
      return;
    }
    const offset = pendingDirectives?.offset ?? from;
    if (pendingDirectives !== undefined) text = stream.slice(offset, to);
    pendingDirectives = undefined;
    slices.push({ text, offset, line: lineAt(stream, offset), index: slices.length });
  };
  for (const cut of cuts) {
    emit(start, cut.offset, startIsEnd);
    start = cut.offset;
    startIsEnd = cut.isEnd;
  }
  emit(start, stream.length, startIsEnd);
  return slices;
}

function hasContent(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === '---' || line === '...') continue;
    if (line.startsWith('--- ') || line.startsWith('---\t')) {
      const rest = line.slice(4).trim();
      if (rest === '' || rest.startsWith('#')) continue;
    }
    return true;
  }
  return false;
}

function isOnlyDirectives(text: string): boolean {
  return text.split('\n').every((raw) => {
    const line = raw.trim();
    return line === '' || line.startsWith('#') || line.startsWith('%');
  });
}

let lineCache: { stream: string; offset: number; line: number } | undefined;

/** 1-based line of an offset; sequential calls on the same stream reuse the previous count. */
export function lineAt(stream: string, offset: number): number {
  let from = 0;
  let line = 1;
  if (lineCache !== undefined && lineCache.stream === stream && lineCache.offset <= offset) {
    from = lineCache.offset;
    line = lineCache.line;
  }
  for (let i = stream.indexOf('\n', from); i !== -1 && i < offset; i = stream.indexOf('\n', i + 1)) line++;
  lineCache = { stream, offset, line };
  return line;
}
