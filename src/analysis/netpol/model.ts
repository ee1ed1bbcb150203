import { isRecord, type FieldPath } from '../../foundation/field-path.js';
import { labelsOf, type K8sObject } from '../../k8s/object.js';
import { containersOf, podSpecOf, WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { parseCidr, type IpInterval } from './cidr.js';
import { parseSelector, type Labels, type Selector } from '../../k8s/label-selector.js';
import { isProtocol, MAX_PORT, MIN_PORT, type Protocol } from './port-set.js';

// The typed inputs of the analysis, read from untrusted manifests. Every reader tolerates wrong
// shapes: a field the API server would reject never widens what is allowed.

/** Objects without `metadata.namespace` land in the namespace kubectl would use by default. */
export const DEFAULT_NAMESPACE = 'default';
/** Set by the API server on every Namespace (NamespaceDefaultLabelName, GA in 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface NamespaceInfo {
  readonly name: string;
  /** Labels including the automatic `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  /** Index of the Namespace object in the input, when it is defined there. */
  readonly objectIndex?: number;
}

/** Container port numbers by `PROTOCOL/name`, used to resolve named ports on the destination. */
export type NamedPorts = ReadonlyMap<string, readonly number[]>;

export interface WorkloadInfo {
  readonly objectIndex: number;
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  /** Labels of the pods (the pod template's labels for controllers). */
  readonly labels: Labels;
  readonly namedPorts: NamedPorts;
  /** Container ports as declared: for Services' numeric and named targetPorts. */
  readonly containerPorts: readonly { readonly protocol: Protocol; readonly port: number; readonly name?: string }[];
  /** NetworkPolicy behaviour for hostNetwork pods is undefined upstream; they are analysed like others. */
  readonly hostNetwork: boolean;
}

export type PortSpec =
  | { readonly type: 'all'; readonly protocol: Protocol }
  | { readonly type: 'range'; readonly protocol: Protocol; readonly low: number; readonly high: number }
  | { readonly type: 'named'; readonly protocol: Protocol; readonly name: string }
  | { readonly type: 'invalid'; readonly reason: string };

export type PeerInfo =
  | {
    readonly type: 'pods';
    readonly index: number;
    /** Absent: the policy's own namespace. */
    readonly namespaceSelector?: Selector;
    /** Absent: every pod of the selected namespaces. */
    readonly podSelector?: Selector;
  }
  | { readonly type: 'ipBlock'; readonly index: number; readonly cidr: IpInterval; readonly cidrText: string; readonly except: readonly IpInterval[] }
  | { readonly type: 'invalid'; readonly index: number; readonly reason: string };

export type Direction = 'ingress' | 'egress';

export interface RuleInfo {
  /** Global id over every rule of every policy, for sets and signatures. */
  readonly id: number;
  readonly policy: PolicyInfo;
  readonly direction: Direction;
  readonly index: number;
  /** `any`: `from`/`to` absent or empty, which admits every pod and every address. */
  readonly peers: 'any' | readonly PeerInfo[];
  /** `any`: `ports` absent or empty, which admits every port of every protocol. */
  readonly ports: 'any' | readonly PortSpec[];
}

export interface PolicyInfo {
  readonly objectIndex: number;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: Selector;
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly RuleInfo[];
  readonly egress: readonly RuleInfo[];
}

export interface ServicePortInfo {
  readonly index: number;
  readonly protocol: Protocol;
  readonly port: number;
  /** Number, or name of a container port; defaults to `port`. */
  readonly targetPort: number | string;
}

