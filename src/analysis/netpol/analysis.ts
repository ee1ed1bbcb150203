import { intervalContains, intervalsOverlap, type IpInterval } from './cidr.js';
import { selectorMatches, type Labels, type Selector } from '../../k8s/label-selector.js';
import type { Direction, NetpolModel, PeerInfo, PolicyInfo, RuleInfo, WorkloadInfo } from './model.js';
import { ALL_PORTS, NO_PORTS, portSetOf, unionPortSets, type PortSet } from './port-set.js';

// NetworkPolicy semantics (k8s.io/api networking/v1 NetworkPolicySpec and the upstream netpol e2e truth
// tables):
// - a pod is isolated for a direction only when some policy of its namespace selects it and lists that
//   direction in (defaulted) policyTypes; a pod nobody isolates accepts and sends everything;
// - an isolated pod allows the union of the matching rules of every policy that isolates it;
// - a connection needs the source's egress AND the destination's ingress to allow it;
// - named ports are resolved on the destination pod's container ports (name and protocol);
// - ipBlock peers are taken to describe addresses outside the cluster: pod addresses are ephemeral and
//   not in manifests, so pods are reached only through pod and namespace selectors.
//
// Pods are grouped by (namespace, labels, named ports): every selector and every named port resolves the
// same way for all pods of a group, so the analysis works on groups, never on workload pairs.

export interface PodGroup {
  readonly id: number;
  readonly namespace: string;
  readonly labels: Labels;
  readonly namedPorts: WorkloadInfo['namedPorts'];
  readonly namedPortsKey: string;
  readonly workloads: readonly WorkloadInfo[];
}

export type Endpoint =
  | { readonly type: 'pods'; readonly group: PodGroup }
  | { readonly type: 'external'; readonly interval: IpInterval };

export interface NetpolAnalysis {
  readonly model: NetpolModel;
  readonly groups: readonly PodGroup[];
  groupOf(workload: WorkloadInfo): PodGroup;
  /** Groups a policy's spec.podSelector selects (its own namespace only). */
  selectedGroups(policy: PolicyInfo): readonly PodGroup[];
  /** Policies that isolate a group for a direction. */
  isolatingPolicies(group: PodGroup, direction: Direction): readonly PolicyInfo[];
  /** Names of the namespaces a namespaceSelector selects (cached per distinct selector). */
  namespacesSelectedBy(selector: Selector): readonly string[];
  /** Groups a pod peer selects; empty for ipBlock and invalid peers. */
  peerGroups(rule: RuleInfo, peer: PeerInfo): ReadonlySet<number>;
  /** Whether a rule's `from`/`to` admits an endpoint. */
  ruleAdmits(rule: RuleInfo, peer: Endpoint): boolean;
  /** A rule's ports with named ports resolved on the destination (none resolve outside the cluster). */
  rulePorts(rule: RuleInfo, destination: PodGroup | undefined): PortSet;
}

const NO_GROUPS: ReadonlySet<number> = new Set();

