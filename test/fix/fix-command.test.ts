import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/cli-harness.js';
import { splitDocuments } from '../../src/source/split-documents.js';

const POD = `# a pod that needs hardening
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
  - name: app
    image: nginx:1.25   # pinned
    securityContext:
      privileged: true
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-fix-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

async function fix(directory: string, args: string[], stdin?: string) {
  return runCli(['fix', '--no-config', ...args], { cwd: directory, ...(stdin === undefined ? {} : { stdin }) });
}

test('by default prints a unified diff that git apply accepts, and changes nothing', async () => {
  const directory = workspace({ 'pod.yaml': POD });
  try {
    const run = await fix(directory, ['pod.yaml']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^--- a\/pod\.yaml\n\+\+\+ b\/pod\.yaml\n@@ /);
    assert.match(run.stdout, /^-      privileged: true$/m);
    assert.match(run.stdout, /^\+      privileged: false$/m);
    assert.equal(readFileSync(join(directory, 'pod.yaml'), 'utf8'), POD, 'file unchanged');
    assert.match(run.stderr, /pod\.yaml: \d+ fixes\n {2}fixed {7}Pod\/shop\/web: set securityContext\.privileged: false \(no-privileged\)/);
    // The diff is the same change --write makes.
    execFileSync('git', ['init', '-q'], { cwd: directory });
    writeFileSync(join(directory, 'change.patch'), run.stdout);
    execFileSync('git', ['apply', 'change.patch'], { cwd: directory });
    const applied = readFileSync(join(directory, 'pod.yaml'), 'utf8');
    writeFileSync(join(directory, 'pod.yaml'), POD);
    assert.equal((await fix(directory, ['--write', 'pod.yaml'])).code, 0);
    assert.equal(readFileSync(join(directory, 'pod.yaml'), 'utf8'), applied);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--write rewrites atomically, keeps the mode, reports per file, and leaves files that do not parse alone', async () => {
  const broken = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n';
  const directory = workspace({ 'pod.yaml': POD, 'clean.yaml': SERVICE, 'nested/broken.yaml': broken });
  try {
    chmodSync(join(directory, 'pod.yaml'), 0o640);
    const brokenBefore = statSync(join(directory, 'nested/broken.yaml'));
    const run = await fix(directory, ['--write', '.']);
    assert.equal(run.code, 2, 'an input did not parse');
    const fixed = readFileSync(join(directory, 'pod.yaml'), 'utf8');
    assert.notEqual(fixed, POD);
    assert.match(fixed, /^ {6}privileged: false$/m);
    assert.ok(fixed.startsWith('# a pod that needs hardening\n'), 'comment kept');
    assert.match(fixed, /image: nginx:1\.25 {3}# pinned\n/);
    assert.equal(statSync(join(directory, 'pod.yaml')).mode & 0o777, 0o640, 'mode kept');
    assert.equal(readFileSync(join(directory, 'clean.yaml'), 'utf8'), SERVICE);
    assert.equal(readFileSync(join(directory, 'nested/broken.yaml'), 'utf8'), broken);
    assert.equal(statSync(join(directory, 'nested/broken.yaml')).mtimeMs, brokenBefore.mtimeMs, 'not even rewritten');
    assert.deepEqual(readdirSync(directory).filter((name) => name.includes('.tmp')), [], 'no temporary file left');
    assert.match(run.stdout, /pod\.yaml: \d+ fixes\n/);
    assert.match(run.stdout, /clean\.yaml: 0 fixes, unchanged/);
    assert.match(run.stdout, /nested\/broken\.yaml: not changed: it does not parse/);
    const quiet = await fix(directory, ['--quiet', '.']);
    assert.match(quiet.stderr, /^clean\.yaml: 0 fixes, unchanged\nnested\/broken\.yaml: not changed: it does not parse\n {2}error: line \d+:\d+: /m);
    assert.doesNotMatch(quiet.stderr, /^ {2}(fixed|suggestion|no fix) /m);
    // A second run has nothing left to do.
    const again = await fix(directory, ['--write', 'pod.yaml']);
    assert.equal(again.code, 0);
    assert.equal(readFileSync(join(directory, 'pod.yaml'), 'utf8'), fixed);
    assert.match(again.stdout, /pod\.yaml: 0 fixes, unchanged/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--write keeps a UTF-8 byte order mark', async () => {
  const directory = workspace({});
  try {
    writeFileSync(join(directory, 'bom.yaml'), `\uFEFF${POD}`);
    assert.equal((await fix(directory, ['--write', 'bom.yaml'])).code, 0);
    const bytes = readFileSync(join(directory, 'bom.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.toString('utf8'), /privileged: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--check prints the diff and exits 1 while fixes are pending, 0 once applied', async () => {
  const directory = workspace({ 'pod.yaml': POD });
  try {
    const pending = await fix(directory, ['--check', 'pod.yaml']);
    assert.equal(pending.code, 1);
    assert.match(pending.stdout, /^\+ {6}privileged: false$/m);
    assert.equal(readFileSync(join(directory, 'pod.yaml'), 'utf8'), POD);
    assert.equal((await fix(directory, ['--write', 'pod.yaml'])).code, 0);
    const clean = await fix(directory, ['--check', 'pod.yaml']);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--write goes through a symlink to its target', async () => {
  const directory = workspace({ 'real/pod.yaml': POD });
  try {
    symlinkSync(join(directory, 'real/pod.yaml'), join(directory, 'link.yaml'));
    assert.equal((await fix(directory, ['--write', 'link.yaml'])).code, 0);
    assert.ok(statSync(join(directory, 'link.yaml')).isFile());
    assert.match(readFileSync(join(directory, 'real/pod.yaml'), 'utf8'), /privileged: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--out writes fixed copies under DIR and leaves the originals', async () => {
  const directory = workspace({ 'app/pod.yaml': POD, 'app/svc.yaml': SERVICE });
  try {
    const run = await fix(directory, ['--out', 'fixed', 'app']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(directory, 'app/pod.yaml'), 'utf8'), POD);
    assert.match(readFileSync(join(directory, 'fixed/app/pod.yaml'), 'utf8'), /privileged: false/);
    assert.equal(readFileSync(join(directory, 'fixed/app/svc.yaml'), 'utf8'), SERVICE);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('- reads standard input and writes the fixed stream to standard output', async () => {
  const directory = workspace({});
  try {
    const run = await fix(directory, ['-'], `${POD}---\n${SERVICE}`);
    assert.equal(run.code, 0, run.stderr);
    const documents = splitDocuments(run.stdout);
    assert.equal(documents.length, 2);
    assert.match(documents[0]?.text ?? '', /privileged: false/);
    assert.equal(documents[1]?.text, `---\n${SERVICE}`);
    assert.match(run.stderr, /<stdin>: \d+ fixes/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('suggestions are listed, and applied only with --include-suggestions', async () => {
  const directory = workspace({ 'pod.yaml': POD });
  try {
    const listed = await fix(directory, ['-'], POD);
    assert.match(listed.stderr, /suggestion {2}Pod\/shop\/web line \d+: .*apply with --include-suggestions/);
    assert.doesNotMatch(listed.stdout, /readOnlyRootFilesystem/);
    const applied = await fix(directory, ['--include-suggestions', '-'], POD);
    assert.match(applied.stdout, /readOnlyRootFilesystem: true/);
    assert.doesNotMatch(applied.stderr, /suggestion {2}/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--rules limits the fixes; an unknown rule or two modes are usage errors', async () => {
  const directory = workspace({ 'pod.yaml': POD });
  try {
    const run = await fix(directory, ['--rules', 'no-privileged', '-'], POD);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /privileged: false/);
    assert.doesNotMatch(run.stdout, /allowPrivilegeEscalation/);
    const misplaced = `${POD}  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: gateway}}\n`;
    assert.match((await fix(directory, ['--rules', 'no-privileged', '-'], misplaced)).stdout, /^ {2}ingress:$/m, 'left alone when not selected');
    const moved = await fix(directory, ['--rules', 'misplaced-settings', '-'], misplaced);
    assert.doesNotMatch(splitDocuments(moved.stdout)[0]?.text ?? '', /ingress/);
    assert.match(moved.stdout, /kind: NetworkPolicy/);
    assert.match(moved.stdout, /privileged: true/, 'no rule fixes ran');
    assert.equal((await fix(directory, ['--rules', 'no-such-rule', 'pod.yaml'])).code, 2);
    assert.equal((await fix(directory, ['--write', '--out', 'x', 'pod.yaml'])).code, 2);
    assert.equal((await fix(directory, ['--profile', 'paranoid', 'pod.yaml'])).code, 2);
    assert.equal((await fix(directory, [])).code, 2);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('says where no automatic fix is known', async () => {
  const hostPath = POD.replace('    securityContext:\n      privileged: true\n', '    volumeMounts:\n    - {name: host, mountPath: /host}\n  volumes:\n  - name: host\n    hostPath: {path: /var/run}\n');
  const directory = workspace({});
  try {
    const run = await fix(directory, ['-'], hostPath);
    assert.match(run.stderr, /no fix {6}Pod\/shop\/web line \d+: .*hostPath.*no automatic fix is known/);
    assert.match(run.stdout, /hostPath: \{path: \/var\/run\}/, 'the hostPath volume is left as it is');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--generate writes companion objects to a separate file and points the workload at its ServiceAccount', async () => {
  const directory = workspace({ 'app.yaml': `${POD}---\n${SERVICE}` });
  try {
    const run = await fix(directory, ['--write', '--generate', 'networkpolicies,serviceaccounts', 'app.yaml']);
    assert.equal(run.code, 0, run.stderr);
    const companions = readFileSync(join(directory, 'kubeward-companions.yaml'), 'utf8');
    const kinds = splitDocuments(companions).map((document) => /kind: (\w+)/.exec(document.text)?.[1]);
    assert.deepEqual(kinds, ['NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'ServiceAccount']);
    assert.match(companions, /name: default-deny-all\n {2}namespace: shop\nspec:\n {2}podSelector: \{\}\n {2}policyTypes:\n {4}- Ingress\n {4}- Egress\n/);
    assert.match(companions, /name: allow-dns-egress[\s\S]*k8s-app: kube-dns[\s\S]*protocol: UDP\n {10}port: 53/);
    assert.match(companions, /name: web-allow-ingress[\s\S]*port: 8080/);
    assert.match(companions, /kind: ServiceAccount\nmetadata:\n {2}name: web\n {2}namespace: shop\nautomountServiceAccountToken: false\n/);
    assert.match(readFileSync(join(directory, 'app.yaml'), 'utf8'), /^ {2}serviceAccountName: web$/m);
    assert.match(run.stdout, /companion objects written to kubeward-companions\.yaml/);
    // With the companions, the scan no longer finds missing policies or the default ServiceAccount.
    const scan = await runCli(['scan', '--no-config', '-f', 'json', '--fail-on', 'none', 'app.yaml', 'kubeward-companions.yaml'], { cwd: directory });
    const ruleIds = (JSON.parse(scan.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
    assert.ok(ruleIds.length > 0, 'the scan ran');
    for (const silenced of ['workload-without-ingress-policy', 'workload-without-egress-policy', 'namespace-without-default-deny', 'no-default-service-account']) {
      assert.ok(!ruleIds.includes(silenced), `${silenced} is answered by the companions`);
    }
    assert.equal((await fix(directory, ['--generate', 'secrets', 'app.yaml'])).code, 2);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
