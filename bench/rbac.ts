// RBAC analysis benchmark: a generated cluster of 10,000 Roles/ClusterRoles and 10,000
// RoleBindings/ClusterRoleBindings; times model building, who-can, can-i and escalation paths and
// writes bench/RBAC.md. Run: node --import tsx bench/rbac.ts
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { canI, impersonatedUser, whoCan } from '../src/analysis/rbac/authorizer.js';
import { loadBootstrapPolicy } from '../src/analysis/rbac/bootstrap-policy.js';
import { buildRbacModel } from '../src/analysis/rbac/model.js';
import { EscalationAnalyzer } from '../src/analysis/rbac/paths.js';
import { parseAccessRequest } from '../src/analysis/rbac/request.js';
import type { AccessRequest } from '../src/analysis/rbac/types.js';
import type { K8sObject } from '../src/k8s/object.js';

const ROLES = 10_000;
const BINDINGS = 10_000;
const NAMESPACES = 200;
const ACCOUNTS_PER_NAMESPACE = 10;
const USERS = 500;
const GROUPS = 50;

// Deterministic PRNG (mulberry32) so every run measures the same cluster.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const RULE_POOL = [
  { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete'] },
  { apiGroups: ['example.com'], resources: ['widgets', 'widgets/status'], verbs: ['*'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['app-config'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'create'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];
const RISKY_POOL = [
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
];

function generate(): K8sObject[] {
  const objects: K8sObject[] = [];
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `ns-${i}`);
  for (const namespace of namespaces) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    for (let a = 0; a < ACCOUNTS_PER_NAMESPACE; a++) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${a}`, namespace } });
    objects.push({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace },
      spec: { template: { spec: { serviceAccountName: `sa-${Math.floor(random() * ACCOUNTS_PER_NAMESPACE)}`, containers: [{ name: 'app', image: 'app:1' }] } } },
    });
  }
  const clusterRoles: string[] = [];
  const rolesByNamespace = new Map<string, string[]>();
  for (let i = 0; i < ROLES; i++) {
    const rules = Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.03 ? pick(RISKY_POOL) : pick(RULE_POOL)));
    if (i % 5 === 0) {
      const name = `cluster-role-${i}`;
      clusterRoles.push(name);
      objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules });
    } else {
      const namespace = pick(namespaces);
      const name = `role-${i}`;
      rolesByNamespace.set(namespace, [...(rolesByNamespace.get(namespace) ?? []), name]);
      objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules });
    }
  }
  const subject = (): Record<string, string> => {
    const roll = random();
    if (roll < 0.6) return { kind: 'ServiceAccount', name: `sa-${Math.floor(random() * ACCOUNTS_PER_NAMESPACE)}`, namespace: pick(namespaces) };
    if (roll < 0.9) return { kind: 'User', name: `user-${Math.floor(random() * USERS)}` };
    return { kind: 'Group', name: `group-${Math.floor(random() * GROUPS)}` };
  };
  for (let i = 0; i < BINDINGS; i++) {
    const subjects = Array.from({ length: 1 + Math.floor(random() * 3) }, subject);
    if (i % 10 === 0) {
      // Cluster-wide bindings: mostly custom ClusterRoles, sometimes the built-in view/edit.
      const name = random() < 0.1 ? pick(['view', 'edit']) : pick(clusterRoles);
      objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `crb-${i}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects });
    } else {
      const namespace = pick(namespaces);
      const local = rolesByNamespace.get(namespace) ?? [];
      const useLocal = local.length > 0 && random() < 0.7;
      const roleRef = useLocal ? { kind: 'Role', name: pick(local) } : { kind: 'ClusterRole', name: random() < 0.3 ? pick(['view', 'edit', 'admin']) : pick(clusterRoles) };
      objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects });
    }
  }
  return objects;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function request(verb: string, target: string, options: { namespace?: string; allNamespaces?: boolean } = {}): AccessRequest {
  const parsed = parseAccessRequest(verb, target, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

const log = (text: string): void => { process.stderr.write(`${text}\n`); };
const objects = generate();
log(`generated ${objects.length} objects`);
const bootstrap = time(() => loadBootstrapPolicy());
const build = time(() => buildRbacModel(objects, { defaults: bootstrap.value.objects }));
const model = build.value;
log(`model built in ${build.ms.toFixed(0)} ms`);

const rows: string[][] = [];
const whoCanCases: [string, AccessRequest][] = [
  ['who-can get secrets -n ns-7', request('get', 'secrets', { namespace: 'ns-7' })],
  ['who-can create pods/exec -n ns-42', request('create', 'pods/exec', { namespace: 'ns-42' })],
  ['who-can list pods -A', request('list', 'pods', { allNamespaces: true })],
  ['who-can get /metrics', request('get', '/metrics')],
];
for (const [label, req] of whoCanCases) {
  whoCan(model, req);
  const runs = Array.from({ length: 15 }, () => time(() => whoCan(model, req)));
  rows.push([label, `${median(runs.map((r) => r.ms)).toFixed(2)} ms`, `${runs[0]?.value.length ?? 0} subjects`]);
}
const canIRuns = Array.from({ length: 200 }, (_, i) => time(() => canI(model, impersonatedUser(`system:serviceaccount:ns-${i % NAMESPACES}:sa-1`), request('get', 'secrets', { namespace: `ns-${i % NAMESPACES}` }))));
rows.push(['can-i (200 ServiceAccounts, get secrets)', `${median(canIRuns.map((r) => r.ms)).toFixed(3)} ms median`, `${canIRuns.filter((r) => r.value.allowed).length} allowed`]);

log('who-can and can-i done');
const single = time(() => new EscalationAnalyzer(model).pathsFrom({ kind: 'User', name: 'user-7' }));
rows.push(['paths User:user-7 (fresh analyzer)', `${single.ms.toFixed(1)} ms`, `${single.value.length} paths`]);
const all = time(() => {
  const analyzer = new EscalationAnalyzer(model);
  const starts = analyzer.startingSubjects();
  return { starts: starts.length, count: analyzer.pathsFromAll(starts).length };
});
rows.push([`paths of every subject (${all.value.starts} starts)`, `${(all.ms / 1000).toFixed(2)} s`, `${all.value.count} paths`]);

const rbacObjects = objects.filter((o) => o.apiVersion.startsWith('rbac.')).length;
const table = ['| operation | time | result |', '|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
const report = `# RBAC analysis benchmark

Generated by \`node --import tsx bench/rbac.ts\` (writes this file).

Cluster: ${ROLES.toLocaleString('en-US')} Roles/ClusterRoles (1 in 5 a ClusterRole, 1-4 rules each, 3% of rules risky),
${BINDINGS.toLocaleString('en-US')} RoleBindings/ClusterRoleBindings (1 in 10 cluster-wide, 1-3 subjects each),
${NAMESPACES} namespaces, ${NAMESPACES * ACCOUNTS_PER_NAMESPACE} ServiceAccounts, ${NAMESPACES} Deployments,
${USERS} users, ${GROUPS} groups, plus the shipped bootstrap policy (${bootstrap.value.objects.length} objects,
Kubernetes ${bootstrap.value.kubernetesVersion}). ${rbacObjects.toLocaleString('en-US')} RBAC objects in all.

Machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, shared), Node ${process.version}.

| step | time |
|---|---|
| load bootstrap policy (compiled JSON) | ${bootstrap.ms.toFixed(1)} ms |
| build model (incl. aggregation) | ${build.ms.toFixed(1)} ms |

${table}

who-can and can-i times are medians of repeated runs on a built model; path times include
analysing every identity reached (effective permissions, edges and end states, cached per analyzer).
`;
writeFileSync(new URL('./RBAC.md', import.meta.url), report);
process.stdout.write(report);
