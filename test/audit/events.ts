// Audit events shaped as kube-apiserver writes them (field order and values copied from the shapes its
// log backend emits at Metadata and RequestResponse level), for reader and rule tests.
import type { AuditEvent } from '../../src/k8s/audit-event.js';

let counter = 0;

export interface EventOverrides {
  readonly verb?: string;
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly apiGroup?: string;
  readonly code?: number;
  readonly uri?: string;
  readonly time?: string;
  readonly sourceIP?: string;
  readonly level?: string;
  readonly stage?: string;
  readonly requestObject?: unknown;
  readonly responseObject?: unknown;
  readonly decision?: 'allow' | 'forbid';
  readonly userAgent?: string;
}

export function auditEvent(overrides: EventOverrides = {}): AuditEvent {
  counter++;
  const resource = overrides.resource ?? 'pods';
  const namespace = overrides.namespace ?? (resource === 'namespaces' || resource.startsWith('cluster') || resource === 'nodes' ? undefined : 'default');
  const name = overrides.name;
  const apiGroup = overrides.apiGroup ?? '';
  const prefix = apiGroup === '' ? '/api/v1' : `/apis/${apiGroup}/v1`;
  const uri = overrides.uri ?? `${prefix}${namespace === undefined ? '' : `/namespaces/${namespace}`}/${resource}${name === undefined ? '' : `/${name}`}${overrides.subresource === undefined ? '' : `/${overrides.subresource}`}`;
  const code = overrides.code ?? (overrides.verb === 'create' ? 201 : 200);
  const time = overrides.time ?? `2026-12-04T10:00:${String(counter % 60).padStart(2, '0')}.000000Z`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: overrides.level ?? (overrides.requestObject === undefined ? 'Metadata' : 'Request'),
    auditID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    stage: overrides.stage ?? 'ResponseComplete',
    requestURI: uri,
    verb: overrides.verb ?? 'get',
    user: { username: overrides.user ?? 'alice', uid: `uid-${overrides.user ?? 'alice'}`, groups: [...(overrides.groups ?? ['kubeward:testers', 'system:authenticated'])] },
    sourceIPs: [overrides.sourceIP ?? '127.0.0.1'],
    userAgent: overrides.userAgent ?? 'kubectl/v1.34.1 (linux/amd64) kubernetes/abcdef0',
    objectRef: {
      resource,
      ...(namespace === undefined ? {} : { namespace }),
      ...(name === undefined ? {} : { name }),
      ...(apiGroup === '' ? {} : { apiGroup }),
      apiVersion: 'v1',
      ...(overrides.subresource === undefined ? {} : { subresource: overrides.subresource }),
    },
    responseStatus: code >= 400 ? { code, status: 'Failure', reason: code === 403 ? 'Forbidden' : 'Invalid', message: 'denied' } : { code },
    ...(overrides.requestObject === undefined ? {} : { requestObject: overrides.requestObject }),
    ...(overrides.responseObject === undefined ? {} : { responseObject: overrides.responseObject }),
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: {
      'authorization.k8s.io/decision': overrides.decision ?? (code === 403 ? 'forbid' : 'allow'),
      'authorization.k8s.io/reason': code === 403 ? '' : 'RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "alice"',
    },
  };
}

export function jsonLines(events: readonly unknown[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n';
}
