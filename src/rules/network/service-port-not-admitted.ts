import type { PodGroup } from '../../analysis/netpol/analysis.js';
import type { ServicePortInfo, WorkloadInfo } from '../../analysis/netpol/model.js';
import { NO_PORTS, portSetHas, unionPortSets, type PortSet } from '../../analysis/netpol/port-set.js';
import { defineCollectionRule } from '../../engine/rule.js';
import { NETPOL_KINDS, NETWORK_POLICY_DOCS, NSA_NETWORK, netpolContextOf, type NetpolRuleContext, keepNetpolFields } from './support/netpol-context.js';

// Reads Service spec.selector and spec.ports[*] (port, targetPort, protocol), the selected workloads'
// container ports, and the NetworkPolicies isolating them. targetPort defaults to port; a named
// targetPort resolves on each pod's container ports. A Service port is reported when every selected
// workload is isolated for ingress and no ingress rule admits any peer (pod or address) on its target
// port: the Service can never be reached.
export const servicePortNotAdmitted = defineCollectionRule({
  meta: {
    id: 'service-port-not-admitted',
    title: 'Service ports should be admitted by some NetworkPolicy',
    severity: 'low',
    category: 'network',
    description:
      'When the pods behind a Service are isolated for ingress and no rule admits the target port, every connection to that port is dropped. Either the port is dead and should be removed, or a policy is missing and someone will be tempted to open everything to fix it.',
    remediation: 'Add an ingress rule admitting the Service\'s targetPort from its clients, or remove the unused port from the Service.',
    references: [NETWORK_POLICY_DOCS, 'https://kubernetes.io/docs/concepts/services-networking/service/'],
    frameworks: { nsa: [NSA_NETWORK] },
    fixable: false,
    messages: {
      notAdmitted: 'spec.ports[{{index}}] ({{protocol}} {{port}} -> {{target}}) is admitted by no ingress rule of the policies isolating {{workloads}}',
    },
  },
  kinds: NETPOL_KINDS,
  keep: keepNetpolFields,
  check(context) {
    const netpol = netpolContextOf(context);
    const { model, analysis, target, workloadsByNamespace } = netpol;
    const backendsOf = backendIndex(workloadsByNamespace);
    const admittedByGroup = new Map<number, PortSet | undefined>();
    const admittedFor = (group: PodGroup): PortSet | undefined => {
      if (!admittedByGroup.has(group.id)) admittedByGroup.set(group.id, admittedPorts(netpol, group));
      return admittedByGroup.get(group.id);
    };
    for (const service of model.services) {
      const selector = service.selector;
      if (selector === undefined) continue;
      const backends = backendsOf(service.namespace, selector);
      if (backends.length === 0) continue;
      const admitted = backends.map((workload) => admittedFor(analysis.groupOf(workload)));
      if (admitted.some((ports) => ports === undefined)) continue;
      for (const port of service.ports) {
        const reachable = backends.some((workload, index) => {
          const ports = admitted[index];
          const number = targetOn(workload, port);
          return ports !== undefined && number !== undefined && portSetHas(ports, port.protocol, number);
        });
        if (reachable) continue;
        context.report(target(service.objectIndex), {
          messageId: 'notAdmitted',
          data: { index: port.index, protocol: port.protocol, port: port.port, target: String(port.targetPort), workloads: backends.map((workload) => `${workload.kind} ${workload.name}`).join(', ') },
          path: ['spec', 'ports', port.index],
        });
      }
    }
  },
});

/**
 * The workloads a Service selector matches, found through an index of label pairs per namespace, so
 * a namespace with thousands of workloads and Services is not scanned once per Service.
 */
function backendIndex(workloadsByNamespace: ReadonlyMap<string, readonly WorkloadInfo[]>) {
  const byPair = new Map<string, WorkloadInfo[]>();
  for (const [namespace, workloads] of workloadsByNamespace) {
    for (const workload of workloads) {
      for (const [key, value] of Object.entries(workload.labels)) {
        const pair = `${namespace}\u0000${key}\u0000${value}`;
        const list = byPair.get(pair);
        if (list === undefined) byPair.set(pair, [workload]);
        else list.push(workload);
      }
    }
  }
  return (namespace: string, selector: Readonly<Record<string, string>>): WorkloadInfo[] => {
    const pairs = Object.entries(selector);
    // A Service with an empty selector selects no pods (it is managed by hand through Endpoints).
    if (pairs.length === 0) return [];
    let smallest: readonly WorkloadInfo[] | undefined;
    for (const [key, value] of pairs) {
      const candidates = byPair.get(`${namespace}\u0000${key}\u0000${value}`) ?? [];
      if (smallest === undefined || candidates.length < smallest.length) smallest = candidates;
    }
    return (smallest ?? []).filter((workload) => pairs.every(([key, value]) => workload.labels[key] === value));
  };
}

/** Ports some ingress rule admits from some peer; undefined when the group is not isolated for ingress. */
function admittedPorts({ analysis }: NetpolRuleContext, group: PodGroup): PortSet | undefined {
  const policies = analysis.isolatingPolicies(group, 'ingress');
  if (policies.length === 0) return undefined;
  let ports = NO_PORTS;
  for (const policy of policies) {
    for (const rule of policy.ingress) {
      const admitsSomeone = rule.peers === 'any' || rule.peers.some((peer) => peer.type === 'ipBlock' || (peer.type === 'pods' && analysis.peerGroups(rule, peer).size > 0));
      if (admitsSomeone) ports = unionPortSets(ports, analysis.rulePorts(rule, group));
    }
  }
  return ports;
}

function targetOn(workload: WorkloadInfo, port: ServicePortInfo): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  return workload.namedPorts.get(`${port.protocol}/${port.targetPort}`)?.[0];
}
