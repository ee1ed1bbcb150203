// `kubeward serve` over real sockets and certificates, without a cluster: the configured defaults apply to every
// namespace. (With the real API server: test/cluster/admission-webhook.test.ts.)
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { EMPTY_CONFIG } from '../../src/engine/config.js';
import { allRules } from '../../src/rules/index.js';
import { createJsonLogger } from '../../src/server/logger.js';
import { startAdmissionServer, type RunningAdmissionServer } from '../../src/cli/serve/admission-server.js';
import { spreadFlagValues } from '../../src/cli/serve/serve-command.js';
import { runCli } from '../cli/cli-harness.js';
import { httpsRequest, LogSink, writeTestCertificates, type CertificateFiles } from '../server/https-test-support.js';
import { podOf, reviewOf } from './admission-requests.js';

const SECRET_MARKER = 'do-not-log-this-value-7f3a';

describe('kubeward serve without a cluster', () => {
  let files: CertificateFiles;
  let running: RunningAdmissionServer;
  const logs = new LogSink();
  const post = (path: string, body: string | Buffer) => httpsRequest(`${running.server.url}${path}`, { ca: files.caPem, method: 'POST', body, headers: { 'content-type': 'application/json' } });

  before(async () => {
    files = await writeTestCertificates();
    running = await startAdmissionServer({
      port: 0, host: '127.0.0.1', certFile: files.certFile, keyFile: files.keyFile,
      admission: parseAdmissionConfig({ defaults: { enforce: 'baseline', warn: 'restricted' } }, 'test', allRules),
      config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'none', reason: '--no-cluster' },
      logger: createJsonLogger(logs, { level: 'debug' }),
    });
  });
  after(async () => {
    await running.shutdown();
    await files.remove();
  });

  const insecure = podOf({ containers: [{ name: 'app', image: 'registry.example/app:1.0.0', env: [{ name: 'PASSWORD', value: SECRET_MARKER }], securityContext: { privileged: true } }] });

  test('/validate denies with the configured defaults and answers an AdmissionReview v1', async () => {
    const answer = await post('/validate', JSON.stringify(reviewOf(insecure)));
    assert.equal(answer.status, 200);
    const review = JSON.parse(answer.body) as { apiVersion: string; kind: string; response: { uid: string; allowed: boolean; status: { message: string } } };
    assert.equal(review.apiVersion, 'admission.k8s.io/v1');
    assert.equal(review.kind, 'AdmissionReview');
    assert.equal(review.response.uid, '705ab4f5-6393-11e8-b7cc-42010a800002');
    assert.equal(review.response.allowed, false);
    assert.match(review.response.status.message, /^violates PodSecurity "baseline:latest": privileged/);
  });

  test('/mutate answers a base64 JSON Patch', async () => {
    const fixable = podOf({ securityContext: { runAsUser: 10001 }, containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }] });
    const config = parseAdmissionConfig({ mutate: { podSecurity: 'restricted' } }, 'test', allRules);
    const other = await startAdmissionServer({ port: 0, host: '127.0.0.1', certFile: files.certFile, keyFile: files.keyFile, admission: config, config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'none', reason: 'test' } });
    try {
      const answer = await httpsRequest(`${other.server.url}/mutate`, { ca: files.caPem, method: 'POST', body: JSON.stringify(reviewOf(fixable)) });
      const response = (JSON.parse(answer.body) as { response: { patchType: string; patch: string } }).response;
      assert.equal(response.patchType, 'JSONPatch');
      const patch = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as { path: string }[];
      assert.ok(patch.some((operation) => operation.path === '/spec/securityContext/seccompProfile'));
    } finally {
      await other.shutdown();
    }
  });

  const malformed: readonly [string, string | Buffer, RegExp][] = [
    ['truncated JSON', JSON.stringify(reviewOf(insecure)).slice(0, 100), /not a valid AdmissionReview: the request body is not JSON/],
    ['a TokenReview', JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview' }), /kind is "TokenReview"; expected AdmissionReview/],
    ['an empty body', '', /the request body is empty/],
    ['binary', Buffer.from([0, 1, 2, 255, 254]), /not JSON/],
  ];
  for (const [what, body, message] of malformed) {
    test(`${what} is answered 400 with a Status naming the problem`, async () => {
      const answer = await post('/validate', body);
      assert.equal(answer.status, 400);
      const status = JSON.parse(answer.body) as { kind: string; code: number; reason: string; message: string };
      assert.equal(status.kind, 'Status');
      assert.equal(status.reason, 'BadRequest');
      assert.match(status.message, message);
    });
  }

  test('a body above the limit is refused with 413, and the server goes on', async () => {
    const huge = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const answer = await post('/validate', huge).catch((error: Error) => ({ status: -1, body: error.message }));
    assert.ok(answer.status === 413 || answer.status === -1, `413 or a closed connection, got ${String(answer.status)}`);
    assert.equal((await post('/validate', JSON.stringify(reviewOf(podOf({ containers: [] }))))).status, 200);
  });

  test('/readyz says no cluster connection and which defaults apply', async () => {
    const answer = await httpsRequest(`${running.server.url}/readyz`, { ca: files.caPem });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /\[\+\]namespaces ok: no cluster connection \(--no-cluster\): the configured defaults \(enforce=baseline:latest, audit=privileged:latest, warn=restricted:latest\) apply to every namespace/);
  });

  test('/metrics counts decisions and rule hits under kubeward_ names', async () => {
    const text = (await httpsRequest(`${running.server.url}/metrics`, { ca: files.caPem })).body;
    assert.match(text, /kubeward_admission_reviews_total\{webhook="validate",operation="CREATE",kind="Pod",decision="deny"\} [1-9]/);
    assert.match(text, /kubeward_admission_reviews_total\{webhook="validate",operation="unknown",kind="unknown",decision="invalid"\} [1-9]/);
    assert.match(text, /kubeward_admission_rule_hits_total\{webhook="validate",rule="privileged",action="deny"\} [1-9]/);
    assert.match(text, /kubeward_http_request_duration_seconds_bucket\{le="0.005",route="\/validate",method="POST"\}/);
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1] ?? '');
    assert.deepEqual(names.filter((name) => !name.startsWith('kubeward_')), []);
  });

  test('logs are JSON lines with metadata only: never the object or a value in it', () => {
    const request = logs.lines.find((line) => line['msg'] === 'request' && line['decision'] === 'deny');
    assert.ok(request !== undefined);
    assert.equal(request['kind'], 'Pod');
    assert.equal(request['namespace'], 'team');
    assert.equal(request['name'], 'app');
    assert.match(String(request['rules']), /privileged/);
    assert.ok(!logs.text.includes(SECRET_MARKER), 'a value from the object reached the log');
    assert.ok(!logs.text.includes('registry.example/app'), 'the object reached the log');
  });
});

