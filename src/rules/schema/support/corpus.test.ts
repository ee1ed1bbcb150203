import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { analyzeText } from '../../../scan/scan.js';
import type { K8sObject } from '../../../k8s/object.js';
import { podSpecOf } from '../../../k8s/pod-spec.js';
import { documentsOfText } from '../../../source/load-objects.js';
import { schemaRules } from '../index.js';
import { validateObject } from './field-issues.js';
import { shippedSchema } from './kubernetes-schema.js';

// The real-world manifests in ../shared/corpus (argo-cd, ingress-nginx, kube-prometheus,
// microservices-demo) are applied to clusters every day: they must raise no schema finding. The same
// objects with one field misspelled must raise exactly that one. Validation must stay a small part of a
// scan: its time is reported beside a plain js-yaml parse of the same files.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus');
const hasCorpus = existsSync(corpusRoot);
const psaRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'psa');

function manifestFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return manifestFiles(file);
    return /\.(ya?ml|json)$/.test(name) ? [file] : [];
  });
}

function corpus(): { files: { file: string; text: string }[]; objects: K8sObject[] } {
  const files = manifestFiles(corpusRoot).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const objects: K8sObject[] = [];
  for (const { file, text } of files) {
    for (const event of documentsOfText(file, text)) if (event.type === 'objects') for (const loaded of event.objects) objects.push(loaded.object);
  }
  return { files, objects };
}

describe('schema rules on the real-world corpus', { skip: hasCorpus ? false : `no corpus at ${corpusRoot}` }, () => {
  const { files, objects } = hasCorpus ? corpus() : { files: [], objects: [] };
  const schema = shippedSchema();

  it('validates the built-in objects and raises no finding on any of them', () => {
    const validated = objects.filter((object) => schema.rootOf(object.apiVersion, object.kind) !== undefined);
    assert.ok(validated.length >= 600, `expected most of the corpus to be built-in kinds, got ${validated.length} of ${objects.length}`);
    const findings = files.flatMap(({ file, text }) =>
      analyzeText(file, text, { rules: schemaRules, today: '2026-01-01' }).findings.map(
        ({ finding }) => `${path.relative(corpusRoot, file)}:${finding.location.line} ${finding.ruleId} ${finding.path}: ${finding.message}`,
      ));
    assert.deepEqual(findings, []);
  });

  it('raises nothing on the upstream Pod Security Admission fixtures either', { skip: existsSync(psaRoot) ? false : `no fixtures at ${psaRoot}` }, () => {
    let pods = 0;
    const findings: string[] = [];
    for (const file of manifestFiles(psaRoot)) {
      for (const event of documentsOfText(file, readFileSync(file, 'utf8'))) {
        if (event.type !== 'objects') continue;
        for (const { object } of event.objects) {
          if (schema.rootOf(object.apiVersion, object.kind) !== undefined) pods++;
          for (const issue of validateObject(schema, object)) findings.push(`${path.relative(psaRoot, file)} ${issue.type} ${issue.path.join('.')}`);
        }
      }
    }
    assert.ok(pods >= 4000, `expected the fixtures' pods to be validated, got ${pods}`);
    assert.deepEqual(findings, []);
  });

  it('finds one misspelled field planted in every workload of the corpus', () => {
    let planted = 0;
    for (const object of objects) {
      const pod = podSpecOf(object);
      if (pod === undefined || schema.rootOf(object.apiVersion, object.kind) === undefined) continue;
      const copy = structuredClone(object) as Record<string, unknown>;
      const view = podSpecOf(copy as K8sObject);
      const container = (view?.spec['containers'] as Record<string, unknown>[] | undefined)?.[0];
      assert.ok(view !== undefined && container !== undefined, `${object.kind}/${object.metadata?.name ?? ''} has a container`);
      container['imagePullPolcy'] = 'Always';
      const issues = validateObject(schema, copy as K8sObject);
      assert.deepEqual(issues.map((issue) => [issue.type, issue.path.join('.')]), [['unknown', [...view.specPath, 'containers', 0, 'imagePullPolcy'].join('.')]],
        `${object.kind}/${object.metadata?.name ?? ''}`);
      planted++;
    }
    assert.ok(planted >= 50, `expected at least 50 workloads in the corpus, got ${planted}`);
  });

  it('validates in a small fraction of the time a plain js-yaml parse takes', (context) => {
    const bestOf = (runs: number, work: () => void): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        work();
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const parseMs = bestOf(3, () => {
      for (const { text } of files) jsYaml.loadAll(text);
    });
    let issues = 0;
    const validateMs = bestOf(5, () => {
      for (const object of objects) issues += validateObject(schema, object).length;
    });
    assert.equal(issues, 0);
    const bytes = files.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
    context.diagnostic(
      `${objects.length} objects, ${(bytes / 1e6).toFixed(1)} MB: js-yaml parse ${parseMs.toFixed(1)} ms, schema validation ` +
      `${validateMs.toFixed(2)} ms (${((validateMs / objects.length) * 10_000).toFixed(1)} ms per 10k objects, ` +
      `${((validateMs / parseMs) * 100).toFixed(1)}% of the parse)`,
    );
    // The scan must keep at least half the throughput of a plain parse; validation may take a tenth of it.
    assert.ok(validateMs < parseMs / 10, `validation took ${validateMs.toFixed(1)} ms against ${parseMs.toFixed(1)} ms of parsing`);
  });
});
