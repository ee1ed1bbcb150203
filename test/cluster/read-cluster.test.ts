// End-to-end: a real kube-apiserver and etcd (see control-plane.ts), objects created through the
// real API, and kubeward reading them back as an admin, as a user bound only to the shipped
// least-privilege ClusterRole, and as users with partial or no permissions.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_RESOURCES, resourceLabel } from '../../src/cluster/cluster-resources.js';
import { readClusterObjects, type ClusterReadResult } from '../../src/cluster/read-cluster-objects.js';
import { withClusterVersion } from '../../src/cluster/cluster-version.js';
import { snapshotCommand } from '../../src/cli/snapshot/snapshot-command.js';
import { scan, scanText } from '../../src/scan/scan.js';
import type { Finding } from '../../src/engine/finding.js';
import { findControlPlaneBinaries, startControlPlane, type ControlPlane } from './control-plane.js';
import { createObjects, namespaceWithDefaultServiceAccount, objectsOfYaml } from './kube-api.js';

const binaries = await findControlPlaneBinaries();
const skip = binaries.status === 'missing'
  ? `control plane binaries not built (expected in ${binaries.dir}); run: bash test/cluster/build-control-plane.sh`
  : false;

// base64 of the Secret value; neither it nor the decoded value may appear anywhere kubeward writes.
const SECRET_VALUE = 'hunter2-do-not-leak';
const SECRET_B64 = Buffer.from(SECRET_VALUE).toString('base64');

const FIXTURES = `
apiVersion: v1
kind: Pod
metadata: {name: priv, namespace: shop}
spec:
  containers:
    - name: app
      image: registry.example/shop/app:1.4.2
      securityContext: {privileged: true}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: registry.example/shop/web:2.0.0
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
  annotations:
    team: shop
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Secret","data":{"password":"${SECRET_B64}"}}'
type: Opaque
data: {password: ${SECRET_B64}}
---
apiVersion: v1
kind: Secret
metadata:
  name: builder-token
  namespace: shop
  annotations: {kubernetes.io/service-account.name: default}
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Pod
metadata: {name: hardened, namespace: payments}
spec:
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.example/payments/app@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {cpu: 200m, memory: 128Mi}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-lister, namespace: shop}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-pod-lister, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-lister}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeward-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubeward-reader}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: reader}
`;

const ACCOUNTS = Array.from({ length: 7 }, (_, i) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `batch-${String(i)}`, namespace: 'shop' } }));

interface AuditEvent { user: { username: string }; verb: string; requestURI: string; objectRef?: { resource?: string } }

