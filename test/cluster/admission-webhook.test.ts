// End to end: `kubeward serve` registered with the real kube-apiserver as a validating and a mutating webhook
// (clientConfig.url on loopback, caBundle of the dev CA), namespaces from a live watch. Pods are denied, warned,
// mutated and admitted through the API server; exemptions, audit annotations, server-side dry run, failurePolicy,
// certificate rotation and namespace label changes are checked without restarting anything.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { startAdmissionServer, type RunningAdmissionServer } from '../../src/cli/serve/admission-server.js';
import { loadKubeconfig } from '../../src/cluster/kube-connection.js';
import { watchNamespaces, type NamespaceWatch } from '../../src/cluster/namespace-watch.js';
import { EMPTY_CONFIG } from '../../src/engine/config.js';
import { allRules } from '../../src/rules/index.js';
import { createJsonLogger } from '../../src/server/logger.js';
import { httpsRequest, LogSink, writeTestCertificates, type CertificateFiles } from '../server/https-test-support.js';
import { apiRequest, messageOf } from './api-request.js';
import { findControlPlaneBinaries, startControlPlane, type ControlPlane } from './control-plane.js';
import { createObjects, namespaceWithDefaultServiceAccount } from './kube-api.js';

const run = promisify(execFile);
const binaries = await findControlPlaneBinaries();
const skip = binaries.status === 'missing' ? `control plane binaries not built (expected in ${binaries.dir}); run: npm run cluster:build` : false;

const E2E = { 'kubeward-e2e': 'on' };
const WORKLOAD_RULES = [
  { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers'], scope: 'Namespaced' },
  { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], scope: 'Namespaced' },
  { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['roles', 'rolebindings'], scope: 'Namespaced' },
];

