// End-to-end: `kubeward scan --cluster` against a real kube-apiserver, as an admin, as a user bound only to
// the shipped least-privilege ClusterRole, and as a user who can list pods in one namespace only.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { findControlPlaneBinaries, startControlPlane, type ControlPlane } from './control-plane.js';
import { createObjects, namespaceWithDefaultServiceAccount, objectsOfYaml } from './kube-api.js';
import { runCli } from '../cli/cli-harness.js';
import { CLUSTER_RESOURCES } from '../../src/cluster/cluster-resources.js';
import { CLUSTER_VERSION_KIND } from '../../src/rules/cluster/cluster-version-supported.js';
import { allRules } from '../../src/rules/index.js';

test('a live scan reads every kind a shipped rule reads (same objects, same findings, whatever the source)', () => {
  // Not API objects: the synthetic ClusterVersion, and the audit Policy (audit.k8s.io), a file the API
  // server reads at start-up that no list returns.
  // Custom resources (Argo Rollouts, Knative, KEDA, OpenKruise, Istio, Cilium) exist only where their CRDs
  // are installed; live scans do not read them yet (issue 11.10), so their rules judge manifests only.
  const customResources = ['Rollout', 'Configuration', 'ScaledJob', 'CloneSet', 'BroadcastJob', 'PeerAuthentication', 'AuthorizationPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];
  const read = new Set([...CLUSTER_RESOURCES.map((resource) => resource.kind), CLUSTER_VERSION_KIND, 'Policy', ...customResources]);
  const needed = [...new Set(allRules.flatMap((rule) => rule.kinds ?? []))].sort();
  assert.deepEqual(needed.filter((kind) => !read.has(kind)), []);
});

// The same objects, applied to a real API server and read back, or scanned as the manifests they were
// applied from: the findings must be the same rules on the same objects and fields.
const PARITY = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-admins, namespace: parity}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: team}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: parity}
data:
  DATABASE_URL: postgres://app:hunter2hunter2@db.internal:5432/app
`;

const binaries = await findControlPlaneBinaries();
const skip = binaries.status === 'missing'
  ? `control plane binaries not built (expected in ${binaries.dir}); run: npm run cluster:build`
  : false;

const OBJECTS = `
apiVersion: v1
kind: Pod
metadata: {name: insecure, namespace: store}
spec:
  hostPID: true
  containers:
    - name: app
      image: registry.example/store/app:1.0.0
      securityContext: {privileged: true}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: vault}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: hardened, namespace: vault}
spec:
  automountServiceAccountToken: false
  serviceAccountName: app
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.example/vault/app@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
      imagePullPolicy: IfNotPresent
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {cpu: 200m, memory: 128Mi}

