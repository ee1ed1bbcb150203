import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { K8sObject } from '../../k8s/object.js';
import { canI, impersonatedUser, serviceAccountUsername, whoCan } from './authorizer.js';
import { buildRbacModel } from './model.js';
import { permissionsOf } from './permissions.js';
import { ruleAllows } from './rule-matching.js';
import type { AccessRequest } from './types.js';

// who-can, can-i and permissions are three views of one authorizer: on random small clusters, a
// User or ServiceAccount subject is listed by who-can exactly when can-i says yes for it, and can-i
// says yes exactly when one of its effective permissions (in scope) allows the request.

const NAMESPACES = ['a', 'b'];
const verb = fc.constantFrom('get', 'list', 'create', '*');
const resource = fc.constantFrom('pods', 'pods/exec', 'secrets', '*', '*/scale', 'deployments/scale');
const rule = fc.record({
  apiGroups: fc.constantFrom([''], ['*'], ['apps']),
  resources: fc.array(resource, { minLength: 1, maxLength: 2 }),
  verbs: fc.array(verb, { minLength: 1, maxLength: 2 }),
  resourceNames: fc.constantFrom([], ['x']),
});
const subject = fc.oneof(
  fc.record({ kind: fc.constant('User'), name: fc.constantFrom('u1', 'u2') }),
  fc.record({ kind: fc.constant('Group'), name: fc.constantFrom('system:authenticated', 'system:serviceaccounts:a', 'g') }),
  fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('s1', 's2'), namespace: fc.constantFrom('a', 'b') }),
);
const cluster = fc.record({
  roles: fc.array(fc.record({ namespace: fc.constantFrom(undefined, ...NAMESPACES), rules: fc.array(rule, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
  bindings: fc.array(fc.record({ namespace: fc.constantFrom(undefined, ...NAMESPACES), role: fc.nat(3), subjects: fc.array(subject, { minLength: 1, maxLength: 3 }) }), { maxLength: 5 }),
});
const request = fc.record({
  verb: fc.constantFrom('get', 'list', 'create'),
  resource: fc.constantFrom('pods', 'secrets', 'deployments'),
  subresource: fc.constantFrom('', 'exec', 'scale'),
  apiGroup: fc.constantFrom('', 'apps'),
  name: fc.constantFrom('', 'x'),
  namespace: fc.constantFrom('', ...NAMESPACES),
}).map((r): AccessRequest => ({ type: 'resource', ...r }));

interface GeneratedCluster {
  readonly roles: readonly { readonly namespace: string | undefined; readonly rules: readonly unknown[] }[];
  readonly bindings: readonly { readonly namespace: string | undefined; readonly role: number; readonly subjects: readonly unknown[] }[];
}

function objectsOf(generated: GeneratedCluster): K8sObject[] {
  const objects: K8sObject[] = [];
  generated.roles.forEach((role, index) => {
    objects.push(role.namespace === undefined
      ? { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `r${index}` }, rules: role.rules }
      : { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `r${index}`, namespace: role.namespace }, rules: role.rules });
  });
  generated.bindings.forEach((binding, index) => {
    const role = generated.roles[binding.role % generated.roles.length];
    const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role?.namespace === undefined ? 'ClusterRole' : 'Role', name: `r${binding.role % generated.roles.length}` };
    objects.push(binding.namespace === undefined
      ? { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `b${index}` }, roleRef, subjects: binding.subjects }
      : { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `b${index}`, namespace: binding.namespace }, roleRef, subjects: binding.subjects });
  });
  return objects;
}

test('who-can, can-i and permissions agree', () => {
  fc.assert(fc.property(cluster, request, (generated, req) => {
    const model = buildRbacModel(objectsOf(generated));
    const listed = new Set(whoCan(model, req).map((s) => `${s.kind}:${s.namespace ?? ''}:${s.name}`));
    const people = [
      ...['u1', 'u2'].map((name) => ({ key: `User::${name}`, user: impersonatedUser(name), ref: { kind: 'User', name } as const })),
      ...NAMESPACES.flatMap((namespace) => ['s1', 's2'].map((name) => ({
        key: `ServiceAccount:${namespace}:${name}`, user: impersonatedUser(serviceAccountUsername(namespace, name)), ref: { kind: 'ServiceAccount', namespace, name } as const,
      }))),
    ];
    for (const person of people) {
      const allowed = canI(model, person.user, req).allowed;
      const viaPermissions = permissionsOf(model, person.ref).some((p) =>
        (p.namespace === undefined || (req.type === 'resource' && p.namespace === req.namespace)) && ruleAllows(p.rule, req));
      assert.equal(viaPermissions, allowed, `${person.key} permissions vs can-i`);
      // Directly listed, or through a group it belongs to.
      const direct = listed.has(person.key) || person.user.groups.some((group) => listed.has(`Group::${group}`));
      assert.equal(direct, allowed, `${person.key} who-can vs can-i`);
    }
  }), { numRuns: 300 });
});
