import type { NetpolAnalysis, PodGroup } from './analysis.js';
import { cidrsOfInterval, familyMax, type IpFamily, type IpInterval } from './cidr.js';
import type { Direction, PeerInfo, RuleInfo, WorkloadInfo } from './model.js';
import { ALL_PORTS, intersectPortSets, isAllPorts, isEmptyPortSet, NO_PORTS, portEntriesOf, unionPortSets, type PortEntry, type PortSet } from './port-set.js';

// The reachability matrix. Pod groups that every policy treats alike (same isolating policies, admitted
// by the same rules, same named ports) form one class, and each class pair is decided once; external
// address space is cut only where some ipBlock cidr or except draws a line, and adjacent pieces that
// every ipBlock treats alike are merged back.

export interface WorkloadPeer {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

export interface CidrPeer {
  readonly cidr: string;
}

export type MatrixPeer = WorkloadPeer | CidrPeer;

export type Connection =
  | { readonly from: MatrixPeer; readonly to: MatrixPeer; readonly all: true }
  | { readonly from: MatrixPeer; readonly to: MatrixPeer; readonly ports: readonly PortEntry[] };

export interface MatrixJson {
  readonly peers: readonly WorkloadPeer[];
  readonly connections: readonly Connection[];
}

export interface ExternalRegion {
  readonly interval: IpInterval;
  readonly cidrs: readonly string[];
}

export interface ReachabilityMatrix {
  readonly workloads: readonly WorkloadInfo[];
  readonly regions: readonly ExternalRegion[];
  /** Number of equivalence classes the pod groups fell into (the size of the computed core). */
  readonly classCount: number;
  /** Allowed ports from one workload to another (indices into `workloads`). */
  between(from: number, to: number): PortSet;
  toExternal(from: number, region: number): PortSet;
  fromExternal(region: number, to: number): PortSet;
}

export function computeMatrix(analysis: NetpolAnalysis): ReachabilityMatrix {
  const { model } = analysis;
  const workloads = [...model.workloads].sort(compareWorkloads);

  // Class signature: everything a decision can depend on.
  const admittedGroups = new Map<RuleInfo, Set<number>>();
  const memberOf = new Map<number, number[]>();
  for (const rule of model.rules) {
    if (rule.peers === 'any') continue;
    const admitted = new Set<number>();
    for (const peer of rule.peers) for (const id of analysis.peerGroups(rule, peer)) admitted.add(id);
    admittedGroups.set(rule, admitted);
    for (const id of admitted) {
      const list = memberOf.get(id);
      if (list === undefined) memberOf.set(id, [rule.id]);
      else list.push(rule.id);
    }
  }
  const classIds = new Map<string, number>();
  const classOfGroup: number[] = [];
  const representatives: PodGroup[] = [];
  for (const group of analysis.groups) {
    const signature = JSON.stringify([
      analysis.isolatingPolicies(group, 'ingress').map((policy) => policy.objectIndex),
      analysis.isolatingPolicies(group, 'egress').map((policy) => policy.objectIndex),
      memberOf.get(group.id) ?? [],
      group.namedPortsKey,
    ]);
    let id = classIds.get(signature);
    if (id === undefined) {
      id = representatives.length;
      classIds.set(signature, id);
      representatives.push(group);
    }
    classOfGroup[group.id] = id;
  }

  const regions = externalRegions(model.rules.flatMap((rule) => (rule.peers === 'any' ? [] : rule.peers)));
  const classCount = representatives.length;
  // Admission tables, per rule: the classes and the external regions its peers admit (no entry:
  // `from`/`to` absent, everything is admitted). Memory is O(classes²) for the two sides and the pairs.
  const admitsClass = new Map<RuleInfo, readonly number[]>();
  const admitsRegion = new Map<RuleInfo, Uint8Array>();
  for (const rule of model.rules) {
    if (rule.peers === 'any') continue;
    const classes = new Set<number>();
    for (const id of admittedGroups.get(rule) ?? []) classes.add(classOfGroup[id] ?? 0);
    admitsClass.set(rule, [...classes]);
    const admitted = new Uint8Array(regions.length);
    for (const peer of rule.peers) if (peer.type === 'ipBlock') regionsAdmittedBy(peer, regions, admitted);
    admitsRegion.set(rule, admitted);
  }
  const everyClass = representatives.map((_, index) => index);
  // Each class's isolating rules flattened once; `undefined` when the class is not isolated.
  const rulesOf = (direction: Direction): (readonly RuleInfo[] | undefined)[] => representatives.map((group) => {
    const policies = analysis.isolatingPolicies(group, direction);
    return policies.length === 0 ? undefined : policies.flatMap((policy) => (direction === 'ingress' ? policy.ingress : policy.egress));
  });
  const egressRules = rulesOf('egress');
  const ingressRules = rulesOf('ingress');
  // Rule ports resolved per destination class (index classCount: outside the cluster), filled lazily.
  const portsByClass = new Map<RuleInfo, PortSet[]>();
  const portsOf = (rule: RuleInfo, destination: number): PortSet => {
    let list = portsByClass.get(rule);
    if (list === undefined) portsByClass.set(rule, (list = []));
    let ports = list[destination];
    if (ports === undefined) list[destination] = ports = analysis.rulePorts(rule, representatives[destination]);
    return ports;
  };
  // Each side as a row: a rule adds its ports only to the classes it admits, so the work follows the
  // size of the rules' peer sets rather than (classes x rules) per pair.
  // egress[s * C + d]: what s may send to d; ingress[d * C + s]: what d accepts from s.
  const side = (rulesByClass: readonly (readonly RuleInfo[] | undefined)[], isEgress: boolean): PortSet[] => {
    const table = new Array<PortSet>(classCount * classCount);
    for (let subject = 0; subject < classCount; subject += 1) {
      const rules = rulesByClass[subject];
      const base = subject * classCount;
      table.fill(rules === undefined ? ALL_PORTS : NO_PORTS, base, base + classCount);
      for (const rule of rules ?? []) {
        for (const other of admitsClass.get(rule) ?? everyClass) {
          const index = base + other;
          table[index] = unionPortSets(table[index] ?? NO_PORTS, portsOf(rule, isEgress ? other : subject));
        }
      }
    }
    return table;
  };
  const egress = side(egressRules, true);
  const ingress = side(ingressRules, false);
  const pairs: PortSet[] = new Array<PortSet>(classCount * classCount);
  for (let s = 0; s < classCount; s += 1) {
    for (let d = 0; d < classCount; d += 1) {
      pairs[s * classCount + d] = intersectPortSets(egress[s * classCount + d] ?? NO_PORTS, ingress[d * classCount + s] ?? NO_PORTS);
    }
  }
  const allowedBy = (rules: readonly RuleInfo[] | undefined, region: number, destination: number): PortSet => {
    if (rules === undefined) return ALL_PORTS;
    let ports = NO_PORTS;
    for (const rule of rules) {
      const admits = admitsRegion.get(rule);
      if (admits === undefined || admits[region] === 1) ports = unionPortSets(ports, portsOf(rule, destination));
    }
    return ports;
  };
  // Nothing outside the cluster is subject to NetworkPolicy: only the pod's own side decides, and named
  // ports resolve only on a destination pod.
  const outbound: PortSet[] = [];
  const inbound: PortSet[] = [];
  for (let c = 0; c < classCount; c += 1) {
    for (let r = 0; r < regions.length; r += 1) {
      outbound[c * regions.length + r] = allowedBy(egressRules[c], r, classCount);
      inbound[c * regions.length + r] = allowedBy(ingressRules[c], r, c);
    }
  }
  const classOf = workloads.map((workload) => classOfGroup[analysis.groupOf(workload).id] ?? 0);
  const at = <T>(list: readonly T[], index: number): T => {
    const value = list[index];
    if (value === undefined) throw new RangeError(`matrix index ${index} out of range`);
    return value;
  };
  return {
    workloads,
    regions,
    classCount,
    between: (from, to) => at(pairs, at(classOf, from) * classCount + at(classOf, to)),
    toExternal: (from, region) => at(outbound, at(classOf, from) * regions.length + region),
    fromExternal: (region, to) => at(inbound, at(classOf, to) * regions.length + region),
  };
}

function compareWorkloads(a: WorkloadInfo, b: WorkloadInfo): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind) || a.objectIndex - b.objectIndex;
}

