// Maven version ordering, ported from maven-artifact's ComparableVersion (Maven 3.9): a version is a
// list of numbers and qualifiers; `-` opens a sub-list, a change between digits and letters does too;
// trailing zeros and release qualifiers (``, ga, final, release) are dropped. Qualifiers order as
// alpha < beta < milestone < rc = cr < snapshot < (release) < sp < any other (alphabetically).

type Item =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'string'; readonly value: string }
  /** A qualifier directly followed by a number (`alpha2`, `rc-1`): compared by qualifier, then number. */
  | { readonly kind: 'combination'; readonly qualifier: string; readonly number: bigint }
  | { readonly kind: 'list'; readonly items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function qualifierOf(value: string, followedByDigit: boolean): string {
  let text = value;
  if (followedByDigit && text.length === 1) text = ({ a: 'alpha', b: 'beta', m: 'milestone' } as Record<string, string>)[text] ?? text;
  return ALIASES[text] ?? text;
}

function comparableQualifier(qualifier: string): string {
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

function parseItem(isCombination: boolean, isDigit: boolean, text: string): Item {
  if (isCombination) {
    const value = text.replace(/-/g, '');
    const firstDigit = value.search(/\d/);
    return { kind: 'combination', qualifier: qualifierOf(value.slice(0, firstDigit), true), number: BigInt(value.slice(firstDigit)) };
  }
  return isDigit ? { kind: 'int', value: BigInt(text) } : { kind: 'string', value: qualifierOf(text, false) };
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int': return item.value === 0n;
    case 'string': return comparableQualifier(item.value) === RELEASE_INDEX;
    case 'combination': return false;
    case 'list': return item.items.length === 0;
  }
}

/** Drops null items (0, release qualifiers, empty lists) at the end, or before a qualifier. */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item === undefined || !isNull(item)) continue;
    const next = list[i + 1];
    const nextFirst = next?.kind === 'list' ? next.items[0] : undefined;
    if (next === undefined || next.kind === 'string' || nextFirst?.kind === 'combination' || nextFirst?.kind === 'string') list.splice(i, 1);
  }
}

export function parseMavenVersion(version: string): Item {
  const text = version.trim().toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  const openList = (): void => {
    const sub: Item[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  const isDigitChar = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '.') {
      list.push(i === start ? { kind: 'int', value: 0n } : parseItem(isCombination, isDigit, text.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) list.push({ kind: 'int', value: 0n });
      else {
        // `X-1` reads as `X1`
        if (!isDigit && i !== text.length - 1 && isDigitChar(text[i + 1])) {
          isCombination = true;
          continue;
        }
        list.push(parseItem(isCombination, isDigit, text.slice(start, i)));
      }
      start = i + 1;
      if (list.length > 0) openList();
      isCombination = false;
    } else if (isDigitChar(c)) {
      if (!isDigit && i > start) isCombination = true;
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(isCombination, true, text.slice(start, i)));
        start = i;
        openList();
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.push(parseItem(isCombination, isDigit, text.slice(start)));
  while (stack.length > 0) normalize(stack.pop() ?? []);
  return { kind: 'list', items: root };
}

function compareQualifiers(a: string, b: string | undefined): number {
  const left = comparableQualifier(a);
  const right = b === undefined ? RELEASE_INDEX : comparableQualifier(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

function compareItems(left: Item, right: Item | undefined): number {
  switch (left.kind) {
    case 'int':
      if (right === undefined) return left.value === 0n ? 0 : 1;
      if (right.kind === 'int') return left.value === right.value ? 0 : left.value < right.value ? -1 : 1;
      return 1;
    case 'string':
      if (right === undefined) return compareQualifiers(left.value, undefined);
      if (right.kind === 'string') return compareQualifiers(left.value, right.value);
      if (right.kind === 'combination') return compareQualifiers(left.value, right.qualifier) || -1;
      return -1;
    case 'combination':
      if (right === undefined) return compareQualifiers(left.qualifier, undefined);
      if (right.kind === 'string') return compareQualifiers(left.qualifier, right.value) || 1;
      if (right.kind === 'combination') {
        return compareQualifiers(left.qualifier, right.qualifier) || (left.number === right.number ? 0 : left.number < right.number ? -1 : 1);
      }
      return -1;
    case 'list': {
      if (right === undefined) {
        for (const item of left.items) {
          const result = compareItems(item, undefined);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (right.kind === 'int') return -1;
      if (right.kind === 'string' || right.kind === 'combination') return 1;
      const length = Math.max(left.items.length, right.items.length);
      for (let i = 0; i < length; i++) {
        const l = left.items[i];
        const r = right.items[i];
        const result = l === undefined ? (r === undefined ? 0 : -compareItems(r, undefined)) : compareItems(l, r);
        if (result !== 0) return result;
      }
      return 0;
    }
  }
}

export function compareMavenVersions(a: string, b: string): number {
  return Math.sign(compareItems(parseMavenVersion(a), parseMavenVersion(b)));
}
