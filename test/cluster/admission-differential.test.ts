// Differential test against the API server's built-in Pod Security Admission: the same pods, the same namespace labels,
// judged once by the built-in plugin and once by kubeward's webhook, must get the same allow/deny decision, every time.
// The pods are upstream's generated fixtures (../shared/conformance/psa: every PSS check's boundary values, plus the
// minimal valid pods), each distinct body once, at both levels and several policy versions.
// Namespaces `kw-*` are exempt from the built-in plugin (its PodSecurityConfiguration) and selected by the webhook;
// namespaces `psa-*` are judged by the built-in plugin alone. Everything is created with dryRun=All.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { after, before, describe, test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAdmissionConfig } from '../../src/admission/admission-config.js';
import { startAdmissionServer, type RunningAdmissionServer } from '../../src/cli/serve/admission-server.js';
import { loadKubeconfig } from '../../src/cluster/kube-connection.js';
import { watchNamespaces, type NamespaceWatch } from '../../src/cluster/namespace-watch.js';
import { EMPTY_CONFIG } from '../../src/engine/config.js';
import { allRules } from '../../src/rules/index.js';
import { KUBERNETES_YAML_SCHEMA } from '../../src/source/yaml-1-1.js';
import { writeTestCertificates, type CertificateFiles } from '../server/https-test-support.js';
import { psaRoot, readFixtureIndex } from '../conformance/psa-fixtures.js';
import { apiRequest, messageOf, type ApiAnswer } from './api-request.js';
import { findControlPlaneBinaries, startControlPlane, type ControlPlane } from './control-plane.js';
import { createObjects, namespaceWithDefaultServiceAccount } from './kube-api.js';

const binaries = await findControlPlaneBinaries();
const skip = binaries.status === 'missing' ? `control plane binaries not built (expected in ${binaries.dir}); run: npm run cluster:build` : false;

const LEVELS = ['baseline', 'restricted'] as const;
const VERSIONS = ['v1.0', 'v1.25', 'latest'] as const;
const combos = LEVELS.flatMap((level) => VERSIONS.map((version) => ({ level, version, suffix: `${level}-${version.replace('.', '-')}` })));

/** Each distinct fixture pod once, renamed (fixture names hold `_`, which the API server refuses in names). */
function fixturePods(): Record<string, unknown>[] {
  const bodies = new Map<string, Record<string, unknown>>();
  for (const fixture of readFixtureIndex()) {
    const text = readFileSync(path.join(psaRoot, fixture.file), 'utf8');
    const pod = jsYaml.load(text, { schema: KUBERNETES_YAML_SCHEMA }) as Record<string, unknown>;
    const { name: _name, ...metadata } = pod['metadata'] as Record<string, unknown>;
    const key = JSON.stringify({ ...pod, metadata });
    if (!bodies.has(key)) bodies.set(key, { ...pod, metadata });
  }
  return [...bodies.values()].map((pod, index) => ({ ...pod, metadata: { ...(pod['metadata'] as object), name: `fixture-${String(index)}` } }));
}

type Outcome = 'allowed' | 'denied' | 'invalid';

function outcomeOf(answer: ApiAnswer, denier: string): Outcome | string {
  if (answer.status === 200 || answer.status === 201) return 'allowed';
  if (answer.status === 422) return 'invalid';
  if (answer.status === 403 && messageOf(answer).includes(denier)) return 'denied';
  return `unexpected ${String(answer.status)}: ${messageOf(answer).slice(0, 200)}`;
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  }));
}

