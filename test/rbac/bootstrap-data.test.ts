import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadBootstrapPolicy } from '../../src/analysis/rbac/bootstrap-policy.js';
import { COMPILED_PATH, compiledBootstrapPolicy } from './generate-bootstrap-json.js';

test('bootstrap-policy.json is up to date with the upstream YAML copies', () => {
  assert.equal(readFileSync(COMPILED_PATH, 'utf8'), compiledBootstrapPolicy(), 'run: node --import tsx test/rbac/generate-bootstrap-json.ts');
});

test('the shipped policy names its version and holds the built-in roles and bindings', () => {
  const policy = loadBootstrapPolicy();
  assert.equal(policy.kubernetesVersion, 'v1.34');
  const names = (kind: string) => policy.objects.filter((o) => o.kind === kind).map((o) => o.metadata?.name);
  for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-edit', 'system:node', 'system:public-info-viewer', 'system:controller:generic-garbage-collector']) {
    assert.ok(names('ClusterRole').includes(name), name);
  }
  assert.equal(names('ClusterRole').length, 31 + 38);
  assert.equal(names('ClusterRoleBinding').length, 10 + 2 + 38);
  assert.equal(names('Role').length, 7);
  assert.equal(names('RoleBinding').length, 7);
  assert.ok(names('ClusterRoleBinding').includes('system:service-account-issuer-discovery'));
});
