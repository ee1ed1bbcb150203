import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { getAtPath, isRecord, type FieldPath, type PathSegment } from '../foundation/field-path.js';
import { hasOverlappingEdits, type TextEdit } from './apply-text-edits.js';
import { isDeepEqual } from './apply-operations.js';
import type { FixOperation } from './operations.js';

// Turns fix operations into byte-exact edits of one YAML (or JSON) document's text. Only the bytes an
// operation needs change: a scalar is replaced through its node range, a new key becomes new lines at
// its siblings' indentation, a removal takes the lines of the pair or item. Everything else (comments,
// quoting, key order, blank lines) stays. The `yaml` package (eemeli) gives node ranges; we never
// re-stringify a document, because Document#toString rewrites alignment and flow style.

export type RenderOutcome =
  | { readonly ok: true; readonly edits: TextEdit[] }
  | { readonly ok: false; readonly reason: string };

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/** A node reached by a path, with where it sits in its parent. */
interface Located {
  readonly node: Node;
  readonly parent: Collection | undefined;
  /** Index of the pair (maps) or item (sequences) in the parent. */
  readonly index: number;
  readonly pair: Pair<unknown, unknown> | undefined;
}

type Resolution =
  | { readonly kind: 'found'; readonly target: Located }
  | { readonly kind: 'missing'; readonly deepest: Located; readonly tail: FieldPath };

interface Style {
  readonly step: number;
  readonly indentlessSeq: boolean;
  /** The document is JSON (its root is a flow collection): keys and strings are written as JSON. */
  readonly json: boolean;
  /** JSON on one line: new values stay on that line. */
  readonly compact: boolean;
  readonly eol: string;
}

class RenderError extends Error {}

/** One document parsed once for editing; `render` may be called for many operation lists. */
export class EditableYamlDocument {
  readonly #root: Node;
  readonly #style: Style;

  private constructor(readonly text: string, private readonly decoded: unknown, root: Node) {
    this.#root = root;
    this.#style = detectStyle(text, root);
  }

