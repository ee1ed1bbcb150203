import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsOfYaml } from '../../../test/rbac/yaml-objects.js';
import { rbacGraphOf, renderDot, renderMermaid } from './graph.js';
import { buildRbacModel } from './model.js';

const MODEL = buildRbacModel(objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
- {kind: Group, name: 'team "a"'}
- {kind: ServiceAccount, name: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dangling}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gone}
subjects:
- {kind: User, name: bob}
`));

test('graph of subjects, bindings and roles, with missing roles marked', () => {
  const graph = rbacGraphOf(MODEL);
  assert.deepEqual(graph.nodes.map((node) => [node.type, node.id]), [
    ['subject', 'Group:team "a"'], ['subject', 'ServiceAccount:app:ci'], ['subject', 'User:bob'],
    ['binding', 'ClusterRoleBinding/dangling'], ['binding', 'RoleBinding/app/team'],
    ['role', 'ClusterRole/reader'], ['missing-role', 'ClusterRole/gone'],
  ]);
  assert.equal(graph.edges.length, 5);
});

test('DOT escapes quotes; Mermaid uses entity quotes', () => {
  const dot = renderDot(rbacGraphOf(MODEL));
  assert.match(dot, /"Group:team \\"a\\"" -> "RoleBinding\/app\/team";/);
  assert.match(dot, /"ClusterRole\/gone" \[label="ClusterRole\/gone \(missing\)", shape=octagon, style=dashed, color=red\];/);
  const mermaid = renderMermaid(rbacGraphOf(MODEL));
  assert.match(mermaid, /n0\(\["Group:team #quot;a#quot;"\]\)/);
  assert.match(mermaid, /n6\{\{"ClusterRole\/gone \(missing\)"\}\}/);
  assert.match(mermaid, /n0 --> n4/);
});