export function analyzeNetworkPolicies(model: NetpolModel): NetpolAnalysis {
  const groups: PodGroup[] = [];
  const groupIndex = new Map<string, number>();
  const groupOfWorkload = new Map<WorkloadInfo, PodGroup>();
  const members: WorkloadInfo[][] = [];
  for (const workload of model.workloads) {
    const namedPortsKey = keyOfNamedPorts(workload.namedPorts);
    const key = `${workload.namespace}\u0000${keyOfLabels(workload.labels)}\u0000${namedPortsKey}`;
    let id = groupIndex.get(key);
    if (id === undefined) {
      id = groups.length;
      groupIndex.set(key, id);
      const list: WorkloadInfo[] = [];
      members.push(list);
      groups.push({ id, namespace: workload.namespace, labels: workload.labels, namedPorts: workload.namedPorts, namedPortsKey, workloads: list });
    }
    members[id]?.push(workload);
    const group = groups[id];
    if (group !== undefined) groupOfWorkload.set(workload, group);
  }

  const groupsByNamespace = new Map<string, PodGroup[]>();
  for (const group of groups) {
    const list = groupsByNamespace.get(group.namespace);
    if (list === undefined) groupsByNamespace.set(group.namespace, [group]);
    else list.push(group);
  }

  const selected = new Map<PolicyInfo, PodGroup[]>();
  const isolating: Record<Direction, PolicyInfo[][]> = { ingress: groups.map(() => []), egress: groups.map(() => []) };
  for (const policy of model.policies) {
    const chosen = (groupsByNamespace.get(policy.namespace) ?? []).filter((group) => selectorMatches(policy.podSelector, group.labels));
    selected.set(policy, chosen);
    for (const group of chosen) {
      if (policy.affectsIngress) isolating.ingress[group.id]?.push(policy);
      if (policy.affectsEgress) isolating.egress[group.id]?.push(policy);
    }
  }

  // Policies repeat the same selectors; each (selector, namespace) pair and each namespace selector is
  // evaluated once.
  const peerCache = new Map<PeerInfo, ReadonlySet<number>>();
  // Peers that select the same pods in the same namespaces share one set: a cluster repeats
  // "from every namespace" peers across many policies, and a set per peer would grow with policies × pods.
  const peerSetCache = new Map<string, ReadonlySet<number>>();
  const namespaceCache = new Map<string, readonly string[]>();
  const podCache = new Map<string, readonly number[]>();
  const namespaceList = [...model.namespaces.values()];
  const namespacesSelectedBy = (selector: Selector): readonly string[] => {
    const key = JSON.stringify(selector);
    let names = namespaceCache.get(key);
    if (names === undefined) {
      names = namespaceList.filter((namespace) => selectorMatches(selector, namespace.labels)).map((namespace) => namespace.name);
      namespaceCache.set(key, names);
    }
    return names;
  };
  const peerGroups = (rule: RuleInfo, peer: PeerInfo): ReadonlySet<number> => {
    const cached = peerCache.get(peer);
    if (cached !== undefined) return cached;
    if (peer.type !== 'pods') {
      peerCache.set(peer, NO_GROUPS);
      return NO_GROUPS;
    }
    // namespaceSelector absent: the policy's namespace; podSelector absent: every pod there.
    const namespaceSelector = peer.namespaceSelector;
    const podKey = peer.podSelector === undefined ? '' : JSON.stringify(peer.podSelector);
    const sharedKey = `${namespaceSelector === undefined ? `=${rule.policy.namespace}` : JSON.stringify(namespaceSelector)}\u0000${podKey}`;
    const shared = peerSetCache.get(sharedKey);
    if (shared !== undefined) {
      peerCache.set(peer, shared);
      return shared;
    }
    const out = new Set<number>();
    {
      const namespaces = namespaceSelector === undefined ? [rule.policy.namespace] : namespacesSelectedBy(namespaceSelector);
      for (const namespace of namespaces) {
        const key = `${namespace}\u0000${podKey}`;
        let ids = podCache.get(key);
        if (ids === undefined) {
          const podSelector = peer.podSelector;
          ids = (groupsByNamespace.get(namespace) ?? []).filter((group) => podSelector === undefined || selectorMatches(podSelector, group.labels)).map((group) => group.id);
          podCache.set(key, ids);
        }
        for (const id of ids) out.add(id);
      }
    }
    peerCache.set(peer, out);
    peerSetCache.set(sharedKey, out);
    return out;
  };

  const portCache = new Map<RuleInfo, Map<string, PortSet>>();
  const rulePorts = (rule: RuleInfo, destination: PodGroup | undefined): PortSet => {
    if (rule.ports === 'any') return ALL_PORTS;
    // Without named ports a rule's set is the same for every destination.
    const key = destination === undefined ? '\u0000external' : rule.ports.some((spec) => spec.type === 'named') ? destination.namedPortsKey : '';
    let byKey = portCache.get(rule);
    if (byKey === undefined) {
      byKey = new Map();
      portCache.set(rule, byKey);
    }
    const cached = byKey.get(key);
    if (cached !== undefined) return cached;
    let set = NO_PORTS;
    for (const spec of rule.ports) {
      if (spec.type === 'all') set = unionPortSets(set, portSetOf(spec.protocol, 1, 65535));
      else if (spec.type === 'range') set = unionPortSets(set, portSetOf(spec.protocol, spec.low, spec.high));
      else if (spec.type === 'named' && destination !== undefined) {
        for (const port of destination.namedPorts.get(`${spec.protocol}/${spec.name}`) ?? []) set = unionPortSets(set, portSetOf(spec.protocol, port, port));
      }
    }
    byKey.set(key, set);
    return set;
  };

  const ruleAdmits = (rule: RuleInfo, endpoint: Endpoint): boolean => {
    if (rule.peers === 'any') return true;
    for (const peer of rule.peers) {
      if (endpoint.type === 'pods') {
        if (peer.type === 'pods' && peerGroups(rule, peer).has(endpoint.group.id)) return true;
      } else if (peer.type === 'ipBlock' && ipBlockContains(peer, endpoint.interval)) return true;
    }
    return false;
  };

  return {
    model,
    groups,
    groupOf(workload) {
      const group = groupOfWorkload.get(workload);
      if (group === undefined) throw new Error(`workload ${workload.namespace}/${workload.name} is not part of this analysis`);
      return group;
    },
    selectedGroups: (policy) => selected.get(policy) ?? [],
    isolatingPolicies: (group, direction) => isolating[direction][group.id] ?? [],
    namespacesSelectedBy,
    peerGroups,
    ruleAdmits,
    rulePorts,
  };
}

