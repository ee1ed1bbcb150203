import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The upstream Pod Security Admission fixtures in ../shared/conformance/psa (see its README), as the conformance tests read them.

export const psaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'conformance', 'psa');

export interface FixtureEntry {
  readonly file: string;
  readonly level: string;
  readonly version: string;
  readonly expected: 'allow' | 'deny';
  readonly check: string | null;
  /** What upstream's test expects the API server's error to contain (default: the check id). */
  readonly expectErrorSubstring?: string;
}

export function readFixtureIndex(): FixtureEntry[] {
  const index = JSON.parse(readFileSync(path.join(psaRoot, 'index.json'), 'utf8')) as { fixtures: FixtureEntry[] };
  assert.equal(index.fixtures.length, 4537, 'the index lists every upstream fixture');
  return index.fixtures;
}
