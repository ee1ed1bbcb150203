import { severityRank, type Severity } from '../../engine/rule.js';
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

interface Analysis {
  readonly edges: readonly Edge[];
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

  /** Subjects worth starting from: every subject of an input binding and every known ServiceAccount. */
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
      const ref: SubjectRef = { kind: 'ServiceAccount', namespace: account.namespace, name: account.name };
      refs.set(formatSubjectRef(ref), ref);
    }
    return [...refs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, ref]) => ref);
  }

  /** The shortest path from `start` to each end state (capability + scope) it can reach. */
  pathsFrom(start: SubjectRef, options: PathOptions = {}): EscalationPath[] {
    const maxSteps = options.maxSteps ?? 4;
    const startKey = formatSubjectRef(start);
    const reached = new Map<string, readonly PathStep[]>([[startKey, []]]);
    const queue: SubjectRef[] = [start];
    const found = new Map<string, EscalationPath>();
    for (let head = 0; head < queue.length; head++) {
      const ref = queue[head];
      if (ref === undefined) break;
      const key = formatSubjectRef(ref);
      const steps = reached.get(key) ?? [];
      const analysis = this.analyse(ref);
      for (const end of analysis.ends) {
        const endKey = `${end.capability}\u0000${end.scope}`;
        if (!found.has(endKey)) found.set(endKey, { start: startKey, steps, holder: key, end });
      }
      if (steps.length >= maxSteps) continue;
      for (const edge of analysis.edges) {
        const toKey = formatSubjectRef(edge.to);
        if (reached.has(toKey)) continue;
        reached.set(toKey, [...steps, { from: key, to: toKey, action: edge.action, via: edge.via }]);
        queue.push(edge.to);
      }
    }
    // A capability held cluster-wide makes the same capability in one namespace (or on named objects) redundant,
    // and full control cluster-wide makes every other end state of the same holder redundant.
    const clusterWide = new Set([...found.values()].filter((path) => path.end.scope === 'cluster-wide').map((path) => path.end.capability));
    const fullControlHolders = new Set([...found.values()].filter((path) => path.end.capability === 'full-control' && path.end.scope === 'cluster-wide').map((path) => path.holder));
    return [...found.values()].filter((path) => {
      if (path.end.scope !== 'cluster-wide' && clusterWide.has(path.end.capability)) return false;
      return path.end.capability === 'full-control' || !fullControlHolders.has(path.holder);
    }).sort(comparePaths);
  }

  private analyse(ref: SubjectRef): Analysis {
    const key = formatSubjectRef(ref);
    const cached = this.analyses.get(key);
    if (cached !== undefined) return cached;
    const permissions = permissionsOfBindings(this.model, this.bindingsOf(userInfoOf(ref), ref));
    const analysis = { edges: this.edgesOf(permissions, key), ends: endStatesOf(permissions) };
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

  private edgesOf(permissions: readonly Permission[], self: string): Edge[] {
    const edges: Edge[] = [];
    const model = this.model;
    const inScope = (permission: Permission, namespace: string): boolean => permission.namespace === undefined || permission.namespace === namespace;
    const where = (permission: Permission): string => permission.namespace === undefined ? 'in every namespace' : `in namespace ${permission.namespace}`;
    for (const permission of permissions) {
      const { rule } = permission;
      const via = viaOf(permission);
      const isNamespaced = permission.namespace !== undefined;
      const named = (name: string): boolean => rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
      if (matchingProbes(rule, DANGEROUS_ACCESS.workloadWrite.probes).length > 0) {
        // Creating a pod (or anything with a pod template) lets one pick spec.serviceAccountName.
        for (const account of model.serviceAccounts) {
          if (!inScope(permission, account.namespace)) continue;
          edges.push({ to: { kind: 'ServiceAccount', namespace: account.namespace, name: account.name }, action: `create pods ${where(permission)}, running as any ServiceAccount there`, via });
        }
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.podExec.probes).length > 0) {
        for (const workload of model.workloads) {
          if (!inScope(permission, workload.namespace)) continue;
          edges.push({ to: { kind: 'ServiceAccount', namespace: workload.namespace, name: workload.serviceAccountName }, action: `exec into pods of ${workload.kind} ${workload.namespace}/${workload.name}`, via });
        }
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.tokenCreate.probes).length > 0) {
        for (const account of model.serviceAccounts) {
          if (!inScope(permission, account.namespace) || !named(account.name)) continue;
          edges.push({ to: { kind: 'ServiceAccount', namespace: account.namespace, name: account.name }, action: `create a token for ServiceAccount ${account.namespace}/${account.name}`, via });
        }
      }
      const impersonation = matchingProbes(rule, DANGEROUS_ACCESS.impersonate.probes, isNamespaced);
      for (const probe of impersonation) {
        if (probe.resource === 'serviceaccounts') {
          for (const account of model.serviceAccounts) {
            if (!inScope(permission, account.namespace) || !named(account.name)) continue;
            edges.push({ to: { kind: 'ServiceAccount', namespace: account.namespace, name: account.name }, action: `impersonate ServiceAccount ${account.namespace}/${account.name}`, via });
          }
        } else if ((probe.resource === 'users' || probe.resource === 'groups') && rule.resourceNames.length > 0) {
          // Unrestricted user/group impersonation is an end state of its own (anyone, system:masters included).
          for (const name of rule.resourceNames) {
            edges.push({ to: probe.resource === 'users' ? { kind: 'User', name } : { kind: 'Group', name }, action: `impersonate ${probe.resource === 'users' ? 'User' : 'Group'} ${name}`, via });
          }
        }
      }
      if (matchingProbes(rule, DANGEROUS_ACCESS.secretsRead.probes).length > 0) {
        for (const secret of model.tokenSecrets) {
          if (!inScope(permission, secret.namespace) || !named(secret.name)) continue;
          edges.push({ to: { kind: 'ServiceAccount', namespace: secret.namespace, name: secret.serviceAccountName }, action: `read the token Secret ${secret.namespace}/${secret.name}`, via });
        }
      }
    }
    return edges.filter((edge) => formatSubjectRef(edge.to) !== self);
  }
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
  const out: EscalationPath[] = [];
  for (const start of starts ?? analyzer.startingSubjects()) out.push(...analyzer.pathsFrom(start, options));
  return out;
}
