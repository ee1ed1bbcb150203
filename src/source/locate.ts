import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { FieldPath } from '../foundation/field-path.js';
import type { DocumentSlice } from './split-documents.js';
import type { SourcePosition } from './parse-document.js';
import { BlockYamlIndex } from './locate-block.js';

/**
 * Finds line and column of field paths in one document. The position-keeping parse runs only when a
 * finding in this document is first located, so documents without findings never pay for it.
 */
export class DocumentLocator {
  #tree: { contents: Node | null; lines: LineCounter } | undefined | null;
  #block: BlockYamlIndex | undefined;

  constructor(private readonly slice: DocumentSlice) {}

  /** Position of the node at `path`, or of its nearest existing parent when the field is missing. */
  locate(path: FieldPath): SourcePosition {
    // Objects that have no source text (read from a live cluster) are located by their path alone.
    if (this.slice.text === '') return { line: 0, column: 0 };
    this.#block ??= new BlockYamlIndex(this.slice.text);
    const fast = this.#block.locate(path);
    if (fast !== undefined) return { line: this.slice.line + fast.position.line, column: fast.position.column + 1 };
    return this.locateWithParser(path);
  }

  /** The reference implementation: a full position-keeping parse. */
  locateWithParser(path: FieldPath): SourcePosition {
    const tree = this.#parse();
    if (tree === null || tree.contents === null) return { line: this.slice.line, column: 1 };
    let node: Node = tree.contents;
    let anchorOffset = node.range?.[0] ?? 0;
    for (const segment of path) {
      const next = childOf(node, segment);
      if (next === undefined) break;
      node = next.node;
      anchorOffset = next.offset;
    }
    const position = tree.lines.linePos(anchorOffset);
    return { line: this.slice.line + position.line - 1, column: position.col };
  }

  #parse(): { contents: Node | null; lines: LineCounter } | null {
    if (this.#tree !== undefined) return this.#tree;
    try {
      const lines = new LineCounter();
      const document = parseDocument(this.slice.text, { lineCounter: lines, uniqueKeys: false });
      this.#tree = { contents: document.contents as Node | null, lines };
    } catch {
      this.#tree = null;
    }
    return this.#tree;
  }
}

/** The child node for a segment and the offset to report for it (the key of a pair, the item of a list). */
function childOf(node: Node, segment: string | number): { node: Node; offset: number } | undefined {
  if (typeof segment === 'number') {
    if (!isSeq(node)) return undefined;
    const item = node.items[segment];
    if (item === undefined || item === null || typeof item !== 'object' || !('range' in item)) return undefined;
    const child = item as Node;
    return { node: child, offset: child.range?.[0] ?? 0 };
  }
  if (!isMap(node)) return undefined;
  // The last duplicate wins, as in the decoded value.
  for (let i = node.items.length - 1; i >= 0; i--) {
    const pair = node.items[i];
    if (!isPair(pair)) continue;
    const key = pair.key;
    const keyText = isScalar(key) ? String(key.value) : undefined;
    if (keyText !== segment) continue;
    const keyOffset = isScalar(key) ? key.range?.[0] ?? 0 : 0;
    const value = pair.value;
    if (value !== null && typeof value === 'object' && 'range' in value) return { node: value as Node, offset: keyOffset };
    return { node: key as Node, offset: keyOffset };
  }
  return undefined;
}