export interface ServiceInfo {
  readonly objectIndex: number;
  readonly namespace: string;
  readonly name: string;
  /** Undefined for a Service without selector (endpoints managed elsewhere). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePortInfo[];
}

export interface NetpolModel {
  readonly namespaces: ReadonlyMap<string, NamespaceInfo>;
  readonly workloads: readonly WorkloadInfo[];
  readonly policies: readonly PolicyInfo[];
  readonly rules: readonly RuleInfo[];
  readonly services: readonly ServiceInfo[];
}

export function rulePath(rule: RuleInfo): FieldPath {
  return ['spec', rule.direction, rule.index];
}

export function peerPath(rule: RuleInfo, peer: PeerInfo): FieldPath {
  return [...rulePath(rule), rule.direction === 'ingress' ? 'from' : 'to', peer.index];
}

export function namespaceOf(object: K8sObject): string {
  const namespace = isRecord(object.metadata) ? object.metadata['namespace'] : undefined;
  return typeof namespace === 'string' && namespace !== '' ? namespace : DEFAULT_NAMESPACE;
}

export function nameOf(object: K8sObject): string {
  const name = isRecord(object.metadata) ? object.metadata['name'] : undefined;
  return typeof name === 'string' && name !== '' ? name : '<unnamed>';
}

// A PodTemplate runs nothing. An object whose controller is also in the input (a ReplicaSet of a
// Deployment, the Pods of a cluster dump) is counted once, through that controller.
function isRunningWorkload(object: K8sObject, present: ReadonlySet<string>): boolean {
  if (object.kind === 'PodTemplate' || !WORKLOAD_KINDS.includes(object.kind)) return false;
  const owners = isRecord(object.metadata) ? object.metadata['ownerReferences'] : undefined;
  if (!Array.isArray(owners)) return true;
  return !owners.some((owner) => isRecord(owner) && owner['controller'] === true &&
    present.has(workloadKey(namespaceOf(object), String(owner['kind']), String(owner['name']))));
}

function workloadKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

function isNetworkPolicy(object: K8sObject): boolean {
  return object.kind === 'NetworkPolicy' && object.apiVersion.startsWith('networking.k8s.io/');
}

export function buildModel(objects: readonly K8sObject[]): NetpolModel {
  const namespaces = new Map<string, NamespaceInfo>();
  const workloads: WorkloadInfo[] = [];
  const policies: PolicyInfo[] = [];
  const rules: RuleInfo[] = [];
  const services: ServiceInfo[] = [];
  const referenced = new Set<string>();
  const present = new Set<string>();
  for (const object of objects) if (WORKLOAD_KINDS.includes(object.kind)) present.add(workloadKey(namespaceOf(object), object.kind, nameOf(object)));

  objects.forEach((object, objectIndex) => {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
      const name = nameOf(object);
      namespaces.set(name, { name, labels: { ...labelsOf(object.metadata), [NAMESPACE_NAME_LABEL]: name }, objectIndex });
      return;
    }
    if (isNetworkPolicy(object)) {
      const policy = readPolicy(object, objectIndex, rules);
      policies.push(policy);
      referenced.add(policy.namespace);
      return;
    }
    if (object.kind === 'Service' && object.apiVersion === 'v1') {
      const service = readService(object, objectIndex);
      services.push(service);
      referenced.add(service.namespace);
      return;
    }
    if (isRunningWorkload(object, present)) {
      const workload = readWorkload(object, objectIndex);
      if (workload !== undefined) {
        workloads.push(workload);
        referenced.add(workload.namespace);
      }
    }
  });
  // A namespace used but not defined in the input carries only the label the API server adds.
  for (const name of referenced) {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  }
  return { namespaces, workloads, policies, rules, services };
}

function readWorkload(object: K8sObject, objectIndex: number): WorkloadInfo | undefined {
  const view = podSpecOf(object);
  if (view === undefined) return undefined;
  const namedPorts = new Map<string, number[]>();
  const containerPorts: { protocol: Protocol; port: number; name?: string }[] = [];
  // Only regular containers serve traffic; init and ephemeral containers' ports are not endpoints.
  for (const container of containersOf(view)) {
    if (container.field !== 'containers') continue;
    const ports = container.container['ports'];
    if (!Array.isArray(ports)) continue;
    for (const entry of ports) {
      if (!isRecord(entry)) continue;
      const port = entry['containerPort'];
      if (typeof port !== 'number' || !Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) continue;
      const protocol = entry['protocol'] ?? 'TCP';
      if (!isProtocol(protocol)) continue;
      const name = entry['name'];
      if (typeof name === 'string' && name !== '') {
        const key = `${protocol}/${name}`;
        namedPorts.set(key, [...(namedPorts.get(key) ?? []), port]);
        containerPorts.push({ protocol, port, name });
      } else containerPorts.push({ protocol, port });
    }
  }
  return {
    objectIndex,
    namespace: namespaceOf(object),
    kind: object.kind,
    name: nameOf(object),
    labels: labelsOf(view.podMetadata),
    namedPorts,
    containerPorts,
    hostNetwork: view.spec.hostNetwork === true,
  };
}

function readPolicy(object: K8sObject, objectIndex: number, rules: RuleInfo[]): PolicyInfo {
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  const ingressRaw = Array.isArray(spec['ingress']) ? spec['ingress'] : [];
  const egressRaw = Array.isArray(spec['egress']) ? spec['egress'] : [];
  // Defaulting (networking/v1 SetDefaults_NetworkPolicy): without policyTypes a policy is an Ingress
  // policy, and also an Egress policy when it has at least one egress rule (`egress: []` does not count).
  const types = spec['policyTypes'];
  let affectsIngress = true;
  let affectsEgress = egressRaw.length > 0;
  if (Array.isArray(types) && types.length > 0) {
    affectsIngress = types.includes('Ingress');
    affectsEgress = types.includes('Egress');
  }
  const ingress: RuleInfo[] = [];
  const egress: RuleInfo[] = [];
  const policy: PolicyInfo = {
    objectIndex,
    namespace: namespaceOf(object),
    name: nameOf(object),
    // spec.podSelector is a required struct in the API: absent decodes as `{}`, every pod of the namespace.
    podSelector: parseSelector(spec['podSelector']),
    affectsIngress,
    affectsEgress,
    ingress,
    egress,
  };
  for (const [direction, raw, list] of [['ingress', ingressRaw, ingress], ['egress', egressRaw, egress]] as const) {
    raw.forEach((entry: unknown, index: number) => {
      const rule = readRule(entry, direction, index, policy, rules.length);
      rules.push(rule);
      list.push(rule);
    });
  }
  return policy;
}

function readRule(entry: unknown, direction: Direction, index: number, policy: PolicyInfo, id: number): RuleInfo {
  const body = isRecord(entry) ? entry : {};
  const peersRaw = body[direction === 'ingress' ? 'from' : 'to'];
  const portsRaw = body['ports'];
  // "If this field is empty or missing, this rule matches all sources/destinations" and likewise all ports.
  const peers = Array.isArray(peersRaw) && peersRaw.length > 0 ? peersRaw.map(readPeer) : 'any';
  const ports = Array.isArray(portsRaw) && portsRaw.length > 0 ? portsRaw.map(readPort) : 'any';
  return { id, policy, direction, index, peers, ports };
}

function readPeer(entry: unknown, index: number): PeerInfo {
  if (!isRecord(entry)) return { type: 'invalid', index, reason: 'peer is not an object' };
  const ipBlock = entry['ipBlock'];
  const hasPods = entry['podSelector'] !== undefined || entry['namespaceSelector'] !== undefined;
  if (ipBlock !== undefined) {
    // The API rejects a peer that combines ipBlock with a selector.
    if (hasPods) return { type: 'invalid', index, reason: 'ipBlock cannot be combined with podSelector or namespaceSelector' };
    if (!isRecord(ipBlock) || typeof ipBlock['cidr'] !== 'string') return { type: 'invalid', index, reason: 'ipBlock.cidr is missing' };
    const cidr = parseCidr(ipBlock['cidr']);
    if (cidr === undefined) return { type: 'invalid', index, reason: `ipBlock.cidr ${JSON.stringify(ipBlock['cidr'])} is not a CIDR` };
    const except: IpInterval[] = [];
    const exceptRaw = ipBlock['except'];
    if (Array.isArray(exceptRaw)) {
      for (const text of exceptRaw) {
        const block = typeof text === 'string' ? parseCidr(text) : undefined;
        if (block === undefined) return { type: 'invalid', index, reason: `ipBlock.except entry ${JSON.stringify(text)} is not a CIDR` };
        except.push(block);
      }
    }
    return { type: 'ipBlock', index, cidr, cidrText: ipBlock['cidr'], except };
  }
  if (!hasPods) return { type: 'invalid', index, reason: 'peer names no podSelector, namespaceSelector or ipBlock' };
  const peer: { type: 'pods'; index: number; namespaceSelector?: Selector; podSelector?: Selector } = { type: 'pods', index };
  if (entry['namespaceSelector'] !== undefined) peer.namespaceSelector = parseSelector(entry['namespaceSelector']);
  if (entry['podSelector'] !== undefined) peer.podSelector = parseSelector(entry['podSelector']);
  return peer;
}

function readPort(entry: unknown): PortSpec {
  if (!isRecord(entry)) return { type: 'invalid', reason: 'port entry is not an object' };
  const protocol = entry['protocol'] ?? 'TCP';
  if (!isProtocol(protocol)) return { type: 'invalid', reason: `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP` };
  const port = entry['port'];
  const endPort = entry['endPort'];
  if (port === undefined || port === null) {
    return endPort === undefined ? { type: 'all', protocol } : { type: 'invalid', reason: 'endPort needs a numeric port' };
  }
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    if (endPort !== undefined) return { type: 'invalid', reason: 'endPort cannot be used with a named port' };
    return { type: 'named', protocol, name: port };
  }
  const low = Number(port);
  if (!Number.isInteger(low) || low < MIN_PORT || low > MAX_PORT) return { type: 'invalid', reason: `port ${String(port)} is out of range` };
  if (endPort === undefined || endPort === null) return { type: 'range', protocol, low, high: low };
  if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < low || endPort > MAX_PORT) {
    return { type: 'invalid', reason: `endPort ${String(endPort)} must be between port and ${MAX_PORT}` };
  }
  return { type: 'range', protocol, low, high: endPort };
}

function readService(object: K8sObject, objectIndex: number): ServiceInfo {
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  const ports: ServicePortInfo[] = [];
  const portsRaw = Array.isArray(spec['ports']) ? spec['ports'] : [];
  portsRaw.forEach((entry: unknown, index: number) => {
    if (!isRecord(entry)) return;
    const port = entry['port'];
    const protocol = entry['protocol'] ?? 'TCP';
    if (typeof port !== 'number' || !isProtocol(protocol)) return;
    const target = entry['targetPort'];
    const targetPort = typeof target === 'number' ? target
      : typeof target === 'string' && target !== '' ? (/^\d+$/.test(target) ? Number(target) : target) : port;
    ports.push({ index, protocol, port, targetPort });
  });
  const selector = spec['selector'];
  const base = { objectIndex, namespace: namespaceOf(object), name: nameOf(object), ports };
  return isRecord(selector) && Object.keys(selector).length > 0 ? { ...base, selector: labelsOf({ labels: selector }) } : base;
}
