import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_ADMISSION_DEADLINE_MS } from '../../src/cli/serve/admission-server.js';
import { severityRank } from '../../src/engine/rule.js';
import { scanText } from '../../src/scan/scan.js';
import { runCli } from '../cli/cli-harness.js';
import { writeTestCertificates } from '../server/https-test-support.js';

const repoRoot = join(import.meta.dirname, '..', '..');
type Obj = Record<string, any>;

async function manifests(args: readonly string[]): Promise<{ text: string; objects: Obj[] }> {
  const run = await runCli(['serve', 'manifests', ...args], { cwd: repoRoot });
  assert.equal(run.code, 0, run.stderr);
  return { text: run.stdout, objects: parseAllDocuments(run.stdout).map((document) => document.toJS() as Obj) };
}

describe('kubeward serve manifests', () => {
  test('with the dev CA: everything to run the webhook, and it passes kubeward scan at restricted with nothing above low', async () => {
    const files = await writeTestCertificates({ dns: ['kubeward.kubeward.svc'] });
    try {
      const { text, objects } = await manifests(['--ca-file', files.caFile]);
      assert.deepEqual(objects.map((object) => object['kind']), [
        'Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'NetworkPolicy', 'NetworkPolicy',
        'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Service', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
      ]);
      const report = scanText(text, { pssLevel: 'restricted', file: 'manifests.yaml' });
      assert.deepEqual(report.errors, []);
      const above = report.findings.filter((finding) => severityRank(finding.severity) > severityRank('low'));
      assert.deepEqual(above.map((finding) => `${finding.ruleId}: ${finding.message}`), []);

      const byKind = (kind: string): Obj => objects.find((object) => object['kind'] === kind) as Obj;
      assert.deepEqual(byKind('ClusterRole')['rules'], [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
      const deployment = byKind('Deployment');
      assert.ok(deployment['spec']['replicas'] >= 2);
      const pod = deployment['spec']['template']['spec'];
      assert.ok(pod['affinity']['podAntiAffinity']);
      const container = pod['containers'][0];
      assert.deepEqual(Object.keys(container).filter((key) => key.endsWith('Probe')).sort(), ['livenessProbe', 'readinessProbe', 'startupProbe']);
      assert.equal(container['readinessProbe']['httpGet']['path'], '/readyz');
      assert.ok(container['resources']['requests'] && container['resources']['limits']);
      assert.equal(byKind('PodDisruptionBudget')['spec']['minAvailable'], 1);
      assert.ok(byKind('HorizontalPodAutoscaler')['spec']['minReplicas'] >= 2);
      const caBundle = Buffer.from(files.caPem).toString('base64');
      for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
        for (const webhook of byKind(kind)['webhooks'] as Obj[]) {
          assert.equal(webhook['sideEffects'], 'None');
          assert.deepEqual(webhook['admissionReviewVersions'], ['v1']);
          assert.ok(webhook['timeoutSeconds'] * 1000 > DEFAULT_ADMISSION_DEADLINE_MS, 'the server answers before the API server gives up');
          assert.deepEqual(webhook['namespaceSelector'], { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kubeward'] }] });
          assert.equal(webhook['clientConfig']['caBundle'], caBundle);
        }
      }
      assert.equal(byKind('ValidatingWebhookConfiguration')['webhooks'][0]['failurePolicy'], 'Fail');
      assert.equal(byKind('MutatingWebhookConfiguration')['webhooks'][0]['failurePolicy'], 'Ignore');
      assert.equal(byKind('MutatingWebhookConfiguration')['webhooks'][0]['reinvocationPolicy'], 'IfNeeded');
    } finally {
      await files.remove();
    }
  });

  test('with cert-manager: a Certificate and the cainjector annotation instead of a caBundle; deploy/ holds this output', async () => {
    const { text, objects } = await manifests(['--cert-manager', 'kubeward-issuer']);
    const certificate = objects.find((object) => object['kind'] === 'Certificate') as Obj;
    assert.deepEqual(certificate['spec']['dnsNames'], ['kubeward.kubeward.svc', 'kubeward.kubeward.svc.cluster.local']);
    for (const object of objects.filter((candidate) => String(candidate['kind']).endsWith('WebhookConfiguration'))) {
      assert.equal(object['metadata']['annotations']['cert-manager.io/inject-ca-from'], 'kubeward/kubeward-serving');
      assert.equal(object['webhooks'][0]['clientConfig']['caBundle'], undefined);
    }
    const report = scanText(text, { pssLevel: 'restricted' });
    assert.deepEqual(report.findings.filter((finding) => severityRank(finding.severity) > severityRank('low')).map((finding) => finding.ruleId), []);
    assert.equal(await readFile(join(repoRoot, 'deploy', 'kubeward-admission.yaml'), 'utf8'), text,
      'deploy/kubeward-admission.yaml is stale: regenerate with kubeward serve manifests --cert-manager kubeward-issuer -o deploy/kubeward-admission.yaml');
  });

  test('options: namespace, failure policies, replicas; bad values are usage errors', async () => {
    const { objects } = await manifests(['--cert-manager', 'x', '--namespace', 'policy', '--validate-failure-policy', 'Ignore', '--replicas', '3']);
    assert.ok(objects.every((object) => object['metadata']['namespace'] === undefined || object['metadata']['namespace'] === 'policy'));
    const validating = objects.find((object) => object['kind'] === 'ValidatingWebhookConfiguration') as Obj;
    assert.equal(validating['webhooks'][0]['failurePolicy'], 'Ignore');
    assert.deepEqual(validating['webhooks'][0]['namespaceSelector']['matchExpressions'][0]['values'], ['kube-system', 'policy']);
    for (const [args, message] of [
      [[], /pass one of --ca-file FILE .* or --cert-manager ISSUER/],
      [['--cert-manager', 'x', '--replicas', '1'], /--replicas must be 2 or more/],
      [['--cert-manager', 'x', '--mutate-failure-policy', 'fail'], /--mutate-failure-policy must be Fail or Ignore/],
    ] as const) {
      const run = await runCli(['serve', 'manifests', ...args], { cwd: repoRoot });
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
    }
    const missing = await runCli(['serve', 'manifests', '--ca-file', '/nonexistent/ca.crt'], { cwd: repoRoot });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/nonexistent\/ca\.crt/);
  });
});
