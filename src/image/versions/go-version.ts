// Go module version ordering, as golang.org/x/mod/semver compares: semantic versions with a `v`
// prefix, where `v1` and `v1.2` abbreviate `v1.0.0` and `v1.2.0`, and build metadata (including
// `+incompatible`) is ignored. OSV's Go ranges omit the `v`, so it is optional here.

interface GoVersion {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  readonly prerelease: string;
}

const NUMBER = /^(0|[1-9]\d*)$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

export function parseGoVersion(text: string): GoVersion | undefined {
  const version = text.trim().replace(/^v/, '');
  const plus = version.indexOf('+');
  const build = plus === -1 ? undefined : version.slice(plus + 1);
  if (build !== undefined && !build.split('.').every((part) => IDENTIFIER.test(part))) return undefined;
  const core = plus === -1 ? version : version.slice(0, plus);
  const dash = core.indexOf('-');
  const numbers = (dash === -1 ? core : core.slice(0, dash)).split('.');
  const prerelease = dash === -1 ? '' : core.slice(dash + 1);
  if (numbers.length > 3 || !numbers.every((part) => NUMBER.test(part))) return undefined;
  // x/mod/semver accepts the short forms only without a prerelease or build suffix.
  if (numbers.length < 3 && (dash !== -1 || plus !== -1)) return undefined;
  if (dash !== -1 && !prerelease.split('.').every((part) => IDENTIFIER.test(part) && (!/^\d+$/.test(part) || NUMBER.test(part)))) return undefined;
  return { major: numbers[0] ?? '0', minor: numbers[1] ?? '0', patch: numbers[2] ?? '0', prerelease };
}

function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = left[i] ?? '';
    const r = right[i] ?? '';
    if (l === r) continue;
    const lNumeric = /^\d+$/.test(l);
    const rNumeric = /^\d+$/.test(r);
    if (lNumeric !== rNumeric) return lNumeric ? -1 : 1;
    if (lNumeric) return compareNumbers(l, r);
    return l < r ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** Like semver.Compare: an invalid version is below every valid one and equal to another invalid one. */
export function compareGoVersions(a: string, b: string): number {
  const left = parseGoVersion(a);
  const right = parseGoVersion(b);
  if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? -1 : 1;
  return compareNumbers(left.major, right.major) || compareNumbers(left.minor, right.minor) ||
    compareNumbers(left.patch, right.patch) || comparePrerelease(left.prerelease, right.prerelease);
}
