import assert from 'node:assert/strict';
import { it } from 'node:test';
import { staleRuleDocs } from '../scripts/generate-rule-docs.js';

it('docs/rules matches the rule metadata (run `npm run docs` after changing a rule)', () => {
  assert.deepEqual(staleRuleDocs(), []);
});
