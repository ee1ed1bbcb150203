import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyRuleOf, ruleAllows } from './rule-matching.js';
import type { AccessRequest } from './types.js';

const rule = (value: Record<string, unknown>) => policyRuleOf(value);
const resource = (verb: string, apiGroup: string, combined: string, name = '', namespace = 'prod'): AccessRequest => {
  const [resourceName = '', subresource = ''] = combined.split('/');
  return { type: 'resource', verb, apiGroup, resource: resourceName, subresource, name, namespace };
};
const url = (verb: string, path: string): AccessRequest => ({ type: 'nonResource', verb, path });

test('verbs: exact or *, never a prefix', () => {
  const r = rule({ apiGroups: [''], resources: ['pods'], verbs: ['get'] });
  assert.equal(ruleAllows(r, resource('get', '', 'pods')), true);
  assert.equal(ruleAllows(r, resource('list', '', 'pods')), false);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }), resource('deletecollection', '', 'pods')), true);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods'], verbs: [] }), resource('get', '', 'pods')), false);
});

test('apiGroups: the core group is "" and does not match apps', () => {
  const core = rule({ apiGroups: [''], resources: ['deployments'], verbs: ['get'] });
  assert.equal(ruleAllows(core, resource('get', 'apps', 'deployments')), false);
  assert.equal(ruleAllows(rule({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }), resource('get', 'apps', 'deployments')), true);
  assert.equal(ruleAllows(rule({ resources: ['pods'], verbs: ['get'] }), resource('get', '', 'pods')), false, 'missing apiGroups matches nothing');
});

test('resources: * matches subresources; the bare resource does not', () => {
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['*'], verbs: ['create'] }), resource('create', '', 'pods/exec')), true);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods'], verbs: ['create'] }), resource('create', '', 'pods/exec')), false);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }), resource('create', '', 'pods/exec')), true);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }), resource('create', '', 'pods')), false);
  assert.equal(ruleAllows(rule({ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }), resource('get', '', 'pods/exec')), false);
});

test('resources: */scale matches the scale subresource of any resource, pods/* is not a wildcard', () => {
  const scale = rule({ apiGroups: ['*'], resources: ['*/scale'], verbs: ['update'] });
  assert.equal(ruleAllows(scale, resource('update', 'apps', 'deployments/scale')), true);
  assert.equal(ruleAllows(scale, resource('update', '', 'replicationcontrollers/scale')), true);
  assert.equal(ruleAllows(scale, resource('update', 'apps', 'deployments')), false);
  assert.equal(ruleAllows(scale, resource('update', 'apps', 'deployments/status')), false);
  // ResourceMatches only knows `*`, exact, and `*/sub`: `pods/*` matches only a literal `pods/*`.
  const podsStar = rule({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] });
  assert.equal(ruleAllows(podsStar, resource('create', '', 'pods/exec')), false);
  assert.equal(ruleAllows(podsStar, resource('create', '', 'pods')), false);
});

test('resourceNames: never matches a request without a name (list, watch, create)', () => {
  const named = rule({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get', 'list', 'watch', 'create'] });
  assert.equal(ruleAllows(named, resource('get', '', 'secrets', 'db')), true);
  assert.equal(ruleAllows(named, resource('get', '', 'secrets', 'other')), false);
  assert.equal(ruleAllows(named, resource('list', '', 'secrets')), false);
  assert.equal(ruleAllows(named, resource('watch', '', 'secrets')), false);
  assert.equal(ruleAllows(named, resource('create', '', 'secrets')), false);
  // A watch on one object (fieldSelector metadata.name) carries the name and is allowed.
  assert.equal(ruleAllows(named, resource('watch', '', 'secrets', 'db')), true);
  const unnamed = rule({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
  assert.equal(ruleAllows(unnamed, resource('list', '', 'secrets')), true);
});

test('nonResourceURLs: exact, *, and a trailing * as prefix', () => {
  const r = rule({ nonResourceURLs: ['/healthz', '/metrics/*', '/api*'], verbs: ['get'] });
  assert.equal(ruleAllows(r, url('get', '/healthz')), true);
  assert.equal(ruleAllows(r, url('get', '/healthz/etcd')), false);
  assert.equal(ruleAllows(r, url('get', '/metrics/slis')), true);
  assert.equal(ruleAllows(r, url('get', '/metrics')), false);
  assert.equal(ruleAllows(r, url('get', '/apis/apps')), true);
  assert.equal(ruleAllows(r, url('post', '/healthz')), false);
  assert.equal(ruleAllows(rule({ nonResourceURLs: ['*'], verbs: ['*'] }), url('get', '/anything')), true);
});

test('resource rules never grant non-resource URLs and vice versa', () => {
  assert.equal(ruleAllows(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }), url('get', '/healthz')), false);
  assert.equal(ruleAllows(rule({ nonResourceURLs: ['*'], verbs: ['*'] }), resource('get', '', 'pods')), false);
});

test('policyRuleOf tolerates wrong types', () => {
  assert.deepEqual(policyRuleOf({ verbs: 'get', resources: [1, 'pods'] }), { verbs: [], apiGroups: [], resources: ['pods'], resourceNames: [], nonResourceURLs: [] });
  assert.deepEqual(policyRuleOf(null).verbs, []);
});
