import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../../analysis/netpol/analysis.js';
import { buildModel, type NetpolModel, type WorkloadInfo } from '../../../analysis/netpol/model.js';
import type { K8sObject } from '../../../k8s/object.js';
import { memoKey, type CollectedObject, type CollectionRuleContext } from '../../../engine/rule.js';
import { podSpecOf, withPodSpec, WORKLOAD_KINDS } from '../../../k8s/pod-spec.js';
import { isRecord } from '../../../foundation/field-path.js';

/** Kinds the NetworkPolicy rules read: namespaces for their labels, workloads for their pods, Services. */
export const NETPOL_KINDS: readonly string[] = ['Namespace', 'NetworkPolicy', 'Service', ...WORKLOAD_KINDS];

/**
 * What the NetworkPolicy rules read of a workload, kept until the evaluation ends instead of the whole
 * object: metadata (names, owners, annotations), the pod template's metadata (labels, annotations),
 * hostNetwork and the regular containers' names and ports. Other kinds are kept whole.
 */
export function keepNetpolFields(object: K8sObject): K8sObject {
  if (!WORKLOAD_KINDS.includes(object.kind)) return object;
  const view = podSpecOf(object);
  if (view === undefined) return object;
  const { hostNetwork, containers } = view.spec;
  const spec: Record<string, unknown> = {};
  if (hostNetwork !== undefined) spec['hostNetwork'] = hostNetwork;
  if (containers !== undefined) spec['containers'] = Array.isArray(containers) ? containers.map(portsOnly) : containers;
  return withPodSpec(object, spec) ?? object;
}

function portsOnly(container: unknown): unknown {
  if (!isRecord(container)) return container;
  return { ...('name' in container ? { name: container['name'] } : {}), ...('ports' in container ? { ports: container['ports'] } : {}) };
}

export const NETWORK_POLICY_DOCS = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
export const NETWORK_POLICY_API = 'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/';
export const NSA_NETWORK = 'Network separation and hardening';

export interface NetpolRuleContext {
  readonly model: NetpolModel;
  readonly analysis: NetpolAnalysis;
  /** Workloads by namespace, in input order. */
  readonly workloadsByNamespace: ReadonlyMap<string, readonly WorkloadInfo[]>;
  /** The collected object an index of the model refers to. */
  target(objectIndex: number): CollectedObject;
}

interface NetpolCollection {
  readonly model: NetpolModel;
  readonly analysis: NetpolAnalysis;
  readonly byNamespace: ReadonlyMap<string, readonly WorkloadInfo[]>;
}

// The rules of this domain read the same kinds, and the evaluation hands them the same array: the
// analysis is computed once per evaluation and per collection, and lives only as long as the evaluation.
const NETPOL_COLLECTIONS = memoKey<WeakMap<readonly CollectedObject[], NetpolCollection>>('netpol-collections');

function analysisOf(objects: readonly K8sObject[]): NetpolCollection {
  const model = buildModel(objects);
  const byNamespace = new Map<string, WorkloadInfo[]>();
  for (const workload of model.workloads) {
    const list = byNamespace.get(workload.namespace);
    if (list === undefined) byNamespace.set(workload.namespace, [workload]);
    else list.push(workload);
  }
  return { model, analysis: analyzeNetworkPolicies(model), byNamespace };
}

// The model's object indices are the positions in `context.objects`.
export function netpolContextOf(context: CollectionRuleContext): NetpolRuleContext {
  const collections = context.perEvaluation.get(NETPOL_COLLECTIONS, () => new WeakMap());
  let collection = collections.get(context.objects);
  if (collection === undefined) collections.set(context.objects, (collection = analysisOf(context.objects.map((collected) => collected.object))));
  const { model, analysis, byNamespace } = collection;
  return {
    model,
    analysis,
    workloadsByNamespace: byNamespace,
    target(objectIndex) {
      const found = context.objects[objectIndex];
      if (found === undefined) throw new RangeError(`object ${objectIndex} is not in the collection`);
      return found;
    },
  };
}

/** Option reader: a list of strings, or the default. */
export function stringListOption(options: Readonly<Record<string, unknown>>, key: string, fallback: readonly string[]): readonly string[] {
  const value = options[key];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
}

/** Namespaces the "missing policy" rules skip unless configured otherwise: the control plane's own. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
