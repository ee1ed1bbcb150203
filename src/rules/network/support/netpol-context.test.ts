import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../../analysis/netpol/model.js';
import { isK8sObject, type K8sObject } from '../../../k8s/object.js';
import { podSpecOf, WORKLOAD_KINDS } from '../../../k8s/pod-spec.js';
import { documentsOfText } from '../../../source/load-objects.js';
import { keepNetpolFields } from './netpol-context.js';

// The evaluation keeps `keepNetpolFields(object)` of each workload until the NetworkPolicy rules run,
// not the whole object: the model, the reported paths and the suppression annotations must not change.

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
const ROOTS = [resolve(REPO, '..', 'shared', 'corpus'), join(REPO, 'examples'), join(REPO, 'test', 'netpol', 'scenarios')];

function objectsUnder(directory: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) objects.push(...objectsUnder(path));
    else if (/\.(ya?ml|json)$/.test(entry)) {
      for (const event of documentsOfText(path, readFileSync(path, 'utf8'))) if (event.type === 'objects') objects.push(...event.objects.map((loaded) => loaded.object));
    }
  }
  return objects;
}

describe('keepNetpolFields', () => {
  const objects = ROOTS.flatMap(objectsUnder);

  it('gives the same NetworkPolicy model as the whole objects, on the corpus and the scenarios', () => {
    const workloads = objects.filter((object) => WORKLOAD_KINDS.includes(object.kind));
    assert.ok(workloads.length > 50, `only ${workloads.length} workloads`);
    assert.deepEqual(buildModel(objects.map(keepNetpolFields)), buildModel(objects));
  });

  it('keeps metadata, the pod template metadata and the pod spec path, and drops the rest of the pod spec', () => {
    const deployment = objects.find((object) => object.kind === 'Deployment' && JSON.stringify(object).includes('"env"'));
    assert.ok(deployment !== undefined);
    const kept = keepNetpolFields(deployment);
    assert.ok(isK8sObject(kept));
    assert.equal(kept.metadata, deployment.metadata);
    const view = podSpecOf(kept);
    const whole = podSpecOf(deployment);
    assert.ok(view !== undefined && whole !== undefined);
    assert.deepEqual(view.podMetadataPath, whole.podMetadataPath);
    assert.equal(view.podMetadata, whole.podMetadata);
    assert.ok(!JSON.stringify(kept).includes('"env"'), 'container environments are not kept');
    assert.ok(JSON.stringify(kept).length < JSON.stringify(deployment).length / 2);
    const podSpec = { hostNetwork: true, containers: [{ name: 'x', image: 'y', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 1 }] }], volumes: [] };
    const template = { metadata: { labels: { a: 'b' } }, spec: podSpec };
    const cronJob: K8sObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
    const keptTemplate = { metadata: { labels: { a: 'b' } }, spec: { hostNetwork: true, containers: [{ name: 'x', ports: [{ containerPort: 1 }] }] } };
    assert.deepEqual(keepNetpolFields(cronJob), { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: keptTemplate } } } });
  });

  it('keeps other kinds, and workloads without a pod spec, whole', () => {
    const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' } } };
    assert.equal(keepNetpolFields(service), service);
    const broken: K8sObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: 'not a map' } };
    assert.equal(keepNetpolFields(broken), broken);
  });
});
