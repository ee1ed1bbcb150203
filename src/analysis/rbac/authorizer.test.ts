import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsOfYaml } from '../../../test/rbac/yaml-objects.js';
import { canI, impersonatedUser, whoCan } from './authorizer.js';
import { loadBootstrapPolicy } from './bootstrap-policy.js';
import { buildRbacModel } from './model.js';
import { parseAccessRequest } from './request.js';
import type { AccessRequest } from './types.js';

function request(verb: string, target: string, options: { namespace?: string; name?: string; allNamespaces?: boolean } = {}): AccessRequest {
  const parsed = parseAccessRequest(verb, target, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

const SCOPES = objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list]
- nonResourceURLs: ["/debug/*"]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-reads-pods, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: builder}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: bob-reads-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm-writer, namespace: team-b}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sa-group-writes-cm, namespace: team-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-writer}
subjects:
- {kind: Group, name: "system:serviceaccounts:team-a", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: wrong-role-kind}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-writer}
subjects:
- {kind: User, name: mallory, apiGroup: rbac.authorization.k8s.io}
`);

test('a RoleBinding to a ClusterRole grants only in the binding namespace', () => {
  const model = buildRbacModel(SCOPES);
  const alice = impersonatedUser('alice');
  assert.equal(canI(model, alice, request('get', 'pods', { namespace: 'team-a' })).allowed, true);
  assert.equal(canI(model, alice, request('get', 'pods', { namespace: 'team-b' })).allowed, false);
  assert.equal(canI(model, alice, request('list', 'pods', { allNamespaces: true })).allowed, false, 'no namespace: RoleBindings are not consulted');
  assert.equal(canI(model, impersonatedUser('bob'), request('list', 'pods', { allNamespaces: true })).allowed, true);
});

test('nonResourceURLs are granted only through ClusterRoleBindings', () => {
  const model = buildRbacModel(SCOPES);
  assert.equal(canI(model, impersonatedUser('alice'), request('get', '/debug/pprof')).allowed, false);
  const bob = canI(model, impersonatedUser('bob'), request('get', '/debug/pprof'));
  assert.equal(bob.allowed, true);
  assert.deepEqual(bob.grants.map((g) => [g.binding, g.role, g.ruleIndex]), [['ClusterRoleBinding/bob-reads-pods', 'ClusterRole/pod-reader', 1]]);
  assert.equal(canI(model, impersonatedUser('bob'), request('get', '/debug')).allowed, false);
});

test('ServiceAccount subjects: namespace defaults to the binding, implied groups apply', () => {
  const model = buildRbacModel(SCOPES);
  const builder = impersonatedUser('system:serviceaccount:team-a:builder');
  assert.deepEqual(builder.groups, ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated']);
  assert.equal(canI(model, builder, request('get', 'pods', { namespace: 'team-a' })).allowed, true);
  assert.equal(canI(model, builder, request('create', 'configmaps', { namespace: 'team-b' })).allowed, true, 'via system:serviceaccounts:team-a');
  const other = impersonatedUser('system:serviceaccount:team-b:builder');
  assert.equal(canI(model, other, request('get', 'pods', { namespace: 'team-a' })).allowed, false);
  // With explicit --as-group the ServiceAccount groups are not added (impersonation filter).
  const explicit = impersonatedUser('system:serviceaccount:team-a:builder', ['ops']);
  assert.deepEqual(explicit.groups, ['ops', 'system:authenticated']);
  assert.equal(canI(model, explicit, request('create', 'configmaps', { namespace: 'team-b' })).allowed, false);
});

test('a ClusterRoleBinding to a Role resolves to nothing', () => {
  const model = buildRbacModel(SCOPES);
  assert.equal(canI(model, impersonatedUser('mallory'), request('create', 'configmaps', { namespace: 'team-b' })).allowed, false);
});

test('anonymous and authenticated groups', () => {
  assert.deepEqual(impersonatedUser('system:anonymous').groups, ['system:unauthenticated']);
  assert.deepEqual(impersonatedUser('carol', ['system:unauthenticated']).groups, ['system:unauthenticated']);
  const model = buildRbacModel(objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-views}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
`), { defaults: loadBootstrapPolicy().objects });
  assert.equal(canI(model, impersonatedUser('carol'), request('list', 'pods', { namespace: 'x' })).allowed, true);
  assert.equal(canI(model, impersonatedUser('system:anonymous'), request('list', 'pods', { namespace: 'x' })).allowed, false);
});