  /**
   * Parses `text` for editing. `decoded` is the document's value as the scanner read it (YAML 1.1
   * booleans included); it decides when a `set` is already satisfied.
   */
  static parse(text: string, decoded: unknown): EditableYamlDocument | { readonly reason: string } {
    let root: Node | null;
    try {
      const document = parseDocument(text, { uniqueKeys: false });
      if (document.errors.length > 0) return { reason: `document cannot be edited: ${document.errors[0]?.message.split('\n')[0] ?? 'parse error'}` };
      root = document.contents as Node | null;
    } catch (error) {
      return { reason: `document cannot be edited: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (root === null) return { reason: 'document is empty' };
    return new EditableYamlDocument(text, decoded, root);
  }

  /** Edits (offsets into `text`) that apply the operations to the object at `basePath`. */
  render(basePath: FieldPath, operations: readonly FixOperation[]): RenderOutcome {
    try {
      const planner = new Planner(this.text, this.#root, this.decoded);
      const renamed = renamesOf(basePath, operations, this.decoded);
      for (const [index, newKey] of renamed) if (index >= 0) planner.planRename([...basePath, ...(operations[index] as FixOperation).path], newKey);
      for (const [index, operation] of operations.entries()) {
        if (renamed.has(index) || renamed.has(-index - 1)) continue;
        const path = [...basePath, ...operation.path];
        if (operation.op === 'set') planner.planSet(path, operation.value);
        else planner.planRemove(path, operation.withComments === true);
      }
      const edits = new Renderer(this.text, this.#style, planner).edits();
      if (hasOverlappingEdits(edits)) return { ok: false, reason: 'operations of this fix overlap in the text' };
      return { ok: true, edits };
    } catch (error) {
      if (error instanceof RenderError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  /** The full-line comments directly above the field at `path`, at its column, as written ('' if none). */
  commentsAbove(path: FieldPath): string {
    const planner = new Planner(this.text, this.#root, this.decoded);
    const item = planner.itemAt(path);
    if (item === undefined) return '';
    const start = itemStart(item);
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    if (this.text.slice(lineStart, start).trim() !== '') return '';
    return this.text.slice(commentsAbove(this.text, lineStart, start - lineStart), lineStart);
  }
}

// ---------------------------------------------------------------------------------------------------
// Planning: operations become replacements, insertions into maps, appends to sequences, removals.

interface InsertPlan {
  readonly located: Located;
  /** New keys (maps) or new items by index (sequences), nested values already merged. */
  readonly value: Record<string, unknown> | unknown[];
}

class Planner {
  readonly replaces = new Map<Node, { located: Located; value: unknown }>();
  readonly inserts = new Map<Node, InsertPlan>();
  readonly removes = new Map<Collection, { located: Located; indices: Set<number>; withComments: Set<number> }>();
  readonly renames: { start: number; end: number; key: string; flow: boolean }[] = [];
  readonly #locatedOf = new Map<Node, Located>();

  constructor(private readonly text: string, private readonly root: Node, private readonly decoded: unknown) {}

  locatedOf(node: Node): Located | undefined {
    return this.#locatedOf.get(node);
  }

  planSet(path: FieldPath, value: unknown): void {
    if (value === undefined) throw new RenderError(`cannot set ${describe(path)} to undefined`);
    const resolution = this.#resolve(path);
    if (resolution.kind === 'found') {
      const { target } = resolution;
      if (isDeepEqual(getAtPath(this.decoded, path), value)) return;
      if (target.parent === undefined) throw new RenderError('cannot replace a whole document');
      const node = target.node;
      if (isAlias(node) || hasAnchor(node)) throw new RenderError(`${describe(path)} is a YAML anchor or alias; editing it would change other places`);
      if (isRecord(value) && isMap(node) && node.items.length > 0 && Object.keys(value).length > 0) {
        for (const [key, child] of Object.entries(value)) this.planSet([...path, key], child);
        for (const pair of node.items) {
          const key = keyText(pair);
          if (key !== undefined && !Object.prototype.hasOwnProperty.call(value, key)) this.planRemove([...path, key]);
        }
        return;
      }
      if (Array.isArray(value) && isSeq(node) && node.items.length > 0 && value.length > 0) {
        value.forEach((item: unknown, index: number) => this.planSet([...path, index], item));
        for (let index = value.length; index < node.items.length; index++) this.planRemove([...path, index]);
        return;
      }
      this.#addReplace(target, value, false);
      return;
    }
    const { deepest, tail } = resolution;
    const head = tail[0];
    if (isMap(deepest.node) && typeof head === 'string') {
      this.#addInsert(deepest, tail, value, {});
    } else if (isSeq(deepest.node) && typeof head === 'number') {
      this.#addInsert(deepest, [head - deepest.node.items.length, ...tail.slice(1)], value, []);
    } else if (isScalar(deepest.node) && deepest.parent !== undefined) {
      // A null or wrongly typed value where a map or list is needed (`securityContext:` with nothing).
      if (hasAnchor(deepest.node)) throw new RenderError(`${describe(path)} goes through a YAML anchor`);
      this.#addReplace(deepest, nestValue(tail, value), true);
    } else {
      throw new RenderError(`cannot create ${describe(path)}: a parent is not a map or list`);
    }
  }

  /** A key renamed where it stands (its value, comments and position kept). */
  planRename(path: FieldPath, newKey: string): void {
    const resolution = this.#resolve(path);
    if (resolution.kind === 'missing' || resolution.target.pair === undefined || !isMap(resolution.target.parent)) throw new RenderError(`cannot rename ${describe(path)}`);
    const key = resolution.target.pair.key;
    if (!isScalar(key) || hasAnchor(key) || key.range == null) throw new RenderError(`cannot rename ${describe(path)}`);
    this.renames.push({ start: key.range[0], end: key.range[1], key: newKey, flow: resolution.target.parent.flow === true });
  }

  /** The pair or item at `path` (undefined when it is missing or the root). */
  itemAt(path: FieldPath): unknown {
    const resolution = this.#resolve(path);
    if (resolution.kind === 'missing' || resolution.target.parent === undefined) return undefined;
    return (resolution.target.parent as Collection).items[resolution.target.index];
  }

  planRemove(path: FieldPath, withComments = false): void {
    const resolution = this.#resolve(path);
    if (resolution.kind === 'missing') return;
    const { target } = resolution;
    if (target.parent === undefined) throw new RenderError('cannot remove a whole document');
    if (hasAnchor(target.node)) throw new RenderError(`${describe(path)} is a YAML anchor; removing it would break its aliases`);
    const parentLocated = this.#locatedOf.get(target.parent);
    if (parentLocated === undefined) throw new RenderError(`cannot remove ${describe(path)}`);
    let entry = this.removes.get(target.parent);
    if (entry === undefined) this.removes.set(target.parent, (entry = { located: parentLocated, indices: new Set(), withComments: new Set() }));
    entry.indices.add(target.index);
    if (withComments) entry.withComments.add(target.index);
  }

  #addReplace(located: Located, value: unknown, isMergeable: boolean): void {
    const existing = this.replaces.get(located.node);
    if (existing === undefined) {
      this.replaces.set(located.node, { located, value });
      return;
    }
    if (isMergeable && isRecord(existing.value) && isRecord(value)) {
      existing.value = mergeInto(existing.value, value);
      return;
    }
    if (!isDeepEqual(existing.value, value)) throw new RenderError('two operations set the same field to different values');
  }

  #addInsert(located: Located, tail: FieldPath, value: unknown, empty: Record<string, unknown> | unknown[]): void {
    if (hasAnchor(located.node)) throw new RenderError('the parent is a YAML anchor; adding to it would change its aliases too');
    let entry = this.inserts.get(located.node);
    if (entry === undefined) this.inserts.set(located.node, (entry = { located, value: empty }));
    setNew(entry.value, tail, value);
  }

  #resolve(path: FieldPath): Resolution {
    let current: Located = { node: this.root, parent: undefined, index: -1, pair: undefined };
    this.#locatedOf.set(this.root, current);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as PathSegment;
      const node = current.node;
      if (isAlias(node)) throw new RenderError(`${describe(path)} goes through a YAML alias`);
      if (typeof segment === 'string') {
        if (!isMap(node)) return { kind: 'missing', deepest: current, tail: path.slice(i) };
        if (node.items.some((pair) => keyText(pair) === '<<')) throw new RenderError(`${describe(path.slice(0, i))} uses a YAML merge key`);
        let found = -1;
        // The last duplicate wins, as in the decoded value.
        for (let j = node.items.length - 1; j >= 0; j--) {
          const pair = node.items[j];
          if (pair !== undefined && keyText(pair) === segment) {
            found = j;
            break;
          }
        }
        if (found === -1) return { kind: 'missing', deepest: current, tail: path.slice(i) };
        const pair = node.items[found] as Pair<unknown, unknown>;
        if (!isNode(pair.value)) throw new RenderError(`${describe(path.slice(0, i + 1))} has no value node to edit`);
        current = { node: pair.value, parent: node, index: found, pair };
      } else {
        if (!isSeq(node) || segment >= node.items.length) return { kind: 'missing', deepest: current, tail: path.slice(i) };
        const item = node.items[segment];
        if (!isNode(item)) throw new RenderError(`${describe(path.slice(0, i + 1))} has no node to edit`);
        current = { node: item, parent: node, index: segment, pair: undefined };
      }
      if (hasAnchor(current.node) && i < path.length - 1) throw new RenderError(`${describe(path)} goes through a YAML anchor`);
      this.#locatedOf.set(current.node, current);
    }
    return { kind: 'found', target: current };
  }
}

// ---------------------------------------------------------------------------------------------------
// Rendering: plans become text edits.

class Renderer {
  readonly #out: TextEdit[] = [];
  readonly #lineInserts = new Map<number, { column: number; text: string }[]>();

  constructor(private readonly text: string, private readonly style: Style, private readonly plan: Planner) {}

  edits(): TextEdit[] {
    const { replaces, inserts, removes, renames } = this.plan;
    for (const rename of renames) this.#push(rename.start, rename.end, this.#keyText(rename.key, rename.flow));
    for (const { located, indices, withComments } of removes.values()) {
      const collection = located.node as Collection;
      const insert = inserts.get(collection);
      if (indices.size === collection.items.length) {
        // Everything goes: the collection becomes empty (or holds only what is added), never null.
        if (insert !== undefined) inserts.delete(collection);
        const replacement = insert === undefined ? (isMap(collection) ? {} : []) : insert.value;
        if (Array.isArray(replacement) && replacement.includes(undefined)) throw new RenderError('new list items leave a gap');
        this.#replace(located, replacement, undefined);
      } else {
        this.#remove(collection, indices, withComments);
      }
    }
    for (const { located, value } of replaces.values()) this.#replace(located, value, located.node);
    for (const { located, value } of inserts.values()) {
      const node = located.node;
      if (Array.isArray(value)) {
        if (value.includes(undefined) || Object.keys(value).length !== value.length) throw new RenderError('new list items must follow the existing ones without a gap');
        if (!isSeq(node)) throw new RenderError('items can only be added to a list');
        if (node.flow && node.items.length === 0) this.#replace(located, value, undefined);
        else if (node.flow) this.#appendFlow(node, value.map((item) => this.#flowValue(item, this.#lineIndentAt(itemStart(node.items[node.items.length - 1])))));
        else this.#appendBlockItems(node, value);
      } else {
        if (!isMap(node)) throw new RenderError('keys can only be added to a map');
        if (node.flow && node.items.length === 0) this.#replace(located, value, undefined);
        else if (node.flow) this.#insertFlowEntries(node, value);
        else this.#insertBlockEntries(node, value);
      }
    }
    this.#flushLineInserts();
    return this.#out;
  }

  // --- replacing a node ----------------------------------------------------------------------------

  #replace(located: Located, value: unknown, previous: Node | undefined): void {
    const { node, parent, pair } = located;
    const [start, end] = rangeOf(node);
    const endsAtLineStart = end > 0 && this.text[end - 1] === '\n';
    if (parent === undefined) {
      // The document's root (all of its keys removed): it starts at column 0.
      if (!isMap(node) && !isSeq(node)) throw new RenderError('cannot replace a whole document');
      const text = isNonEmptyCollection(value) && !node.flow
        ? (isRecord(value) ? blockEntries(value, 0, this.style) : blockItems(value as unknown[], 0, this.style)).join(this.style.eol) + this.style.eol
        : this.#flowValue(value, 0) + (endsAtLineStart ? this.style.eol : '');
      this.#push(start, end, text);
      return;
    }
    if (parent.flow) {
      this.#push(start, end, this.#flowValue(value, this.#lineIndentAt(start), previous));
      return;
    }
    const isBlockCollection = (isMap(node) || isSeq(node)) && !node.flow;
    if (!isNonEmptyCollection(value)) {
      const inline = this.#flowValue(value, 0, previous);
      if (isBlockCollection && pair !== undefined) this.#push(this.#afterColon(pair), end, ` ${inline}${this.style.eol}`);
      else if (isBlockCollection || endsAtLineStart) this.#push(start, end, inline + this.style.eol);
      else if (start === end && pair !== undefined) this.#push(this.#afterColon(pair), end, ` ${inline}`);
      else if (start === end) throw new RenderError('cannot edit an empty list item');
      else this.#push(start, end, inline);
      return;
    }
    if (pair !== undefined) {
      const keyColumn = this.#column(rangeOf(pair.key as Node)[0]);
      const lines = this.#blockValueLines(value, keyColumn);
      const colonEnd = this.#afterColon(pair);
      if (isBlockCollection || endsAtLineStart) {
        this.#push(colonEnd, end, this.style.eol + lines.join(this.style.eol) + this.style.eol);
      } else {
        // Keep a comment that follows the old value on the key's line.
        const lineEnd = this.#lineContentEnd(end);
        const rest = this.text.slice(end, lineEnd);
        const comment = rest.trim() === '' ? '' : /^[ \t]/.test(rest) ? rest : ` ${rest}`;
        this.#push(colonEnd, lineEnd, comment + this.style.eol + lines.join(this.style.eol));
      }
      return;
    }
    if (start === end) throw new RenderError('cannot edit an empty list item');
    // An item of a block sequence: the value starts after `- `, its later lines align with its first.
    const column = this.#column(start);
    const lines = isRecord(value) ? blockEntries(value, column, this.style) : blockItems(value as unknown[], column, this.style);
    const joined = lines.join(this.style.eol).slice(column);
    this.#push(start, end, isBlockCollection || endsAtLineStart ? joined + this.style.eol : joined);
  }

  /** Lines of a non-empty map or list that is the value of a key at `keyColumn`. */
  #blockValueLines(value: unknown, keyColumn: number): string[] {
    if (isRecord(value)) return blockEntries(value, keyColumn + this.style.step, this.style);
    return blockItems(value as unknown[], this.style.indentlessSeq ? keyColumn : keyColumn + this.style.step, this.style);
  }

  // --- adding --------------------------------------------------------------------------------------

  #insertBlockEntries(map: YAMLMap<unknown, unknown>, value: Record<string, unknown>): void {
    const first = map.items[0];
    const last = map.items[map.items.length - 1];
    if (first === undefined || last === undefined) throw new RenderError('cannot add to an empty block map');
    const indent = this.#column(rangeOf(first.key as Node)[0]);
    this.#insertLines(pairEnd(last), blockEntries(value, indent, this.style), indent);
  }

  #appendBlockItems(seq: YAMLSeq<unknown>, items: readonly unknown[]): void {
    const first = seq.items[0];
    const last = seq.items[seq.items.length - 1];
    if (!isNode(first) || !isNode(last)) throw new RenderError('cannot append to an empty block list');
    const dash = this.#dashBefore(rangeOf(first)[0]);
    // Items sit one column deeper than a dash at the same column would: a map key there is the parent's.
    this.#insertLines(rangeOf(last)[1], blockItems(items, this.#column(dash), this.style), this.#column(dash) + 0.5);
  }

  #insertLines(afterOffset: number, lines: readonly string[], column: number): void {
    const at = this.#lineSpanEnd(afterOffset);
    let list = this.#lineInserts.get(at);
    if (list === undefined) this.#lineInserts.set(at, (list = []));
    list.push({ column, text: lines.join(this.style.eol) + this.style.eol });
  }

  /**
   * New lines for maps that end on the same line (a container's securityContext and the pod spec after
   * it) go in one insertion, the deeper map's lines first so that each lands inside its own map.
   */
  #flushLineInserts(): void {
    for (const [at, list] of this.#lineInserts) {
      const body = [...list].sort((a, b) => b.column - a.column).map((insert) => insert.text).join('');
      const needsBreak = at === this.text.length && at > 0 && this.text[at - 1] !== '\n';
      this.#push(at, at, needsBreak ? this.style.eol + body : body);
    }
    this.#lineInserts.clear();
  }

  #insertFlowEntries(map: YAMLMap<unknown, unknown>, value: Record<string, unknown>): void {
    const last = map.items[map.items.length - 1];
    if (last === undefined) throw new RenderError('cannot add to an empty flow map');
    const itemIndent = this.#column(rangeOf(last.key as Node)[0]);
    const entries = Object.entries(value).map(([key, child]) => `${this.#keyText(key, true)}: ${this.#flowValue(child, itemIndent)}`);
    this.#appendFlowTexts(rangeOf(map)[0], rangeOf(last.key as Node)[0], pairEnd(last), entries);
  }

  #appendFlow(seq: YAMLSeq<unknown>, texts: readonly string[]): void {
    const last = seq.items[seq.items.length - 1];
    if (!isNode(last)) throw new RenderError('cannot append to this flow list');
    this.#appendFlowTexts(rangeOf(seq)[0], rangeOf(last)[0], rangeOf(last)[1], texts);
  }

  #appendFlowTexts(collectionStart: number, lastStart: number, lastEnd: number, texts: readonly string[]): void {
    const isMultiline = this.text.slice(collectionStart, lastStart).includes('\n');
    const indent = ' '.repeat(this.#column(lastStart));
    const separator = isMultiline ? `,${this.style.eol}${indent}` : ', ';
    this.#push(lastEnd, lastEnd, texts.map((text) => separator + text).join(''));
  }

  // --- removing ------------------------------------------------------------------------------------

  #remove(collection: Collection, indices: ReadonlySet<number>, withComments: ReadonlySet<number>): void {
    const count = collection.items.length;
    if (collection.flow) {
      // Maximal runs of removed items; the separating comma goes with them.
      const starts = collection.items.map((item) => itemStart(item));
      const ends = collection.items.map((item) => itemEnd(item));
      for (let a = 0; a < count; a++) {
        if (!indices.has(a)) continue;
        let b = a;
        while (b + 1 < count && indices.has(b + 1)) b++;
        if (b < count - 1) this.#push(starts[a] as number, starts[b + 1] as number, '');
        else this.#push(ends[a - 1] as number, ends[b] as number, '');
        a = b;
      }
      return;
    }
    const sorted = [...indices].sort((x, y) => x - y);
    let coveredUpTo = -1;
    for (const index of sorted) {
      if (index <= coveredUpTo) continue;
      const item = collection.items[index];
      const start = itemStart(item);
      const lineStart = this.#lineStart(start);
      const head = isSeq(collection) ? this.#dashBefore(start) : start;
      if (this.text.slice(lineStart, head).trim() === '') {
        // Comments above stay (they may be about a neighbour), unless they move with the block.
        const from = withComments.has(index) ? commentsAbove(this.text, lineStart, head - lineStart) : lineStart;
        this.#push(from, this.#lineSpanEnd(itemEnd(item)), '');
        continue;
      }
      // The first key of a map written on its list item's `- ` line: the next kept key moves up onto it.
      if (isSeq(collection)) throw new RenderError('cannot remove an item of a nested compact list');
      let kept = index + 1;
      while (indices.has(kept)) kept++;
      const next = collection.items[kept];
      if (next === undefined) throw new RenderError('cannot remove these keys');
      this.#push(start, itemStart(next), '');
      coveredUpTo = kept - 1;
    }
  }

  // --- text helpers --------------------------------------------------------------------------------

  #push(start: number, end: number, text: string): void {
    if (start === end && text === '') return;
    this.#out.push({ start, end, text });
  }