describe('kubeward serve (CLI)', () => {
  test('serve cert writes a CA and a serving certificate for every name, and keeps the CA on a second run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-cert-'));
    try {
      const first = await runCli(['serve', 'cert', '--out', dir, '--dns', 'kubeward.kubeward.svc', 'kubeward.kubeward.svc.cluster.local', '--ip', '127.0.0.1'], { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      const ca = new X509Certificate(await readFile(join(dir, 'ca.crt')));
      const leaf = new X509Certificate(await readFile(join(dir, 'tls.crt')));
      assert.ok(leaf.verify(ca.publicKey));
      assert.equal(leaf.subjectAltName, 'DNS:kubeward.kubeward.svc, DNS:kubeward.kubeward.svc.cluster.local, IP Address:127.0.0.1');
      assert.equal((await stat(join(dir, 'tls.key'))).mode & 0o777, 0o600);
      assert.equal((await stat(join(dir, 'ca.key'))).mode & 0o777, 0o600);
      const second = await runCli(['serve', 'cert', '--out', dir, '--dns', 'kubeward.kubeward.svc'], { cwd: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, /signed by the existing CA/);
      assert.equal(new X509Certificate(await readFile(join(dir, 'ca.crt'))).fingerprint256, ca.fingerprint256);
      assert.ok(new X509Certificate(await readFile(join(dir, 'tls.crt'))).verify(ca.publicKey));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('usage errors exit 2 with a message', async () => {
    const noNames = await runCli(['serve', 'cert', '--out', '/tmp/x'], { cwd: tmpdir() });
    assert.equal(noNames.code, 2);
    assert.match(noNames.stderr, /at least one --dns NAME or --ip IP/);
    const badIp = await runCli(['serve', 'cert', '--out', join(tmpdir(), 'kubeward-bad-ip'), '--ip', 'localhost'], { cwd: tmpdir() });
    assert.equal(badIp.code, 2);
    assert.match(badIp.stderr, /"localhost" is not an IP address/);
    const noTls = await runCli(['serve'], { cwd: tmpdir() });
    assert.equal(noTls.code, 2);
    assert.match(noTls.stderr, /--tls-cert-file and --tls-private-key-file are required/);
  });

  test('bad flag values are usage errors', async () => {
    const files = await writeTestCertificates();
    try {
      const tls = ['--tls-cert-file', files.certFile, '--tls-private-key-file', files.keyFile, '--no-cluster'];
      for (const [args, message] of [
        [['--port', '99999'], /--port must be a port number/],
        [['--log-level', 'loud'], /--log-level must be debug, info, warn or error/],
        [['--shutdown-delay=-1'], /--shutdown-delay must be a number of seconds/],
        [['--request-timeout', '0'], /--request-timeout must be a positive number of seconds/],
        [['--max-in-flight', 'many'], /--max-in-flight must be a positive number/],
      ] as const) {
        const run = await runCli(['serve', ...tls, ...args], { cwd: files.dir });
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, message);
      }
    } finally {
      await files.remove();
    }
  });

  test('/readyz fails until the namespace cache is synced, saying why', async () => {
    const files = await writeTestCertificates();
    const { writeFile } = await import('node:fs/promises');
    const kubeconfig = join(files.dir, 'kubeconfig.json');
    // An API server that is not there: the watch keeps retrying, and the server is not ready meanwhile.
    await writeFile(kubeconfig, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    }));
    const { loadKubeconfig } = await import('../../src/cluster/kube-connection.js');
    const { watchNamespaces } = await import('../../src/cluster/namespace-watch.js');
    const watch = watchNamespaces(loadKubeconfig({ kubeconfig }), { retryMs: 100 });
    const running = await startAdmissionServer({
      port: 0, host: '127.0.0.1', certFile: files.certFile, keyFile: files.keyFile,
      admission: parseAdmissionConfig(undefined, 'test', allRules), config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'watch', watch },
    });
    try {
      let answer = await httpsRequest(`${running.server.url}/readyz`, { ca: files.caPem });
      for (let attempt = 0; attempt < 50 && !answer.body.includes('cannot list namespaces'); attempt++) {
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
        answer = await httpsRequest(`${running.server.url}/readyz`, { ca: files.caPem });
      }
      assert.equal(answer.status, 503);
      assert.match(answer.body, /\[-\]namespaces failed: cannot list namespaces: /);
      assert.equal((await httpsRequest(`${running.server.url}/healthz`, { ca: files.caPem })).status, 200, 'alive all the same');
    } finally {
      await running.shutdown();
      await files.remove();
    }
  });

  test('a bad admission section is a configuration error naming the file and field', async () => {
    const files = await writeTestCertificates();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(files.dir, '.kubeward.yaml'), 'admission:\n  defaults:\n    enforce: strict\n');
      const run = await runCli(['serve', '--tls-cert-file', files.certFile, '--tls-private-key-file', files.keyFile, '--no-cluster', '--port', '0'], { cwd: files.dir });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /\.kubeward\.yaml: admission\.defaults\.enforce: must be privileged, baseline or restricted/);
    } finally {
      await files.remove();
    }
  });

  test('multi-value flags take the words after them', () => {
    assert.deepEqual(spreadFlagValues(['--out', 'd', '--dns', 'a', 'b', '--ip', '1.2.3.4', '::1', '--days', '3'], ['--dns', '--ip']),
      ['--out', 'd', '--dns=a', '--dns=b', '--ip=1.2.3.4', '--ip=::1', '--days', '3']);
  });
});
