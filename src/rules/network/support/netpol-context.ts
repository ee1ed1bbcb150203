import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../../analysis/netpol/analysis.js';
import { buildModel, type NetpolModel } from '../../../analysis/netpol/model.js';
import type { CollectedObject, CollectionRuleContext } from '../../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../../k8s/pod-spec.js';

/** Kinds the NetworkPolicy rules read: namespaces for their labels, workloads for their pods, Services. */
export const NETPOL_KINDS: readonly string[] = ['Namespace', 'NetworkPolicy', 'Service', ...WORKLOAD_KINDS];

export const NETWORK_POLICY_DOCS = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
export const NETWORK_POLICY_API = 'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/';
export const NSA_NETWORK = 'Network separation and hardening';

export interface NetpolRuleContext {
  readonly model: NetpolModel;
  readonly analysis: NetpolAnalysis;
  /** The collected object an index of the model refers to. */
  target(objectIndex: number): CollectedObject;
}

// Each rule analyses the collection itself; the analysis is linear in objects and policies, and the
// model's object indices are the positions in `context.objects`.
export function netpolContextOf(context: CollectionRuleContext): NetpolRuleContext {
  const model = buildModel(context.objects.map((collected) => collected.object));
  return {
    model,
    analysis: analyzeNetworkPolicies(model),
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