---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeward-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubeward-reader}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: reader}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-lister, namespace: store}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-pod-lister, namespace: store}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-lister}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
`;

interface JsonReport {
  findings: { ruleId: string; resource: { kind: string; namespace?: string; name: string }; location: { file: string; line: number }; path: string; frameworks: { pss?: unknown } }[];
  errors: { file: string; message: string }[];
  notAssessed: { ruleId: string; reason: string; unread?: string }[];
  summary: { frameworks: { cis: { notAssessed: string[] } } };
}

describe('kubeward scan --cluster', { skip }, () => {
  let plane: ControlPlane;

  before(async () => {
    plane = await startControlPlane();
    const role = objectsOfYaml(await readFile(new URL('../../deploy/kubeward-reader-clusterrole.yaml', import.meta.url), 'utf8'));
    await createObjects(plane.kubeconfigPath, [
      ...namespaceWithDefaultServiceAccount('store'),
      ...namespaceWithDefaultServiceAccount('vault', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      ...role,
      ...objectsOfYaml(OBJECTS),
      ...namespaceWithDefaultServiceAccount('parity', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      ...objectsOfYaml(PARITY),
    ]);
  });

  test('a RoleBinding to the built-in admin role and credentials in a ConfigMap: the same findings live and from the manifests', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubeward-parity-'));
    await writeFile(join(root, 'parity.yaml'), PARITY);
    const fromFiles = JSON.parse((await runCli(['scan', 'parity.yaml', '--format', 'json', '--no-config'], { cwd: root })).stdout) as JsonReport;
    const live = (await scanAs(plane.kubeconfigPath)).report;
    const key = (report: JsonReport) => report.findings
      .filter((f) => f.resource.namespace === 'parity' && f.resource.kind !== 'Namespace' && f.resource.kind !== 'ServiceAccount')
      .map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}`).sort();
    const expected = key(fromFiles);
    assert.ok(expected.some((line) => line.startsWith('rbac-secrets-read RoleBinding/team-admins roleRef.name')), expected.join('\n'));
    assert.ok(expected.some((line) => line.startsWith('no-credentials-in-configmap ConfigMap/settings')), expected.join('\n'));
    assert.deepEqual(key(live), expected);
  });

  after(async () => {
    await plane?.stop();
  });

  const scanAs = async (kubeconfig: string, extra: string[] = []) => {
    const run = await runCli(['scan', '--cluster', '--kubeconfig', kubeconfig, '--format', 'json', '--no-config', ...extra], { cwd: tmpdir() });
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
  };
  const pssOf = (report: JsonReport, name: string) =>
    report.findings.filter((f) => f.resource.name === name && f.frameworks.pss !== undefined).map((f) => `${f.ruleId} ${f.path}`).sort();

  test('reports the insecure pod exactly, located as cluster://ns/Kind/name, and nothing PSS on the hardened one', async () => {
    const { code, report } = await scanAs(plane.kubeconfigPath);
    assert.equal(code, 1);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(pssOf(report, 'insecure'), [
      'capabilities-restricted spec.containers[0].securityContext.capabilities.drop',
      'no-host-namespaces spec.hostPID',
      'no-privilege-escalation spec.containers[0].securityContext.allowPrivilegeEscalation',
      'no-privileged spec.containers[0].securityContext.privileged',
      'run-as-non-root spec.securityContext.runAsNonRoot',
      'seccomp-profile-restricted spec.securityContext.seccompProfile.type',
    ].sort());
    const privileged = report.findings.find((f) => f.ruleId === 'no-privileged');
    assert.deepEqual(privileged?.location, { file: 'cluster://store/Pod/insecure', line: 0, column: 0 });
    assert.deepEqual(pssOf(report, 'hardened'), []);
    // Cluster-level findings the live objects show: a namespace without Pod Security labels.
    assert.ok(report.findings.some((f) => f.ruleId === 'namespace-pod-security-labels' && f.resource.name === 'store'));
    assert.ok(!report.findings.some((f) => f.ruleId === 'namespace-pod-security-labels' && f.resource.name === 'vault'));
    // The server itself: v1.37 is maintained, so the version rule is silent unless the floor is raised.
    assert.ok(!report.findings.some((f) => f.ruleId === 'cluster-version-supported'));
  });

  test('reports a Kubernetes minor below the maintained floor', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubeward-version-'));
    await writeFile(join(root, '.kubeward.yaml'), 'rules:\n  cluster-version-supported:\n    options: {minimumMinor: 38}\n');
    const run = await runCli(['scan', '--cluster', '--kubeconfig', plane.kubeconfigPath, '--format', 'json'], { cwd: root });
    const report = JSON.parse(run.stdout) as JsonReport;
    const version = report.findings.filter((f) => f.ruleId === 'cluster-version-supported');
    assert.deepEqual(version.map((f) => f.location.file), ['cluster://ClusterVersion/cluster']);
  });

  test('works with exactly the least-privilege ClusterRole, with the same findings', async () => {
    const admin = await scanAs(plane.kubeconfigPath);
    const reader = await scanAs(await plane.kubeconfigFor('reader'));
    assert.deepEqual(reader.report.errors, []);
    const key = (report: JsonReport) => report.findings
      .filter((f) => f.resource.namespace === 'store' || f.resource.namespace === 'vault')
      .map((f) => `${f.ruleId} ${f.location.file} ${f.path}`).sort();
    assert.deepEqual(key(reader.report), key(admin.report));
  });

  test('a user who can list pods in one namespace gets a partial scan: errors name what was denied, exit 2', async () => {
    const { code, report } = await scanAs(await plane.kubeconfigFor('alice'), ['--namespace', 'store']);
    assert.equal(code, 2);
    assert.ok(report.errors.some((e) => /cannot list apps\/deployments in namespace store: forbidden/.test(e.message)), JSON.stringify(report.errors.slice(0, 3)));
    assert.ok(pssOf(report, 'insecure').includes('no-privileged spec.containers[0].securityContext.privileged'), 'what could be read is still scanned');
    // NetworkPolicies could not be listed: "no NetworkPolicy selects" would be a guess, so it is not assessed.
    assert.ok(!report.findings.some((f) => f.ruleId === 'workload-without-ingress-policy'), 'no conclusion from an unread kind');
    const ingress = report.notAssessed.find((entry) => entry.ruleId === 'workload-without-ingress-policy');
    assert.equal(ingress?.reason, 'incomplete-input');
    assert.match(ingress?.unread ?? '', /NetworkPolicy: cannot list networking\.k8s\.io\/networkpolicies in namespace store: forbidden/);
    // ClusterRoles are cluster-scoped: a scan of one namespace did not read them.
    assert.match(report.notAssessed.find((entry) => entry.ruleId === 'rbac-binding-missing-role')?.unread ?? '', /ClusterRole: cluster-scoped, not read in a scan of namespace store/);
    assert.ok(report.summary.frameworks.cis.notAssessed.includes('5.3.2'));
  });

  test('an admin scan of the same cluster does assess the NetworkPolicy rules', async () => {
    const { report } = await scanAs(plane.kubeconfigPath);
    assert.ok(report.findings.some((f) => f.ruleId === 'workload-without-ingress-policy' && f.resource.name === 'insecure'));
    assert.equal(report.notAssessed.filter((entry) => entry.reason === 'incomplete-input').length, 0);
  });

  test('an unreachable server is one clear error', async () => {
    const run = await runCli(['scan', '--cluster', '--kubeconfig', plane.kubeconfigPath, '--context', 'no-such-context', '--format', 'json'], { cwd: tmpdir() });
    assert.equal(run.code, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0]?.message ?? '', /no-such-context/);
  });
});
