import fastJsonPatch from 'fast-json-patch';
import type { JsonPatchOperation } from '../../src/fix/render-json-patch.js';
import type { K8sObject } from '../../src/k8s/object.js';
import { parseAdmissionReview, type AdmissionRequest, type Operation } from '../../src/admission/review.js';

// AdmissionReviews as the API server sends them, for tests of the admission core and of `kubeward serve`.

const RESOURCES: Readonly<Record<string, { group: string; version: string; resource: string }>> = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Namespace: { group: '', version: 'v1', resource: 'namespaces' },
  Service: { group: '', version: 'v1', resource: 'services' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
  Secret: { group: '', version: 'v1', resource: 'secrets' },
};

export interface ReviewOptions {
  readonly operation?: Operation;
  readonly oldObject?: K8sObject;
  readonly subResource?: string;
  readonly namespace?: string;
  readonly username?: string;
  readonly dryRun?: boolean;
  readonly uid?: string;
}

/** The AdmissionReview JSON object the API server would POST for `object`. */
export function reviewOf(object: K8sObject | undefined, options: ReviewOptions = {}): Record<string, unknown> {
  const kind = object?.kind ?? options.oldObject?.kind ?? 'Pod';
  const resource = RESOURCES[kind] ?? { group: '', version: 'v1', resource: `${kind.toLowerCase()}s` };
  const metadata = (object ?? options.oldObject)?.metadata;
  const namespace = options.namespace ?? (typeof metadata?.namespace === 'string' ? metadata.namespace : kind === 'Namespace' ? '' : 'default');
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: options.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: resource.group, version: resource.version, kind },
      resource,
      ...(options.subResource === undefined ? {} : { subResource: options.subResource }),
      requestKind: { group: resource.group, version: resource.version, kind },
      name: typeof metadata?.name === 'string' ? metadata.name : '',
      namespace,
      operation: options.operation ?? 'CREATE',
      userInfo: { username: options.username ?? 'alice', groups: ['system:authenticated'] },
      object: object ?? null,
      oldObject: options.oldObject ?? null,
      dryRun: options.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

export function requestOf(object: K8sObject | undefined, options: ReviewOptions = {}): AdmissionRequest {
  const parsed = parseAdmissionReview(JSON.stringify(reviewOf(object, options)));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

/** Applies a JSON Patch as the API server does (strict: every path must exist as RFC 6902 requires). */
export function applyPatch<T>(object: T, patch: readonly JsonPatchOperation[]): T {
  return fastJsonPatch.applyPatch(structuredClone(object), patch as fastJsonPatch.Operation[], true, false).newDocument;
}

export function podOf(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): K8sObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'team', ...metadata }, spec };
}

export function deploymentOf(podSpec: Record<string, unknown>, annotations?: Readonly<Record<string, string>>): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'team' },
    spec: { selector: { matchLabels: { app: 'app' } }, template: { metadata: { labels: { app: 'app' }, ...(annotations === undefined ? {} : { annotations }) }, spec: podSpec } },
  };
}

/** A pod spec that meets `restricted` at every version. */
export const RESTRICTED_SPEC = {
  securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{
    name: 'app', image: 'registry.example/app:1.0.0',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }],
};

export const RESTRICTED = { 'pod-security.kubernetes.io/enforce': 'restricted' } as const;
export const BASELINE = { 'pod-security.kubernetes.io/enforce': 'baseline' } as const;
