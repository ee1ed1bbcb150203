// A unified diff (the format `git apply` and `patch -p1` read) of two texts, line by line. Myers'
// O(ND) algorithm after trimming the common head and tail; only the frontier of each step is kept,
// so memory grows with the square of the number of changed lines, not with the file size.

export type LineOp = { readonly type: 'equal' | 'delete' | 'insert'; readonly line: string };

export interface DiffNames {
  readonly oldName: string;
  readonly newName: string;
}

const CONTEXT = 3;

/** Empty when the texts are equal. New and deleted files use `/dev/null` as the other name. */
export function unifiedDiff(oldText: string, newText: string, names: DiffNames, context = CONTEXT): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  let out = `--- ${names.oldName}\n+++ ${names.newName}\n`;
  // Positions (1-based line numbers) as we walk the ops.
  let oldLine = 1;
  let newLine = 1;
  const positions = ops.map((op) => {
    const at = { oldLine, newLine };
    if (op.type !== 'insert') oldLine++;
    if (op.type !== 'delete') newLine++;
    return at;
  });
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index]?.type === 'equal') index++;
    if (index >= ops.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within 2 * context equal lines.
    for (;;) {
      while (end < ops.length && ops[end]?.type !== 'equal') end++;
      let next = end;
      while (next < ops.length && ops[next]?.type === 'equal') next++;
      if (next < ops.length && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = Math.min(ops.length, end + context);
      break;
    }
    const first = positions[start] ?? { oldLine: 1, newLine: 1 };
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let i = start; i < end; i++) {
      const op = ops[i] as LineOp;
      const prefix = op.type === 'equal' ? ' ' : op.type === 'delete' ? '-' : '+';
      if (op.type !== 'insert') oldCount++;
      if (op.type !== 'delete') newCount++;
      // The last line of a text without a final newline carries a marker, so that adding or removing
      // that newline is a change of its own.
      if (op.line.endsWith(NO_NEWLINE)) body += `${prefix}${op.line.slice(0, -NO_NEWLINE.length)}\n\\ No newline at end of file\n`;
      else body += `${prefix}${op.line}\n`;
    }
    const oldStart = oldCount === 0 ? first.oldLine - 1 : first.oldLine;
    const newStart = newCount === 0 ? first.newLine - 1 : first.newLine;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n${body}`;
    index = end;
  }
  return out;
}

const NO_NEWLINE = '\u0000no-newline';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/**
 * An edit script turning `a` into `b`: patience diff (lines that occur once on each side anchor the
 * alignment, their longest increasing run is kept) with Myers' minimal diff between anchors. On a fixed
 * manifest stream every document has unique lines (names), so Myers only ever sees one document's
 * change, and a many-megabyte file diffs in linear time.
 */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  const out: LineOp[] = [];
  patience(a, 0, a.length, b, 0, b.length, out);
  return out;
}

/** Myers' shortest edit script over the whole input (after trimming the common head and tail). */
export function minimalDiffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  const out: LineOp[] = [];
  trimmedMyers(a, 0, a.length, b, 0, b.length, out);
  return out;
}

const SMALL_GAP = 64;

function patience(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, out: LineOp[]): void {
  // Common head and tail first: they need no alignment.
  while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) {
    out.push({ type: 'equal', line: a[aStart] as string });
    aStart++;
    bStart++;
  }
  let tail = 0;
  while (aEnd - tail > aStart && bEnd - tail > bStart && a[aEnd - 1 - tail] === b[bEnd - 1 - tail]) tail++;
  const tailStart = aEnd - tail;
  aEnd -= tail;
  bEnd -= tail;
  const anchors = (aEnd - aStart) + (bEnd - bStart) <= SMALL_GAP ? [] : uniqueAnchors(a, aStart, aEnd, b, bStart, bEnd);
  if (anchors.length === 0) {
    trimmedMyers(a, aStart, aEnd, b, bStart, bEnd, out);
  } else {
    let previousA = aStart;
    let previousB = bStart;
    for (const [anchorA, anchorB] of anchors) {
      patience(a, previousA, anchorA, b, previousB, anchorB, out);
      out.push({ type: 'equal', line: a[anchorA] as string });
      previousA = anchorA + 1;
      previousB = anchorB + 1;
    }
    patience(a, previousA, aEnd, b, previousB, bEnd, out);
  }
  for (let i = tailStart; i < tailStart + tail; i++) out.push({ type: 'equal', line: a[i] as string });
}

/** Lines unique in both ranges, as (index in a, index in b), longest run increasing in both. */
function uniqueAnchors(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): [number, number][] {
  const counts = new Map<string, { a: number; b: number; at: number; bt: number }>();
  for (let i = aStart; i < aEnd; i++) {
    const line = a[i] as string;
    const entry = counts.get(line);
    if (entry === undefined) counts.set(line, { a: 1, b: 0, at: i, bt: -1 });
    else entry.a++;
  }
  for (let j = bStart; j < bEnd; j++) {
    const entry = counts.get(b[j] as string);
    if (entry === undefined) continue;
    entry.b++;
    entry.bt = j;
  }
  const pairs: [number, number][] = [];
  for (const entry of counts.values()) if (entry.a === 1 && entry.b === 1) pairs.push([entry.at, entry.bt]);
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of the b positions (patience sorting).
  const tops: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let index = 0; index < pairs.length; index++) {
    const value = (pairs[index] as [number, number])[1];
    let low = 0;
    let high = tops.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((pairs[tops[middle] as number] as [number, number])[1] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tops[low - 1] as number;
    tops[low] = index;
  }
  const run: [number, number][] = [];
  for (let index = tops.length === 0 ? -1 : (tops[tops.length - 1] as number); index !== -1; index = previous[index] as number) run.push(pairs[index] as [number, number]);
  return run.reverse();
}

function trimmedMyers(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, out: LineOp[]): void {
  let head = 0;
  while (aStart + head < aEnd && bStart + head < bEnd && a[aStart + head] === b[bStart + head]) head++;
  let tail = 0;
  while (aEnd - tail > aStart + head && bEnd - tail > bStart + head && a[aEnd - 1 - tail] === b[bEnd - 1 - tail]) tail++;
  for (let i = 0; i < head; i++) out.push({ type: 'equal', line: a[aStart + i] as string });
  for (const op of myers(a.slice(aStart + head, aEnd - tail), b.slice(bStart + head, bEnd - tail))) out.push(op);
  for (let i = aEnd - tail; i < aEnd; i++) out.push({ type: 'equal', line: a[i] as string });
}

function myers(a: readonly string[], b: readonly string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ type: 'insert', line }));
  if (m === 0) return a.map((line) => ({ type: 'delete', line }));
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d-1 .. d+1] as it was before step d.
  const trace: Int32Array[] = [];
  let finalD = -1;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
        ? (v[offset + k + 1] as number)
        : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        finalD = d;
        break outer;
      }
    }
  }
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = finalD; d > 0; d--) {
    const saved = trace[d] as Int32Array;
    const at = (k: number): number => saved[k + d + 1] as number;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push({ type: 'equal', line: a[x - 1] as string });
      x--;
      y--;
    }
    if (previousK === k + 1) ops.push({ type: 'insert', line: b[y - 1] as string });
    else ops.push({ type: 'delete', line: a[x - 1] as string });
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    ops.push({ type: 'equal', line: a[x - 1] as string });
    x--;
    y--;
  }
  return ops.reverse();
}

/**
 * Maps 1-based line numbers of `fixed` to the line of `original` they came from; a line a fix inserted
 * maps to the nearest original line above it that is indented less (its parent: the map a key was
 * added to), so a report about the fixed text can point into the text the user has.
 */
export function inputLineMapper(original: string, fixed: string): (line: number) => number {
  if (original === fixed) return (line) => line;
  const map: number[] = [0];
  const seen: { line: number; indent: number }[] = [];
  let oldLine = 0;
  for (const op of diffLines(original.split('\n'), fixed.split('\n'))) {
    if (op.type !== 'insert') {
      oldLine++;
      if (op.line.trim() !== '' && !op.line.trimStart().startsWith('#')) seen.push({ line: oldLine, indent: indentOf(op.line) });
      if (op.type === 'equal') map.push(oldLine);
      continue;
    }
    const indent = indentOf(op.line);
    let parent = Math.max(1, oldLine);
    for (let i = seen.length - 1; i >= 0; i--) {
      const candidate = seen[i] as { line: number; indent: number };
      if (candidate.indent < indent) {
        parent = candidate.line;
        break;
      }
    }
    map.push(parent);
  }
  return (line) => map[line] ?? line;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