/** An address block is inside an ipBlock when the cidr holds all of it and no `except` touches it. */
export function ipBlockContains(peer: Extract<PeerInfo, { type: 'ipBlock' }>, interval: IpInterval): boolean {
  return intervalContains(peer.cidr, interval) && !peer.except.some((block) => intervalsOverlap(block, interval));
}

function keyOfLabels(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((key) => [key, labels[key]]));
}

function keyOfNamedPorts(ports: WorkloadInfo['namedPorts']): string {
  return JSON.stringify([...ports.keys()].sort().map((key) => [key, [...(ports.get(key) ?? [])].sort((a, b) => a - b)]));
}

export interface RuleMatch {
  readonly rule: RuleInfo;
  readonly ports: PortSet;
}

/** One side of a connection: the subject's egress (towards the peer) or its ingress (from the peer). */
export interface SideDecision {
  readonly direction: Direction;
  readonly isolated: boolean;
  /** Policies that isolate the subject for this direction. */
  readonly policies: readonly PolicyInfo[];
  /** Rules whose peers admit the other end, with the ports each allows (possibly none). */
  readonly matches: readonly RuleMatch[];
  /** What this side allows: everything when not isolated, else the union of the matches' ports. */
  readonly ports: PortSet;
}

/**
 * Decides one side. For ingress the subject is the destination; for egress it is the source and
 * `destination` is the other end's pod group (undefined outside the cluster) for named ports.
 */
export function decideSide(analysis: NetpolAnalysis, direction: Direction, subject: PodGroup, other: Endpoint): SideDecision {
  const policies = analysis.isolatingPolicies(subject, direction);
  if (policies.length === 0) return { direction, isolated: false, policies, matches: [], ports: ALL_PORTS };
  const destination = direction === 'ingress' ? subject : other.type === 'pods' ? other.group : undefined;
  const matches: RuleMatch[] = [];
  let ports = NO_PORTS;
  for (const policy of policies) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (!analysis.ruleAdmits(rule, other)) continue;
      const rulePorts = analysis.rulePorts(rule, destination);
      matches.push({ rule, ports: rulePorts });
      ports = unionPortSets(ports, rulePorts);
    }
  }
  return { direction, isolated: true, policies, matches, ports };
}
