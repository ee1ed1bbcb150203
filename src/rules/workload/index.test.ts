import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Rule } from '../../engine/rule.js';
import { allRules } from '../index.js';
import { workloadRules } from './index.js';

// A meta-test over the workload domain: every rule file is registered, its id is its file name, it has a
// test beside it, and its metadata follows the rules every kubeward rule follows.
const folder = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(folder);
const ruleFiles = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts').map((file) => file.slice(0, -3));

describe('workload rules', () => {
  it('registers exactly the rule files of the folder, id == file name', () => {
    assert.deepEqual(workloadRules.map((rule) => rule.meta.id).sort(), [...ruleFiles].sort());
  });
  it('are part of allRules, with ids and aliases unique across every domain', () => {
    for (const rule of workloadRules) assert.ok(allRules.includes(rule), rule.meta.id);
    const ids = allRules.flatMap((rule) => [rule.meta.id, ...(rule.meta.aliases ?? [])]);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
  });
  for (const rule of workloadRules as readonly Rule[]) {
    const { meta } = rule;
    it(`${meta.id}: metadata`, () => {
      assert.match(meta.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(files.includes(`${meta.id}.test.ts`), 'has a test file');
      assert.ok(['workload', 'image', 'secrets', 'network'].includes(meta.category) && meta.category in CATEGORIES);
      assert.ok(meta.title.length > 0 && meta.description.length > 40);
      assert.match(meta.remediation, /\.$/, 'remediation ends with a period');
      assert.ok(meta.references.length > 0 && meta.references.every((url) => url.startsWith('https://')));
      assert.equal(meta.frameworks.pss, undefined, 'only PSS checks carry frameworks.pss');
      assert.ok((meta.frameworks.nsa ?? []).length > 0, 'maps to an NSA/CISA section');
      for (const id of meta.frameworks.cis ?? []) assert.match(id, /^5\.\d+\.\d+$/, 'CIS section 5 control');
      for (const id of meta.frameworks.mitre ?? []) assert.match(id, /^T1\d{3}(?:\.\d{3})?$/, 'MITRE technique id');
      assert.ok(Object.keys(meta.messages).length > 0);
      assert.ok([false, 'safe', 'suggestion'].includes(meta.fixable));
      if (rule.defaultOptions !== undefined) {
        for (const option of Object.keys(rule.defaultOptions)) assert.ok(meta.description.includes(`\`${option}\``), `documents option ${option}`);
      }
    });
  }
});
