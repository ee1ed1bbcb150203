// What the workload rules share beyond the field readers (src/foundation/field-readers.ts) and the
// security-context readers (src/k8s/security-context.ts), which are re-exported here for them.
export { entriesOf, isSet, recordOf, type FieldRecord } from '../../../foundation/field-readers.js';
export { effectiveSecurityField, isWindowsPod, type EffectiveField } from '../../../k8s/security-context.js';

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

/** A string as it appears in messages: JSON-quoted, so empty strings and spaces stay visible. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
