import { isRecord } from '../../foundation/field-path.js';
import { asAuditEvent, type AuditEvent } from '../../k8s/audit-event.js';

// What one JSON value of an audit input holds, whatever wrote it:
// - the API server's log backend and webhook: an `Event`, or an `EventList` (webhook batches, kubectl);
// - GKE (Cloud Logging export, `gcloud logging read --format=json`): a LogEntry whose `protoPayload`
//   has `serviceName: k8s.io`, or a JSON array of them;
// - EKS (CloudWatch Logs): the Event as a JSON string in `message` / `@message`, one per record, or a
//   batch in `events` (filter-log-events) or `logEvents` (a subscription's payload);
// - AKS (diagnostic settings): the Event as a JSON string in `properties.log` (category kube-audit or
//   kube-audit-admin), one record or a batch in `records` (a storage-account blob).

export type DecodedValue =
  | { readonly ok: true; readonly events: readonly AuditEvent[]; readonly format: AuditFormat }
  | { readonly ok: false; readonly message: string };

export type AuditFormat = 'k8s' | 'gke' | 'eks' | 'aks';

export function decodeAuditValue(value: unknown): DecodedValue {
  if (Array.isArray(value)) return decodeBatch(value, 'array');
  if (!isRecord(value)) return { ok: false, message: 'not a JSON object' };
  const kind = value['kind'];
  if (kind === 'Event') {
    const event = asAuditEvent(value);
    return typeof event === 'string' ? { ok: false, message: event } : { ok: true, events: [event], format: 'k8s' };
  }
  if (kind === 'EventList') {
    const items = value['items'];
    if (!Array.isArray(items)) return { ok: false, message: 'EventList without items' };
    return decodeBatch(items, 'items');
  }
  const payload = value['protoPayload'];
  if (isRecord(payload)) return gkeEntry(value, payload);
  for (const key of ['message', '@message']) {
    const message = value[key];
    if (typeof message === 'string') return embedded(message, key, 'eks');
  }
  const properties = value['properties'];
  if (isRecord(properties) && typeof properties['log'] === 'string') return embedded(properties['log'], 'properties.log', 'aks');
  for (const key of ['records', 'logEvents', 'events', 'entries']) {
    const batch = value[key];
    if (Array.isArray(batch)) return decodeBatch(batch, key);
  }
  return { ok: false, message: `not an audit event (kind ${JSON.stringify(kind)}; expected an audit.k8s.io Event or EventList, a GKE k8s.io log entry, or an EKS/AKS record)` };
}

function decodeBatch(items: readonly unknown[], where: string): DecodedValue {
  const events: AuditEvent[] = [];
  let format: AuditFormat = 'k8s';
  for (let index = 0; index < items.length; index++) {
    const decoded = decodeAuditValue(items[index]);
    if (!decoded.ok) return { ok: false, message: `${where}[${index}]: ${decoded.message}` };
    for (const event of decoded.events) events.push(event);
    format = decoded.format;
  }
  return { ok: true, events, format };
}

