import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { rbacCommand } from '../../src/cli/rbac/rbac-command.js';
import { UsageError } from '../../src/cli/io.js';

// A realistic multi-namespace cluster (test/rbac/fixtures/cluster): CI deploys to prod with `edit`,
// a deployer ServiceAccount reads Secrets cluster-wide, alice is cluster-admin, bob can exec in prod,
// the dev group and every authenticated user view staging, Prometheus scrapes /metrics.
const CLUSTER = fileURLToPath(new URL('./fixtures/cluster', import.meta.url));
const SECRET_VALUE = 'c2VjcmV0LXRva2VuLXZhbHVlLW5ldmVyLXByaW50ZWQ=';

async function rbac(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const code = await rbacCommand.run(argv, { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), env: {} });
  assert.ok(!out.includes(SECRET_VALUE) && !out.includes('secret-token-value'), 'a Secret value reached the output');
  return { code, stdout: out, stderr: err };
}

test('who-can get secrets in prod', async () => {
  const { code, stdout } = await rbac('who-can', 'get', 'secrets', '-n', 'prod', '--format', 'json', CLUSTER);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), {
    subjects: [
      { kind: 'User', name: 'alice', grants: [{ binding: 'ClusterRoleBinding/alice-admin', role: 'ClusterRole/cluster-admin' }] },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci', grants: [{ binding: 'RoleBinding/prod/ci-deployer', role: 'ClusterRole/edit' }] },
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'prod', grants: [{ binding: 'ClusterRoleBinding/deployer-reads-secrets', role: 'ClusterRole/secret-reader' }] },
    ],
  });
});

test('who-can list pods in staging, in every namespace, and /metrics', async () => {
  const staging = JSON.parse((await rbac('who-can', 'list', 'pods', '-n', 'staging', '-f', 'json', CLUSTER)).stdout) as { subjects: { kind: string; name: string; grants: { binding: string }[] }[] };
  assert.deepEqual(staging.subjects.map((s) => [s.kind, s.name, s.grants.map((g) => g.binding)]), [
    ['User', 'alice', ['ClusterRoleBinding/alice-admin']],
    ['Group', 'dev', ['RoleBinding/staging/dev-view']],
    ['Group', 'system:authenticated', ['RoleBinding/staging/everyone-views']],
    ['ServiceAccount', 'prometheus', ['ClusterRoleBinding/prometheus']],
  ]);
  const everywhere = JSON.parse((await rbac('who-can', 'list', 'pods', '-A', '-f', 'json', CLUSTER)).stdout) as { subjects: { name: string }[] };
  assert.deepEqual(everywhere.subjects.map((s) => s.name), ['alice', 'prometheus']);
  const metrics = JSON.parse((await rbac('who-can', 'get', '/metrics/slis', '-f', 'json', CLUSTER)).stdout) as { subjects: { name: string }[] };
  assert.deepEqual(metrics.subjects.map((s) => s.name), ['alice', 'prometheus']);
  const table = await rbac('who-can', 'create', 'pods/exec', '-n', 'prod', CLUSTER);
  assert.equal(table.stdout, [
    'KIND            NAME     NAMESPACE  BINDING                         ROLE',
    'User            alice               ClusterRoleBinding/alice-admin  ClusterRole/cluster-admin',
    'User            bob                 RoleBinding/prod/bob-exec       Role/prod/pod-exec',
    'ServiceAccount  builder  ci         RoleBinding/prod/ci-deployer    ClusterRole/edit',
    '',
  ].join('\n'));
});