type IpBlockPeer = Extract<PeerInfo, { type: 'ipBlock' }>;

/** The addresses an ipBlock admits: its cidr minus its excepts, as sorted disjoint intervals. */
function blockParts(block: IpBlockPeer): IpInterval[] {
  const { family } = block.cidr;
  const holes = block.except.filter((hole) => hole.family === family).sort((a, b) => compareBig(a.start, b.start));
  const out: IpInterval[] = [];
  let next = block.cidr.start;
  for (const hole of holes) {
    if (hole.end < next) continue;
    if (hole.start > block.cidr.end) break;
    if (hole.start > next) out.push({ family, start: next, end: hole.start - 1n });
    next = hole.end + 1n;
  }
  if (next <= block.cidr.end) out.push({ family, start: next, end: block.cidr.end });
  return out;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits IPv4 and IPv6 space into the blocks the ipBlock peers distinguish. A cut is where some ipBlock's
 * admitted addresses begin or end, so neighbouring regions always differ for at least one ipBlock, and
 * addresses inside one region are treated alike by all of them.
 */
export function externalRegions(peers: readonly PeerInfo[]): ExternalRegion[] {
  const out: ExternalRegion[] = [];
  for (const family of [4, 6] as const satisfies readonly IpFamily[]) {
    const max = familyMax(family);
    const cuts = new Set<bigint>([0n]);
    for (const peer of peers) {
      if (peer.type !== 'ipBlock' || peer.cidr.family !== family) continue;
      for (const part of blockParts(peer)) {
        cuts.add(part.start);
        if (part.end < max) cuts.add(part.end + 1n);
      }
    }
    const starts = [...cuts].sort(compareBig);
    starts.forEach((start, i) => {
      const next = starts[i + 1];
      const interval: IpInterval = { family, start, end: next === undefined ? max : next - 1n };
      out.push({ interval, cidrs: cidrsOfInterval(interval) });
    });
  }
  return out;
}

/** Which regions (as produced by `externalRegions` from peers including this one) an ipBlock admits. */
function regionsAdmittedBy(block: IpBlockPeer, regions: readonly ExternalRegion[], into: Uint8Array): void {
  for (const part of blockParts(block)) {
    // Regions never straddle a part's edges: mark from the region starting at part.start to part.end.
    let low = 0;
    let high = regions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const region = regions[middle]?.interval;
      if (region !== undefined && (region.family < part.family || (region.family === part.family && region.start < part.start))) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < regions.length; index += 1) {
      const region = regions[index]?.interval;
      if (region === undefined || region.family !== part.family || region.start > part.end) break;
      into[index] = 1;
    }
  }
}

