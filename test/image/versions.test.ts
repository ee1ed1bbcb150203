import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compareVersions, VersionError } from '../../src/image/versions/compare-versions.js';

// Each ecosystem's ordering against that ecosystem's own published test vectors (see vectors/README.md).

const vectors = (name: string): string[] => readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8').split('\n');
const withoutComment = (line: string): string => line.replace(/#.*$/, '').trim();

function assertOrder(ecosystem: string, a: string, b: string, expected: number): void {
  assert.equal(Math.sign(compareVersions(ecosystem, a, b)), expected, `${ecosystem}: compare(${a}, ${b}) should be ${expected}`);
  assert.equal(Math.sign(compareVersions(ecosystem, b, a)), expected === 0 ? 0 : -expected, `${ecosystem}: compare(${b}, ${a}) should be ${-expected}`);
}

function assertAscending(ecosystem: string, list: readonly string[], equal: (a: string, b: string) => boolean = () => false): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = i; j < list.length; j++) {
      const a = list[i] ?? '';
      const b = list[j] ?? '';
      assertOrder(ecosystem, a, b, i === j || equal(a, b) ? 0 : -1);
    }
  }
}

describe('compareVersions', () => {
  it('Debian and Ubuntu: APT\'s versions.lst (dpkg ordering)', () => {
    let count = 0;
    for (const line of vectors('apt-versions.lst').map(withoutComment).filter((text) => text !== '')) {
      const [a = '', b = '', result = ''] = line.split(/\s+/);
      assertOrder('Debian', a, b, Number(result));
      assertOrder('Ubuntu:22.04:LTS', a, b, Number(result));
      count++;
    }
    assert.ok(count >= 64, `read ${count} vectors`);
  });

  it('Alpine: apk-tools test/version.data', () => {
    let count = 0;
    for (const line of vectors('apk-version.data').map(withoutComment).filter((text) => text !== '')) {
      const [a = '', operator = '', b = ''] = line.split(/\s+/);
      assertOrder('Alpine:v3.20', a, b, operator === '<' ? -1 : operator === '>' ? 1 : 0);
      count++;
    }
    assert.ok(count >= 690, `read ${count} vectors`);
  });

  it('RPM distributions: rpm tests/rpmvercmp.at', () => {
    let count = 0;
    for (const line of vectors('rpmvercmp.at')) {
      const match = /^RPMVERCMP\(([^,]*), ([^,]*), (-?\d)\)$/.exec(line.trim());
      if (match === null) continue;
      const [, a = '', b = '', result = ''] = match;
      assert.equal(compareVersions('Red Hat', a, b), Number(result), `rpmvercmp(${a}, ${b})`);
      count++;
    }
    assert.ok(count >= 69, `read ${count} vectors`);
    // Epoch and release around rpmvercmp (rpmVersionCompare): the epoch first, a missing release matches any.
    assertOrder('Rocky Linux:9', '1:1.0-1', '2.0-1', 1);
    assertOrder('AlmaLinux', '1.0-1.el9', '1.0-2.el9', -1);
    assertOrder('Red Hat', '1.0', '1.0-5.el9', 0);
  });

  it('PyPI: packaging tests/test_version.py VERSIONS', () => {
    const list = vectors('pep440-versions.txt').filter((line) => line !== '');
    assert.equal(list.length, 92);
    // 1.0c1 and 1.0rc1 spell one version; the list holds 1.0rc1.dev1 and 1.0c1, which differ.
    assertAscending('PyPI', list);
    assertOrder('PyPI', '1.0rc1', '1.0c1', 0);
    assert.throws(() => compareVersions('PyPI', 'french toast', '1.0'), VersionError);
  });

  it('Go: golang.org/x/mod semver_test.go', () => {
    const rows = vectors('go-semver.txt').filter((line) => line !== '').map((line) => line.split(' ') as [string, string]);
    const valid = rows.filter(([, canonical]) => canonical !== '-');
    const canonical = new Map(valid.map(([input, form]) => [input, form]));
    assertAscending('Go', valid.map(([input]) => input), (a, b) => canonical.get(a) === canonical.get(b));
    // OSV's Go ranges omit the v prefix that module versions carry.
    assertOrder('Go', 'v1.2.3', '1.2.4', -1);
    assertOrder('Go', 'v2.0.0+incompatible', '2.0.0', 0);
    for (const [input] of rows.filter(([, form]) => form === '-')) assert.throws(() => compareVersions('Go', input, 'v1.0.0'), VersionError, input);
    assertOrder('Go', 'v1.19.0', 'v1.2.0', 1);
  });

  it('Maven: maven-artifact ComparableVersionTest', () => {
    for (const line of vectors('maven-comparable-version.txt').filter((text) => text !== '')) {
      const [kind, ...versions] = line.split(' ');
      if (kind === 'order') assertAscending('Maven', versions);
      else for (let i = 1; i < versions.length; i++) assertOrder('Maven', versions[0] ?? '', versions[i] ?? '', 0);
    }
  });

  it('npm: node-semver precedence (semver.org section 11)', () => {
    assertAscending('npm', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1']);
    assertOrder('npm', '1.0.0+build.1', '1.0.0', 0);
    assert.throws(() => compareVersions('npm', '1.2', '1.2.0'), VersionError);
  });

  it('names the ecosystem it does not know', () => {
    assert.throws(() => compareVersions('Hackage', '1', '2'), /no version ordering known for ecosystem "Hackage"/);
  });
});
