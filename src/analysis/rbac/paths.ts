import { severityRank, type Severity } from '../../foundation/severity.js';
import { subjectAppliesTo } from './authorizer.js';
import { DANGEROUS_ACCESS, isFullAccessRule, isNameRestricted, lowerSeverity, matchingProbes, type DangerousAccess } from './dangerous-access.js';
import type { RbacModel } from './model.js';
import { permissionsOfBindings, type Permission } from './permissions.js';
import { formatSubjectRef, subjectRefOf, userInfoOf, type SubjectRef } from './subjects.js';
import type { RbacBinding, UserInfo } from './types.js';

// Escalation paths: a subject "acts as" another when a permission lets it obtain that identity's
// credentials or run code as it. The edges follow the well-known RBAC privilege-escalation routes
// (Kubernetes docs, "RBAC good practices" → privilege escalation risks):
// - create/update pods or workload controllers in a namespace → run a pod as any ServiceAccount there;
// - exec/attach into pods → act as the ServiceAccount those pods run as;
// - create serviceaccounts/token → mint a token for a ServiceAccount;
// - impersonate serviceaccounts/users/groups → act as them;
// - read Secrets → read a legacy ServiceAccount token Secret.
// End states are the dangerous permissions of DANGEROUS_ACCESS plus full control (`*` on `*`).

/** Why a step is allowed: the binding, the role and the rule (`rules[ruleIndex]` of `ruleDeclaredBy`). */
export interface Via {
  readonly binding: string;
  readonly role: string;
  readonly ruleDeclaredBy: string;
  readonly ruleIndex: number;
}

export interface PathStep {
  readonly from: string;
  readonly to: string;
  /** What `from` can do that makes it `to`: "create pods in namespace prod". */
  readonly action: string;
  readonly via: Via;
}

export interface EndState {
  readonly capability: string;
  readonly title: string;
  /** `cluster-wide` or `in namespace NS`, plus ` (named objects only)` when resourceNames narrows it. */
  readonly scope: string;
  readonly severity: Severity;
  readonly via: Via;
}

export interface EscalationPath {
  readonly start: string;
  /** Identity changes from the start to the subject that holds the end state (empty: the start holds it). */
  readonly steps: readonly PathStep[];
  readonly holder: string;
  readonly end: EndState;
}

interface Edge {
  readonly to: SubjectRef;
  readonly action: string;
  readonly via: Via;
}

/** Access that yields every ServiceAccount of a namespace (workload write, token creation, impersonation): an implicit edge to each. */
interface WorkloadAccess {
  readonly action: string;
  readonly via: Via;
}

interface Analysis {
  /** Edges to named identities (exec, tokens, impersonation, token Secrets). */
  readonly edges: readonly Edge[];
  /** Workload write access, kept per namespace rather than as one edge per ServiceAccount. */
  readonly workloadEverywhere?: WorkloadAccess;
  readonly workloadIn: ReadonlyMap<string, WorkloadAccess>;
  readonly ends: readonly EndState[];
}

export interface PathOptions {
  /** Longest chain of identity changes followed; default 4. */
  readonly maxSteps?: number;
}

/** Escalation analysis over one model; identities are analysed once and shared by every start. */
export class EscalationAnalyzer {
  private readonly analyses = new Map<string, Analysis>();
  private readonly bindingsBySubject = new Map<string, RbacBinding[]>();

  constructor(private readonly model: RbacModel) {
    for (const binding of model.bindings) {
      for (const subject of binding.subjects) {
        const ref = subjectRefOf(subject, binding.namespace);
        if (ref === undefined) continue;
        const key = formatSubjectRef(ref);
        const list = this.bindingsBySubject.get(key) ?? [];
        if (!list.includes(binding)) list.push(binding);
        this.bindingsBySubject.set(key, list);
      }
    }
  }

