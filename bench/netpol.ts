import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeNetworkPolicies, decideSide } from '../src/analysis/netpol/analysis.js';
import { computeMatrix, connectionsOf } from '../src/analysis/netpol/matrix.js';
import { buildModel } from '../src/analysis/netpol/model.js';
import { intersectPortSets } from '../src/analysis/netpol/port-set.js';
import type { K8sObject } from '../src/k8s/object.js';
import { documentsOfText } from '../src/source/load-objects.js';

// NetworkPolicy matrix benchmark: 1,000 workloads and 500 policies over 20 namespaces, generated
// deterministically, read from YAML text like the CLI does.
// Usage: node --import tsx bench/netpol.ts [--workloads N] [--policies N] [--runs N] [--write]
// (--write records the figures in bench/NETPOL.md).

const argv = process.argv.slice(2);
const numberArg = (name: string, fallback: number): number => {
  const index = argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(argv[index + 1]);
  return value === undefined || !Number.isInteger(value) || value <= 0 ? fallback : value;
};
const WORKLOADS = numberArg('workloads', 1000);
const POLICIES = numberArg('policies', 500);
const RUNS = numberArg('runs', 5);
const NAMESPACES = 20;
const TIERS = ['web', 'api', 'db', 'cache', 'worker'] as const;

// A tiny deterministic generator (mulberry32), so every run measures the same input.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): string {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const docs: string[] = [];
  for (let n = 0; n < NAMESPACES; n += 1) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${n}\n  labels: {team: team-${n % 5}, env: ${n % 2 === 0 ? 'prod' : 'dev'}}\n`);
  }
  for (let w = 0; w < WORKLOADS; w += 1) {
    // One workload in four is a second release of its neighbour, with the same pod labels and ports.
    const base = w % 4 === 3 ? w - 1 : w;
    const namespace = `ns-${base % NAMESPACES}`;
    const tier = TIERS[base % TIERS.length] ?? 'web';
    const app = `app-${base}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: wl-${w}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata:
      labels: {app: ${app}, tier: ${tier}, version: v${base % 3}}
    spec:
      containers:
      - name: main
        image: example/${tier}:1
        ports:
        - {name: http, containerPort: ${8000 + (base % 7)}}
        - {name: metrics, containerPort: 9090}
        - {name: dns, containerPort: 53, protocol: UDP}
`);
  }
  for (let p = 0; p < POLICIES; p += 1) {
    const n = p % NAMESPACES;
    const namespace = `ns-${n}`;
    if (p < NAMESPACES) {
      docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: ${namespace}}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`);
      continue;
    }
    const target = n + NAMESPACES * Math.floor(next() * (WORKLOADS / NAMESPACES));
    const kind = p % 5;
    const selector = kind === 0 ? `{matchLabels: {tier: ${pick(TIERS)}}}` : `{matchLabels: {app: app-${target}}}`;
    const peers = [
      `{podSelector: {matchLabels: {tier: ${pick(TIERS)}}}}`,
      `{namespaceSelector: {matchLabels: {team: team-${Math.floor(next() * 5)}}}, podSelector: {matchExpressions: [{key: tier, operator: In, values: [${pick(TIERS)}, ${pick(TIERS)}]}]}}`,
      `{namespaceSelector: {matchLabels: {env: prod}}}`,
      `{ipBlock: {cidr: 10.${Math.floor(next() * 256)}.0.0/16, except: [10.0.${Math.floor(next() * 256)}.0/24]}}`,
      `{podSelector: {matchExpressions: [{key: version, operator: NotIn, values: [v0]}]}}`,
    ];
    const ports = [`[{port: http}]`, `[{port: 8000, endPort: 8010}]`, `[{port: metrics}, {port: dns, protocol: UDP}]`, `[{port: 443}]`];
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: policy-${p}, namespace: ${namespace}}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [${pick(peers)}, ${pick(peers)}]
    ports: ${pick(ports)}
  egress:
  - to: [${pick(peers)}]
    ports: ${pick(ports)}
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 10.0.0.0/8]}}]
    ports: [{port: 443}]
