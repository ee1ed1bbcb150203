import { isRecord } from '../foundation/field-path.js';
import { isK8sObject, type K8sObject } from '../k8s/object.js';

// admission.k8s.io/v1 AdmissionReview: reading a request the API server sent, and writing the answer.
// Everything in a request is untrusted: a review that is not JSON, not an AdmissionReview, or lacks what
// an answer needs (the uid) is refused with a message saying which field is wrong, never a crash.

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly resource: GroupVersionResource;
  /** `''` for the main resource; `ephemeralcontainers`, `status`, ... */
  readonly subResource: string;
  readonly name: string;
  /** `''` for cluster-scoped objects. */
  readonly namespace: string;
  readonly operation: Operation;
  readonly userInfo: { readonly username: string; readonly groups: readonly string[] };
  /** The object after the operation (CREATE, UPDATE, CONNECT options); undefined for DELETE. */
  readonly object?: K8sObject;
  /** The object before an UPDATE or DELETE. */
  readonly oldObject?: K8sObject;
  readonly dryRun: boolean;
}

export type ParsedReview = { readonly ok: true; readonly request: AdmissionRequest } | { readonly ok: false; readonly message: string };

/** Reads an AdmissionReview body; never throws. */
export function parseAdmissionReview(body: Buffer | string): ParsedReview {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return { ok: false, message: 'the request body is empty; expected an admission.k8s.io/v1 AdmissionReview' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the request body is not JSON (${error instanceof Error ? error.message : String(error)}); expected an admission.k8s.io/v1 AdmissionReview` };
  }
  if (!isRecord(value)) return { ok: false, message: 'the request body is not a JSON object; expected an admission.k8s.io/v1 AdmissionReview' };
  if (value['kind'] !== 'AdmissionReview') return { ok: false, message: `kind is ${describe(value['kind'])}; expected AdmissionReview` };
  if (value['apiVersion'] !== ADMISSION_API_VERSION) {
    return { ok: false, message: `apiVersion is ${describe(value['apiVersion'])}; only ${ADMISSION_API_VERSION} is served (set admissionReviewVersions: [v1] in the webhook configuration)` };
  }
  const request = value['request'];
  if (!isRecord(request)) return { ok: false, message: 'request is missing or not an object' };
  const uid = request['uid'];
  if (typeof uid !== 'string' || uid === '') return { ok: false, message: 'request.uid is missing or not a string' };
  const operation = request['operation'];
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) {
    return { ok: false, message: `request.operation is ${describe(operation)}; expected one of ${OPERATIONS.join(', ')}` };
  }
  const kind = request['kind'];
  if (!isRecord(kind) || typeof kind['kind'] !== 'string' || typeof kind['version'] !== 'string') return { ok: false, message: 'request.kind must be an object with group, version and kind' };
  const resource = request['resource'];
  if (!isRecord(resource) || typeof resource['resource'] !== 'string') return { ok: false, message: 'request.resource must be an object with group, version and resource' };
  const object = request['object'];
  const oldObject = request['oldObject'];
  if ((operation === 'CREATE' || operation === 'UPDATE') && !isK8sObject(object)) {
    return { ok: false, message: `request.object must be a Kubernetes object (with apiVersion and kind) for ${operation}` };
  }
  if (operation === 'UPDATE' && !isK8sObject(oldObject)) return { ok: false, message: 'request.oldObject must be a Kubernetes object for UPDATE' };
  const userInfo = isRecord(request['userInfo']) ? request['userInfo'] : {};
  const groups = Array.isArray(userInfo['groups']) ? userInfo['groups'].filter((group): group is string => typeof group === 'string') : [];
  return {
    ok: true,
    request: {
      uid,
      kind: { group: stringOr(kind['group']), version: kind['version'], kind: kind['kind'] },
      resource: { group: stringOr(resource['group']), version: stringOr(resource['version']), resource: resource['resource'] },
      subResource: stringOr(request['subResource']),
      name: stringOr(request['name']),
      namespace: stringOr(request['namespace']),
      operation: operation as Operation,
      userInfo: { username: stringOr(userInfo['username']), groups },
      ...(isK8sObject(object) ? { object } : {}),
      ...(isK8sObject(oldObject) ? { oldObject } : {}),
      dryRun: request['dryRun'] === true,
    },
  };
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 100));
  return `of type ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: { readonly code: number; readonly reason?: string; readonly message: string };
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
  readonly patchType?: 'JSONPatch';
  /** base64 of the JSON Patch. */
  readonly patch?: string;
}

export interface AdmissionReviewResponse {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}

export function reviewResponse(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}