  /** Subjects worth starting from: every subject of an input binding and every ServiceAccount of the input. */
  startingSubjects(): SubjectRef[] {
    const refs = new Map<string, SubjectRef>();
    for (const binding of this.model.bindings) {
      if (binding.origin !== 'input') continue;
      for (const subject of binding.subjects) {
        const ref = subjectRefOf(subject, binding.namespace);
        if (ref !== undefined) refs.set(formatSubjectRef(ref), ref);
      }
    }
    for (const account of this.model.serviceAccounts) {
      if (account.origin !== 'input') continue;
      const ref: SubjectRef = { kind: 'ServiceAccount', namespace: account.namespace, name: account.name };
      refs.set(formatSubjectRef(ref), ref);
    }
    return [...refs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, ref]) => ref);
  }

  /** The shortest path from `start` to each end state (capability + scope) it can reach. */
  pathsFrom(start: SubjectRef, options: PathOptions = {}): EscalationPath[] {
    const maxSteps = options.maxSteps ?? 4;
    const startKey = formatSubjectRef(start);
    // Parent pointers: the step that first reached each identity (breadth-first, so a shortest one).
    const reached = new Map<string, { readonly depth: number; readonly step?: PathStep }>([[startKey, { depth: 0 }]]);
    const stepsTo = (key: string): PathStep[] => {
      const steps: PathStep[] = [];
      for (let entry = reached.get(key); entry?.step !== undefined; entry = reached.get(entry.step.from)) steps.unshift(entry.step);
      return steps;
    };
    const queue: SubjectRef[] = [start];
    const found = new Map<string, EscalationPath>();
    // Namespaces whose ServiceAccounts were all reached through workload write access already.
    const opened = new Set<string>();
    for (let head = 0; head < queue.length; head++) {
      const ref = queue[head];
      if (ref === undefined) break;
      const key = formatSubjectRef(ref);
      const depth = reached.get(key)?.depth ?? 0;
      const analysis = this.analyse(ref);
      for (const end of analysis.ends) {
        const endKey = `${end.capability}\u0000${end.scope}`;
        if (!found.has(endKey)) found.set(endKey, { start: startKey, steps: stepsTo(key), holder: key, end });
      }
      // Full control of the cluster dominates every other end state: nothing further to find.
      if (found.has('full-control\u0000cluster-wide')) break;
      if (depth >= maxSteps) continue;
      for (const edge of this.edgesOfAnalysis(analysis, key, opened)) {
        const toKey = formatSubjectRef(edge.to);
        if (reached.has(toKey)) continue;
        reached.set(toKey, { depth: depth + 1, step: { from: key, to: toKey, action: edge.action, via: edge.via } });
        queue.push(edge.to);
      }
    }
    // A capability held cluster-wide makes the same capability in one namespace (or on named objects) redundant,
    // and full control cluster-wide makes every other end state redundant.
    const all = [...found.values()];
    const fullControl = found.get('full-control\u0000cluster-wide');
    if (fullControl !== undefined) return [fullControl];
    const clusterWide = new Set(all.filter((path) => path.end.scope === 'cluster-wide').map((path) => path.end.capability));
    return all.filter((path) => path.end.scope === 'cluster-wide' || !clusterWide.has(path.end.capability)).sort(comparePaths);
  }

  /**
   * Paths of many starts at once. Most of a large cluster's subjects end up reaching full control
   * (some ClusterRoleBinding grants `*` on `*`), and a breadth-first search per start would explore
   * the whole graph before getting there; instead one backward search from every full-control holder
   * gives each identity its distance (and a shortest next step) to full control.
   */
  pathsFromAll(starts: readonly SubjectRef[], options: PathOptions = {}): EscalationPath[] {
    const maxSteps = options.maxSteps ?? 4;
    const index = this.namespaceIndex();
    const refs = new Map<string, SubjectRef>();
    // Reverse adjacency as parallel arrays (source key, edge): large clusters have many edges.
    const reverse = new Map<string, { readonly from: string[]; readonly edges: Edge[] }>();
    // Workload writers per namespace (and everywhere): predecessors of every ServiceAccount there.
    const writersIn = new Map<string, { from: string; access: WorkloadAccess }[]>();
    const writersEverywhere: { from: string; access: WorkloadAccess }[] = [];
    const queue: SubjectRef[] = [...starts];
    for (const start of starts) refs.set(formatSubjectRef(start), start);
    const opened = new Set<string>();
    for (let head = 0; head < queue.length; head++) {
      const ref = queue[head];
      if (ref === undefined) break;
      const key = formatSubjectRef(ref);
      const analysis = this.analyse(ref);
      if (analysis.workloadEverywhere !== undefined) writersEverywhere.push({ from: key, access: analysis.workloadEverywhere });
      for (const [namespace, access] of analysis.workloadIn) {
        const list = writersIn.get(namespace) ?? [];
        list.push({ from: key, access });
        writersIn.set(namespace, list);
      }
      for (const edge of analysis.edges) {
        const toKey = formatSubjectRef(edge.to);
        let incoming = reverse.get(toKey);
        if (incoming === undefined) {
          incoming = { from: [], edges: [] };
          reverse.set(toKey, incoming);
        }
        incoming.from.push(key);
        incoming.edges.push(edge);
        if (!refs.has(toKey)) {
          refs.set(toKey, edge.to);
          queue.push(edge.to);
        }
      }
      // Every ServiceAccount of a namespace written to joins the universe (once per namespace).
      const namespaces = analysis.workloadEverywhere !== undefined ? index.namespaces : [...analysis.workloadIn.keys()];
      for (const namespace of namespaces) {
        if (opened.has(namespace)) continue;
        opened.add(namespace);
        for (const account of index.accounts.get(namespace) ?? []) {
          if (refs.has(account.key)) continue;
          refs.set(account.key, account.ref);
          queue.push(account.ref);
        }
      }
    }
    const next = new Map<string, { readonly distance: number; readonly step?: PathStep; readonly end: EndState }>();
    const frontier: string[] = [];
    for (const [key, ref] of refs) {
      const end = this.analyse(ref).ends.find((candidate) => candidate.capability === 'full-control' && candidate.scope === 'cluster-wide');
      if (end === undefined) continue;
      next.set(key, { distance: 0, end });
      frontier.push(key);
    }
    const writersDone = new Set<string>();
    let everywhereDone = false;
    for (let head = 0; head < frontier.length; head++) {
      const key = frontier[head];
      if (key === undefined) break;
      const here = next.get(key);
      if (here === undefined || here.distance >= maxSteps) continue;
      const reach = (from: string, to: string, action: string, via: Via): void => {
        if (next.has(from)) return;
        next.set(from, { distance: here.distance + 1, step: { from, to, action, via }, end: here.end });
        frontier.push(from);
      };
      const incoming = reverse.get(key);
      incoming?.from.forEach((from, position) => {
        const edge = incoming.edges[position];
        if (edge !== undefined) reach(from, key, edge.action, edge.via);
      });
      // The first ServiceAccount of a namespace taken from the queue is the nearest one: its writers
      // get their shortest distance through it, later accounts of that namespace add nothing.
      const namespace = index.accountNamespace.get(key);
      if (namespace === undefined) continue;
      if (!writersDone.has(namespace)) {
        writersDone.add(namespace);
        for (const writer of writersIn.get(namespace) ?? []) reach(writer.from, key, writer.access.action, writer.access.via);
      }
      if (!everywhereDone) {
        everywhereDone = true;
        for (const writer of writersEverywhere) reach(writer.from, key, writer.access.action, writer.access.via);
      }
    }
    const out: EscalationPath[] = [];
    for (const start of starts) {
      const startKey = formatSubjectRef(start);
      const entry = next.get(startKey);
      if (entry === undefined) {
        out.push(...this.pathsFrom(start, options));
        continue;
      }
      const steps: PathStep[] = [];
      let holder = startKey;
      for (let at = entry; at.step !== undefined;) {
        steps.push(at.step);
        holder = at.step.to;
        const following = next.get(at.step.to);
        if (following === undefined) break;
        at = following;
      }
      out.push({ start: startKey, steps, holder, end: entry.end });
    }
    return out;
  }

  private analyse(ref: SubjectRef): Analysis {
    const key = formatSubjectRef(ref);
    const cached = this.analyses.get(key);
    if (cached !== undefined) return cached;
    const permissions = permissionsOfBindings(this.model, this.bindingsOf(userInfoOf(ref), ref));
    const analysis = { ...this.edgesOf(permissions, key), ends: endStatesOf(permissions) };
    this.analyses.set(key, analysis);
    return analysis;
  }

  private bindingsOf(user: UserInfo, ref: SubjectRef): RbacBinding[] {
    const keys = [formatSubjectRef(ref), `User:${user.name}`, ...user.groups.map((group) => `Group:${group}`)];
    const out = new Set<RbacBinding>();
    for (const key of keys) {
      for (const binding of this.bindingsBySubject.get(key) ?? []) {
        if (binding.subjects.some((subject) => subjectAppliesTo(subject, user, binding.namespace))) out.add(binding);
      }
    }
    return [...out];
  }

  private edgesOf(permissions: readonly Permission[], self: string): Omit<Analysis, 'ends'> {
    const edges: Edge[] = [];
    let workloadEverywhere: WorkloadAccess | undefined;
    const workloadIn = new Map<string, WorkloadAccess>();
    // Access that yields every ServiceAccount of a namespace (the first permission found wins).
    const anyAccount = (action: string, permission: Permission, via: Via): void => {
      if (permission.namespace === undefined) workloadEverywhere ??= { action, via };
      else if (!workloadIn.has(permission.namespace)) workloadIn.set(permission.namespace, { action, via });
    };
    // One edge per target (the first permission that leads there), none back to itself.
    const seen = new Set<string>([self]);
    const add = (to: SubjectRef, key: string, action: () => string, via: Via): void => {
      if (seen.has(key)) return;
      seen.add(key);
      edges.push({ to, action: action(), via });
    };
    const index = this.namespaceIndex();
    const namespacesOf = (permission: Permission): readonly string[] => permission.namespace === undefined ? index.namespaces : [permission.namespace];
    const where = (permission: Permission): string => permission.namespace === undefined ? 'in every namespace' : `in namespace ${permission.namespace}`;
    for (const permission of permissions) {
      const { rule } = permission;
      const via = viaOf(permission);
      const isNamespaced = permission.namespace !== undefined;
      const named = (name: string): boolean => rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
      if (matchingProbes(rule, DANGEROUS_ACCESS.workloadWrite.probes).length > 0) {
        // Creating a pod (or anything with a pod template) lets one pick spec.serviceAccountName.
        anyAccount(`create pods ${where(permission)}, running as any ServiceAccount there`, permission, via);
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.podExec.probes).length > 0) {
        for (const namespace of namespacesOf(permission)) {
          for (const workload of index.workloads.get(namespace) ?? []) add(workload.ref, workload.key, () => `exec into pods of ${workload.kind} ${namespace}/${workload.name}`, via);
        }
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.tokenCreate.probes).length > 0 && rule.resourceNames.length === 0) {
        anyAccount(`create a token for any ServiceAccount ${where(permission)}`, permission, via);
      } else if (matchingProbes(rule, DANGEROUS_ACCESS.tokenCreate.probes).length > 0) {
        for (const namespace of namespacesOf(permission)) {
          for (const account of index.accounts.get(namespace) ?? []) {
            if (named(account.name)) add(account.ref, account.key, () => `create a token for ServiceAccount ${namespace}/${account.name}`, via);
          }
        }
      }
      for (const probe of matchingProbes(rule, DANGEROUS_ACCESS.impersonate.probes, isNamespaced)) {
        if (probe.resource === 'serviceaccounts' && rule.resourceNames.length === 0) {
          anyAccount(`impersonate any ServiceAccount ${where(permission)}`, permission, via);
        } else if (probe.resource === 'serviceaccounts') {
          for (const namespace of namespacesOf(permission)) {
            for (const account of index.accounts.get(namespace) ?? []) {
              if (named(account.name)) add(account.ref, account.key, () => `impersonate ServiceAccount ${namespace}/${account.name}`, via);
            }
          }
        } else if ((probe.resource === 'users' || probe.resource === 'groups') && rule.resourceNames.length > 0) {
          // Unrestricted user/group impersonation is an end state of its own (anyone, system:masters included).
          for (const name of rule.resourceNames) {
            const to: SubjectRef = probe.resource === 'users' ? { kind: 'User', name } : { kind: 'Group', name };
            add(to, formatSubjectRef(to), () => `impersonate ${to.kind} ${name}`, via);
          }
        }
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.secretsRead.probes).length > 0) {
        for (const namespace of namespacesOf(permission)) {
          for (const secret of index.tokenSecrets.get(namespace) ?? []) {
            if (named(secret.name)) add(secret.ref, secret.key, () => `read the token Secret ${namespace}/${secret.name}`, via);
          }
        }
      }
    }
    return workloadEverywhere === undefined ? { edges, workloadIn } : { edges, workloadEverywhere, workloadIn };
  }

  /**
   * The edges of an analysed identity for a forward search: its explicit edges, then every
   * ServiceAccount of each namespace it can write workloads to that `opened` does not hold yet.
   */
  private edgesOfAnalysis(analysis: Analysis, self: string, opened: Set<string>): Edge[] {
    const index = this.namespaceIndex();
    const out = [...analysis.edges];
    const namespaces = analysis.workloadEverywhere !== undefined ? index.namespaces : [...analysis.workloadIn.keys()];
    for (const namespace of namespaces) {
      if (opened.has(namespace)) continue;
      opened.add(namespace);
      const access = analysis.workloadIn.get(namespace) ?? analysis.workloadEverywhere;
      if (access === undefined) continue;
      for (const account of index.accounts.get(namespace) ?? []) {
        if (account.key !== self) out.push({ to: account.ref, action: access.action, via: access.via });
      }
    }
    return out;
  }

  private namespaceCache: NamespaceIndex | undefined;

  private namespaceIndex(): NamespaceIndex {
    if (this.namespaceCache !== undefined) return this.namespaceCache;
    const accounts = new Map<string, { ref: SubjectRef; key: string; name: string }[]>();
    const workloads = new Map<string, { ref: SubjectRef; key: string; kind: string; name: string }[]>();
    const tokenSecrets = new Map<string, { ref: SubjectRef; key: string; name: string }[]>();
    const push = <T>(map: Map<string, T[]>, namespace: string, value: T): void => {
      const list = map.get(namespace) ?? [];
      list.push(value);
      map.set(namespace, list);
    };
    const accountRef = (namespace: string, name: string): { ref: SubjectRef; key: string } => {
      const ref: SubjectRef = { kind: 'ServiceAccount', namespace, name };
      return { ref, key: formatSubjectRef(ref) };
    };
    for (const account of this.model.serviceAccounts) push(accounts, account.namespace, { ...accountRef(account.namespace, account.name), name: account.name });
    for (const workload of this.model.workloads) push(workloads, workload.namespace, { ...accountRef(workload.namespace, workload.serviceAccountName), kind: workload.kind, name: workload.name });
    for (const secret of this.model.tokenSecrets) push(tokenSecrets, secret.namespace, { ...accountRef(secret.namespace, secret.serviceAccountName), name: secret.name });
    const namespaces = [...new Set([...this.model.namespaces, ...accounts.keys(), ...workloads.keys(), ...tokenSecrets.keys()])].sort();
    const accountNamespace = new Map<string, string>();
    for (const [namespace, list] of accounts) for (const account of list) accountNamespace.set(account.key, namespace);
    this.namespaceCache = { namespaces, accounts, accountNamespace, workloads, tokenSecrets };
    return this.namespaceCache;
  }
}

