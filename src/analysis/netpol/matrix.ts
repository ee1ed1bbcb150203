import { decideSide, ipBlockContains, type NetpolAnalysis, type PodGroup } from './analysis.js';
import { cidrsOfInterval, familyMax, type IpFamily, type IpInterval } from './cidr.js';
import type { PeerInfo, WorkloadInfo } from './model.js';
import { intersectPortSets, isAllPorts, isEmptyPortSet, portEntriesOf, type PortEntry, type PortSet } from './port-set.js';

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
  const memberOf = new Map<number, number[]>();
  for (const rule of model.rules) {
    if (rule.peers === 'any') continue;
    const admitted = new Set<number>();
    for (const peer of rule.peers) for (const id of analysis.peerGroups(rule, peer)) admitted.add(id);
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
  const pairs: PortSet[] = new Array<PortSet>(classCount * classCount);
  for (let s = 0; s < classCount; s += 1) {
    const source = representatives[s];
    if (source === undefined) continue;
    for (let d = 0; d < classCount; d += 1) {
      const destination = representatives[d];
      if (destination === undefined) continue;
      const egress = decideSide(analysis, 'egress', source, { type: 'pods', group: destination }).ports;
      pairs[s * classCount + d] = isEmptyPortSet(egress) ? egress
        : intersectPortSets(egress, decideSide(analysis, 'ingress', destination, { type: 'pods', group: source }).ports);
    }
  }
  // Nothing outside the cluster is subject to NetworkPolicy: only the pod's own side decides.
  const outbound: PortSet[] = [];
  const inbound: PortSet[] = [];
  for (let c = 0; c < classCount; c += 1) {
    const group = representatives[c];
    if (group === undefined) continue;
    regions.forEach((region, r) => {
      const endpoint = { type: 'external', interval: region.interval } as const;
      outbound[c * regions.length + r] = decideSide(analysis, 'egress', group, endpoint).ports;
      inbound[c * regions.length + r] = decideSide(analysis, 'ingress', group, endpoint).ports;
    });
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

/** Splits IPv4 and IPv6 space into the blocks the ipBlock peers distinguish. */
export function externalRegions(peers: readonly PeerInfo[]): ExternalRegion[] {
  const blocks = peers.filter((peer): peer is Extract<PeerInfo, { type: 'ipBlock' }> => peer.type === 'ipBlock');
  const out: ExternalRegion[] = [];
  for (const family of [4, 6] as const satisfies readonly IpFamily[]) {
    const max = familyMax(family);
    const mine = blocks.filter((block) => block.cidr.family === family);
    const cuts = new Set<bigint>([0n]);
    for (const block of mine) {
      for (const interval of [block.cidr, ...block.except]) {
        if (interval.family !== family) continue;
        cuts.add(interval.start);
        if (interval.end < max) cuts.add(interval.end + 1n);
      }
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let current: { interval: IpInterval; signature: string } | undefined;
    starts.forEach((start, i) => {
      const next = starts[i + 1];
      const interval: IpInterval = { family, start, end: next === undefined ? max : next - 1n };
      const signature = mine.map((block) => (ipBlockContains(block, interval) ? '1' : '0')).join('');
      if (current !== undefined && current.signature === signature) {
        current = { interval: { family, start: current.interval.start, end: interval.end }, signature };
        return;
      }
      if (current !== undefined) out.push({ interval: current.interval, cidrs: cidrsOfInterval(current.interval) });
      current = { interval, signature };
    });
    if (current !== undefined) out.push({ interval: current.interval, cidrs: cidrsOfInterval(current.interval) });
  }
  return out;
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