test('can-i answers yes/no with exit 0/1, with ServiceAccount groups', async () => {
  assert.deepEqual(await rbac('can-i', 'create', 'pods/exec', '-n', 'prod', '--as', 'bob', CLUSTER), { code: 0, stdout: 'yes\n', stderr: '' });
  assert.deepEqual(await rbac('can-i', 'create', 'pods/exec', '-n', 'staging', '--as', 'bob', CLUSTER), { code: 1, stdout: 'no\n', stderr: '' });
  assert.equal((await rbac('can-i', 'create', 'pods', '--subresource', 'exec', '-n', 'prod', '--as', 'bob', CLUSTER)).code, 0, 'kubectl spelling');
  assert.equal((await rbac('can-i', 'get', 'pods/log', '-n', 'staging', '--as', 'bob', CLUSTER)).stdout, 'yes\n', 'bob is authenticated, and everyone views staging');
  assert.equal((await rbac('can-i', 'get', 'pods/log', '-n', 'staging', '--as', 'system:anonymous', CLUSTER)).code, 1);
  assert.equal((await rbac('can-i', 'list', 'secrets', '-n', 'staging', '--as', 'system:serviceaccount:prod:deployer', CLUSTER)).code, 0);
  assert.equal((await rbac('can-i', 'list', 'secrets', '-n', 'staging', '--as', 'system:serviceaccount:ci:builder', CLUSTER)).code, 1);
  const json = JSON.parse((await rbac('can-i', 'get', '/metrics', '--as', 'system:serviceaccount:monitoring:prometheus', '-f', 'json', CLUSTER)).stdout) as unknown;
  assert.deepEqual(json, { allowed: true, grants: [{ binding: 'ClusterRoleBinding/prometheus', role: 'ClusterRole/prometheus', ruleDeclaredBy: 'ClusterRole/prometheus', ruleIndex: 1, rule: { verbs: ['get'], nonResourceURLs: ['/metrics', '/metrics/*'] } }] });
  assert.deepEqual(JSON.parse((await rbac('can-i', 'get', '/healthz', '--as', 'system:anonymous', '-f', 'json', CLUSTER)).stdout), { allowed: false, grants: [] });
  // The upstream default bindings make /healthz public, as on a real cluster.
  assert.equal((await rbac('can-i', 'get', '/healthz', '--as', 'system:anonymous', '--default-bindings', CLUSTER)).code, 0);
});

