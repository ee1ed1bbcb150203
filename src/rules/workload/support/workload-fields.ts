import { isRecord, type FieldPath } from '../../../foundation/field-path.js';
import type { ContainerView, PodSpecView } from '../../../k8s/pod-spec.js';

// Readers shared by the workload rules. Manifests are untrusted: every reader tolerates missing fields
// and wrong types, and treats `null` as unset (as the API server decodes it).

export const DOCS = {
  securityContext: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  resources: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  images: 'https://kubernetes.io/docs/concepts/containers/images/',
  serviceAccounts: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  serviceAccountsAdmin: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
  hostPath: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  secretsGoodPractices: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  secrets: 'https://kubernetes.io/docs/concepts/configuration/secret/',
  seccomp: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  appArmor: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
  shareProcessNamespace: 'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
  services: 'https://kubernetes.io/docs/concepts/services-networking/service/',
  sourceRanges: 'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
  ingressTls: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  podSecurityAdmission: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  namespaceLabels: 'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
  namespaces: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
  linuxCapabilities: 'https://man7.org/linux/man-pages/man7/capabilities.7.html',
  nsaHardeningGuide: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  cisBenchmark: 'https://www.cisecurity.org/benchmark/kubernetes',
} as const;

export type FieldRecord = Readonly<Record<string, unknown>>;

export function recordOf(value: unknown): FieldRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Pods with `spec.os.name: windows` have no Linux user ids, root file system flag, seccomp or AppArmor. */
export function isWindowsPod(pod: PodSpecView): boolean {
  return recordOf(pod.spec.os)?.['name'] === 'windows';
}

/** A security context field as the kubelet resolves it: the container's value wins over the pod's. */
export interface EffectiveField {
  readonly value: unknown;
  readonly path: FieldPath;
  readonly level: 'container' | 'pod';
}

export function effectiveSecurityField(pod: PodSpecView, container: ContainerView, field: string): EffectiveField | undefined {
  const own = recordOf(container.container.securityContext)?.[field];
  if (isSet(own)) return { value: own, path: [...container.path, 'securityContext', field], level: 'container' };
  const inherited = recordOf(pod.spec.securityContext)?.[field];
  if (isSet(inherited)) return { value: inherited, path: [...pod.specPath, 'securityContext', field], level: 'pod' };
  return undefined;
}

/** The elements of an array field, with their indexes; empty when the field is missing or not an array. */
export function entriesOf(value: unknown): [number, unknown][] {
  return Array.isArray(value) ? value.map((item: unknown, index) => [index, item]) : [];
}

/** A string as it appears in messages: JSON-quoted, so empty strings and spaces stay visible. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
