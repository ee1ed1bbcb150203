import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const REPO = resolve(import.meta.dirname, '..', '..');

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: tools
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'kubeward-cli-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), content);
  }
  return root;
}

describe('kubeward scan (CLI)', () => {
  it('exits 1 exactly when a finding is at or above --fail-on, never with none', async () => {
    const root = await project({ 'pod.yaml': PRIVILEGED_POD });
    const report = JSON.parse((await runCli(['scan', 'pod.yaml', '--format', 'json'], { cwd: root })).stdout) as { findings: { severity: string; suppressed: boolean }[] };
    const ranks = ['info', 'low', 'medium', 'high', 'critical'];
    const worst = Math.max(...report.findings.map((f) => ranks.indexOf(f.severity)));
    assert.equal(ranks[worst], 'critical', 'a privileged container is critical');
    for (const threshold of ranks) {
      const run = await runCli(['scan', 'pod.yaml', '--fail-on', threshold], { cwd: root });
      assert.equal(run.code, 1, `--fail-on ${threshold}`);
    }
    assert.equal((await runCli(['scan', 'pod.yaml', '--fail-on', 'none'], { cwd: root })).code, 0);
    // Below the threshold: suppress the critical finding and gate on critical only.
    await writeFile(join(root, '.kubeward.yaml'), 'exceptions:\n  - {rule: no-privileged, reason: lab cluster}\n');
    const remaining = JSON.parse((await runCli(['scan', 'pod.yaml', '--format', 'json'], { cwd: root })).stdout) as { findings: { severity: string; suppressed: boolean }[] };
    const hasCritical = remaining.findings.some((f) => !f.suppressed && f.severity === 'critical');
    assert.equal(hasCritical, false);
    assert.equal((await runCli(['scan', 'pod.yaml', '--fail-on', 'critical'], { cwd: root })).code, 0);
  });

  it('exits 2 when an input cannot be read, after reporting everything else', async () => {
    const root = await project({ 'pod.yaml': PRIVILEGED_POD, 'broken.yaml': 'kind: [\n' });
    const run = await runCli(['scan', '.', '--format', 'json'], { cwd: root });
    assert.equal(run.code, 2);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; errors: { file: string; line: number }[] };
    assert.ok(report.findings.some((f) => f.ruleId === 'no-privileged'));
    assert.deepEqual(report.errors.map((e) => [e.file, e.line]), [['broken.yaml', 1]]);
  });

  it('exits 2 with the usage on a usage error', async () => {
    const root = await project({});
    for (const args of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'sometimes'], ['scan', '--pss-level', 'strict'], ['scan', '--bogus'], ['nonsense']]) {
      const run = await runCli(args, { cwd: root });
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /Usage|unknown command/);
    }
  });

  it('what was not checked shows in the table and SARIF and exits 2: an unrendered Helm chart, input without objects, an expired exception', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubeward-chart-'));
    await mkdir(join(root, 'chart', 'templates'), { recursive: true });
    await writeFile(join(root, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    await writeFile(join(root, 'chart', 'templates', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
    const table = await runCli(['scan', 'chart', '--no-config'], { cwd: root });
    assert.equal(table.code, 2);
    assert.match(table.stdout, /Notes\n {2}NOT CHECKED {2}chart\/templates: Helm chart templates not checked/);
    const sarif = await runCli(['scan', 'chart', '--no-config', '--format', 'sarif'], { cwd: root });
    assert.equal(sarif.code, 2);
    const run = (JSON.parse(sarif.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] }).runs[0];
    assert.equal(run?.invocations[0]?.executionSuccessful, false);
    assert.ok(run?.invocations[0]?.toolExecutionNotifications.some((n) => n.level === 'warning' && n.message.text.startsWith('not checked: Helm chart templates')));
    // Input that holds no Kubernetes object is not a clean scan.
    await writeFile(join(root, 'values.yaml'), 'replicas: 3\n');
    assert.equal((await runCli(['scan', 'values.yaml', '--no-config'], { cwd: root })).code, 2);
    // An expired exception is in the table, not only in JSON.
    await writeFile(join(root, 'pod.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n');
    await writeFile(join(root, '.kubeward.yaml'), 'exceptions:\n  - {rule: no-privileged, reason: legacy, expires: 2020-01-01}\n');
    const expired = await runCli(['scan', 'pod.yaml'], { cwd: root });
    assert.match(expired.stdout, /NOTE {2}\S*\.kubeward\.yaml: exception for rule no-privileged expired on 2020-01-01/);
  });

  it('reads standard input for -', async () => {
    const run = await runCli(['scan', '-', '--format', 'json'], { cwd: tmpdir(), stdin: PRIVILEGED_POD });
    const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
    assert.equal(report.findings[0]?.location.file, '<stdin>');
  });

  it('shows progress on an interactive stderr only, never in CI or on a pipe', async () => {
    const root = await project({ 'a.yaml': PRIVILEGED_POD, 'b.yaml': PRIVILEGED_POD.replace('debug', 'debug2') });
    const interactive = await runCli(['scan', '.', '--format', 'json'], { cwd: root, stderrIsTTY: true });
    assert.match(interactive.stderr, /scanning: 1 files, 1 documents, 1 objects/);
    assert.ok(interactive.stderr.endsWith('\r\u001b[K'), 'the progress line is cleared at the end');
    assert.doesNotThrow(() => JSON.parse(interactive.stdout), 'stdout holds only the report');
    const inCi = await runCli(['scan', '.'], { cwd: root, stderrIsTTY: true, env: { CI: 'true' } });
    assert.equal(inCi.stderr, '');
    const piped = await runCli(['scan', '.'], { cwd: root });
    assert.equal(piped.stderr, '');
  });

  it('writes the report to --output and prints nothing else', async () => {
    const root = await project({ 'pod.yaml': PRIVILEGED_POD });
    const run = await runCli(['scan', 'pod.yaml', '--format', 'sarif', '--output', 'out.sarif'], { cwd: root });
    assert.equal(run.stdout, '');
    const sarif = JSON.parse(await readFile(join(root, 'out.sarif'), 'utf8')) as { version: string };
    assert.equal(sarif.version, '2.1.0');
  });

  it('finds .kubeward.yaml upward and rejects a malformed one with a clear error', async () => {
    const root = await project({
      '.kubeward.yaml': 'exceptions:\n  - rule: no-privileged\n    namespace: tools\n    reason: break-glass debug pod\n',
      'apps/pod.yaml': PRIVILEGED_POD,
    });
    const run = await runCli(['scan', 'pod.yaml', '--format', 'json'], { cwd: join(root, 'apps') });
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; suppressed: boolean; suppression?: { reason: string } }[] };
    const privileged = report.findings.find((f) => f.ruleId === 'no-privileged');
    assert.deepEqual(privileged?.suppression, { source: 'config', reason: 'break-glass debug pod' });
    await writeFile(join(root, '.kubeward.yaml'), 'exceptions:\n  - rule: no-privileged\n');
    const bad = await runCli(['scan', 'pod.yaml'], { cwd: join(root, 'apps') });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.kubeward\.yaml: exceptions\[0\]\.reason: required/);
    const ignored = await runCli(['scan', 'pod.yaml', '--no-config', '--fail-on', 'none'], { cwd: join(root, 'apps') });
    assert.equal(ignored.code, 0);
  });

  it('scans the bundled examples: real findings, the hardened cache clean', async () => {
    const run = await runCli(['scan', 'examples', '--format', 'json'], { cwd: REPO });
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; resource: { name: string }; location: { file: string } }[]; errors: unknown[] };
    assert.deepEqual(report.errors, []);
    const byResource = new Set(report.findings.map((f) => f.resource.name));
    for (const name of ['storefront', 'orders', 'nightly-backup']) assert.ok(byResource.has(name), `${name} has findings`);
    const cachePss = report.findings.filter((f) => f.resource.name === 'redis' && f.location.file.endsWith('cache.yaml'));
    assert.deepEqual(cachePss.map((f) => f.ruleId).filter((id) => ['no-privileged', 'run-as-non-root', 'capabilities-restricted', 'seccomp-profile-restricted', 'no-privilege-escalation'].includes(id)), []);
  });
});