interface NamespaceIndex {
  readonly namespaces: readonly string[];
  readonly accounts: ReadonlyMap<string, readonly { readonly ref: SubjectRef; readonly key: string; readonly name: string }[]>;
  /** ServiceAccount key → its namespace, for the ServiceAccounts workload writers can run as. */
  readonly accountNamespace: ReadonlyMap<string, string>;
  readonly workloads: ReadonlyMap<string, readonly { readonly ref: SubjectRef; readonly key: string; readonly kind: string; readonly name: string }[]>;
  readonly tokenSecrets: ReadonlyMap<string, readonly { readonly ref: SubjectRef; readonly key: string; readonly name: string }[]>;
}

const END_STATES: readonly DangerousAccess[] = [
  DANGEROUS_ACCESS.secretsRead, DANGEROUS_ACCESS.escalateBind, DANGEROUS_ACCESS.impersonate, DANGEROUS_ACCESS.nodesProxy,
  DANGEROUS_ACCESS.webhookWrite, DANGEROUS_ACCESS.csrApprove, DANGEROUS_ACCESS.pvCreate, DANGEROUS_ACCESS.tokenCreate,
  DANGEROUS_ACCESS.workloadWrite, DANGEROUS_ACCESS.podExec,
];

function endStatesOf(permissions: readonly Permission[]): EndState[] {
  const ends: EndState[] = [];
  for (const permission of permissions) {
    const { rule } = permission;
    const isNamespaced = permission.namespace !== undefined;
    const scopeBase = isNamespaced ? `in namespace ${permission.namespace}` : 'cluster-wide';
    if (isFullAccessRule(rule)) {
      ends.push({ capability: 'full-control', title: 'do anything (cluster-admin equivalent)', scope: scopeBase, severity: isNamespaced ? 'high' : 'critical', via: viaOf(permission) });
    }
    for (const access of END_STATES) {
      if (matchingProbes(rule, access.probes, isNamespaced).length === 0) continue;
      const restricted = isNameRestricted(rule);
      let severity: Severity = isNamespaced ? lowerSeverity(access.severity) : access.severity;
      if (restricted) severity = lowerSeverity(severity);
      ends.push({ capability: access.id, title: access.title, scope: restricted ? `${scopeBase} (named objects only)` : scopeBase, severity, via: viaOf(permission) });
    }
  }
  return ends;
}

function viaOf(permission: Permission): Via {
  return { binding: permission.binding, role: permission.role, ruleDeclaredBy: permission.ruleDeclaredBy, ruleIndex: permission.ruleIndex };
}

function comparePaths(a: EscalationPath, b: EscalationPath): number {
  return severityRank(b.end.severity) - severityRank(a.end.severity) || a.steps.length - b.steps.length ||
    a.end.capability.localeCompare(b.end.capability) || a.end.scope.localeCompare(b.end.scope);
}

/** Paths of every starting subject (or the given ones), most severe first. */
export function escalationPaths(model: RbacModel, starts?: readonly SubjectRef[], options: PathOptions = {}): EscalationPath[] {
  const analyzer = new EscalationAnalyzer(model);
  return analyzer.pathsFromAll(starts ?? analyzer.startingSubjects(), options);
}
