import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/cli-harness.js';
import { PRIVILEGED_POD } from './manifests.js';
import { planFileFixes, planFixes } from '../../src/fix/plan-fixes.js';
import { allRules } from '../../src/rules/index.js';

// Defects of `kubeward fix` found by using it on real repositories (issue 11 items 12, 16 and 19).

const scan = { pssLevel: 'restricted' as const, today: '2026-11-25', rules: allRules };

function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-fix-trust-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const DUPLICATE_KEYS = `${PRIVILEGED_POD}      privileged: true\n`;

test('a file with a repeated mapping key is left untouched and reported, like any unparsable input', async () => {
  const directory = workspace({ 'dup.yaml': DUPLICATE_KEYS });
  try {
    const before = statSync(join(directory, 'dup.yaml')).mtimeMs;
    const run = await runCli(['fix', '--no-config', '--write', 'dup.yaml'], { cwd: directory });
    assert.equal(run.code, 2);
    assert.equal(readFileSync(join(directory, 'dup.yaml'), 'utf8'), DUPLICATE_KEYS);
    assert.equal(statSync(join(directory, 'dup.yaml')).mtimeMs, before, 'not even rewritten');
    assert.match(run.stdout, /^dup\.yaml: not changed: it does not parse\n {2}error: line 11:7: invalid YAML: duplicated mapping key$/m);
    const diff = await runCli(['fix', '--no-config', 'dup.yaml'], { cwd: directory });
    assert.equal(diff.stdout, '', 'no diff either');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const HOST_NETWORK = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  # nodeSelector:
  #   disktype: ssd
  hostNetwork: true
  containers:
  - name: app
    image: nginx:1.25
`;

test('removing a field keeps the comment lines above it', () => {
  const result = planFileFixes('pod.yaml', HOST_NETWORK, { scan: { ...scan, rules: allRules.filter((rule) => rule.meta.id === 'no-host-namespaces') }, includeSuggestions: true });
  assert.equal(result.text, HOST_NETWORK.replace('  hostNetwork: true\n', ''));
});

test('a block that moves into an object of its own takes its comments along', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {app: api}
spec:
  containers:
  - name: api
    image: registry.example.com/api:3.1
  # only the gateway may call me
  ingress:
  - from:
    - podSelector: {matchLabels: {app: gateway}}
`;
  const result = planFileFixes('pod.yaml', text, { scan: { ...scan, rules: [] }, includeSuggestions: false });
  assert.equal(result.text, `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {app: api}
spec:
  containers:
  - name: api
    image: registry.example.com/api:3.1
---
# kubeward fix: move ingress from spec into NetworkPolicy api-network-policy (was in Pod/api)
# only the gateway may call me
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-network-policy
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: gateway
`);
});

const POD = PRIVILEGED_POD;

test('next to a diff, the report gives the lines of the input, not of the fixed text', async () => {
  const directory = workspace({ 'pod.yaml': POD });
  try {
    const run = await runCli(['fix', '--no-config', 'pod.yaml'], { cwd: directory });
    // The pod-level securityContext is missing: in the input that is reported at spec (line 5); in the
    // fixed text a new spec.securityContext sits at line 15.
    assert.match(run.stderr, /suggestion {2}Pod\/web line 5: set securityContext\.runAsNonRoot: true/);
    const scanned = await runCli(['scan', '--no-config', '-f', 'json', '--fail-on', 'none', 'pod.yaml'], { cwd: directory });
    const findings = (JSON.parse(scanned.stdout) as { findings: { ruleId: string; location: { line: number } }[] }).findings;
    for (const ruleId of ['read-only-root-filesystem', 'image-pull-policy-always', 'no-automount-service-account-token']) {
      const line = findings.find((finding) => finding.ruleId === ruleId)?.location.line;
      assert.ok(line !== undefined, ruleId);
      assert.match(run.stderr, new RegExp(`suggestion {2}Pod/web line ${line}: [^\\n]*\\(${ruleId};`), `${ruleId} at the scan's line ${line}`);
    }
    // After --write the file holds the fixed text, and the lines are its own.
    const written = await runCli(['fix', '--no-config', '--write', 'pod.yaml'], { cwd: directory });
    const fixed = readFileSync(join(directory, 'pod.yaml'), 'utf8').split('\n');
    const line = Number(/suggestion {2}Pod\/web line (\d+): set securityContext\.runAsNonRoot/.exec(written.stdout)?.[1]);
    assert.equal(fixed[line - 1], '  securityContext:');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const CAPABILITIES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
        - name: api
          image: registry.example.com/shop/orders:2.4.1
          securityContext:
            capabilities:
              add: ["NET_ADMIN", "SYS_ADMIN"]
`;

test('--include-suggestions goes to the fixed point: no "run kubeward fix again" for what another fix did', async () => {
  const directory = workspace({ 'orders.yaml': CAPABILITIES });
  try {
    const run = await runCli(['fix', '--no-config', '--include-suggestions', '--write', 'orders.yaml'], { cwd: directory });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /run kubeward fix again/);
    assert.doesNotMatch(run.stdout, /not fixed/);
    const again = await runCli(['fix', '--no-config', '--include-suggestions', '--write', 'orders.yaml'], { cwd: directory });
    assert.match(again.stdout, /orders\.yaml: 0 fixes, unchanged/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a networkPolicy: block inside a Pod becomes a real NetworkPolicy selecting the pod (issue 11 item 13)', () => {
  const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'networkpolicy-block.yaml'), 'utf8');
  const result = planFileFixes('pod.yaml', text, { scan: { ...scan, rules: [] }, includeSuggestions: false });
  assert.equal(result.text, `apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels:
    app.kubernetes.io/name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:3.1
---
# kubeward fix: move spec.networkPolicy into NetworkPolicy api-network-policy (labelling the pods app.kubernetes.io/name=api to select them) (was in Pod/shop/api)
# only the gateway may call me
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-network-policy
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: gateway
      ports:
        - port: 8443
`);
  // The scan of the fixed text finds the pod isolated for ingress and no dead block left.
  const { results } = planFixes([{ file: 'pod.yaml', text: result.text }], { scan, includeSuggestions: false });
  const open = results[0]?.unfixable.map((finding) => finding.ruleId) ?? [];
  assert.ok(!open.includes('workload-without-ingress-policy'));
  assert.ok(!open.includes('unknown-security-field'));
});

test('the Namespace enforce suggestion is the strictest level its workloads meet, naming those that block restricted (issue 18 item 10)', async () => {
  const text = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers: [{name: app, image: nginx}]
`;
  const directory = workspace({ 'shop.yaml': text });
  try {
    // Without --include-suggestions the safe fixes of the pod are not enough for restricted (it may run as root).
    const listed = await runCli(['fix', '--no-config', '--rules', 'namespace-pod-security-labels', 'shop.yaml'], { cwd: directory });
    assert.match(listed.stderr, /suggestion {2}Namespace\/shop line 3: label the Namespace pod-security\.kubernetes\.io\/enforce: baseline \(restricted would reject Pod\/web\)/);
    const scanned = await runCli(['scan', '--no-config', '-f', 'json', '--fail-on', 'none', 'shop.yaml'], { cwd: directory });
    const finding = (JSON.parse(scanned.stdout) as { findings: { ruleId: string; message: string }[] }).findings.find((entry) => entry.ruleId === 'namespace-pod-security-labels');
    assert.match(finding?.message ?? '', /set it to baseline; restricted would reject Pod\/web/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
