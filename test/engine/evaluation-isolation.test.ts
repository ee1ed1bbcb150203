import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Evaluation } from '../../src/engine/evaluation.js';
import type { Finding } from '../../src/engine/finding.js';
import { allRules } from '../../src/rules/index.js';
import { scan, scanText } from '../../src/scan/scan.js';
import { documentsOfText } from '../../src/source/load-objects.js';
import { subjectsOfDocument } from '../../src/engine/yaml-subjects.js';

// Evaluations own everything they remember: a long-running server judges requests side by side, so
// interleaved evaluations must give the answers they give alone, and a finished scan must leave
// nothing behind (no "last model" kept in a module).

const REPO = new URL('../..', import.meta.url).pathname;

/** Inputs with different RBAC, NetworkPolicy, schema and PSS content, so that shared state would show. */
function inputs(): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  const add = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) add(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push({ name: path.slice(REPO.length), text: readFileSync(path, 'utf8') });
    }
  };
  add(join(REPO, 'examples'));
  add(join(REPO, 'test', 'netpol', 'scenarios'));
  add(join(REPO, 'test', 'rbac', 'fixtures'));
  return files;
}

function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name} ${f.location.file}:${f.location.line}:${f.location.column} ${f.path} ${f.message}`).sort();
}

function evaluationOf() {
  return new Evaluation({ rules: allRules, today: '2026-01-01' });
}

describe('evaluations are isolated', () => {
  const texts = inputs();

  it('has varied inputs to interleave', () => {
    assert.ok(texts.length >= 10, `only ${texts.length} inputs`);
    assert.ok(texts.some((input) => input.text.includes('kind: ClusterRoleBinding')) && texts.some((input) => input.text.includes('kind: NetworkPolicy')));
  });

  it('interleaved evaluations (one subject of each in turn) give their sequential results', () => {
    const sequential = texts.map((input) => brief(scanText(input.text, { file: input.name, today: '2026-01-01' }).findings));
    const runs = texts.map((input) => {
      const subjects = [...documentsOfText(input.name, input.text)].flatMap((event) => (event.type === 'objects' ? subjectsOfDocument(input.name, event.document, event.objects) : []));
      return { evaluation: evaluationOf(), subjects, findings: [] as Finding[] };
    });
    // Round-robin: every evaluation advances by one subject before any advances again.
    for (let step = 0; runs.some((run) => step < run.subjects.length); step++) {
      for (const run of runs) {
        const subject = run.subjects[step];
        if (subject !== undefined) for (const entry of run.evaluation.evaluate(subject)) run.findings.push(entry.finding);
      }
    }
    // Finish in reverse order, so no evaluation finishes right after its own last subject.
    for (const run of [...runs].reverse()) for (const entry of run.evaluation.finish()) run.findings.push(entry.finding);
    runs.forEach((run, index) => assert.deepEqual(brief(run.findings), sequential[index], texts[index]?.name));
    assert.ok(sequential.some((findings) => findings.some((line) => line.startsWith('rbac-'))), 'RBAC findings take part');
    assert.ok(sequential.some((findings) => findings.some((line) => line.startsWith('workload-without-ingress-policy'))), 'NetworkPolicy findings take part');
  });

  it('concurrent scans of different inputs give their sequential results', async () => {
    const directories = ['examples/shop', 'test/netpol/scenarios/three-tier', 'test/netpol/scenarios/named-ports-and-namespaces', 'test/rbac/fixtures', 'examples'];
    const sequential: string[][] = [];
    for (const directory of directories) sequential.push(brief((await scan([directory], { cwd: REPO, today: '2026-01-01' })).findings));
    const concurrent = await Promise.all([...directories, ...directories].map((directory) => scan([directory], { cwd: REPO, today: '2026-01-01' })));
    concurrent.forEach((report, index) => assert.deepEqual(brief(report.findings), sequential[index % directories.length], directories[index % directories.length]));
  });

  it('memory returns to its baseline after a large scan', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      for (let i = 0; i < 3; i++) gc();
      return process.memoryUsage().heapUsed;
    };
    // A first, smaller scan loads the shipped data (OpenAPI schema, bootstrap RBAC policy) and lets V8
    // compile the hot paths; module state kept from it would be small, from the large scan large.
    scanText(generatedManifests(300, 'warm'), { file: 'warm-up.yaml', today: '2026-01-01' });
    const baseline = heap();
    // In a function of its own: the interpreter's temporaries of this frame would otherwise keep the report.
    const { findings, during } = ((): { findings: number; during: number } => {
      const report = scanText(generatedManifests(1500, 'large'), { file: 'large.yaml', today: '2026-01-01' });
      return { findings: report.findings.length, during: heap() };
    })();
    const after = heap();
    assert.ok(findings > 3000, `expected a large report, got ${findings} findings`);
    // The input text itself (about 2 MB) is released too; what the scan held grows far beyond that.
    assert.ok(during - baseline > 8 * 1024 * 1024, `the scan should hold its report while it is referenced (${during - baseline} bytes)`);
    assert.ok(after - baseline < 2 * 1024 * 1024, `heap grew by ${((after - baseline) / 1024 / 1024).toFixed(1)} MiB after the scan was dropped`);
  });
});

/** Workloads, RBAC and NetworkPolicies: what the cross-object rules build models of. */
function generatedManifests(count: number, prefix: string): string {
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `${prefix}-ns-${i % 40}`;
    documents.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: a${i}}}\n  template:\n    metadata: {labels: {app: a${i}, tier: t${i % 7}}}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:${i}\n          securityContext: {privileged: ${i % 2 === 0}}\n`);
    documents.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role-${i}, namespace: ${ns}}\nrules:\n  - apiGroups: ['']\n    resources: [secrets, pods, configmaps-${i}]\n    verbs: [get, list, watch]\n`);
    documents.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: binding-${i}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-${i}}\nsubjects:\n  - {kind: ServiceAccount, name: sa-${i}, namespace: ${ns}}\n`);
    if (i % 5 === 0) documents.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np-${i}, namespace: ${ns}}\nspec:\n  podSelector: {matchLabels: {tier: t${i % 7}}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: a${i}}}}]\n`);
  }
  return documents.join('---\n');
}