test('permissions of a ServiceAccount, a group, and a user', async () => {
  const prometheus = JSON.parse((await rbac('permissions', 'ServiceAccount:monitoring:prometheus', '-f', 'json', CLUSTER)).stdout) as unknown;
  assert.deepEqual(prometheus, {
    subject: 'ServiceAccount:monitoring:prometheus',
    user: { name: 'system:serviceaccount:monitoring:prometheus', groups: ['system:serviceaccounts', 'system:serviceaccounts:monitoring', 'system:authenticated'] },
    permissions: [
      { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods'], binding: 'ClusterRoleBinding/prometheus', role: 'ClusterRole/prometheus', ruleDeclaredBy: 'ClusterRole/prometheus', ruleIndex: 0 },
      { verbs: ['get'], nonResourceURLs: ['/metrics', '/metrics/*'], binding: 'ClusterRoleBinding/prometheus', role: 'ClusterRole/prometheus', ruleDeclaredBy: 'ClusterRole/prometheus', ruleIndex: 1 },
      // Every authenticated identity views staging.
      ...((JSON.parse((await rbac('permissions', 'Group:system:authenticated', '-f', 'json', CLUSTER)).stdout) as { permissions: unknown[] }).permissions),
    ],
  });
  const dev = JSON.parse((await rbac('permissions', 'Group:dev', '-f', 'json', CLUSTER)).stdout) as { permissions: { namespace?: string; binding: string }[] };
  assert.deepEqual([...new Set(dev.permissions.map((p) => `${p.namespace} ${p.binding}`))], ['prod RoleBinding/prod/dev-view', 'staging RoleBinding/staging/dev-view']);
  const bob = JSON.parse((await rbac('permissions', 'User:bob', '-f', 'json', CLUSTER)).stdout) as { permissions: { namespace?: string; resources?: string[]; binding: string }[] };
  assert.deepEqual(bob.permissions.filter((p) => p.namespace === 'prod').map((p) => p.resources), [['pods'], ['pods/exec']]);
  assert.ok(bob.permissions.every((p) => p.namespace === 'prod' || p.binding === 'RoleBinding/staging/everyone-views'));
  const nobody = await rbac('permissions', 'User:nobody', '-A', CLUSTER);
  assert.match(nobody.stdout, /ClusterRole\/view/, 'an authenticated user still gets the staging view');
});

test('paths: CI can reach cluster-wide Secrets through prod/deployer', async () => {
  const { code, stdout } = await rbac('paths', 'ServiceAccount:ci:builder', '-f', 'json', CLUSTER);
  assert.equal(code, 0);
  const { paths } = JSON.parse(stdout) as { paths: { start: string; holder: string; steps: { from: string; to: string; action: string; via: { binding: string; role: string } }[]; end: { capability: string; scope: string; severity: string } }[] };
  const first = paths[0];
  assert.ok(first !== undefined);
  assert.deepEqual({ holder: first.holder, end: first.end.capability, scope: first.end.scope, severity: first.end.severity }, { holder: 'ServiceAccount:prod:deployer', end: 'secrets-read', scope: 'cluster-wide', severity: 'critical' });
  assert.equal(first.steps.length, 1);
  assert.deepEqual([first.steps[0]?.from, first.steps[0]?.to, first.steps[0]?.via.binding, first.steps[0]?.via.role], ['ServiceAccount:ci:builder', 'ServiceAccount:prod:deployer', 'RoleBinding/prod/ci-deployer', 'ClusterRole/edit']);
  assert.deepEqual(paths.map((p) => `${p.end.severity} ${p.end.capability} ${p.end.scope} ${p.holder}`), [
    'critical secrets-read cluster-wide ServiceAccount:prod:deployer',
    'high impersonate in namespace prod ServiceAccount:ci:builder',
    'medium pod-exec in namespace prod ServiceAccount:ci:builder',
    'medium token-create in namespace prod ServiceAccount:ci:builder',
    'medium workload-write in namespace prod ServiceAccount:ci:builder',
  ]);
});

test('paths of every subject, most severe first; graphs', async () => {
  const { stdout } = await rbac('paths', CLUSTER);
  const heads = stdout.split('\n').filter((line) => /^[A-Z]/.test(line));
  assert.deepEqual(heads, [
    'CRITICAL  ServiceAccount:ci:builder can read Secrets cluster-wide (as ServiceAccount:prod:deployer)',
    'CRITICAL  ServiceAccount:prod:deployer can read Secrets cluster-wide',
    'CRITICAL  User:alice can do anything (cluster-admin equivalent) cluster-wide',
    'HIGH      ServiceAccount:ci:builder can impersonate users, groups or ServiceAccounts in namespace prod',
    'MEDIUM    ServiceAccount:ci:builder can exec, attach or port-forward into pods in namespace prod',
    'MEDIUM    ServiceAccount:ci:builder can create ServiceAccount tokens in namespace prod',
    'MEDIUM    ServiceAccount:ci:builder can create or change pods and workloads in namespace prod',
    'MEDIUM    User:bob can exec, attach or port-forward into pods in namespace prod',
  ]);
  const dot = (await rbac('who-can', 'get', 'secrets', '-n', 'prod', '-f', 'dot', CLUSTER)).stdout;
  assert.match(dot, /^digraph rbac \{/);
  assert.match(dot, /"ServiceAccount:ci:builder" -> "RoleBinding\/prod\/ci-deployer";/);
  assert.match(dot, /"RoleBinding\/prod\/ci-deployer" -> "ClusterRole\/edit";/);
  const mermaid = (await rbac('paths', 'ServiceAccount:ci:builder', '-f', 'mermaid', CLUSTER)).stdout;
  assert.match(mermaid, /^flowchart LR\n/);
  assert.match(mermaid, /"ServiceAccount:prod:deployer"/);
});

test('usage and input errors', async () => {
  await assert.rejects(rbac('can-i', 'get', 'pods', CLUSTER), UsageError, '--as is required');
  await assert.rejects(rbac('permissions', 'alice', CLUSTER), UsageError);
  await assert.rejects(rbac('frobnicate', CLUSTER), UsageError);
  await assert.rejects(rbac('who-can', 'get', 'pods'), UsageError, 'no input');
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-rbac-'));
  await writeFile(join(dir, 'broken.yaml'), 'kind: ClusterRole\n  bad: [\n');
  const broken = await rbac('who-can', 'get', 'pods', dir);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.yaml:\d+:\d+/);
});

test('registered as `kubeward rbac`; usage errors exit 2', async () => {
  const { main } = await import('../../src/cli/main.js');
  const run = async (...argv: string[]): Promise<{ code: number; stdout: string }> => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const code = await main(argv, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), cwd: process.cwd(), env: {} });
    return { code, stdout: out };
  };
  assert.deepEqual(await run('rbac', 'can-i', 'delete', 'nodes', '--as', 'alice', CLUSTER), { code: 0, stdout: 'yes\n' });
  assert.deepEqual(await run('rbac', 'can-i', 'delete', 'nodes', '--as', 'bob', CLUSTER), { code: 1, stdout: 'no\n' });
  assert.equal((await run('rbac', 'can-i', 'delete', 'nodes', CLUSTER)).code, 2);
});
