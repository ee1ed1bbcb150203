import type { FieldPath } from '../foundation/field-path.js';

// A fast locator for the block-style YAML that tools and people write for Kubernetes: it follows a
// field path through indentation without building a syntax tree. Anything it is not sure about
// (flow collections, anchors, aliases, merge keys, complex keys, tabs, JSON) makes it return
// `undefined`, and the caller falls back to the full parser.
//
// Cost: one pass over the characters of the document on the first call (line starts, indentation,
// and for each line the next one that is not deeper), then each path step visits only the direct
// children of the node it is in, and remembers them, because findings in one document share most of
// their paths.

export interface BlockPosition {
  /** 0-based line within the document text. */
  readonly line: number;
  /** 0-based column. */
  readonly column: number;
}

/** Locates paths in one document; the line scan runs once, on the first call. */
export class BlockYamlIndex {
  #lines: Lines | undefined | null = null;
  #root: Entry[] | undefined | null = null;

  constructor(private readonly text: string) {}

  locate(path: FieldPath): { position: BlockPosition; complete: boolean } | undefined {
    if (this.#lines === null) this.#lines = contentLines(this.text);
    const lines = this.#lines;
    if (lines === undefined || lines.count === 0) return undefined;
    const firstChar = this.text.charCodeAt(lines.start[0] ?? 0);
    if (firstChar === OPEN_BRACE || firstChar === OPEN_BRACKET) return undefined;
    if (this.#root === null) this.#root = childEntries(lines, { fromAt: 0, to: Number.MAX_SAFE_INTEGER, inlineColumn: -1 });
    return locateIn(lines, this.#root, path);
  }
}

export function locateInBlockYaml(text: string, path: FieldPath): { position: BlockPosition; complete: boolean } | undefined {
  return new BlockYamlIndex(text).locate(path);
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const PIPE = 0x7c;
const GREATER = 0x3e;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** The lines that hold content, as parallel arrays indexed by content line (not by text line). */
interface Lines {
  readonly text: string;
  readonly count: number;
  /** 0-based line in the text. */
  readonly line: Int32Array;
  readonly indent: Int32Array;
  /** Offsets of the first non-blank character and of the end of the line (before `\r\n` or `\n`). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** The next content line whose indentation is not deeper than this one's (`count` when none). */
  readonly next: Int32Array;
  /** Text after the indentation without a trailing comment, made when first needed. */
  readonly content: (string | undefined)[];
}

/** A region of lines: from content line `fromAt` up to text line `to`; the first line may start at `inlineColumn` (after `- `). */
interface Region {
  readonly fromAt: number;
  readonly to: number;
  readonly inlineColumn: number;
}

interface Entry {
  readonly kind: 'key' | 'item';
  readonly key: string;
  /** Content line of the entry. */
  readonly at: number;
  readonly line: number;
  readonly column: number;
  /** Text after `key:` (trimmed), or after `- ` for items. */
  readonly value: string;
  /** Column where an item's inline content starts (after `- `); -1 when the dash is alone on its line. */
  readonly valueColumn: number;
  /** First text line after this entry's lines. */
  end: number;
  /** The entry's own children, once walked into: undefined when they are not plain block YAML. */
  children?: Entry[] | undefined;
}

function contentOf(lines: Lines, at: number): string {
  let content = lines.content[at];
  if (content === undefined) {
    content = stripComment(lines.text.slice(lines.start[at], lines.end[at]));
    lines.content[at] = content;
  }
  return content;
}

/** `text` without a comment that starts after whitespace (`value # note` → `value`), as `/\s+#.*$/` would strip it. */
function stripComment(text: string): string {
  for (let hash = text.indexOf('#', 1); hash !== -1; hash = text.indexOf('#', hash + 1)) {
    if (!isWhitespace(text.charCodeAt(hash - 1)) || LINE_TERMINATOR.test(text.slice(hash))) continue;
    let from = hash - 1;
    while (from > 0 && isWhitespace(text.charCodeAt(from - 1))) from--;
    return text.slice(0, from);
  }
  return text;
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** What `\s` matches in a regular expression. */
function isWhitespace(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= TAB && code <= CR);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function locateIn(lines: Lines, root: Entry[] | undefined, path: FieldPath): { position: BlockPosition; complete: boolean } | undefined {
  let position: BlockPosition = { line: lines.line[0] ?? 0, column: lines.indent[0] ?? 0 };
  let children = root;
  for (let step = 0; step < path.length; step++) {
    if (children === undefined) return undefined;
    const segment = path[step];
    const last = step === path.length - 1;
    let entry: Entry | undefined;
    if (typeof segment === 'number') {
      let items = 0;
      for (const candidate of children) {
        if (candidate.kind === 'key') return { position, complete: false };
        if (items++ === segment) entry = candidate;
      }
      if (entry === undefined) return { position, complete: false };
      // Like the parser, an item is where its content starts: after `- `, or on the next line.
      if (entry.valueColumn >= 0) position = { line: entry.line, column: entry.valueColumn };
      else {
        const next = entry.at + 1;
        if (next >= lines.count || (lines.line[next] ?? 0) >= entry.end) return undefined;
        position = { line: lines.line[next] ?? 0, column: lines.indent[next] ?? 0 };
      }
      if (last) break;
      if (isEmptyFlow(entry.value)) return { position, complete: false };
      if (!('children' in entry)) {
        entry.children = entry.valueColumn >= 0
          ? childEntries(lines, { fromAt: entry.at, to: entry.end, inlineColumn: entry.valueColumn })
          : childEntries(lines, { fromAt: entry.at + 1, to: entry.end, inlineColumn: -1 });
      }
    } else {
      // The last duplicate wins, as in the decoded value.
      for (let index = children.length - 1; index >= 0; index--) {
        const candidate = children[index];
        if (candidate !== undefined && candidate.kind === 'key' && candidate.key === segment) {
          entry = candidate;
          break;
        }
      }
      if (entry === undefined) return { position, complete: false };
      position = { line: entry.line, column: entry.column };
      if (last) break;
      const value = entry.value;
      const first = value.charCodeAt(0);
      // An empty flow collection (`{}`, `[]`): the path ends at its key, as the parser would say.
      if (isEmptyFlow(value)) return { position, complete: false };
      if (first === OPEN_BRACE || first === OPEN_BRACKET || first === 0x26 /* & */ || first === 0x2a /* * */ || first === 0x21 /* ! */) return undefined;
      // A scalar value on the key's line: nothing below it to walk into.
      if (value !== '' && first !== HASH && first !== PIPE && first !== GREATER) return { position, complete: false };
      if (!('children' in entry)) entry.children = childEntries(lines, { fromAt: entry.at + 1, to: entry.end, inlineColumn: -1 });
    }
    children = entry.children;
  }
  return { position, complete: true };
}

function isEmptyFlow(value: string): boolean {
  return value === '{}' || value === '[]';
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]},&*!|>%@`?-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]+|$)/;

/** The direct children (keys or items) of a region; undefined when the structure is not plain block YAML. */
function childEntries(lines: Lines, region: Region): Entry[] | undefined {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  const close = (end: number): void => {
    if (current !== undefined) {
      current.end = end;
      entries.push(current);
    }
    current = undefined;
  };
  let at = region.fromAt;
  let childIndent = -1;
  if (region.inlineColumn >= 0 && at < lines.count) {
    // An item's first key shares the line with its dash: `- name: web` holds `name` at the column after `- `.
    const content = contentOf(lines, at).slice(region.inlineColumn - (lines.indent[at] ?? 0));
    if (content !== '') {
      childIndent = region.inlineColumn;
      current = entryAt(lines, at, region.inlineColumn, content);
      if (current === undefined) return undefined;
    }
    at++;
  }
  while (at < lines.count) {
    const line = lines.line[at] ?? 0;
    if (line >= region.to) break;
    const indent = lines.indent[at] ?? 0;
    if (childIndent === -1) childIndent = indent;
    if (indent < childIndent) break;
    if (indent > childIndent) {
      at = lines.next[at] ?? lines.count;
      continue;
    }
    const content = contentOf(lines, at);
    const isItem = isItemContent(content);
    // `key:` followed by items at the key's own indentation: the items are the key's value.
    if (!(isItem && current?.kind === 'key' && current.value === '')) {
      close(line);
      current = entryAt(lines, at, indent, content);
      if (current === undefined) return undefined;
    }
    at = lines.next[at] ?? lines.count;
  }
  close(Math.min(region.to, (lines.line[lines.count - 1] ?? 0) + 1));
  return entries;
}

function isItemContent(content: string): boolean {
  return content.charCodeAt(0) === DASH && (content.length === 1 || content.charCodeAt(1) === SPACE);
}

/** The entry a line starts (`content` begins at `column`); undefined when it is not a plain key or item. */
function entryAt(lines: Lines, at: number, column: number, content: string): Entry | undefined {
  const line = lines.line[at] ?? 0;
  if (isItemContent(content)) {
    const after = content.slice(1);
    const value = after.trim();
    const valueColumn = value === '' ? -1 : column + 1 + (after.length - after.trimStart().length);
    return { kind: 'item', key: '', at, line, column, value, valueColumn, end: 0 };
  }
  if (content.startsWith('? ') || content.startsWith('<<')) return undefined;
  const match = KEY.exec(content);
  if (match === null) return undefined;
  const key = match[1] !== undefined ? JSON.parse(`"${match[1]}"`) as string : match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? '').trimEnd();
  return { kind: 'key', key, at, line, column, value: content.slice(match[0].length).trim(), valueColumn: -1, end: 0 };
}

const BLOCK_SCALAR = /(^|:\s|-\s)[|>][-+0-9]*\s*(#.*)?$/;

/** The lines with content; undefined if the text uses tabs for indentation. */
function contentLines(text: string): Lines | undefined {
  const length = text.length;
  // About one content line per 24 characters in Kubernetes YAML: most documents never grow the arrays.
  let capacity = Math.max(64, length >> 4);
  let line: Int32Array = new Int32Array(capacity);
  let indent: Int32Array = new Int32Array(capacity);
  let start: Int32Array = new Int32Array(capacity);
  let end: Int32Array = new Int32Array(capacity);
  let count = 0;
  let blockScalarIndent = -1;
  let scalarIndentation = '';
  // Offsets of the next `|` and `>` (block scalar indicators), searched natively rather than line by line.
  let nextPipe = -1;
  let nextGreater = -1;
  let index = 0;
  for (let from = 0; from <= length; index++) {
    let lineEnd = text.indexOf('\n', from);
    if (lineEnd === -1) lineEnd = length;
    const next = lineEnd + 1;
    // Inside a block scalar, a line indented deeper than its owner is text: one native comparison skips it.
    if (blockScalarIndent >= 0 && text.startsWith(scalarIndentation, from)) {
      from = next;
      continue;
    }
    if (lineEnd > from && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    let first = from;
    let code = text.charCodeAt(first);
    while (first < lineEnd && code === SPACE) code = text.charCodeAt(++first);
    let contentStart = first;
    // Other leading whitespace (tabs, no-break spaces): counted as indentation, as trimStart does.
    while (contentStart < lineEnd && isWhitespace(code)) code = text.charCodeAt(++contentStart);
    const lineIndent = contentStart - from;
    if (blockScalarIndent >= 0) {
      if (contentStart === lineEnd || lineIndent > blockScalarIndent) {
        from = next;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (contentStart === lineEnd || code === HASH || (index === 0 && isDocumentStart(text, contentStart, lineEnd))) {
      from = next;
      continue;
    }
    if (first !== contentStart) {
      for (let at = from; at < contentStart; at++) if (text.charCodeAt(at) === TAB) return undefined;
    }
    if (count === capacity) {
      capacity *= 2;
      line = grow(line, capacity);
      indent = grow(indent, capacity);
      start = grow(start, capacity);
      end = grow(end, capacity);
    }
    line[count] = index;
    indent[count] = lineIndent;
    start[count] = contentStart;
    end[count] = lineEnd;
    count++;
    // Block scalar contents are text, not structure: skip the lines indented deeper than the node that
    // owns the scalar (the key in `- key: |`, or the dash in `- |`).
    if (nextPipe < contentStart) nextPipe = positionOf(text, '|', contentStart);
    if (nextGreater < contentStart) nextGreater = positionOf(text, '>', contentStart);
    if (nextPipe < lineEnd || nextGreater < lineEnd) {
      const trimmed = text.slice(contentStart, lineEnd);
      if (BLOCK_SCALAR.test(trimmed)) {
        let owner = lineIndent;
        let rest = trimmed;
        for (let dash = /^-[ \t]+/.exec(rest); dash !== null; dash = /^-[ \t]+/.exec(rest)) {
          if (/^[|>]/.test(rest.slice(dash[0].length))) break;
          owner += dash[0].length;
          rest = rest.slice(dash[0].length);
        }
        blockScalarIndent = owner;
        scalarIndentation = ' '.repeat(owner + 1);
      }
    }
    from = next;
  }
  // For each line, the next line that is not deeper: a parent skips its children's lines in one step.
  const nextNotDeeper = new Int32Array(count);
  const stack: number[] = [];
  for (let at = 0; at < count; at++) {
    const own = indent[at] ?? 0;
    while (stack.length > 0 && (indent[stack[stack.length - 1] ?? 0] ?? 0) >= own) nextNotDeeper[stack.pop() ?? 0] = at;
    stack.push(at);
  }
  for (const at of stack) nextNotDeeper[at] = count;
  return { text, count, line, indent, start, end, next: nextNotDeeper, content: new Array<string | undefined>(count) };
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

/** `---` or `--- ...` at the start of the document's first line. */
function isDocumentStart(text: string, from: number, to: number): boolean {
  if (to - from < 3 || !text.startsWith('---', from)) return false;
  return to - from === 3 || text.charCodeAt(from + 3) === SPACE;
}

/** Offset of the first `char` at or after `from`, or the text's length. */
function positionOf(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}
