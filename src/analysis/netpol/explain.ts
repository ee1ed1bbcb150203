import { formatFieldPath } from '../../foundation/field-path.js';
import { decideSide, ipBlockContains, type Endpoint, type NetpolAnalysis, type SideDecision } from './analysis.js';
import { formatInterval, intervalContains, intervalsOverlap, parseCidr, type IpInterval } from './cidr.js';
import { workloadPeer, type MatrixPeer } from './matrix.js';
import { peerPath, rulePath, type Direction, type NetpolModel, type PolicyInfo, type WorkloadInfo } from './model.js';
import { portSetHas, type Protocol } from './port-set.js';

// `netpol explain`: one connection, both sides, and the policies and rules that decide each.

export type ExplainEndpoint =
  | { readonly type: 'workload'; readonly workload: WorkloadInfo }
  | { readonly type: 'external'; readonly interval: IpInterval };

export type LookupResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** `NS/NAME`, `NS/KIND/NAME`, or an address / CIDR block outside the cluster. */
export function lookupEndpoint(model: NetpolModel, text: string): LookupResult<ExplainEndpoint> {
  const interval = parseCidr(text);
  if (interval !== undefined) return { ok: true, value: { type: 'external', interval } };
  const parts = text.split('/');
  if (parts.length !== 2 && parts.length !== 3) return { ok: false, message: `${JSON.stringify(text)} is neither NAMESPACE/WORKLOAD, NAMESPACE/KIND/WORKLOAD nor a CIDR` };
  const [namespace, kind, name] = parts.length === 3 ? parts : [parts[0], undefined, parts[1]];
  const found = model.workloads.filter((workload) => workload.namespace === namespace && workload.name === name &&
    (kind === undefined || workload.kind.toLowerCase() === kind.toLowerCase()));
  const only = found.length === 1 ? found[0] : undefined;
  if (only !== undefined) return { ok: true, value: { type: 'workload', workload: only } };
  if (found.length === 0) return { ok: false, message: `no workload ${text} in the input` };
  return { ok: false, message: `${text} is ambiguous (${found.map((workload) => workload.kind).join(', ')}); write NAMESPACE/KIND/NAME` };
}

export interface PolicyRef {
  readonly namespace: string;
  readonly name: string;
}

export interface RuleVerdict {
  readonly policy: PolicyRef;
  /** `spec.ingress[0]` */
  readonly rule: string;
  /** Peers of the rule that admit the other end (`spec.ingress[0].from[1]`); empty when the rule has no from/to. */
  readonly peers: readonly string[];
  /** The rule's peers admit the other end; `allowsPort` says whether its ports admit the port too. */
  readonly allowsPort: boolean;
}

export type SideExplanation =
  | { readonly direction: Direction; readonly appliesTo: 'outside-cluster'; readonly allowed: true }
  | { readonly direction: Direction; readonly appliesTo: 'workload'; readonly isolated: false; readonly allowed: true }
  | {
    readonly direction: Direction;
    readonly appliesTo: 'workload';
    readonly isolated: true;
    readonly allowed: boolean;
    readonly policies: readonly PolicyRef[];
    readonly rules: readonly RuleVerdict[];
  };

export interface Explanation {
  readonly allowed: boolean;
  readonly from: MatrixPeer;
  readonly to: MatrixPeer;
  readonly protocol: Protocol;
  readonly port: number;
  readonly egress: SideExplanation;
  readonly ingress: SideExplanation;
  /** Address blocks that straddle an ipBlock edge: decided as "not inside", so part of them may be allowed. */
  readonly notes: readonly string[];
}