describe('secret values', () => {
  it('never appear in any output format, even from broken documents', async () => {
    const secrets = ['Sup3rS3cretPassw0rd', 'AKIAIOSFODNN7EXAMPLE', 'hunter2-but-longer'];
    const root = await project({ 'broken.yaml': 'apiVersion: v1\nkind: Secret\nstringData:\n  token: "Sup3rS3cretPassw0rd\n' });
    for (const format of ['table', 'json', 'sarif', 'junit', 'html']) {
      const run = await runCli(['scan', join(REPO, 'examples'), 'broken.yaml', '--format', format, '--show-suppressed'], { cwd: root });
      for (const secret of secrets) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${format} output contains a secret value`);
      }
    }
  });
});

describe('kubeward rules / explain (CLI)', () => {
  it('lists rules as a table and as JSON, and by framework', async () => {
    const table = await runCli(['rules'], { cwd: REPO });
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^ID\s+SEVERITY\s+CATEGORY/);
    assert.match(table.stdout, /no-privileged\s+critical/);
    const json = JSON.parse((await runCli(['rules', '--format', 'json'], { cwd: REPO })).stdout) as { rules: { id: string; frameworks: object }[] };
    assert.ok(json.rules.some((r) => r.id === 'no-privileged'));
    const cis = await runCli(['rules', '--framework', 'cis'], { cwd: REPO });
    assert.match(cis.stdout, /5\.2\.2\s+.*no-privileged/);
  });

  it('explains a rule, and suggests on an unknown id', async () => {
    const run = await runCli(['explain', 'no-privileged'], { cwd: REPO });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^no-privileged: /);
    assert.match(run.stdout, /Pod Security Standards: privileged \(baseline\)/);
    const unknown = await runCli(['explain', 'privileged'], { cwd: REPO });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /did you mean no-privileged/);
  });
});