  #flowValue(value: unknown, baseIndent: number, previous?: Node): string {
    if (this.style.json) {
      if (value === undefined) throw new RenderError('cannot write undefined');
      const text = this.style.compact ? JSON.stringify(value) : JSON.stringify(value, null, this.style.step);
      return text.split('\n').join(this.style.eol + ' '.repeat(baseIndent));
    }
    return yamlFlow(value, previous);
  }

  #keyText(key: string, inFlow: boolean): string {
    return this.style.json ? JSON.stringify(key) : yamlKey(key, inFlow);
  }

  #afterColon(pair: Pair<unknown, unknown>): number {
    let at = rangeOf(pair.key as Node)[1];
    while (this.text[at] === ' ' || this.text[at] === '\t') at++;
    if (this.text[at] !== ':') throw new RenderError('cannot find the colon after a key');
    return at + 1;
  }

  #dashBefore(offset: number): number {
    let at = offset - 1;
    while (at >= 0 && (this.text[at] === ' ' || this.text[at] === '\t')) at--;
    if (this.text[at] !== '-') throw new RenderError('cannot find the dash of a list item');
    return at;
  }

  #lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  #column(offset: number): number {
    return offset - this.#lineStart(offset);
  }

  #lineIndentAt(offset: number): number {
    const start = this.#lineStart(offset);
    let at = start;
    while (this.text[at] === ' ') at++;
    return at - start;
  }

  /** Offset after the line break that ends the line holding `offset - 1` (a range end). */
  #lineSpanEnd(end: number): number {
    if (end > 0 && this.text[end - 1] === '\n') return end;
    const newline = this.text.indexOf('\n', end);
    return newline === -1 ? this.text.length : newline + 1;
  }

  /** Offset of the line break (or `\r\n`) that ends the line holding `offset`. */
  #lineContentEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline === -1) return this.text.length;
    return newline > 0 && this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing values.