export interface ExplainQuery {
  readonly from: ExplainEndpoint;
  readonly to: ExplainEndpoint;
  /** A number, or the name of a container port of the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
}

export function explainConnection(analysis: NetpolAnalysis, query: ExplainQuery): LookupResult<Explanation> {
  const { from, to, protocol } = query;
  if (from.type === 'external' && to.type === 'external') return { ok: false, message: 'at least one end must be a workload: traffic between outside addresses is not subject to NetworkPolicy' };
  let port: number;
  if (typeof query.port === 'number') port = query.port;
  else {
    const resolved = to.type === 'workload' ? to.workload.namedPorts.get(`${protocol}/${query.port}`) : undefined;
    const first = resolved?.[0];
    if (first === undefined) return { ok: false, message: `the destination has no ${protocol} container port named ${query.port}` };
    port = first;
  }
  const endpointOf = (end: ExplainEndpoint): Endpoint => (end.type === 'workload' ? { type: 'pods', group: analysis.groupOf(end.workload) } : { type: 'external', interval: end.interval });
  const side = (direction: Direction, subject: ExplainEndpoint, other: ExplainEndpoint): SideExplanation => {
    if (subject.type === 'external') return { direction, appliesTo: 'outside-cluster', allowed: true };
    const otherEnd = endpointOf(other);
    const decision = decideSide(analysis, direction, analysis.groupOf(subject.workload), otherEnd);
    return explainSide(analysis, decision, otherEnd, protocol, port);
  };
  const egress = side('egress', from, to);
  const ingress = side('ingress', to, from);
  const notes = [...straddled(analysis, from, to, 'egress'), ...straddled(analysis, to, from, 'ingress')];
  return {
    ok: true,
    value: { allowed: egress.allowed && ingress.allowed, from: peerOf(from), to: peerOf(to), protocol, port, egress, ingress, notes },
  };
}

function explainSide(analysis: NetpolAnalysis, decision: SideDecision, other: Endpoint, protocol: Protocol, port: number): SideExplanation {
  if (!decision.isolated) return { direction: decision.direction, appliesTo: 'workload', isolated: false, allowed: true };
  const rules = decision.matches.map((match) => ({
    policy: refOf(match.rule.policy),
    rule: formatFieldPath(rulePath(match.rule)),
    peers: match.rule.peers === 'any' ? [] : match.rule.peers
      .filter((peer) => (other.type === 'pods' ? peer.type === 'pods' && analysis.peerGroups(match.rule, peer).has(other.group.id) : peer.type === 'ipBlock' && ipBlockContains(peer, other.interval)))
      .map((peer) => formatFieldPath(peerPath(match.rule, peer))),
    allowsPort: portSetHas(match.ports, protocol, port),
  }));
  return {
    direction: decision.direction,
    appliesTo: 'workload',
    isolated: true,
    allowed: rules.some((rule) => rule.allowsPort),
    policies: decision.policies.map(refOf),
    rules,
  };
}

function straddled(analysis: NetpolAnalysis, subject: ExplainEndpoint, other: ExplainEndpoint, direction: Direction): string[] {
  if (subject.type !== 'workload' || other.type !== 'external') return [];
  const out: string[] = [];
  for (const policy of analysis.isolatingPolicies(analysis.groupOf(subject.workload), direction)) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (rule.peers === 'any') continue;
      for (const peer of rule.peers) {
        if (peer.type !== 'ipBlock' || ipBlockContains(peer, other.interval)) continue;
        const touches = intervalsOverlap(peer.cidr, other.interval) && !peer.except.some((block) => intervalContains(block, other.interval));
        if (!touches) continue;
        out.push(`${formatInterval(other.interval)} is only partly inside ${policy.namespace}/${policy.name} ${formatFieldPath(peerPath(rule, peer))} (ipBlock ${peer.cidrText}${peer.except.length > 0 ? ' with except' : ''}); ask about a narrower block`);
      }
    }
  }
  return out;
}

function refOf(policy: PolicyInfo): PolicyRef {
  return { namespace: policy.namespace, name: policy.name };
}

function peerOf(end: ExplainEndpoint): MatrixPeer {
  return end.type === 'workload' ? workloadPeer(end.workload) : { cidr: formatInterval(end.interval) };
}
