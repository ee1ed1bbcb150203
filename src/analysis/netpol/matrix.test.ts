import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { K8sObject } from '../../k8s/object.js';
import { analyzeNetworkPolicies, decideSide, ipBlockContains } from './analysis.js';
import { computeMatrix } from './matrix.js';
import { buildModel } from './model.js';
import { formatPortSet, intersectPortSets } from './port-set.js';

// The matrix decides each class of equivalent pods once. Whatever the input, that must give exactly
// what deciding both sides for every workload pair (and every external block) gives.

const NAMESPACES = ['a', 'b', 'c'] as const;
const label = fc.record({ app: fc.constantFrom('x', 'y', 'z'), tier: fc.constantFrom('front', 'back') }, { requiredKeys: [] });
const selector = fc.oneof(
  fc.constant({}),
  label.map((labels) => ({ matchLabels: labels })),
  fc.record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(fc.constantFrom('x', 'y', 'front'), { minLength: 1, maxLength: 2 }) })
    .map((expression) => ({ matchExpressions: [expression] })),
  fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('Exists', 'DoesNotExist') }).map((expression) => ({ matchExpressions: [expression] })),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ namespaceSelector: selector, podSelector: selector }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, { cidr: '0.0.0.0/0' }, { cidr: '192.168.1.0/24' }, { cidr: 'fd00::/8' }) }),
);
const port = fc.oneof(
  fc.record({ port: fc.constantFrom(80, 443, 8080) }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol: fc.constantFrom('TCP', 'UDP') }),
  fc.record({ port: fc.constant(8000), endPort: fc.constantFrom(8080, 9000) }),
  fc.record({ protocol: fc.constantFrom('UDP', 'SCTP') }),
);
const rule = (key: 'from' | 'to') => fc.record({ [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [] });
const policy = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: selector,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.option(fc.array(rule('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(rule('to'), { maxLength: 2 }), { nil: undefined }),
});
const workload = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: label,
  ports: fc.subarray([{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 9090, protocol: 'UDP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }]),
});

type GeneratedWorkload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(workloads: readonly GeneratedWorkload[], policies: readonly unknown[]): K8sObject[] {
  const out: K8sObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { app: 'x' } } }];
  workloads.forEach((entry, index) => out.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `w${index}`, namespace: entry.namespace },
    spec: { template: { metadata: { labels: entry.labels }, spec: { containers: [{ name: 'main', image: 'example/app:1', ports: entry.ports }] } } },
  }));
  policies.forEach((entry, index) => {
    const { namespace, ...spec } = entry as { namespace: string } & Record<string, unknown>;
    const clean = Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined));
    out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${index}`, namespace }, spec: clean });
  });
  return out;
}

describe('computeMatrix', () => {
  it('equals deciding both sides for every workload pair and external block', () => {
    fc.assert(fc.property(fc.array(workload, { minLength: 1, maxLength: 8 }), fc.array(policy, { maxLength: 5 }), (workloads, policies) => {
      const analysis = analyzeNetworkPolicies(buildModel(objectsOf(workloads, policies)));
      const matrix = computeMatrix(analysis);
      const groups = matrix.workloads.map((entry) => analysis.groupOf(entry));
      groups.forEach((source, s) => {
        groups.forEach((destination, d) => {
          const egress = decideSide(analysis, 'egress', source, { type: 'pods', group: destination }).ports;
          const ingress = decideSide(analysis, 'ingress', destination, { type: 'pods', group: source }).ports;
          assert.equal(formatPortSet(matrix.between(s, d)), formatPortSet(intersectPortSets(egress, ingress)), `w${s} -> w${d}`);
        });
        matrix.regions.forEach((region, r) => {
          const outside = { type: 'external', interval: region.interval } as const;
          assert.equal(formatPortSet(matrix.toExternal(s, r)), formatPortSet(decideSide(analysis, 'egress', source, outside).ports));
          assert.equal(formatPortSet(matrix.fromExternal(r, s)), formatPortSet(decideSide(analysis, 'ingress', source, outside).ports));
        });
      });
    }), { numRuns: 300, seed: 20261125 });
  });

  it('covers each address family exactly with regions that some ipBlock tells apart', () => {
    fc.assert(fc.property(fc.array(policy, { maxLength: 6 }), (policies) => {
      const analysis = analyzeNetworkPolicies(buildModel(objectsOf([{ namespace: 'a', labels: {}, ports: [] }], policies)));
      const matrix = computeMatrix(analysis);
      const blocks = analysis.model.rules.flatMap((rule) => (rule.peers === 'any' ? [] : rule.peers)).filter((peer) => peer.type === 'ipBlock');
      for (const family of [4, 6] as const) {
        const mine = matrix.regions.filter((region) => region.interval.family === family);
        let next = 0n;
        mine.forEach((region, index) => {
          assert.equal(region.interval.start, next);
          next = region.interval.end + 1n;
          const previous = mine[index - 1];
          if (previous !== undefined) {
            assert.ok(blocks.some((block) => ipBlockContains(block, previous.interval) !== ipBlockContains(block, region.interval)), 'neighbouring regions differ for some ipBlock');
          }
        });
        assert.equal(next, 1n << (family === 4 ? 32n : 128n));
      }
    }), { numRuns: 200, seed: 7 });
  });
});