test('built-in roles resolve, admin/edit/view through aggregation', () => {
  const defaults = loadBootstrapPolicy();
  assert.equal(defaults.kubernetesVersion, 'v1.34');
  const model = buildRbacModel(objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-edit, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-admin, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects:
- {kind: User, name: lead, apiGroup: rbac.authorization.k8s.io}
`), { defaults: defaults.objects });
  const dev = impersonatedUser('dan', ['developers']);
  const secrets = canI(model, dev, request('get', 'secrets', { namespace: 'dev', name: 'db' }));
  assert.equal(secrets.allowed, true);
  // edit has no rules of its own: the matching rule is declared by an aggregated role.
  assert.ok(secrets.grants.every((g) => g.role === 'ClusterRole/edit' && g.ruleDeclaredBy === 'ClusterRole/system:aggregate-to-edit'));
  assert.equal(canI(model, dev, request('list', 'pods', { namespace: 'dev' })).allowed, true, 'view rules reach edit');
  assert.equal(canI(model, dev, request('create', 'rolebindings', { namespace: 'dev' })).allowed, false, 'edit cannot manage RBAC');
  assert.equal(canI(model, impersonatedUser('lead'), request('create', 'rolebindings', { namespace: 'dev' })).allowed, true, 'admin can');
  assert.equal(canI(model, impersonatedUser('lead'), request('list', 'pods', { namespace: 'dev' })).allowed, true, 'admin ⊇ edit ⊇ view');
  assert.equal(canI(model, dev, request('create', 'pods/exec', { namespace: 'dev', name: 'web-0' })).allowed, true);
  assert.equal(canI(model, dev, request('impersonate', 'serviceaccounts', { namespace: 'dev', name: 'default' })).allowed, true);
  assert.equal(canI(model, dev, request('get', 'nodes')).allowed, false);
});

test('an input ClusterRole labelled for aggregation extends view; an input role replaces a built-in one', () => {
  const defaults = loadBootstrapPolicy().objects;
  const objects = objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules:
- apiGroups: [example.com]
  resources: [widgets]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: vic, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: User, name: eve, apiGroup: rbac.authorization.k8s.io}
`);
  const model = buildRbacModel(objects, { defaults });
  assert.equal(canI(model, impersonatedUser('vic'), request('list', 'widgets.example.com', { namespace: 'shop' })).allowed, true);
  assert.equal(canI(model, impersonatedUser('eve'), request('list', 'widgets.example.com', { namespace: 'shop' })).allowed, true, 'transitively through edit');

  const replaced = buildRbacModel([...objects, ...objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
`)], { defaults });
  assert.equal(canI(replaced, impersonatedUser('eve'), request('get', 'secrets', { namespace: 'shop' })).allowed, false);
  assert.equal(canI(replaced, impersonatedUser('eve'), request('get', 'configmaps', { namespace: 'shop' })).allowed, true);
});

test('aggregation: matchExpressions, several selectors, no self-selection, de-duplication', () => {
  const model = buildRbacModel(objectsOfYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring, labels: {team: ops}}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions: [{key: team, operator: In, values: [ops, sre]}]
  - matchLabels: {extra: "yes"}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: a, labels: {team: sre}}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: b, labels: {extra: "yes"}}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
- apiGroups: [""]
  resources: [services]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: c, labels: {team: dev}}
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get]
`));
  const rules = model.rulesOf('ClusterRole/monitoring');
  assert.deepEqual(rules.map((r) => [r.declaredBy, r.rule.resources[0]]), [['ClusterRole/a', 'pods'], ['ClusterRole/b', 'services']]);
});

test('who-can lists subjects with the binding and role, by scope', () => {
  const model = buildRbacModel(SCOPES);
  assert.deepEqual(whoCan(model, request('get', 'pods', { namespace: 'team-a' })), [
    { kind: 'User', name: 'alice', grants: [{ binding: 'RoleBinding/team-a/alice-reads-pods', role: 'ClusterRole/pod-reader' }] },
    { kind: 'User', name: 'bob', grants: [{ binding: 'ClusterRoleBinding/bob-reads-pods', role: 'ClusterRole/pod-reader' }] },
    { kind: 'ServiceAccount', name: 'builder', namespace: 'team-a', grants: [{ binding: 'RoleBinding/team-a/alice-reads-pods', role: 'ClusterRole/pod-reader' }] },
  ]);
  assert.deepEqual(whoCan(model, request('get', 'pods', { namespace: 'team-b' })).map((s) => s.name), ['bob']);
  assert.deepEqual(whoCan(model, request('get', 'pods', { namespace: 'team-a', name: 'x' })).map((s) => s.name), ['alice', 'bob', 'builder']);
});

test('default bindings are only counted when asked for', () => {
  const defaults = loadBootstrapPolicy().objects;
  const healthz = request('get', '/healthz');
  assert.equal(canI(buildRbacModel([], { defaults }), impersonatedUser('system:anonymous'), healthz).allowed, false);
  const withDefaults = buildRbacModel([], { defaults, includeDefaultBindings: true });
  assert.equal(canI(withDefaults, impersonatedUser('system:anonymous'), healthz).allowed, true);
  assert.equal(canI(withDefaults, impersonatedUser('system:anonymous'), request('get', '/api')).allowed, false, 'discovery is for authenticated users only');
  assert.equal(canI(withDefaults, impersonatedUser('x', ['system:masters']), request('delete', 'nodes', { name: 'n1' })).allowed, true);
  assert.equal(canI(withDefaults, impersonatedUser('system:kube-scheduler'), request('create', 'pods/binding', { namespace: 'a' })).allowed, true);
});
