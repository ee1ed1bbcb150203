import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CLUSTER_RESOURCES, listPathOf } from './cluster-resources.js';
import { clusterLocationOf } from './read-cluster-objects.js';

const roleFile = new URL('../../deploy/kubeward-reader-clusterrole.yaml', import.meta.url);

interface PolicyRule { apiGroups: string[]; resources: string[]; verbs: string[] }

test('the shipped ClusterRole grants list on exactly the resources kubeward reads, get only on namespaces, nothing else', async () => {
  const role = parse(await readFile(roleFile, 'utf8')) as { kind: string; rules: PolicyRule[] };
  assert.equal(role.kind, 'ClusterRole');
  const granted = new Set<string>();
  for (const rule of role.rules) {
    for (const group of rule.apiGroups) for (const resource of rule.resources) for (const verb of rule.verbs) granted.add(`${verb} ${group}/${resource}`);
  }
  const needed = new Set(CLUSTER_RESOURCES.map((resource) => `list ${resource.group}/${resource.resource}`));
  needed.add('get /namespaces');
  assert.deepEqual([...granted].sort(), [...needed].sort());
});

test('list paths: core and grouped, all namespaces and one; cluster-scoped kinds ignore the namespace', () => {
  const byKind = (kind: string) => CLUSTER_RESOURCES.find((resource) => resource.kind === kind) ?? assert.fail(kind);
  assert.equal(listPathOf(byKind('Pod')), '/api/v1/pods');
  assert.equal(listPathOf(byKind('Pod'), 'team-a'), '/api/v1/namespaces/team-a/pods');
  assert.equal(listPathOf(byKind('Deployment'), 'team-a'), '/apis/apps/v1/namespaces/team-a/deployments');
  assert.equal(listPathOf(byKind('ClusterRole'), 'team-a'), '/apis/rbac.authorization.k8s.io/v1/clusterroles');
});

test('locations name namespace, kind and name; cluster-scoped objects have no namespace segment', () => {
  assert.equal(clusterLocationOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' } }), 'cluster://shop/Pod/web');
  assert.equal(clusterLocationOf({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'admin' } }), 'cluster://ClusterRole/admin');
});
