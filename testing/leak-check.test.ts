import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defineObjectRule } from '../src/engine/rule.js';
import { assertFindingsHideValues } from './leak-check.js';

// The leak check must be able to fail: a rule that echoes a value in its message is caught.
const leaky = defineObjectRule({
  meta: {
    id: 'leaky', title: 'leaky', severity: 'low', category: 'secrets', description: 'echoes values', remediation: 'Do not.',
    references: [], frameworks: {}, fixable: false, messages: { echo: 'key {{key}} is {{value}}' },
  },
  kinds: ['ConfigMap'],
  check(context) {
    for (const [key, value] of Object.entries((context.object['data'] ?? {}) as Record<string, string>)) context.report({ messageId: 'echo', data: { key, value }, path: ['data', key] });
  },
});

it('catches a rule that puts the value in its message', () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  password: Xk29fLq81mZr\n';
  assert.throws(() => assertFindingsHideValues(leaky, yaml, ['Xk29fLq81mZr']), /secret value appears/);
  assert.throws(() => assertFindingsHideValues(leaky, yaml, ['unrelated'], 2), /at least 2/);
  assertFindingsHideValues(leaky, yaml, ['not-in-the-report']);
});