describe('reading a live cluster', { skip }, () => {
  let plane: ControlPlane;
  let asAdmin: ClusterReadResult;

  before(async () => {
    plane = await startControlPlane();
    const role = objectsOfYaml(await readFile(new URL('../../deploy/kubeward-reader-clusterrole.yaml', import.meta.url), 'utf8'));
    await createObjects(plane.kubeconfigPath, [
      ...namespaceWithDefaultServiceAccount('shop'),
      ...namespaceWithDefaultServiceAccount('payments', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      ...role,
      ...objectsOfYaml(FIXTURES),
      ...ACCOUNTS,
    ]);
    asAdmin = await readClusterObjects({ kubeconfig: plane.kubeconfigPath });
  });

  after(async () => {
    await plane?.stop();
  });

  const locations = (result: ClusterReadResult): string[] => result.objects.map((object) => object.location);
  const objectAt = (result: ClusterReadResult, location: string) =>
    result.objects.find((object) => object.location === location)?.object ?? assert.fail(`${location} not read`);

  test('reads every kind across all namespaces, as objects a manifest would hold', () => {
    assert.deepEqual(asAdmin.errors, []);
    assert.equal(asAdmin.serverVersion?.gitVersion, 'v1.37.2');
    for (const location of ['cluster://shop/Pod/priv', 'cluster://shop/Deployment/web', 'cluster://payments/Pod/hardened',
      'cluster://shop/Secret/creds', 'cluster://shop/Role/pod-lister', 'cluster://shop/RoleBinding/alice-pod-lister',
      'cluster://ClusterRole/kubeward-reader', 'cluster://ClusterRoleBinding/kubeward-reader', 'cluster://Namespace/payments',
      'cluster://shop/ServiceAccount/batch-6']) {
      assert.ok(locations(asAdmin).includes(location), `${location} missing`);
    }
    const deployment = objectAt(asAdmin, 'cluster://shop/Deployment/web');
    assert.equal(deployment.apiVersion, 'apps/v1');
    assert.equal(deployment.kind, 'Deployment');
    assert.equal(deployment.metadata?.['managedFields'], undefined);
    assert.equal(objectAt(asAdmin, 'cluster://Namespace/payments').metadata?.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
  });

  test('Secrets are metadata only: no data, no last-applied copy; the token type comes from a field selector', () => {
    const creds = objectAt(asAdmin, 'cluster://shop/Secret/creds');
    assert.deepEqual(Object.keys(creds).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.deepEqual(creds.metadata?.annotations, { team: 'shop' });
    assert.equal(objectAt(asAdmin, 'cluster://shop/Secret/builder-token')['type'], 'kubernetes.io/service-account-token');
    const everything = JSON.stringify(asAdmin);
    assert.ok(!everything.includes(SECRET_B64) && !everything.includes(SECRET_VALUE), 'a Secret value was read');
  });

  test('pages through lists with limit and continue, and gets the same objects', async () => {
    const paged = await readClusterObjects({ kubeconfig: plane.kubeconfigPath, pageSize: 2 });
    assert.deepEqual(paged.errors, []);
    assert.deepEqual(locations(paged), locations(asAdmin));
    const events = await auditEvents(plane);
    assert.ok(events.some((event) => event.user.username === 'admin' && event.objectRef?.resource === 'serviceaccounts' &&
      event.requestURI.includes('limit=2') && event.requestURI.includes('continue=')), 'no continued serviceaccounts list in the audit log');
  });

  test('works with exactly the shipped least-privilege ClusterRole, and only reads', async () => {
    const kubeconfig = await plane.kubeconfigFor('reader');
    const asReader = await eventually(() => readClusterObjects({ kubeconfig }), (result) => result.errors.length === 0);
    assert.deepEqual(asReader.errors, []);
    assert.deepEqual(locations(asReader), locations(asAdmin));
    const verbs = new Set((await auditEvents(plane)).filter((event) => event.user.username === 'reader').map((event) => event.verb));
    assert.deepEqual([...verbs].sort(), ['get', 'list']); // get: /version only
  });

  test('a user allowed to list pods in one namespace gets those pods and a forbidden error for each other kind', async () => {
    const kubeconfig = await plane.kubeconfigFor('alice');
    const result = await readClusterObjects({ kubeconfig, namespace: 'shop' });
    assert.deepEqual(locations(result), ['cluster://shop/Pod/priv']);
    const namespaced = CLUSTER_RESOURCES.filter((resource) => resource.namespaced && resource.kind !== 'Pod').map(resourceLabel);
    assert.deepEqual(result.errors.map((error) => error.resource).sort(), ['namespaces', ...namespaced].sort());
    assert.ok(result.errors.every((error) => error.reason === 'forbidden'));
    const deployments = result.errors.find((error) => error.resource === 'apps/deployments');
    assert.match(deployments?.message ?? '', /^cannot list apps\/deployments in namespace shop: forbidden: .*User "alice" cannot list resource "deployments"/);
  });

  test('a user with no permissions gets one forbidden error per kind and no objects', async () => {
    const result = await readClusterObjects({ kubeconfig: await plane.kubeconfigFor('bob') });
    assert.deepEqual(result.objects, []);
    assert.deepEqual(result.errors.map((error) => error.resource).sort(), CLUSTER_RESOURCES.map(resourceLabel).sort());
    assert.ok(result.errors.every((error) => error.reason === 'forbidden'));
  });

  test('rejected credentials and an unreachable server are one clear error each, naming the server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-kubeconfig-'));
    try {
      const admin = JSON.parse(await readFile(plane.kubeconfigPath, 'utf8')) as { users: { user: { token: string } }[]; clusters: { cluster: { server: string } }[] };
      const badToken = structuredClone(admin);
      const forged = 'f'.repeat(48);
      for (const user of badToken.users) user.user.token = forged;
      await writeFile(join(dir, 'bad-token.json'), JSON.stringify(badToken));
      const rejected = await readClusterObjects({ kubeconfig: join(dir, 'bad-token.json') });
      assert.deepEqual(rejected.objects, []);
      assert.deepEqual(rejected.errors.map((error) => [error.resource, error.reason]), [['server', 'unauthorized']]);
      assert.match(rejected.errors[0]?.message ?? '', /^cannot read https:\/\/127\.0\.0\.1:\d+: the server rejected the credentials/);
      assert.ok(!JSON.stringify(rejected).includes(forged), 'the token appears in the error');

      const closed = structuredClone(admin);
      for (const cluster of closed.clusters) cluster.cluster.server = `https://127.0.0.1:${String(await closedPort())}`;
      await writeFile(join(dir, 'closed.json'), JSON.stringify(closed));
      const unreachable = await readClusterObjects({ kubeconfig: join(dir, 'closed.json'), requestTimeoutMs: 5_000 });
      assert.deepEqual(unreachable.errors.map((error) => [error.resource, error.reason]), [['server', 'unreachable']]);
      assert.match(unreachable.errors[0]?.message ?? '', /the server cannot be reached: .*ECONNREFUSED/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('picks the --context asked for, merges a KUBECONFIG path list, and names an unknown context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-kubeconfig-'));
    const silent = createServer(() => { /* accepts, never answers: a hung server */ });
    await new Promise<void>((resolvePromise) => silent.listen(0, '127.0.0.1', () => resolvePromise()));
    try {
      const admin = JSON.parse(await readFile(plane.kubeconfigPath, 'utf8')) as Record<string, unknown> & { clusters: { cluster: Record<string, unknown> }[] };
      const address = silent.address();
      const hungServer = `https://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 1)}`;
      const hung = {
        apiVersion: 'v1', kind: 'Config', 'current-context': 'hung',
        clusters: [{ name: 'hung', cluster: { ...admin.clusters[0]?.cluster, server: hungServer } }],
        users: [{ name: 'nobody', user: { token: 'unused' } }],
        contexts: [{ name: 'hung', context: { cluster: 'hung', user: 'nobody' } }],
      };
      await writeFile(join(dir, 'hung.json'), JSON.stringify(hung));
      const env = { KUBECONFIG: `${join(dir, 'hung.json')}:${plane.kubeconfigPath}` };

      const timedOut = await readClusterObjects({ env, requestTimeoutMs: 1_000 });
      assert.deepEqual(timedOut.errors.map((error) => [error.resource, error.reason]), [['server', 'timeout']]);
      assert.match(timedOut.errors[0]?.message ?? '', /the server did not answer in time/);

      const picked = await readClusterObjects({ env, context: 'admin@kubeward-test' });
      assert.deepEqual(picked.errors, []);
      assert.equal(picked.objects.length, asAdmin.objects.length);

      const unknown = await readClusterObjects({ env, context: 'prod' });
      assert.deepEqual(unknown.errors, [{ resource: 'server', kinds: CLUSTER_RESOURCES.map((resource) => resource.kind), reason: 'kubeconfig', message: 'context "prod" is not in the kubeconfig' }]);
    } finally {
      silent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('snapshot --cluster writes YAML whose scan gives the findings of the objects read, without Secret data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-snapshot-'));
    try {
      const file = join(dir, 'cluster.yaml');
      const run = await runCommand(['--cluster', '--kubeconfig', await plane.kubeconfigFor('reader'), '-o', file]);
      assert.equal(run.code, 0, run.stderr);
      const text = await readFile(file, 'utf8');
      assert.ok(!text.includes(SECRET_B64) && !text.includes(SECRET_VALUE), 'a Secret value reached the snapshot');
      // One document per object read, plus the ClusterVersion that carries GET /version.
      assert.equal(parseAllDocuments(text).filter((document) => document.contents !== null).length, withClusterVersion(asAdmin).length);

      const fromSnapshot = await scan([file], { cwd: dir });
      assert.deepEqual(fromSnapshot.errors, []);
      const direct = scanText(withClusterVersion(asAdmin).map(({ object }) => JSON.stringify(object)).join('\n---\n'));
      assert.deepEqual(findingKeys(fromSnapshot.findings), findingKeys(direct.findings));

      const priv = fromSnapshot.findings.filter((finding) => finding.resource.name === 'priv');
      assert.ok(priv.some((finding) => finding.ruleId === 'no-privileged' && finding.path === 'spec.containers[0].securityContext.privileged'),
        `no no-privileged finding on shop/priv: ${findingKeys(priv).join(', ')}`);
      const web = fromSnapshot.findings.filter((finding) => finding.resource.name === 'web' && finding.resource.kind === 'Deployment');
      assert.ok(web.some((finding) => finding.path === 'spec.template.spec.hostNetwork'), `no hostNetwork finding on shop/web: ${findingKeys(web).join(', ')}`);
      const hardenedPss = fromSnapshot.findings.filter((finding) => finding.resource.name === 'hardened' && finding.frameworks.pss !== undefined);
      assert.deepEqual(findingKeys(hardenedPss), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a partial snapshot is still written, marked partial, and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-snapshot-'));
    try {
      const file = join(dir, 'partial.yaml');
      const run = await runCommand(['--cluster', '--kubeconfig', await plane.kubeconfigFor('alice'), '-n', 'shop', '-o', file]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /kubeward snapshot: cannot list apps\/deployments in namespace shop: forbidden/);
      const text = await readFile(file, 'utf8');
      assert.match(text, /^# PARTIAL: these could not be read:$/m);
      // The one pod alice may list, and the ClusterVersion.
      assert.equal(parseAllDocuments(text).filter((document) => document.contents !== null).length, 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.resource.namespace ?? ''}/${finding.resource.kind}/${finding.resource.name} ${finding.path}`).sort();
}

async function auditEvents(plane: ControlPlane): Promise<AuditEvent[]> {
  const text = await readFile(plane.auditLogPath, 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AuditEvent);
}

/** RBAC changes reach the authorizer through an informer, a moment after the write. */
async function eventually<T>(action: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await action();
  while (!isDone(value) && Date.now() < deadline) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    value = await action();
  }
  return value;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise()));
  const address = server.address();
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

async function runCommand(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  const code = await snapshotCommand.run(argv, { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), env: {} });
  return { code, stdout: out, stderr: err };
}
