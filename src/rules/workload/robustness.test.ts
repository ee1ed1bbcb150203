import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RuleReport } from '../../engine/rule.js';
import { resourceRefOf, type K8sObject } from '../../k8s/object.js';
import { workloadRules } from './index.js';
import { Memo } from '../../engine/memo.js';

// Manifests are untrusted input: whatever shape a field has, no rule may throw, and every report must
// use a declared message id with a path that starts at the object root.
const KINDS = ['Pod', 'Deployment', 'CronJob', 'ConfigMap', 'Secret', 'Service', 'Ingress', 'Namespace', 'ServiceAccount'];
const anyValue = fc.anything({ maxDepth: 3, withNullPrototype: false });
const container = fc.record({
  name: fc.oneof(fc.string(), anyValue),
  image: fc.oneof(fc.constantFrom('nginx', 'nginx:latest', 'a/b:1@sha256:' + 'a'.repeat(64), ''), fc.string(), anyValue),
  imagePullPolicy: fc.oneof(fc.constantFrom('Always', 'IfNotPresent'), anyValue),
  securityContext: fc.oneof(fc.record({ runAsUser: anyValue, capabilities: fc.oneof(fc.record({ add: fc.oneof(fc.array(fc.string()), anyValue) }), anyValue) }, { requiredKeys: [] }), anyValue),
  env: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.string(), anyValue), value: fc.oneof(fc.string(), anyValue) }, { requiredKeys: [] })), anyValue),
  resources: anyValue,
  volumeMounts: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.constant('h'), anyValue), readOnly: anyValue }, { requiredKeys: [] })), anyValue),
}, { requiredKeys: [] });
const podSpec = fc.record({
  containers: fc.oneof(fc.array(fc.oneof(container, anyValue), { maxLength: 3 }), anyValue),
  initContainers: fc.oneof(fc.array(container, { maxLength: 2 }), anyValue),
  volumes: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.constant('h'), anyValue), hostPath: fc.oneof(fc.record({ path: fc.oneof(fc.string(), fc.constantFrom('/', '/etc', '/var/run/docker.sock'), anyValue) }), anyValue) }, { requiredKeys: [] })), anyValue),
  securityContext: anyValue,
  automountServiceAccountToken: anyValue,
  shareProcessNamespace: anyValue,
  os: anyValue,
}, { requiredKeys: [] });
const object = fc.record({
  kind: fc.constantFrom(...KINDS),
  metadata: fc.oneof(fc.record({ name: fc.string(), namespace: anyValue, labels: anyValue, annotations: anyValue }, { requiredKeys: [] }), anyValue),
  spec: fc.oneof(podSpec, fc.record({ template: fc.record({ metadata: anyValue, spec: podSpec }, { requiredKeys: [] }), type: anyValue, tls: anyValue, rules: anyValue, loadBalancerSourceRanges: anyValue }, { requiredKeys: [] }), anyValue),
  data: anyValue,
  stringData: anyValue,
  type: anyValue,
}, { requiredKeys: ['kind'] }).map((value): K8sObject => ({ apiVersion: 'v1', ...value }) as K8sObject);

describe('workload rules on arbitrary shapes', () => {
  it('never throw, and report declared message ids with root paths', () => {
    fc.assert(fc.property(object, (candidate) => {
      for (const rule of workloadRules) {
        if (rule.scope !== 'object' || (rule.kinds !== undefined && !rule.kinds.includes(candidate.kind))) continue;
        const reports: RuleReport[] = [];
        rule.check({
          object: candidate,
          resource: resourceRefOf(candidate),
          pss: { level: 'restricted', version: 30 },
          kubernetesVersion: 30,
          options: { ...rule.defaultOptions, allowedRegistries: ['registry.example.com'], reportUnset: true },
          perObject: new Memo(),
          perEvaluation: new Memo(),
          report: (report) => reports.push(report),
        });
        for (const report of reports) {
          assert.ok(rule.meta.messages[report.messageId] !== undefined, `${rule.meta.id}: ${report.messageId}`);
          assert.ok(report.path.length > 0 && report.path.every((segment) => typeof segment === 'string' || Number.isInteger(segment)));
        }
      }
    }), { numRuns: 1500, seed: 20261125 });
  });
});
