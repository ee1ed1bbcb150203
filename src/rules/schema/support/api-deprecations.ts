import type { KubeMinor } from '../../../foundation/kube-version.js';

// The built-in API versions that Kubernetes deprecated and removed, from the upstream Deprecated API
// Migration Guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), the release notes
// it links to, and the API removal policy (https://kubernetes.io/docs/reference/using-api/deprecation-policy/).
// One entry per apiVersion and kind: the release that deprecated it (its first warning), the release
// that stopped serving it, and the version to use instead.

export interface ApiDeprecation {
  readonly apiVersion: string;
  readonly kind: string;
  readonly deprecatedIn: KubeMinor;
  /** The release whose API server no longer serves it: applying the object fails with "no matches for kind". */
  readonly removedIn?: KubeMinor;
  /** The apiVersion to migrate to; undefined when the API has no successor (PodSecurityPolicy). */
  readonly replacement?: string;
  /** When the replacement is served only from a later release: the release, and what to use before it. */
  readonly interim?: { readonly until: KubeMinor; readonly apiVersion: string };
  /** What to use when there is no successor API. */
  readonly instead?: string;
  /** The successor has the same fields, so changing `apiVersion` is the whole migration. */
  readonly sameSchema?: boolean;
}

const entries = (apiVersions: readonly string[], kinds: readonly string[], rest: Omit<ApiDeprecation, 'apiVersion' | 'kind'>): ApiDeprecation[] =>
  apiVersions.flatMap((apiVersion) => kinds.map((kind) => ({ apiVersion, kind, ...rest })));

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  // v1.16
  ...entries(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'ReplicaSet'], { deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1' }),
  ...entries(['extensions/v1beta1', 'apps/v1beta2'], ['DaemonSet'], { deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1' }),
  ...entries(['apps/v1beta1', 'apps/v1beta2'], ['StatefulSet'], { deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1' }),
  ...entries(['extensions/v1beta1'], ['NetworkPolicy'], { deprecatedIn: 9, removedIn: 16, replacement: 'networking.k8s.io/v1' }),
  ...entries(['extensions/v1beta1'], ['PodSecurityPolicy'], { deprecatedIn: 11, removedIn: 16, replacement: 'policy/v1beta1' }),
  // v1.22
  ...entries(['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], { deprecatedIn: 16, removedIn: 22, replacement: 'admissionregistration.k8s.io/v1' }),
  ...entries(['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], { deprecatedIn: 16, removedIn: 22, replacement: 'apiextensions.k8s.io/v1' }),
  ...entries(['apiregistration.k8s.io/v1beta1'], ['APIService'], { deprecatedIn: 19, removedIn: 22, replacement: 'apiregistration.k8s.io/v1', sameSchema: true }),
  ...entries(['authentication.k8s.io/v1beta1'], ['TokenReview'], { deprecatedIn: 19, removedIn: 22, replacement: 'authentication.k8s.io/v1', sameSchema: true }),
  ...entries(['authorization.k8s.io/v1beta1'], ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], { deprecatedIn: 19, removedIn: 22, replacement: 'authorization.k8s.io/v1' }),
  ...entries(['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], { deprecatedIn: 19, removedIn: 22, replacement: 'certificates.k8s.io/v1' }),
  ...entries(['coordination.k8s.io/v1beta1'], ['Lease'], { deprecatedIn: 19, removedIn: 22, replacement: 'coordination.k8s.io/v1', sameSchema: true }),
  ...entries(['extensions/v1beta1'], ['Ingress'], { deprecatedIn: 14, removedIn: 22, replacement: 'networking.k8s.io/v1' }),
  ...entries(['networking.k8s.io/v1beta1'], ['Ingress'], { deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1' }),
  ...entries(['networking.k8s.io/v1beta1'], ['IngressClass'], { deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1', sameSchema: true }),
  ...entries(['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], { deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', sameSchema: true }),
  ...entries(['scheduling.k8s.io/v1beta1'], ['PriorityClass'], { deprecatedIn: 14, removedIn: 22, replacement: 'scheduling.k8s.io/v1', sameSchema: true }),
  ...entries(['storage.k8s.io/v1beta1'], ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], { deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1' }),
  // v1.25
  ...entries(['batch/v1beta1'], ['CronJob'], { deprecatedIn: 21, removedIn: 25, replacement: 'batch/v1', sameSchema: true }),
  ...entries(['discovery.k8s.io/v1beta1'], ['EndpointSlice'], { deprecatedIn: 21, removedIn: 25, replacement: 'discovery.k8s.io/v1' }),
  ...entries(['events.k8s.io/v1beta1'], ['Event'], { deprecatedIn: 19, removedIn: 25, replacement: 'events.k8s.io/v1' }),
  ...entries(['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], { deprecatedIn: 22, removedIn: 25, replacement: 'autoscaling/v2', interim: { until: 23, apiVersion: 'autoscaling/v2beta2' } }),
  ...entries(['policy/v1beta1'], ['PodDisruptionBudget'], { deprecatedIn: 21, removedIn: 25, replacement: 'policy/v1' }),
  ...entries(['policy/v1beta1'], ['PodSecurityPolicy'], { deprecatedIn: 21, removedIn: 25, instead: 'Pod Security Admission (namespace labels pod-security.kubernetes.io/*) or a policy engine' }),
  ...entries(['node.k8s.io/v1beta1'], ['RuntimeClass'], { deprecatedIn: 20, removedIn: 25, replacement: 'node.k8s.io/v1', sameSchema: true }),
  // v1.26
  ...entries(['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: 23, removedIn: 26, replacement: 'flowcontrol.apiserver.k8s.io/v1', interim: { until: 29, apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' } }),
  ...entries(['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], { deprecatedIn: 23, removedIn: 26, replacement: 'autoscaling/v2', sameSchema: true }),
  // v1.27
  ...entries(['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], { deprecatedIn: 24, removedIn: 27, replacement: 'storage.k8s.io/v1', sameSchema: true }),
  // v1.29
  ...entries(['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: 26, removedIn: 29, replacement: 'flowcontrol.apiserver.k8s.io/v1', interim: { until: 29, apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3' } }),
  // v1.32
  ...entries(['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema', 'PriorityLevelConfiguration'], { deprecatedIn: 29, removedIn: 32, replacement: 'flowcontrol.apiserver.k8s.io/v1', sameSchema: true }),
  // Deprecated, still served: v1 Endpoints gives way to EndpointSlices (KEP-4974, v1.33).
  ...entries(['v1'], ['Endpoints'], { deprecatedIn: 33, instead: 'EndpointSlices (discovery.k8s.io/v1)' }),
];

const byKey = new Map(API_DEPRECATIONS.map((entry) => [`${entry.apiVersion}/${entry.kind}`, entry]));

export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return byKey.get(`${apiVersion}/${kind}`);
}

/** The apiVersion to move to on a release (the interim one where the final one is not served yet). */
export function replacementAt(entry: ApiDeprecation, minor: KubeMinor): string | undefined {
  if (entry.interim !== undefined && minor < entry.interim.until) return entry.interim.apiVersion;
  return entry.replacement;
}

/** `apps/v1 Deployment`, or what to use when there is no successor API. */
export function migrationAt(entry: ApiDeprecation, minor: KubeMinor): string {
  const replacement = replacementAt(entry, minor);
  return replacement === undefined ? entry.instead ?? 'no successor' : `${replacement} ${entry.kind}`;
}