export function workloadPeer(workload: WorkloadInfo): WorkloadPeer {
  return { namespace: workload.namespace, kind: workload.kind, name: workload.name };
}

function connectionOf(from: MatrixPeer, to: MatrixPeer, ports: PortSet): Connection | undefined {
  if (isEmptyPortSet(ports)) return undefined;
  return isAllPorts(ports) ? { from, to, all: true } : { from, to, ports: portEntriesOf(ports) };
}

/** Every allowed connection: workload to workload, workload to outside, outside to workload. */
export function* connectionsOf(matrix: ReachabilityMatrix): Generator<Connection> {
  const peers = matrix.workloads.map(workloadPeer);
  for (let s = 0; s < peers.length; s += 1) {
    for (let d = 0; d < peers.length; d += 1) {
      const connection = connectionOf(at(peers, s), at(peers, d), matrix.between(s, d));
      if (connection !== undefined) yield connection;
    }
  }
  for (let s = 0; s < peers.length; s += 1) {
    for (const [r, region] of matrix.regions.entries()) {
      const ports = matrix.toExternal(s, r);
      for (const cidr of region.cidrs) {
        const connection = connectionOf(at(peers, s), { cidr }, ports);
        if (connection !== undefined) yield connection;
      }
    }
  }
  for (const [r, region] of matrix.regions.entries()) {
    for (const cidr of region.cidrs) {
      for (let d = 0; d < peers.length; d += 1) {
        const connection = connectionOf({ cidr }, at(peers, d), matrix.fromExternal(r, d));
        if (connection !== undefined) yield connection;
      }
    }
  }
}

export function matrixJson(matrix: ReachabilityMatrix): MatrixJson {
  return { peers: matrix.workloads.map(workloadPeer), connections: [...connectionsOf(matrix)] };
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range`);
  return value;
}
