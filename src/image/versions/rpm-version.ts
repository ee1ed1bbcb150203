// RPM version ordering: rpmvercmp (rpm's lib/rpmvercmp.c) over [epoch:]version[-release]. Segments
// are runs of digits or of letters, separators are ignored; `~` sorts before everything, `^` after the
// end but before anything else; numeric segments beat alphabetic ones.

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const skip = (text: string, at: number): number => {
    while (at < text.length && !isDigit(text[at]) && !isAlpha(text[at]) && text[at] !== '~' && text[at] !== '^') at++;
    return at;
  };
  while (i < a.length || j < b.length) {
    i = skip(a, i);
    j = skip(b, j);
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const run = numeric ? isDigit : isAlpha;
    let endA = i;
    let endB = j;
    while (endA < a.length && run(a[endA])) endA++;
    while (endB < b.length && run(b[endB])) endB++;
    if (endB === j) return numeric ? 1 : -1;
    let segmentA = a.slice(i, endA);
    let segmentB = b.slice(j, endB);
    if (numeric) {
      segmentA = segmentA.replace(/^0+/, '');
      segmentB = segmentB.replace(/^0+/, '');
      if (segmentA.length !== segmentB.length) return segmentA.length > segmentB.length ? 1 : -1;
    }
    if (segmentA !== segmentB) return segmentA < segmentB ? -1 : 1;
    i = endA;
    j = endB;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

interface Evr {
  readonly epoch: number;
  readonly version: string;
  readonly release?: string;
}

export function parseEvr(text: string): Evr {
  const colon = text.indexOf(':');
  const epoch = colon === -1 ? 0 : Number(text.slice(0, colon)) || 0;
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  return dash === -1 ? { epoch, version: rest } : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

/** Compares `[epoch:]version[-release]`; a side without a release matches any release (rpm's rpmVersionCompare). */
export function compareRpmVersions(a: string, b: string): number {
  const left = parseEvr(a.trim());
  const right = parseEvr(b.trim());
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  const byVersion = rpmvercmp(left.version, right.version);
  if (byVersion !== 0 || left.release === undefined || right.release === undefined) return byVersion;
  return rpmvercmp(left.release, right.release);
}
