import semver from 'semver';
import { compare as comparePep440, valid as validPep440 } from '@renovatebot/pep440';
import { compareApkVersions } from './apk-version.js';
import { compareDpkgVersions } from './dpkg-version.js';
import { compareGoVersions, parseGoVersion } from './go-version.js';
import { compareMavenVersions } from './maven-version.js';
import { compareRpmVersions } from './rpm-version.js';

// Each OSV ecosystem orders versions its own way (https://ossf.github.io/osv-schema/#affectedranges-field:
// ECOSYSTEM ranges use the ecosystem's ordering). npm's ordering comes from npm's own `semver`, PyPI's
// from a port of `packaging` (PEP 440); the OS package orderings and Maven's are ported from their
// tools' C and Java code, each tested against that tool's published test vectors (test/image/versions).

export const VERSION_ORDERINGS = ['dpkg', 'apk', 'rpm', 'semver', 'pep440', 'go', 'maven'] as const;
export type VersionOrdering = (typeof VERSION_ORDERINGS)[number];

/** OSV ecosystem names (without the `:release` suffix) and the ordering each uses. */
const ORDERING_BY_ECOSYSTEM: Readonly<Record<string, VersionOrdering>> = {
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  'Red Hat': 'rpm',
  'Rocky Linux': 'rpm',
  AlmaLinux: 'rpm',
  openSUSE: 'rpm',
  SUSE: 'rpm',
  Mageia: 'rpm',
  'Photon OS': 'rpm',
  npm: 'semver',
  PyPI: 'pep440',
  Go: 'go',
  Maven: 'maven',
};

export class VersionError extends Error {}

/** The base ecosystem of an OSV ecosystem string: `Debian:12` -> `Debian`, `Ubuntu:22.04:LTS` -> `Ubuntu`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

export function orderingOf(ecosystem: string): VersionOrdering | undefined {
  return ORDERING_BY_ECOSYSTEM[baseEcosystem(ecosystem)];
}

/**
 * Compares two versions of one OSV ecosystem: negative, zero or positive. Throws `VersionError` for an
 * ecosystem without a known ordering, or for a version its grammar rejects (npm, PyPI, Go); dpkg, apk,
 * rpm and Maven order every string, as their tools do.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const ordering = orderingOf(ecosystem);
  if (ordering === undefined) throw new VersionError(`no version ordering known for ecosystem "${ecosystem}"`);
  return compareWith(ordering, a, b);
}

export function compareWith(ordering: VersionOrdering, a: string, b: string): number {
  switch (ordering) {
    case 'dpkg': return compareDpkgVersions(a, b);
    case 'apk': return compareApkVersions(a, b);
    case 'rpm': return compareRpmVersions(a, b);
    case 'maven': return compareMavenVersions(a, b);
    case 'semver': {
      const left = semver.parse(a);
      const right = semver.parse(b);
      if (left === null || right === null) throw new VersionError(`invalid npm version "${left === null ? a : b}"`);
      return left.compare(right);
    }
    case 'pep440': {
      if (validPep440(a) === null || validPep440(b) === null) throw new VersionError(`invalid PEP 440 version "${validPep440(a) === null ? a : b}"`);
      return Math.sign(comparePep440(a, b));
    }
    case 'go': {
      if (parseGoVersion(a) === undefined || parseGoVersion(b) === undefined) throw new VersionError(`invalid Go module version "${parseGoVersion(a) === undefined ? a : b}"`);
      return compareGoVersions(a, b);
    }
  }
}

/** Whether the ecosystem's grammar accepts the version (always true for orderings that accept any string). */
export function isValidVersion(ordering: VersionOrdering, version: string): boolean {
  switch (ordering) {
    case 'semver': return semver.parse(version) !== null;
    case 'pep440': return validPep440(version) !== null;
    case 'go': return parseGoVersion(version) !== undefined;
    default: return version.trim() !== '';
  }
}
