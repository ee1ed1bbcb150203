// Alpine package version ordering, ported from apk-tools (src/version.c, apk_version_compare): a
// version is a token stream (digits, a letter, `_suffix[N]`, `-rN`); pre-release suffixes (alpha, beta,
// pre, rc) sort before the bare version, post-release ones (cvs, svn, git, hg, p) after it; a component
// with leading zeros compares as a fraction (`1.02` < `1.1`).

const Token = { invalid: -1, digitOrZero: 0, digit: 1, letter: 2, suffix: 3, suffixNo: 4, revisionNo: 5, end: 6 } as const;
type TokenType = (typeof Token)[keyof typeof Token];

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';

class Cursor {
  at = 0;
  type: TokenType = Token.digit;
  constructor(readonly text: string) {}
  get remaining(): number {
    return this.text.length - this.at;
  }
}

function nextToken(cursor: Cursor): void {
  const c = cursor.text[cursor.at];
  let next: TokenType = Token.invalid;
  if (cursor.remaining <= 0 || c === '\0') next = Token.end;
  else if ((cursor.type === Token.digit || cursor.type === Token.digitOrZero) && isLower(c)) next = Token.letter;
  else if (cursor.type === Token.letter && isDigit(c)) next = Token.digit;
  else if (cursor.type === Token.suffix && isDigit(c)) next = Token.suffixNo;
  else {
    if (c === '.') next = Token.digitOrZero;
    else if (c === '_') next = Token.suffix;
    else if (c === '-' && cursor.text[cursor.at + 1] === 'r') {
      next = Token.revisionNo;
      cursor.at++;
    }
    cursor.at++;
  }
  if (next < cursor.type) {
    const allowed = (next === Token.digitOrZero && cursor.type === Token.digit) ||
      (next === Token.suffix && cursor.type === Token.suffixNo) ||
      (next === Token.digit && cursor.type === Token.letter);
    if (!allowed) next = Token.invalid;
  }
  cursor.type = next;
}

function getToken(cursor: Cursor): number {
  if (cursor.remaining <= 0) {
    cursor.type = Token.end;
    return 0;
  }
  const { text } = cursor;
  let value = 0;
  let length = 0;
  let forced: TokenType | undefined;
  // A component after `.` with leading zeros compares by how many zeros it has (a fraction).
  const hasLeadingZero = cursor.type === Token.digitOrZero && text[cursor.at] === '0';
  switch (hasLeadingZero ? 'zeros' : cursor.type) {
    case 'zeros':
      while (text[cursor.at + length] === '0') length++;
      forced = Token.digit;
      value = -length;
      break;
    case Token.digitOrZero:
    case Token.digit:
    case Token.suffixNo:
    case Token.revisionNo:
      while (isDigit(text[cursor.at + length])) value = value * 10 + Number(text[cursor.at + length++]);
      break;
    case Token.letter:
      value = text.charCodeAt(cursor.at);
      length = 1;
      break;
    case Token.suffix: {
      const rest = text.slice(cursor.at);
      const pre = PRE_SUFFIXES.findIndex((suffix) => rest.startsWith(suffix));
      if (pre !== -1) {
        value = pre - PRE_SUFFIXES.length;
        length = PRE_SUFFIXES[pre]?.length ?? 0;
        break;
      }
      const post = POST_SUFFIXES.findIndex((suffix) => rest.startsWith(suffix));
      if (post !== -1) {
        value = post;
        length = POST_SUFFIXES[post]?.length ?? 0;
        break;
      }
      cursor.type = Token.invalid;
      return -1;
    }
    default:
      cursor.type = Token.invalid;
      return -1;
  }
  cursor.at += length;
  if (cursor.remaining <= 0) cursor.type = Token.end;
  else if (forced !== undefined) cursor.type = forced;
  else nextToken(cursor);
  return value;
}

export function compareApkVersions(a: string, b: string): number {
  const left = new Cursor(a.trim());
  const right = new Cursor(b.trim());
  let av = 0;
  let bv = 0;
  while (left.type === right.type && left.type !== Token.end && left.type !== Token.invalid && av === bv) {
    av = getToken(left);
    bv = getToken(right);
  }
  if (av !== bv) return av < bv ? -1 : 1;
  if (left.type === right.type) return 0;
  // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
  if (left.type === Token.suffix && getToken(Object.assign(new Cursor(left.text), { at: left.at, type: left.type })) < 0) return -1;
  if (right.type === Token.suffix && getToken(Object.assign(new Cursor(right.text), { at: right.at, type: right.type })) < 0) return 1;
  if (left.type > right.type) return -1;
  if (right.type > left.type) return 1;
  return 0;
}