describe('kubeward\'s webhook and the built-in Pod Security Admission decide alike', { skip }, () => {
  let plane: ControlPlane;
  let files: CertificateFiles;
  let watch: NamespaceWatch;
  let running: RunningAdmissionServer;

  before(async () => {
    plane = await startControlPlane({
      admissionPlugins: [{
        name: 'PodSecurity',
        configuration: {
          apiVersion: 'pod-security.admission.config.k8s.io/v1', kind: 'PodSecurityConfiguration',
          defaults: { enforce: 'privileged', 'enforce-version': 'latest', audit: 'privileged', 'audit-version': 'latest', warn: 'privileged', 'warn-version': 'latest' },
          exemptions: { usernames: [], runtimeClasses: [], namespaces: combos.map((combo) => `kw-${combo.suffix}`) },
        },
      }],
    });
    files = await writeTestCertificates({ ip: ['127.0.0.1'] });
    const objects: KubernetesObject[] = [];
    for (const combo of combos) {
      const labels = { 'pod-security.kubernetes.io/enforce': combo.level, 'pod-security.kubernetes.io/enforce-version': combo.version };
      objects.push(...namespaceWithDefaultServiceAccount(`psa-${combo.suffix}`, labels), ...namespaceWithDefaultServiceAccount(`kw-${combo.suffix}`, { ...labels, 'kubeward-diff': 'on' }));
    }
    await createObjects(plane.kubeconfigPath, objects);
    watch = watchNamespaces(loadKubeconfig({ kubeconfig: plane.kubeconfigPath }));
    running = await startAdmissionServer({
      port: 0, host: '127.0.0.1', certFile: files.certFile, keyFile: files.keyFile,
      // The same policy as the built-in plugin: Pod Security only, nothing else denies.
      admission: parseAdmissionConfig({ rules: { deny: 'none', warn: 'none' } }, 'differential', allRules),
      config: EMPTY_CONFIG, rules: allRules, namespaces: { kind: 'watch', watch },
    });
    const registered = await apiRequest(plane, 'POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kubeward-differential' },
      webhooks: [{
        name: 'validate.kubeward.dev', clientConfig: { url: `${running.server.url}/validate`, caBundle: Buffer.from(files.caPem).toString('base64') },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
        failurePolicy: 'Fail', sideEffects: 'None', admissionReviewVersions: ['v1'], timeoutSeconds: 10,
        namespaceSelector: { matchLabels: { 'kubeward-diff': 'on' } },
      }],
    });
    assert.equal(registered.status, 201, messageOf(registered));
    await watch.synced;
    const privileged = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe' }, spec: { containers: [{ name: 'app', image: 'app:1', securityContext: { privileged: true } }] } };
    for (let attempt = 0; ; attempt++) {
      const answer = await apiRequest(plane, 'POST', '/api/v1/namespaces/kw-baseline-latest/pods?dryRun=All', privileged);
      if (messageOf(answer).includes('validate.kubeward.dev')) break;
      assert.ok(attempt < 100, 'the webhook is called');
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
  });

  after(async () => {
    await running?.shutdown();
    await watch?.stop();
    await plane?.stop();
    await files?.remove();
  });

  test('the same decision for every generated pod at every level and version', async (t) => {
    const pods = fixturePods();
    const cases = combos.flatMap((combo) => pods.map((pod) => ({ combo, pod })));
    assert.ok(cases.length >= 1000, `${String(cases.length)} cases`);
    const disagreements: string[] = [];
    const counts: Record<string, number> = { allowed: 0, denied: 0, invalid: 0 };
    await pool(cases, 6, async ({ combo, pod }) => {
      const name = (pod['metadata'] as { name: string }).name;
      const [builtIn, webhook] = await Promise.all([
        apiRequest(plane, 'POST', `/api/v1/namespaces/psa-${combo.suffix}/pods?dryRun=All`, pod),
        apiRequest(plane, 'POST', `/api/v1/namespaces/kw-${combo.suffix}/pods?dryRun=All`, pod),
      ]);
      const expected = outcomeOf(builtIn, 'violates PodSecurity');
      const actual = outcomeOf(webhook, 'admission webhook "validate.kubeward.dev" denied the request: violates PodSecurity');
      counts[expected] = (counts[expected] ?? 0) + 1;
      if (expected !== actual) disagreements.push(`${combo.level}:${combo.version} ${name}: built-in ${expected}, kubeward ${actual}`);
    });
    t.diagnostic(`${String(cases.length)} pods x policies (${String(pods.length)} distinct pods): ${JSON.stringify(counts)}; ${String(disagreements.length)} disagreements`);
    for (const line of disagreements.slice(0, 20)) t.diagnostic(line);
    assert.deepEqual(disagreements, []);
    assert.ok((counts['allowed'] ?? 0) > 100 && (counts['denied'] ?? 0) > 500, 'both decisions are well represented');
  });
});