function embedded(text: string, where: string, format: AuditFormat): DecodedValue {
  let inner: unknown;
  try {
    inner = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${where} is not JSON: ${(error as Error).message}` };
  }
  const event = asAuditEvent(inner);
  if (typeof event === 'string') return { ok: false, message: `${where}: ${event}` };
  return { ok: true, events: [event], format };
}

/** google.rpc.Code -> the HTTP status the API server answered with. */
const RPC_TO_HTTP: Readonly<Record<number, number>> = {
  1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
};

const STRING = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function gkeEntry(entry: Readonly<Record<string, unknown>>, payload: Readonly<Record<string, unknown>>): DecodedValue {
  if (payload['serviceName'] !== 'k8s.io') return { ok: false, message: `protoPayload.serviceName is ${JSON.stringify(payload['serviceName'])}, expected "k8s.io"` };
  const method = STRING(payload['methodName']);
  if (method === undefined) return { ok: false, message: 'protoPayload.methodName is missing' };
  const verb = method.slice(method.lastIndexOf('.') + 1);
  const resourceName = STRING(payload['resourceName']) ?? '';
  const authn = isRecord(payload['authenticationInfo']) ? payload['authenticationInfo'] : {};
  const username = STRING(authn['principalEmail']) ?? STRING(authn['authoritySelector']) ?? STRING(authn['principalSubject']) ?? '';
  const metadata = isRecord(payload['requestMetadata']) ? payload['requestMetadata'] : {};
  const callerIP = STRING(metadata['callerIP']);
  const userAgent = STRING(metadata['callerSuppliedUserAgent']);
  const status = isRecord(payload['status']) ? payload['status'] : {};
  const rpcCode = typeof status['code'] === 'number' ? status['code'] : 0;
  const code = rpcCode === 0 ? (verb === 'create' ? 201 : 200) : RPC_TO_HTTP[rpcCode] ?? 500;
  const labels = isRecord(entry['labels']) ? entry['labels'] : {};
  const authz = Array.isArray(payload['authorizationInfo']) ? payload['authorizationInfo'] : [];
  const granted = authz.length === 0 ? undefined : authz.every((item) => isRecord(item) && item['granted'] === true);
  const decision = STRING(labels['authorization.k8s.io/decision']) ?? (granted === undefined ? (rpcCode === 7 ? 'forbid' : undefined) : granted ? 'allow' : 'forbid');
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string' && key.includes('.k8s.io/')) annotations[key] = value;
  if (decision !== undefined) annotations['authorization.k8s.io/decision'] = decision;
  const time = STRING(entry['timestamp']) ?? STRING(entry['receiveTimestamp']);
  const ref = objectRefOfResourceName(resourceName);
  const event: Record<string, unknown> = {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Event',
    level: payload['response'] !== undefined ? 'RequestResponse' : payload['request'] !== undefined ? 'Request' : 'Metadata',
    auditID: STRING(entry['insertId']) ?? '',
    stage: 'ResponseComplete',
    requestURI: ref === undefined ? resourceName : requestUriOf(resourceName),
    verb,
    user: { username, groups: username === 'system:anonymous' ? ['system:unauthenticated'] : ['system:authenticated'] },
    sourceIPs: callerIP === undefined ? [] : [callerIP],
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(ref === undefined ? {} : { objectRef: ref }),
    responseStatus: { code, ...(STRING(status['message']) === undefined ? {} : { message: status['message'] }) },
    ...(payload['request'] === undefined ? {} : { requestObject: payload['request'] }),
    ...(payload['response'] === undefined ? {} : { responseObject: payload['response'] }),
    ...(time === undefined ? {} : { requestReceivedTimestamp: time, stageTimestamp: time }),
    annotations,
  };
  const checked = asAuditEvent(event);
  return typeof checked === 'string' ? { ok: false, message: `GKE entry: ${checked}` } : { ok: true, events: [checked], format: 'gke' };
}

/**
 * `core/v1/namespaces/default/pods/web/exec`, `apps/v1/namespaces/ns/deployments`,
 * `rbac.authorization.k8s.io/v1/clusterrolebindings/x`; undefined for non-resource paths (`/healthz`).
 */
export function objectRefOfResourceName(resourceName: string): Record<string, string> | undefined {
  if (resourceName === '' || resourceName.startsWith('/')) return undefined;
  const parts = resourceName.split('/');
  const [group, version, ...rest] = parts;
  if (group === undefined || version === undefined || rest.length === 0) return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest.splice(0, 2);
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined) return undefined;
  return {
    resource,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
    apiGroup: group === 'core' ? '' : group,
    apiVersion: version,
  };
}

function requestUriOf(resourceName: string): string {
  const [group, ...rest] = resourceName.split('/');
  return group === 'core' ? `/api/${rest.join('/')}` : `/apis/${resourceName}`;
}
