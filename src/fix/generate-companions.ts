import { isRecord, type FieldPath } from '../foundation/field-path.js';
import { podSpecOf } from '../k8s/pod-spec.js';
import { labelsOf, resourceRefOf, type K8sObject } from '../k8s/object.js';
import type { CompanionKind, FixProposal } from './operations.js';

// Companion objects that `kubeward fix --generate` writes to a separate file:
// - networkpolicies: per namespace a default-deny policy for ingress and egress and one that allows DNS
//   egress to kube-dns (the pattern of the Kubernetes NetworkPolicy documentation's "default deny all"
//   plus the DNS exception every pod needs); per workload an allow policy for the ports its Services
//   send traffic to (targetPort, named ports kept as names: NetworkPolicy accepts both).
// - serviceaccounts: per workload that runs as the namespace's `default` account, a dedicated
//   ServiceAccount with automountServiceAccountToken: false, and the workload pointed at it.

export { COMPANION_KINDS, type CompanionKind } from './operations.js';

export interface SourceObject {
  readonly object: K8sObject;
  /** Opaque to this module: handed back with the fixes for the caller to find the source. */
  readonly source: unknown;
}

export interface CompanionPlan {
  readonly objects: K8sObject[];
  /** Changes to existing workloads (pointing them at their new ServiceAccount). */
  readonly fixes: { readonly source: unknown; readonly fix: FixProposal }[];
  readonly notes: string[];
}

const DNS_EGRESS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

export function planCompanions(sources: readonly SourceObject[], kinds: ReadonlySet<CompanionKind>): CompanionPlan {
  const objects: K8sObject[] = [];
  const fixes: CompanionPlan['fixes'] = [];
  const notes: string[] = [];
  const existing = new Set(sources.map(({ object }) => keyOf(object.kind, namespaceOf(object), resourceRefOf(object).name)));
  const add = (object: K8sObject): void => {
    const key = keyOf(object.kind, namespaceOf(object), resourceRefOf(object).name);
    if (existing.has(key)) {
      notes.push(`${object.kind}/${resourceRefOf(object).name} already exists${namespaceOf(object) === '' ? '' : ` in namespace ${namespaceOf(object)}`}; not generated`);
      return;
    }
    existing.add(key);
    objects.push(object);
  };
  const workloads = sources.filter(({ object }) => podSpecOf(object) !== undefined && object.kind !== 'PodTemplate');
  if (kinds.has('networkpolicies')) {
    const namespaces = [...new Set(workloads.map(({ object }) => namespaceOf(object)))].sort();
    for (const namespace of namespaces) {
      add(networkPolicy('default-deny-all', namespace, {}, { policyTypes: ['Ingress', 'Egress'] }));
      add(networkPolicy('allow-dns-egress', namespace, {}, { policyTypes: ['Egress'], egress: [structuredClone(DNS_EGRESS)] }));
    }
    const services = sources.filter(({ object }) => object.kind === 'Service');
    for (const { object } of workloads) {
      const view = podSpecOf(object);
      if (view === undefined) continue;
      const podLabels = labelsOf(view.podMetadata);
      const name = resourceRefOf(object).name;
      const ports = new Map<string, { protocol: string; port: number | string }>();
      for (const { object: service } of services) {
        if (namespaceOf(service) !== namespaceOf(object)) continue;
        const spec = service['spec'];
        if (!isRecord(spec) || !isRecord(spec['selector'])) continue;
        const selector = spec['selector'];
        if (Object.keys(selector).length === 0 || !Object.entries(selector).every(([key, value]) => podLabels[key] === value)) continue;
        for (const port of Array.isArray(spec['ports']) ? spec['ports'] : []) {
          if (!isRecord(port)) continue;
          const target = port['targetPort'] ?? port['port'];
          if (typeof target !== 'number' && typeof target !== 'string') continue;
          const protocol = typeof port['protocol'] === 'string' ? port['protocol'] : 'TCP';
          ports.set(`${protocol}/${String(target)}`, { protocol, port: target });
        }
      }
      if (Object.keys(podLabels).length === 0) {
        notes.push(`${object.kind}/${name}: pods have no labels, so no NetworkPolicy can select them; default-deny-all blocks all their traffic`);
        continue;
      }
      if (ports.size === 0) {
        notes.push(`${object.kind}/${name}: no Service selects its pods; default-deny-all blocks all ingress to them`);
        continue;
      }
      add(networkPolicy(`${name}-allow-ingress`, namespaceOf(object), { matchLabels: { ...podLabels } }, {
        policyTypes: ['Ingress'],
        ingress: [{ ports: [...ports.values()] }],
      }));
    }
    if (namespaces.length > 0) notes.push('generated NetworkPolicies allow only DNS egress: add egress rules for the services each workload calls');
  }
  if (kinds.has('serviceaccounts')) {
    for (const source of workloads) {
      const { object } = source;
      const view = podSpecOf(object);
      if (view === undefined) continue;
      const current = view.spec['serviceAccountName'] ?? view.spec['serviceAccount'];
      if (current !== undefined && current !== 'default' && current !== '') continue;
      const name = resourceRefOf(object).name.replace(/\*$/, '');
      const namespace = namespaceOf(object);
      add({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, ...(namespace === '' ? {} : { namespace }) },
        automountServiceAccountToken: false,
      });
      const path: FieldPath = [...view.specPath, 'serviceAccountName'];
      fixes.push({
        source: source.source,
        fix: {
          kind: 'safe',
          title: `run as the dedicated ServiceAccount ${name}`,
          operations: [
            { op: 'set', path, value: name },
            ...(view.spec['serviceAccount'] === undefined ? [] : [{ op: 'remove' as const, path: [...view.specPath, 'serviceAccount'] }]),
          ],
        },
      });
    }
  }
  return { objects, fixes, notes };
}

function networkPolicy(name: string, namespace: string, podSelector: Record<string, unknown>, spec: Record<string, unknown>): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, ...(namespace === '' ? {} : { namespace }) },
    spec: { podSelector, ...spec },
  };
}

function namespaceOf(object: K8sObject): string {
  return resourceRefOf(object).namespace ?? '';
}

function keyOf(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}
