import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePssVersion } from '../../src/engine/pss-version.js';
import { pssRules } from '../../src/rules/pss/index.js';
import { PSS_DOC_URL } from '../../src/rules/pss/support/pod-fields.js';

// The PSS rules declare exactly the upstream checks, versioned implementations and overrides that the fixture
// index records (../shared/conformance/psa/index.json, taken from pod-security-admission policy/check_*.go).

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const psaRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'psa');

interface IndexedCheck {
  readonly id: string;
  readonly level: string;
  readonly versions: readonly { readonly minimumVersion: string; readonly overrideCheckIDs: readonly string[] }[];
}

test('every upstream check is one rule with the same level, versions and overrides', () => {
  const index = JSON.parse(readFileSync(path.join(psaRoot, 'index.json'), 'utf8')) as { checks: IndexedCheck[] };
  const declared = pssRules.map((rule) => ({
    id: rule.pss.id,
    level: rule.pss.level,
    versions: rule.pss.versions.map((version) => ({ minimumVersion: version.minimumVersion, overrides: [...(version.overrides ?? [])].sort() })),
  }));
  const upstream = index.checks.map((check) => ({
    id: check.id,
    level: check.level,
    versions: check.versions.map((version) => ({ minimumVersion: parsePssVersion(version.minimumVersion), overrides: [...version.overrideCheckIDs].sort() })),
  }));
  const byId = <T extends { id: string }>(list: T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(byId(declared), byId(upstream));
});

test('every PSS rule has complete metadata, its own file and a test', () => {
  const ids = new Set<string>();
  for (const rule of pssRules) {
    const { meta } = rule;
    assert.ok(!ids.has(meta.id), `duplicate rule id ${meta.id}`);
    ids.add(meta.id);
    assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(existsSync(path.join(repoRoot, 'src', 'rules', 'pss', `${meta.id}.ts`)), `${meta.id}: file named after the id`);
    assert.ok(existsSync(path.join(repoRoot, 'src', 'rules', 'pss', `${meta.id}.test.ts`)), `${meta.id}: test beside it`);
    assert.equal(meta.category, 'pss');
    assert.ok(meta.remediation.endsWith('.'), `${meta.id}: remediation ends with a period`);
    assert.ok(meta.references.some((reference) => reference.startsWith(PSS_DOC_URL)), `${meta.id}: cites the Pod Security Standards`);
    assert.ok((meta.frameworks.mitre?.length ?? 0) > 0, `${meta.id}: MITRE ATT&CK mapping`);
    assert.ok((meta.frameworks.nsa?.length ?? 0) > 0, `${meta.id}: NSA/CISA mapping`);
    assert.ok(Object.keys(meta.messages).length > 0, `${meta.id}: messages`);
    for (const template of Object.values(meta.messages)) assert.match(template, /securityContext|spec\.|ports|annotation|\.host|volume/, `${meta.id}: message names the field`);
  }
});
