import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { networkRules } from '../../src/rules/network/index.js';

// The network domain's folder contract: one rule per file named by its id, a test beside it, and the
// metadata a report and the framework listings need.
const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'rules', 'network');

describe('network rules metadata', () => {
  it('registers every rule file exactly once', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts').map((name) => name.replace(/\.ts$/, '')).sort();
    assert.deepEqual(networkRules.map((rule) => rule.meta.id).sort(), files);
  });

  for (const rule of networkRules) {
    it(rule.meta.id, () => {
      const { meta } = rule;
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(existsSync(join(folder, `${meta.id}.test.ts`)), 'has a test beside it');
      assert.equal(meta.category, 'network');
      assert.equal(rule.scope, 'collection');
      assert.ok(rule.scope === 'collection' && rule.kinds.includes('NetworkPolicy') && rule.kinds.includes('Namespace'));
      assert.match(meta.remediation, /\.$/, 'remediation ends with a period');
      assert.ok(meta.references.length > 0 && meta.references.every((reference) => reference.startsWith('https://')));
      assert.ok((meta.frameworks.nsa ?? []).includes('Network separation and hardening'));
      assert.ok((meta.frameworks.mitre ?? []).every((technique) => /^T\d{4}(\.\d{3})?$/.test(technique)));
      assert.equal(meta.fixable, false);
      assert.ok(Object.keys(meta.messages).length > 0);
    });
  }
});