function pod(name: string, spec: Record<string, unknown>, namespace: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec };
}
const HOST_PID = { hostPID: true, containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }] };
const FIXABLE = { securityContext: { runAsUser: 10001 }, containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }] };
const RESTRICTED = {
  securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'registry.example/app:1.0.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, tries = 120, delayMs = 250): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, delayMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('kubeward serve as the API server\'s admission webhook', { skip }, () => {
  let plane: ControlPlane;
  let files: CertificateFiles;
  let watch: NamespaceWatch;
  let running: RunningAdmissionServer;
  const logs = new LogSink();
  const watchEvents: string[] = [];
  const create = (namespace: string, body: Record<string, unknown>, query = '', user: 'admin' | 'bob' = 'admin') =>
    apiRequest(plane, 'POST', `/api/v1/namespaces/${namespace}/pods${query}`, body, user);

  before(async () => {
    plane = await startControlPlane();
    files = await writeTestCertificates({ ip: ['127.0.0.1'], dns: ['localhost'] });
    await createObjects(plane.kubeconfigPath, [
      ...namespaceWithDefaultServiceAccount('e2e-defaults', E2E),
      ...namespaceWithDefaultServiceAccount('e2e-restricted', { ...E2E, 'pod-security.kubernetes.io/enforce': 'restricted' }),
      ...namespaceWithDefaultServiceAccount('e2e-labels', E2E),
      ...namespaceWithDefaultServiceAccount('e2e-fail-closed', { 'kubeward-dead': 'fail' }),
      ...namespaceWithDefaultServiceAccount('e2e-fail-open', { 'kubeward-dead': 'ignore' }),
      // No controller-manager aggregates the built-in `edit` role here: a Role of its own.
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-creator', namespace: 'e2e-defaults' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get'] }] } as KubernetesObject,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'bob-pods', namespace: 'e2e-defaults' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-creator' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
      } as KubernetesObject,
    ]);
    watch = watchNamespaces(loadKubeconfig({ kubeconfig: plane.kubeconfigPath }), { retryMs: 200, onEvent: (event, detail) => watchEvents.push(`${event} ${detail ?? ''}`) });
    running = await startAdmissionServer({
      port: 0, host: '127.0.0.1', certFile: files.certFile, keyFile: files.keyFile, tlsPollIntervalMs: 200,
      admission: parseAdmissionConfig({
        defaults: { enforce: 'baseline', audit: 'restricted', warn: 'restricted' },
        exemptions: { usernames: ['bob'] },
      }, 'e2e', allRules),
      config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'watch', watch },
      logger: createJsonLogger(logs, { level: 'debug' }),
    });
    const caBundle = Buffer.from(files.caPem).toString('base64');
    const common = { sideEffects: 'None', admissionReviewVersions: ['v1'], timeoutSeconds: 10, namespaceSelector: { matchLabels: E2E } };
    const answers = await Promise.all([
      apiRequest(plane, 'POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', {
        apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'kubeward-e2e' },
        webhooks: [{ name: 'mutate.kubeward.dev', clientConfig: { url: `${running.server.url}/mutate`, caBundle }, rules: WORKLOAD_RULES.slice(0, 2).map((rule) => ({ ...rule, resources: rule.resources.filter((resource) => !resource.includes('/')) })), failurePolicy: 'Ignore', reinvocationPolicy: 'IfNeeded', ...common }],
      }),
      apiRequest(plane, 'POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', {
        apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kubeward-e2e' },
        webhooks: [{ name: 'validate.kubeward.dev', clientConfig: { url: `${running.server.url}/validate`, caBundle }, rules: WORKLOAD_RULES, failurePolicy: 'Fail', ...common }],
      }),
      // A webhook nobody answers (a closed port), once failing closed and once open.
      apiRequest(plane, 'POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', {
        apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kubeward-unreachable' },
        webhooks: (['fail', 'ignore'] as const).map((mode) => ({
          name: `${mode}.unreachable.kubeward.dev`, clientConfig: { url: 'https://127.0.0.1:1/validate', caBundle }, rules: WORKLOAD_RULES.slice(0, 1),
          failurePolicy: mode === 'fail' ? 'Fail' : 'Ignore', sideEffects: 'None', admissionReviewVersions: ['v1'], timeoutSeconds: 5,
          namespaceSelector: { matchLabels: { 'kubeward-dead': mode } },
        })),
      }),
    ]);
    for (const answer of answers) assert.equal(answer.status, 201, messageOf(answer));
    await watch.synced;
    // The API server picks webhook configurations up from its own informer: wait until ours answers.
    await eventually('the webhook to be called', async () => {
      const answer = await create('e2e-defaults', pod('probe', HOST_PID, 'e2e-defaults'), '?dryRun=All');
      return messageOf(answer).includes('validate.kubeward.dev') ? true : undefined;
    });
  });

  after(async () => {
    await running?.shutdown();
    await watch?.stop();
    await plane?.stop();
    await files?.remove();
  });

  test('an insecure Pod is rejected with kubeward\'s message', async () => {
    const answer = await create('e2e-defaults', pod('host-pid', HOST_PID, 'e2e-defaults'));
    assert.equal(answer.status, 403);
    assert.match(messageOf(answer), /^admission webhook "validate\.kubeward\.dev" denied the request: violates PodSecurity "baseline:latest": host namespaces \(pod sets spec\.hostPID: true/);
  });

  test('a Deployment gets warnings (and its template is hardened by the mutating webhook)', async () => {
    const answer = await apiRequest(plane, 'POST', '/apis/apps/v1/namespaces/e2e-defaults/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'e2e-defaults' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.example/web:1.0.0', securityContext: { privileged: true } }] } } },
    });
    assert.equal(answer.status, 201, messageOf(answer));
    assert.ok(answer.warnings.some((warning) => warning.startsWith('would violate PodSecurity "restricted:latest": ')), answer.warnings.join('\n'));
    const container = ((((answer.body['spec'] as Record<string, unknown>)['template'] as Record<string, unknown>)['spec'] as Record<string, unknown>)['containers'] as Record<string, unknown>[])[0];
    assert.deepEqual(container?.['securityContext'], { privileged: false }, 'the baseline safe fix of the enforce level');
  });

  test('a Pod is mutated to restricted and admitted (by kubeward and by the built-in Pod Security Admission)', async () => {
    const answer = await create('e2e-restricted', pod('fixable', FIXABLE, 'e2e-restricted'));
    assert.equal(answer.status, 201, messageOf(answer));
    const spec = answer.body['spec'] as { securityContext: Record<string, unknown>; containers: { securityContext: Record<string, unknown> }[] };
    assert.deepEqual(spec.securityContext, { runAsUser: 10001, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(spec.containers[0]?.securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('an exempt user passes', async () => {
    const answer = await create('e2e-defaults', pod('bobs-pod', HOST_PID, 'e2e-defaults'), '', 'bob');
    assert.equal(answer.status, 201, messageOf(answer));
  });

  test('pods/ephemeralcontainers updates are checked', async () => {
    const created = await create('e2e-defaults', pod('debug-me', RESTRICTED, 'e2e-defaults'));
    assert.equal(created.status, 201, messageOf(created));
    const withDebug = { ...created.body, spec: { ...(created.body['spec'] as object), ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } }] } };
    const answer = await apiRequest(plane, 'PUT', '/api/v1/namespaces/e2e-defaults/pods/debug-me/ephemeralcontainers', withDebug);
    assert.equal(answer.status, 403);
    assert.match(messageOf(answer), /validate\.kubeward\.dev" denied the request: violates PodSecurity "baseline:latest": privileged \(container "debug"/);
  });

  test('the API server\'s audit log carries the audit annotations', async () => {
    const event = await eventually('the audit event of the Deployment', async () => {
      const lines = (await readFile(plane.auditLogPath, 'utf8')).split('\n').filter((line) => line.includes('"deployments"') && line.includes('"create"') && line.includes('ResponseComplete'));
      return lines.map((line) => JSON.parse(line) as { annotations?: Record<string, string>; objectRef?: { name?: string } }).find((entry) => entry.objectRef?.name === 'web');
    });
    assert.match(event.annotations?.['validate.kubeward.dev/audit-violations'] ?? '', /^would violate PodSecurity "restricted:latest": /);
    const exempt = await eventually('the audit event of bob\'s pod', async () => {
      const lines = (await readFile(plane.auditLogPath, 'utf8')).split('\n').filter((line) => line.includes('"bobs-pod"') && line.includes('ResponseComplete'));
      return lines.length > 0 ? JSON.parse(lines[0] ?? '{}') as { annotations?: Record<string, string> } : undefined;
    });
    assert.equal(exempt.annotations?.['validate.kubeward.dev/exempt'], 'user');
  });

  test('kubectl apply --dry-run=server gets the same answer and creates nothing', async () => {
    const manifest = join(plane.dir, 'host-pid.json');
    await writeFile(manifest, JSON.stringify(pod('dry', HOST_PID, 'e2e-defaults')));
    const result = await run('kubectl', ['--kubeconfig', plane.kubeconfigPath, 'apply', '--dry-run=server', '-f', manifest]).then(() => ({ code: 0, stderr: '' }), (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? '' }));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /admission webhook "validate\.kubeward\.dev" denied the request: violates PodSecurity "baseline:latest": host namespaces \(pod sets spec\.hostPID: true/);
    const direct = await create('e2e-defaults', pod('dry', HOST_PID, 'e2e-defaults'), '?dryRun=All');
    assert.equal(direct.status, 403);
    assert.ok(result.stderr.includes(messageOf(direct)), 'the same message');
    assert.equal((await apiRequest(plane, 'GET', '/api/v1/namespaces/e2e-defaults/pods/dry')).status, 404);
  });

  test('what kubeward serve manifests prints is accepted by the API server (kubectl apply --dry-run=server)', async () => {
    const output = join(plane.dir, 'kubeward-admission.yaml');
    const { runCli } = await import('../cli/cli-harness.js');
    const printed = await runCli(['serve', 'manifests', '--ca-file', files.caFile, '-o', output], { cwd: plane.dir });
    assert.equal(printed.code, 0, printed.stderr);
    // Namespaced objects are judged in an existing namespace; a dry run creates none.
    await createObjects(plane.kubeconfigPath, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kubeward' } }]);
    const { stdout } = await run('kubectl', ['--kubeconfig', plane.kubeconfigPath, 'apply', '--dry-run=server', '-f', output]);
    for (const kind of ['serviceaccount', 'clusterrole', 'deployment', 'poddisruptionbudget', 'horizontalpodautoscaler', 'service', 'networkpolicy', 'validatingwebhookconfiguration', 'mutatingwebhookconfiguration']) {
      assert.match(stdout, new RegExp(`^${kind}[^/ ]*/\\S+ created \\(server dry run\\)$`, 'm'), stdout);
    }
  });

  test('failurePolicy: an unreachable webhook rejects with Fail and admits with Ignore', async () => {
    const closed = await create('e2e-fail-closed', pod('p', RESTRICTED, 'e2e-fail-closed'));
    assert.equal(closed.status, 500);
    assert.match(messageOf(closed), /failed calling webhook "fail\.unreachable\.kubeward\.dev"/);
    const open = await create('e2e-fail-open', pod('p', RESTRICTED, 'e2e-fail-open'));
    assert.equal(open.status, 201, messageOf(open));
  });

  test('namespace label changes apply without a restart', async () => {
    const attempt = () => create('e2e-labels', pod('host-pid', HOST_PID, 'e2e-labels'), '?dryRun=All');
    assert.equal((await attempt()).status, 403, 'the defaults (baseline) apply');
    const relabel = (labels: Record<string, string | null>) => apiRequest(plane, 'PATCH', '/api/v1/namespaces/e2e-labels', { metadata: { labels } });
    assert.equal((await relabel({ 'pod-security.kubernetes.io/enforce': 'privileged' })).status, 200);
    let last = '';
    await eventually('the privileged label to apply', async () => { const answer = await attempt(); last = `${String(answer.status)} ${messageOf(answer)}`; return answer.status === 201 ? true : undefined; }).catch((error: Error) => { throw new Error(`${error.message}; last answer ${last}; watch events: ${watchEvents.join(' | ')}`); });
    assert.equal((await relabel({ 'pod-security.kubernetes.io/enforce': null })).status, 200);
    const denied = await eventually('the label removal to apply', async () => { const answer = await attempt(); return answer.status === 403 ? answer : undefined; });
    assert.match(messageOf(denied), /validate\.kubeward\.dev" denied the request: violates PodSecurity "baseline:latest"/);
  });

  test('the serving certificate rotates without a restart, and the API server keeps calling', async () => {
    const before = running.server.certificate().fingerprint256;
    await files.rotate();
    await eventually('the new certificate', async () => (running.server.certificate().fingerprint256 !== before ? true : undefined));
    const fresh = await httpsRequest(`${running.server.url}/healthz`, { ca: files.caPem });
    assert.equal(fresh.fingerprint256, running.server.certificate().fingerprint256);
    assert.notEqual(fresh.fingerprint256, before);
    const answer = await create('e2e-defaults', pod('after-rotation', HOST_PID, 'e2e-defaults'), '?dryRun=All');
    assert.match(messageOf(answer), /validate\.kubeward\.dev" denied the request/);
  });

  test('a namespace the cache does not hold is read with one GET', async () => {
    const stale = watchNamespaces(loadKubeconfig({ kubeconfig: plane.kubeconfigPath }));
    await stale.synced;
    await stale.stop(); // its cache no longer follows the API
    await createObjects(plane.kubeconfigPath, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'e2e-late', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }]);
    assert.equal(stale.labelsOf('e2e-late'), undefined);
    assert.equal((await stale.lookup('e2e-late'))?.['pod-security.kubernetes.io/enforce'], 'restricted');
    assert.equal(await stale.lookup('no-such-namespace'), undefined);
  });

  test('/readyz reports the synced namespace cache; the logs hold no object contents', async () => {
    const ready = await httpsRequest(`${running.server.url}/readyz`, { ca: files.caPem });
    assert.equal(ready.status, 200);
    assert.match(ready.body, /\[\+\]namespaces ok: \d+ namespaces cached/);
    const requests = logs.lines.filter((line) => line['msg'] === 'request' && line['path'] === '/validate');
    assert.ok(requests.length > 5);
    assert.ok(requests.some((line) => line['decision'] === 'deny' && line['kind'] === 'Pod'));
    assert.ok(!logs.text.includes('registry.example/app'), 'an image name (object contents) reached the log');
  });
});