`);
  }
  return docs.join('---\n');
}

function objectsOf(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const event of documentsOfText('bench.yaml', text)) if (event.type === 'objects') out.push(...event.objects.map((loaded) => loaded.object));
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// CPU time of this process (user + system), which other work on a shared machine disturbs far less than
// wall time; wall time is kept for the total.
const time = <T>(action: () => T): { value: T; ms: number; wallMs: number } => {
  const wall = performance.now();
  const start = process.cpuUsage();
  const value = action();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
};

const yaml = generate();
const samples: Record<string, number[]> = { parse: [], analyze: [], matrix: [], expand: [], json: [], wall: [] };
let summary = { groups: 0, classes: 0, regions: 0, connections: 0, jsonBytes: 0 };
for (let run = 0; run < RUNS; run += 1) {
  const parsed = time(() => objectsOf(yaml));
  const analyzed = time(() => analyzeNetworkPolicies(buildModel(parsed.value)));
  const matrix = time(() => computeMatrix(analyzed.value));
  const expanded = time(() => [...connectionsOf(matrix.value)]);
  const json = time(() => JSON.stringify(expanded.value));
  samples['parse']?.push(parsed.ms);
  samples['analyze']?.push(analyzed.ms);
  samples['matrix']?.push(matrix.ms);
  samples['expand']?.push(expanded.ms);
  samples['json']?.push(json.ms);
  samples['wall']?.push(analyzed.wallMs + matrix.wallMs);
  summary = { groups: analyzed.value.groups.length, classes: matrix.value.classCount, regions: matrix.value.regions.length, connections: expanded.value.length, jsonBytes: json.value.length };
}

// The same decisions without grouping: both sides decided for every workload pair (what the engine avoids).
const naive = time(() => {
  const analysis = analyzeNetworkPolicies(buildModel(objectsOf(yaml)));
  const groups = analysis.model.workloads.map((workload) => analysis.groupOf(workload));
  let allowed = 0;
  for (const source of groups) {
    for (const destination of groups) {
      const egress = decideSide(analysis, 'egress', source, { type: 'pods', group: destination }).ports;
      const ingress = decideSide(analysis, 'ingress', destination, { type: 'pods', group: source }).ports;
      if (intersectPortSets(egress, ingress).TCP.length > 0) allowed += 1;
    }
  }
  return allowed;
});

const ms = (key: string): string => median(samples[key] ?? []).toFixed(1);
const core = median(samples['analyze'] ?? []) + median(samples['matrix'] ?? []);
const command = `node --import tsx bench/netpol.ts --workloads ${WORKLOADS} --policies ${POLICIES} --runs ${RUNS}${argv.includes('--write') ? ' --write' : ''}`;
const report = `# NetworkPolicy matrix benchmark

Command: \`${command}\` (median of ${RUNS} runs; Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores shared with other work, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end).

Input: ${WORKLOADS} Deployments in ${NAMESPACES} namespaces, ${POLICIES} NetworkPolicies (${NAMESPACES} namespace default denies,
the rest with pod, namespace, combined and ipBlock peers, matchExpressions, named ports and port ranges),
generated deterministically as YAML (${(yaml.length / 1024 / 1024).toFixed(1)} MiB).

| stage | CPU ms |
|---|---:|
| parse YAML (\`documentsOfText\`) | ${ms('parse')} |
| model, pod groups, isolating policies (peers are selected lazily, in the next stage) | ${ms('analyze')} |
| matrix: peer selection, classes, external regions, class pairs | ${ms('matrix')} |
| **matrix time (analysis + matrix)** | **${core.toFixed(1)}** (wall ${ms('wall')}) |
| expand to workload connections | ${ms('expand')} |
| serialise connections to JSON | ${ms('json')} |
| for comparison (one run, model included): both sides decided for every workload pair, no classes | ${naive.ms.toFixed(1)} |

Shape: ${summary.groups} label groups, ${summary.classes} equivalence classes decided pairwise
(${summary.classes * summary.classes} class pairs instead of ${WORKLOADS * WORKLOADS} workload pairs), ${summary.regions} external
regions, ${summary.connections} allowed connections (${(summary.jsonBytes / 1024 / 1024).toFixed(1)} MiB of JSON).
`;
process.stdout.write(report);
if (argv.includes('--write')) writeFileSync(join(import.meta.dirname, 'NETPOL.md'), report);