function blockEntries(value: Readonly<Record<string, unknown>>, indent: number, style: Style): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const head = `${pad}${style.json ? JSON.stringify(key) : yamlKey(key, false)}:`;
    if (isRecord(child) && Object.keys(child).length > 0) lines.push(head, ...blockEntries(child, indent + style.step, style));
    else if (Array.isArray(child) && child.length > 0) lines.push(head, ...blockItems(child, style.indentlessSeq ? indent : indent + style.step, style));
    else lines.push(`${head} ${yamlFlow(child, undefined)}`);
  }
  return lines;
}

function blockItems(items: readonly unknown[], dashIndent: number, style: Style): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(dashIndent);
  for (const item of items) {
    if (!isNonEmptyCollection(item)) {
      lines.push(`${pad}- ${yamlFlow(item, undefined)}`);
      continue;
    }
    const inner = isRecord(item) ? blockEntries(item, dashIndent + 2, style) : blockItems(item as unknown[], dashIndent + 2, style);
    inner.forEach((line, index) => lines.push(index === 0 ? `${pad}- ${line.slice(dashIndent + 2)}` : line));
  }
  return lines;
}

/** A value in YAML flow style, keeping the quoting of the scalar it replaces when both are strings. */
function yamlFlow(value: unknown, previous: Node | undefined): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => yamlFlow(item, undefined)).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([key, child]) => `${yamlKey(key, true)}: ${yamlFlow(child, undefined)}`).join(', ')}}`;
  if (typeof value === 'string') {
    const previousType = isScalar(previous) && typeof previous.value === 'string' ? previous.type : undefined;
    if (previousType === Scalar.QUOTE_SINGLE && !/[\n\r\t\\]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
    if (previousType !== Scalar.QUOTE_DOUBLE && isPlainSafe(value, previous === undefined)) return value;
    return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RenderError('cannot write a non-finite number');
    return String(value);
  }
  throw new RenderError(`cannot write a value of type ${typeof value}`);
}

function yamlKey(key: string, inFlow: boolean): string {
  return isPlainSafe(key, inFlow) ? key : JSON.stringify(key);
}

// Words that YAML 1.1 (go-yaml v2, what kubectl uses) or 1.2 read as something other than a string.
const RESERVED_PLAIN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

function isPlainSafe(value: string, inFlow: boolean): boolean {
  const pattern = inFlow ? /^[A-Za-z_/][A-Za-z0-9_./@+-]*$/ : /^[A-Za-z_/][A-Za-z0-9_./:@+-]*$/;
  return pattern.test(value) && !RESERVED_PLAIN.test(value) && !value.endsWith(':');
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

function detectStyle(text: string, root: Node): Style {
  const json = (isMap(root) || isSeq(root)) && root.flow === true;
  let step = Number.POSITIVE_INFINITY;
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (indent > 0 && indent < step) step = indent;
  }
  if (!Number.isFinite(step) || step > 8) step = 2;
  return {
    step,
    indentlessSeq: detectIndentlessSeq(text, root),
    json,
    compact: json && !text.trim().includes('\n'),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Whether block lists under a key start at the key's column (`kubectl get -o yaml` style). */
function detectIndentlessSeq(text: string, root: Node): boolean {
  const stack: Node[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < 2000) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const value = pair.value;
        if (isSeq(value) && !value.flow && isNode(value.items[0]) && isNode(pair.key)) {
          const keyStart = rangeOf(pair.key)[0];
          const itemStartOffset = rangeOf(value.items[0])[0];
          const keyColumn = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
          let dash = itemStartOffset - 1;
          while (dash > 0 && text[dash] !== '-') dash--;
          const dashColumn = dash - (text.lastIndexOf('\n', dash - 1) + 1);
          return dashColumn === keyColumn;
        }
        if (isNode(value)) stack.push(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isNode(item)) stack.push(item);
    }
  }
  return false;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as { range?: unknown }).range);
}

function rangeOf(node: Node): [number, number] {
  const range = node.range;
  if (range === undefined || range === null) throw new RenderError('a node has no source range');
  return [range[0], range[1]];
}

function hasAnchor(node: Node): boolean {
  return 'anchor' in node && typeof (node as { anchor?: unknown }).anchor === 'string';
}

const YAML_1_1_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML_1_1_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** A key as the scanner's decoder reads it: YAML 1.1 booleans (`yes:`, `on:`) are the keys `true`/`false`. */
function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  if (key.value === null) return 'null';
  if (key.type === Scalar.PLAIN && typeof key.value === 'string') {
    if (YAML_1_1_TRUE.has(key.value)) return 'true';
    if (YAML_1_1_FALSE.has(key.value)) return 'false';
  }
  return String(key.value);
}

function itemStart(item: unknown): number {
  if (isPair(item)) return rangeOf(item.key as Node)[0];
  if (isNode(item)) return rangeOf(item)[0];
  throw new RenderError('a list item has no source range');
}

function itemEnd(item: unknown): number {
  if (isPair(item)) return pairEnd(item);
  if (isNode(item)) return rangeOf(item)[1];
  throw new RenderError('a list item has no source range');
}

function pairEnd(pair: Pair<unknown, unknown>): number {
  if (isNode(pair.value)) {
    const [start, end] = rangeOf(pair.value);
    if (end > start || !isNode(pair.key)) return end;
  }
  return rangeOf(pair.key as Node)[1];
}

function isNonEmptyCollection(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (isRecord(value) && Object.keys(value).length > 0);
}

function nestValue(tail: FieldPath, value: unknown): unknown {
  if (tail.length === 0) return value;
  const container: Record<string, unknown> | unknown[] = typeof tail[0] === 'number' ? [] : {};
  setNew(container, tail, value);
  return container;
}

function setNew(container: Record<string, unknown> | unknown[], path: FieldPath, value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (typeof head === 'number') {
    if (!Array.isArray(container) || head < 0) throw new RenderError('a list index where a key was expected');
    if (rest.length === 0) return assignNew(container, head, value);
    const child = container[head] ?? (typeof rest[0] === 'number' ? [] : {});
    if (typeof child !== 'object' || child === null) throw new RenderError('two operations disagree about a new value');
    container[head] = child;
    setNew(child as Record<string, unknown> | unknown[], rest, value);
    return;
  }
  if (Array.isArray(container)) throw new RenderError('a key where a list index was expected');
  if (rest.length === 0) return assignNew(container, head, value);
  const child = container[head] ?? (typeof rest[0] === 'number' ? [] : {});
  if (typeof child !== 'object' || child === null) throw new RenderError('two operations disagree about a new value');
  container[head] = child;
  setNew(child as Record<string, unknown> | unknown[], rest, value);
}

function assignNew(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  const existing = (container as Record<string | number, unknown>)[key];
  if (existing !== undefined && !isDeepEqual(existing, value)) {
    if (isRecord(existing) && isRecord(value)) {
      (container as Record<string | number, unknown>)[key] = mergeInto(existing, value);
      return;
    }
    throw new RenderError('two operations set the same new field to different values');
  }
  (container as Record<string | number, unknown>)[key] = structuredClone(value);
}

function mergeInto(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    if (isRecord(existing) && isRecord(value)) out[key] = mergeInto(existing, value);
    else if (existing !== undefined && !isDeepEqual(existing, value)) throw new RenderError('two operations set the same field to different values');
    else out[key] = structuredClone(value);
  }
  return out;
}

function describe(path: FieldPath): string {
  return path.map(String).join('.') || '(document)';
}

/** Start of the full-line comments right above the line at `lineStart`, written at `column`. */
function commentsAbove(text: string, lineStart: number, column: number): number {
  let start = lineStart;
  while (start > 0) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(previousStart, start - 1).replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('#') || line.length - trimmed.length !== column) break;
    start = previousStart;
  }
  return start;
}

/**
 * Pairs of operations that rename a key: `remove a` with `set b` to a's very value in the same map, b
 * not set. They render as an edit of the key alone. Keys of the map are the remove's index (the set's
 * index is stored as -index - 1), values the new key.
 */
function renamesOf(basePath: FieldPath, operations: readonly FixOperation[], decoded: unknown): Map<number, string> {
  const out = new Map<number, string>();
  operations.forEach((remove, i) => {
    if (remove.op !== 'remove' || remove.path.length === 0 || typeof remove.path[remove.path.length - 1] !== 'string') return;
    const parent = remove.path.slice(0, -1);
    const value = getAtPath(decoded, [...basePath, ...remove.path]);
    if (value === undefined) return;
    operations.forEach((set, j) => {
      if (out.has(i) || set.op !== 'set' || set.path.length !== remove.path.length || out.has(-j - 1)) return;
      const newKey = set.path[set.path.length - 1];
      if (typeof newKey !== 'string' || newKey === remove.path[remove.path.length - 1]) return;
      if (!parent.every((segment, k) => set.path[k] === segment)) return;
      if (getAtPath(decoded, [...basePath, ...set.path]) !== undefined || !isDeepEqual(set.value, value)) return;
      out.set(i, newKey);
      out.set(-j - 1, newKey);
    });
  });
  return out;
}
