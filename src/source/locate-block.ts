import type { FieldPath } from '../foundation/field-path.js';

// A fast locator for the block-style YAML that tools and people write for Kubernetes: it follows a
// field path through indentation without building a syntax tree. Anything it is not sure about
// (flow collections, anchors, aliases, merge keys, complex keys, tabs, JSON) makes it return
// `undefined`, and the caller falls back to the full parser.

export interface BlockPosition {
  /** 0-based line within the document text. */
  readonly line: number;
  /** 0-based column. */
  readonly column: number;
}

interface Line {
  readonly indent: number;
  /** Text after the indentation. */
  readonly content: string;
}

/** Locates paths in one document; the line scan runs once, on the first call. */
export class BlockYamlIndex {
  #lines: Map<number, Line> | undefined | null = null;
  #indices: number[] = [];
  /** Children by region: findings in one document share most of their paths. */
  readonly #children = new Map<string, Entry[] | undefined>();

  constructor(private readonly text: string) {}

  locate(path: FieldPath): { position: BlockPosition; complete: boolean } | undefined {
    if (this.#lines === null) {
      this.#lines = contentLines(this.text);
      this.#indices = this.#lines === undefined ? [] : [...this.#lines.keys()];
    }
    if (this.#lines === undefined) return undefined;
    return locateIn(this.#lines, this.#indices, path, this.#children);
  }
}

export function locateInBlockYaml(text: string, path: FieldPath): { position: BlockPosition; complete: boolean } | undefined {
  return new BlockYamlIndex(text).locate(path);
}

function locateIn(lines: Map<number, Line>, indices: readonly number[], path: FieldPath, cache: Map<string, Entry[] | undefined>): { position: BlockPosition; complete: boolean } | undefined {
  if (indices.length === 0) return undefined;
  const first = lines.get(indices[0] ?? 0);
  if (first === undefined || first.content.startsWith('{') || first.content.startsWith('[')) return undefined;

  // The node being walked: the lines that belong to it, and where its own content starts.
  let region = { from: indices[0] ?? 0, to: Number.MAX_SAFE_INTEGER, inlineColumn: -1, inlineLine: -1 };
  let position: BlockPosition = { line: region.from, column: first.indent };
  for (let step = 0; step < path.length; step++) {
    const segment = path[step];
    const key = `${region.from}:${region.to}:${region.inlineLine}:${region.inlineColumn}`;
    let children = cache.get(key);
    if (children === undefined && !cache.has(key)) {
      children = childEntries(lines, indices, region);
      cache.set(key, children);
    }
    if (children === undefined) return undefined;
    if (typeof segment === 'number') {
      const items = children.filter((entry) => entry.kind === 'item');
      if (children.some((entry) => entry.kind === 'key')) return { position, complete: false };
      const item = items[segment];
      if (item === undefined) return { position, complete: false };
      // Like the parser, an item is where its content starts: after `- `, or on the next line.
      if (item.valueColumn >= 0) position = { line: item.line, column: item.valueColumn };
      else {
        const candidate = indices[firstAtOrAfter(indices, item.line + 1)];
        const next = candidate !== undefined && candidate < item.end ? candidate : undefined;
        const nextLine = next === undefined ? undefined : lines.get(next);
        if (next === undefined || nextLine === undefined) return undefined;
        position = { line: next, column: nextLine.indent };
      }
      region = { from: item.line, to: item.end, inlineColumn: item.valueColumn, inlineLine: item.line };
    } else {
      const matches = children.filter((entry) => entry.kind === 'key' && entry.key === segment);
      const entry = matches[matches.length - 1];
      if (entry === undefined) {
        if (children.some((candidate) => candidate.kind === 'item')) return { position, complete: false };
        return { position, complete: false };
      }
      position = { line: entry.line, column: entry.column };
      if (entry.value.startsWith('{') || entry.value.startsWith('[') || entry.value.startsWith('&') || entry.value.startsWith('*') || entry.value.startsWith('!')) {
        return step === path.length - 1 ? { position, complete: true } : undefined;
      }
      region = { from: entry.line + 1, to: entry.end, inlineColumn: -1, inlineLine: -1 };
      if (entry.value !== '' && !entry.value.startsWith('#') && !/^[|>]/.test(entry.value)) {
        // A scalar value on the key's line: nothing below it to walk into.
        if (step < path.length - 1) return { position, complete: false };
      }
    }
  }
  return { position, complete: true };
}

interface Entry {
  readonly kind: 'key' | 'item';
  readonly key: string;
  readonly line: number;
  readonly column: number;
  /** Text after `key:` (trimmed), or, for items, unused. */
  readonly value: string;
  /** Column where an item's inline content starts (after `- `). */
  readonly valueColumn: number;
  /** First line after this entry's lines. */
  readonly end: number;
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]},&*!|>%@`?-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]+|$)/;

/** The direct children (keys or items) of a region; undefined when the structure is not plain block YAML. */
function childEntries(lines: Map<number, Line>, indices: readonly number[], region: { from: number; to: number; inlineColumn: number; inlineLine: number }): Entry[] | undefined {
  const entries: Entry[] = [];
  let childIndent = -1;
  let current: { entry: Omit<Entry, 'end'> } | undefined;
  const close = (end: number): void => {
    if (current !== undefined) entries.push({ ...current.entry, end });
    current = undefined;
  };
  for (let at = firstAtOrAfter(indices, region.from); at < indices.length; at++) {
    const index = indices[at] ?? 0;
    if (index >= region.to) break;
    const line = lines.get(index);
    if (line === undefined) continue;
    let indent = line.indent;
    let content = line.content;
    // An item's first key shares the line with its dash: `- name: web` holds `name` at the column after `- `.
    if (index === region.inlineLine && region.inlineColumn >= 0) {
      indent = region.inlineColumn;
      content = content.slice(region.inlineColumn - line.indent);
      if (content === '' ) continue;
    }
    if (childIndent === -1) childIndent = indent;
    if (indent < childIndent) break;
    if (indent > childIndent) continue;
    const isItem = content === '-' || content.startsWith('- ');
    // `key:` followed by items at the key's own indentation: the items are the key's value.
    if (isItem && current?.entry.kind === 'key' && current.entry.value === '') continue;
    close(index);
    if (isItem) {
      const after = content.slice(1);
      const valueColumn = indent + 1 + (after.length - after.trimStart().length);
      current = { entry: { kind: 'item', key: '', line: index, column: indent, value: after.trim(), valueColumn: after.trim() === '' ? -1 : valueColumn } };
      continue;
    }
    if (content.startsWith('? ') || content.startsWith('<<')) return undefined;
    const match = KEY.exec(content);
    if (match === null) return undefined;
    const key = match[1] !== undefined ? JSON.parse(`"${match[1]}"`) as string : match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? '').trimEnd();
    current = { entry: { kind: 'key', key, line: index, column: indent, value: content.slice(match[0].length).trim(), valueColumn: -1 } };
  }
  close(Math.min(region.to, (indices[indices.length - 1] ?? 0) + 1));
  return entries;
}

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Lines with content, by 0-based index; undefined if the text uses tabs for indentation or is not block YAML. */
function contentLines(text: string): Map<number, Line> | undefined {
  const lines = new Map<number, Line>();
  let index = 0;
  let from = 0;
  let blockScalarIndent = -1;
  while (from <= text.length) {
    const end = text.indexOf('\n', from);
    const raw = text.slice(from, end === -1 ? text.length : end).replace(/\r$/, '');
    from = end === -1 ? text.length + 1 : end + 1;
    const trimmed = raw.trimStart();
    const indent = raw.length - trimmed.length;
    if (blockScalarIndent >= 0) {
      if (trimmed === '' || indent > blockScalarIndent) {
        index++;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (trimmed === '' || trimmed.startsWith('#') || (index === 0 && (trimmed === '---' || trimmed.startsWith('--- ')))) {
      index++;
      continue;
    }
    if (raw.slice(0, indent).includes('\t')) return undefined;
    lines.set(index, { indent, content: trimmed.replace(/\s+#.*$/, '') });
    // Block scalar contents are text, not structure: skip the lines indented deeper than the node that
    // owns the scalar (the key in `- key: |`, or the dash in `- |`).
    if (/(^|:\s|-\s)[|>][-+0-9]*\s*(#.*)?$/.test(trimmed)) {
      let owner = indent;
      let rest = trimmed;
      for (let dash = /^-[ \t]+/.exec(rest); dash !== null; dash = /^-[ \t]+/.exec(rest)) {
        if (/^[|>]/.test(rest.slice(dash[0].length))) break;
        owner += dash[0].length;
        rest = rest.slice(dash[0].length);
      }
      blockScalarIndent = owner;
    }
    index++;
  }
  return lines;
}
