import { isRecord } from '../foundation/field-path.js';
import type { K8sObject } from './object.js';

// The one event model every audit input is mapped onto: the API server's own `audit.k8s.io/v1` Event
// (v1beta1 has the same fields and is kept as written). Managed-cluster formats (GKE Cloud Audit Logs,
// EKS CloudWatch exports, AKS diagnostics) are converted to this shape by `managed-formats.ts`.

export interface AuditUser {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export interface AuditObjectRef {
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly resourceVersion?: string;
}

export interface AuditResponseStatus {
  readonly code?: number;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface AuditEvent extends K8sObject {
  readonly apiVersion: string;
  readonly kind: 'Event';
  readonly level?: string;
  readonly auditID?: string;
  readonly stage?: string;
  readonly requestURI?: string;
  readonly verb?: string;
  readonly user?: AuditUser;
  readonly impersonatedUser?: AuditUser;
  readonly sourceIPs?: readonly string[];
  readonly userAgent?: string;
  readonly objectRef?: AuditObjectRef;
  readonly responseStatus?: AuditResponseStatus;
  readonly requestObject?: unknown;
  readonly responseObject?: unknown;
  readonly requestReceivedTimestamp?: string;
  readonly stageTimestamp?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

export const AUDIT_API_VERSIONS = ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1'];

/** The event, checked field by field, or why it is not one. Cheap: it returns the value it was given. */
export function asAuditEvent(value: unknown): AuditEvent | string {
  if (!isRecord(value)) return 'not a JSON object';
  if (value['kind'] !== 'Event') return `kind is ${JSON.stringify(value['kind'])}, expected "Event"`;
  if (typeof value['apiVersion'] !== 'string' || !AUDIT_API_VERSIONS.includes(value['apiVersion'])) {
    return `apiVersion is ${JSON.stringify(value['apiVersion'])}, expected ${AUDIT_API_VERSIONS.join(' or ')}`;
  }
  for (const field of ['level', 'auditID', 'stage', 'requestURI', 'verb', 'userAgent', 'requestReceivedTimestamp', 'stageTimestamp']) {
    const field_ = value[field];
    if (field_ !== undefined && typeof field_ !== 'string') return `${field} must be a string`;
  }
  for (const field of ['user', 'impersonatedUser']) {
    const user = value[field];
    if (user === undefined || user === null) continue;
    if (!isRecord(user)) return `${field} must be an object`;
    if (user['username'] !== undefined && typeof user['username'] !== 'string') return `${field}.username must be a string`;
    if (user['groups'] !== undefined && user['groups'] !== null && !isStringArray(user['groups'])) return `${field}.groups must be a list of strings`;
  }
  const ips = value['sourceIPs'];
  if (ips !== undefined && ips !== null && !isStringArray(ips)) return 'sourceIPs must be a list of strings';
  const ref = value['objectRef'];
  if (ref !== undefined && ref !== null) {
    if (!isRecord(ref)) return 'objectRef must be an object';
    for (const key of ['resource', 'subresource', 'namespace', 'name', 'apiGroup', 'apiVersion']) {
      if (ref[key] !== undefined && typeof ref[key] !== 'string') return `objectRef.${key} must be a string`;
    }
  }
  const status = value['responseStatus'];
  if (status !== undefined && status !== null) {
    if (!isRecord(status)) return 'responseStatus must be an object';
    if (status['code'] !== undefined && typeof status['code'] !== 'number') return 'responseStatus.code must be a number';
  }
  const annotations = value['annotations'];
  if (annotations !== undefined && annotations !== null && !isRecord(annotations)) return 'annotations must be an object';
  return value as AuditEvent;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

// Typed reads every rule uses, so none of them re-checks shapes.

export function usernameOf(event: AuditEvent): string {
  return event.user?.username ?? '';
}

export function groupsOf(event: AuditEvent): readonly string[] {
  return event.user?.groups ?? [];
}

export function responseCodeOf(event: AuditEvent): number | undefined {
  return event.responseStatus?.code;
}

/** 2xx, or 101 (an upgraded exec/attach/port-forward stream). */
export function isSuccessful(event: AuditEvent): boolean {
  const code = event.responseStatus?.code;
  return code !== undefined && ((code >= 200 && code < 300) || code === 101);
}

export function authorizationDecisionOf(event: AuditEvent): string | undefined {
  return event.annotations?.['authorization.k8s.io/decision'];
}

/** The event's time: when the stage was reached, else when the request was received. */
export function timeOf(event: AuditEvent): string {
  return event.stageTimestamp ?? event.requestReceivedTimestamp ?? (typeof event['timestamp'] === 'string' ? event['timestamp'] : '');
}

/** Milliseconds since the epoch of `timeOf`, or undefined when the event carries no time. */
export function timeMsOf(event: AuditEvent): number | undefined {
  const text = timeOf(event);
  if (text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `pods/exec`, `secrets`, or the non-resource URL path. */
export function resourceLabelOf(event: AuditEvent): string {
  const ref = event.objectRef;
  if (ref?.resource === undefined) return pathOf(event.requestURI ?? '');
  return ref.subresource === undefined || ref.subresource === '' ? ref.resource : `${ref.resource}/${ref.subresource}`;
}

export function pathOf(uri: string): string {
  const query = uri.indexOf('?');
  return query < 0 ? uri : uri.slice(0, query);
}
