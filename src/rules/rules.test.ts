import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { SEVERITIES, CATEGORIES } from '../engine/rule.js';
import { allRules } from './index.js';
import { casesWithChangingOutput, collectSuites } from '../../testing/rule-tester.js';

// The contract every rule folder keeps (renovate's module contract, ESLint's rule meta-tests).
const RULES_DIR = import.meta.dirname;
const DOMAINS = readdirSync(RULES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

function fileOf(id: string): string | undefined {
  for (const domain of DOMAINS) if (existsSync(join(RULES_DIR, domain, `${id}.ts`))) return join(RULES_DIR, domain, `${id}.ts`);
  return undefined;
}

describe('every rule', () => {
  it('has a unique id and unique aliases', () => {
    const seen = new Map<string, string>();
    for (const rule of allRules) {
      for (const id of [rule.meta.id, ...(rule.meta.aliases ?? [])]) {
        assert.ok(!seen.has(id), `${id} is used by ${seen.get(id)} and ${rule.meta.id}`);
        seen.set(id, rule.meta.id);
      }
    }
  });

  for (const rule of allRules) {
    const meta = rule.meta;
    it(`${meta.id}: lives in a file named after its id, with a test beside it`, () => {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      const file = fileOf(meta.id);
      assert.ok(file !== undefined, `no src/rules/<domain>/${meta.id}.ts`);
      assert.ok(readFileSync(file, 'utf8').includes(`'${meta.id}'`), `${file} does not define id '${meta.id}'`);
      assert.ok(existsSync(file.replace(/\.ts$/, '.test.ts')), `no test for ${meta.id}`);
    });

    it(`${meta.id}: complete metadata`, () => {
      assert.ok(SEVERITIES.includes(meta.severity));
      assert.ok(meta.category in CATEGORIES);
      assert.ok(meta.title.length > 5 && meta.description.length > 20);
      assert.match(meta.remediation, /\.$/, 'remediation ends with a period');
      assert.ok(Object.keys(meta.messages).length > 0);
      for (const url of meta.references) assert.match(url, /^https:\/\//);
      assert.ok([false, 'safe', 'suggestion'].includes(meta.fixable));
      for (const id of meta.frameworks.cis ?? []) assert.match(id, /^\d+(\.\d+)+$/);
      for (const id of meta.frameworks.mitre ?? []) assert.match(id, /^T\d{4}(\.\d{3})?$/);
      // Only the Pod Security Standards checks themselves carry frameworks.pss.
      if (meta.frameworks.pss !== undefined) assert.equal(meta.category, 'pss');
      if (meta.category === 'pss') assert.ok(meta.frameworks.pss !== undefined);
    });

    if (meta.fixable !== false) {
      it(`${meta.id}: its tests show a fix that changes the text`, async () => {
        const testFile = (fileOf(meta.id) ?? '').replace(/\.ts$/, '.test.ts');
        const suites = await collectSuites(() => import(pathToFileURL(testFile).href));
        const suite = suites.get(meta.id);
        assert.ok(suite !== undefined, `${testFile} does not test ${meta.id} with the RuleTester`);
        assert.ok(casesWithChangingOutput(suite).length > 0, `no case of ${meta.id} has an \`output\` that differs from its input`);
      });
    }
  }
});
