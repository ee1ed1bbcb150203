import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAccessRequest, parseAccessRequest } from './request.js';

test('resources: plural, short names, RESOURCE.GROUP, subresources', () => {
  assert.deepEqual(parseAccessRequest('get', 'po/log', { namespace: 'a', name: 'web-0' }), {
    ok: true, warnings: [], request: { type: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', name: 'web-0', namespace: 'a' },
  });
  const deploy = parseAccessRequest('update', 'deploy/scale');
  assert.ok(deploy.ok && deploy.request.type === 'resource');
  assert.deepEqual([deploy.request.apiGroup, deploy.request.resource, deploy.request.subresource, deploy.request.namespace], ['apps', 'deployments', 'scale', 'default']);
  const custom = parseAccessRequest('list', 'widgets.example.com', { allNamespaces: true });
  assert.ok(custom.ok && custom.request.type === 'resource');
  assert.deepEqual([custom.request.apiGroup, custom.request.resource, custom.request.namespace], ['example.com', 'widgets', '']);
});

test('cluster-scoped resources never carry a namespace', () => {
  const nodes = parseAccessRequest('get', 'nodes/proxy', { namespace: 'a' });
  assert.ok(nodes.ok && nodes.request.type === 'resource');
  assert.equal(nodes.request.namespace, '');
  assert.deepEqual(nodes.warnings, ['resource "nodes" is not namespace scoped; --namespace is ignored']);
});

test('non-resource URLs and errors', () => {
  assert.deepEqual(parseAccessRequest('get', '/healthz'), { ok: true, warnings: [], request: { type: 'nonResource', verb: 'get', path: '/healthz' } });
  assert.equal(parseAccessRequest('get', '/healthz', { name: 'x' }).ok, false);
  assert.equal(parseAccessRequest('get', '/').ok, true);
  assert.equal(parseAccessRequest('', 'pods').ok, false);
  const unknown = parseAccessRequest('get', 'gadgets');
  assert.ok(unknown.ok);
  assert.equal(unknown.warnings.length, 1);
});

test('formatAccessRequest', () => {
  const parsed = parseAccessRequest('create', 'pods/exec', { namespace: 'prod', name: 'web' });
  assert.ok(parsed.ok);
  assert.equal(formatAccessRequest(parsed.request), 'create pods/exec named web in namespace prod');
});
