// Reads the objects kubeward scans from a live cluster: every resource in CLUSTER_RESOURCES, across
// all namespaces (or one), page by page. Read-only: only GET requests, only `list` (plus `get` of one
// Namespace when narrowed to it). Secrets are listed as PartialObjectMetadata, so their data never
// leaves the API server. Whatever cannot be read becomes a ClusterReadError naming the resource,
// and everything else is still returned: the caller reports the result as partial.
import { isRecord } from '../foundation/field-path.js';
import type { K8sObject } from '../k8s/object.js';
import {
  apiVersionOf, CLUSTER_RESOURCES, listPathOf, resourceLabel, SECRET_TYPES_BY_FIELD_SELECTOR, type ClusterResource,
} from './cluster-resources.js';
import { KubeconfigError, openKubeConnection, type ConnectOptions, type FailureReason, type KubeConnection } from './kube-connection.js';

export interface ReadClusterOptions extends ConnectOptions {
  /** Read namespaced resources of this namespace only (and that Namespace); cluster-scoped kinds are skipped. */
  readonly namespace?: string;
  /** Page size of each list request (`limit`); default 500, as kubectl. */
  readonly pageSize?: number;
  /** Most pages one list may take (a server whose `continue` tokens never end); default 10,000. */
  readonly maxPages?: number;
  /** Keep objects whose controller was read too (ReplicaSets of Deployments, Pods of ReplicaSets...); default false. */
  readonly includeOwned?: boolean;
  /** The resources to read; default CLUSTER_RESOURCES. */
  readonly resources?: readonly ClusterResource[];
}

export interface ClusterObject {
  readonly object: K8sObject;
  /** `cluster://NAMESPACE/KIND/NAME`, or `cluster://KIND/NAME` for a cluster-scoped object. */
  readonly location: string;
}

export type ClusterReadErrorReason = FailureReason | 'kubeconfig';

export interface ClusterReadError {
  /** `pods`, `apps/deployments`, or `server` for the connection itself. */
  readonly resource: string;
  /** Kinds of which not every object was read: the resource's kind, or every kind read when the connection failed. */
  readonly kinds: readonly string[];
  readonly namespace?: string;
  readonly reason: ClusterReadErrorReason;
  /** Names what could not be read and why, e.g. `cannot list apps/deployments in all namespaces: forbidden (...)`. */
  readonly message: string;
}

export interface ServerVersion {
  readonly gitVersion: string;
  readonly major: string;
  readonly minor: string;
}

export interface ClusterReadResult {
  readonly objects: ClusterObject[];
  readonly errors: ClusterReadError[];
  /** Set when the connection was made. */
  readonly server?: string;
  readonly context?: string;
  /** GET /version, when the server answered it. */
  readonly serverVersion?: ServerVersion;
  /** Kinds deliberately not read (cluster-scoped kinds in a scan narrowed to one namespace), with why. */
  readonly skippedKinds?: readonly { readonly kind: string; readonly reason: string }[];
}

/** Metadata-only lists: the server converts each item to PartialObjectMetadata (metav1). */
const PARTIAL_METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

// Annotations that carry a copy of an object's content; on a Secret that content is its data.
const CONTENT_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

export async function readClusterObjects(options: ReadClusterOptions = {}): Promise<ClusterReadResult> {
  let connection: KubeConnection;
  try {
    connection = openKubeConnection(options);
  } catch (error) {
    const message = error instanceof KubeconfigError ? error.message : `cannot load kubeconfig: ${String(error)}`;
    return { objects: [], errors: [{ resource: 'server', kinds: allKinds(options), reason: 'kubeconfig', message }] };
  }
  const base = { server: connection.server, context: connection.context };

  const version = await connection.get('/version');
  if (!version.ok && (['unreachable', 'unauthorized', 'timeout', 'deadline'] as const).some((reason) => reason === version.failure.reason)) {
    const what = version.failure.reason === 'deadline' ? 'nothing could be read in time'
      : version.failure.reason === 'unauthorized'
      ? 'the server rejected the credentials (expired or invalid token or certificate?)'
      : version.failure.reason === 'timeout' ? 'the server did not answer in time' : 'the server cannot be reached';
    return { ...base, objects: [], errors: [{ resource: 'server', kinds: allKinds(options), reason: version.failure.reason, message: `cannot read ${connection.server}: ${what}: ${version.failure.message}` }] };
  }
  const serverVersion = version.ok ? serverVersionOf(version.body) : undefined;

  const objects: K8sObject[] = [];
  const errors: ClusterReadError[] = [];
  const namespace = options.namespace;
  const isRead = (resource: ClusterResource): boolean => namespace === undefined || resource.namespaced || resource.kind === 'Namespace';
  const resources = (options.resources ?? CLUSTER_RESOURCES).filter(isRead);
  const skippedKinds = (options.resources ?? CLUSTER_RESOURCES).filter((resource) => !isRead(resource))
    .map((resource) => ({ kind: resource.kind, reason: `cluster-scoped, not read in a scan of namespace ${namespace ?? ''}` }));

  for (const resource of resources) {
    if (namespace !== undefined && resource.kind === 'Namespace') {
      const got = await connection.get(`${listPathOf(resource)}/${encodeURIComponent(namespace)}`);
      if (got.ok && isRecord(got.body)) objects.push(cleaned(resource, got.body));
      else if (!got.ok) errors.push(readError(resource, got.failure.reason, got.failure.message, 'get', namespace));
      continue;
    }
    const listed = await listAll(connection, resource, namespace, options.pageSize ?? 500, undefined, options.maxPages);
    if ('error' in listed) {
      errors.push(listed.error);
      // Past the overall deadline nothing more can be read: one error, not one per remaining resource.
      if (listed.error.reason === 'deadline') {
        const unread = resources.slice(resources.indexOf(resource) + 1);
        if (unread.length > 0) errors.push({ resource: 'deadline', kinds: unread.map((entry) => entry.kind), reason: 'deadline', message: `not read (deadline passed): ${unread.map(resourceLabel).join(', ')}` });
        break;
      }
      continue;
    }
    if (resource.kind === 'Secret') {
      const typed = await secretTypes(connection, resource, namespace, options.pageSize ?? 500);
      for (const item of listed.items) {
        const uid = isRecord(item.metadata) ? item.metadata['uid'] : undefined;
        const type = typeof uid === 'string' ? typed.types.get(uid) : undefined;
        objects.push(type === undefined ? item : { ...item, type });
      }
      errors.push(...typed.errors);
      continue;
    }
    objects.push(...listed.items);
  }

  const kept = options.includeOwned === true ? objects : withoutControlledObjects(objects);
  return {
    ...base,
    ...(serverVersion !== undefined ? { serverVersion } : {}),
    ...(skippedKinds.length > 0 ? { skippedKinds } : {}),
    objects: kept.map((object) => ({ object, location: clusterLocationOf(object) })),
    errors,
  };
}

/** `cluster://NAMESPACE/KIND/NAME`, or `cluster://KIND/NAME` for a cluster-scoped object. */
export function clusterLocationOf(object: K8sObject): string {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '<unnamed>';
  const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  return namespace === undefined ? `cluster://${object.kind}/${name}` : `cluster://${namespace}/${object.kind}/${name}`;
}

const DEFAULT_MAX_PAGES = 10_000;

type ListOutcome = { readonly items: K8sObject[] } | { readonly error: ClusterReadError };

/**
 * Follows `metadata.continue` until the list is complete. A continue token that expired (410 Gone)
 * restarts the list once from the beginning, as client-go's pager falls back to a full list.
 */
async function listAll(connection: KubeConnection, resource: ClusterResource, namespace: string | undefined,
  pageSize: number, fieldSelector?: string, maxPages = DEFAULT_MAX_PAGES): Promise<ListOutcome> {
  const accept = resource.read === 'metadata' ? PARTIAL_METADATA_LIST : 'application/json';
  for (let attempt = 0; attempt < 2; attempt++) {
    const items: K8sObject[] = [];
    let continueToken: string | undefined;
    let restarted = false;
    let pages = 0;
    do {
      if (++pages > maxPages) {
        return { error: readError(resource, 'invalid-response', `more than ${maxPages.toLocaleString('en-US')} pages: the server keeps answering with a continue token; stopped`, 'list', namespace) };
      }
      const query: Record<string, string> = { limit: String(pageSize) };
      if (continueToken !== undefined) query['continue'] = continueToken;
      if (fieldSelector !== undefined) query['fieldSelector'] = fieldSelector;
      const page = await connection.get(listPathOf(resource, namespace), query, accept);
      if (!page.ok) {
        if (page.failure.reason === 'gone' && continueToken !== undefined && attempt === 0) {
          restarted = true;
          break;
        }
        return { error: readError(resource, page.failure.reason, page.failure.message, 'list', namespace) };
      }
      const body = page.body;
      // An empty PartialObjectMetadataList comes with `items: null`.
      const pageItems: unknown = isRecord(body) ? body['items'] ?? [] : undefined;
      if (!isRecord(body) || !Array.isArray(pageItems)) {
        return { error: readError(resource, 'invalid-response', 'the answer is not a list', 'list', namespace) };
      }
      if (resource.read === 'metadata' && body['kind'] !== 'PartialObjectMetadataList') {
        // Never fall back to full objects: for Secrets that would mean reading their data.
        return { error: readError(resource, 'invalid-response', `the server did not return metadata only (got ${String(body['kind'])})`, 'list', namespace) };
      }
      for (const item of pageItems) if (isRecord(item)) items.push(cleaned(resource, item));
      const listMeta = isRecord(body['metadata']) ? body['metadata'] : {};
      const next = listMeta['continue'];
      continueToken = typeof next === 'string' && next !== '' ? next : undefined;
    } while (continueToken !== undefined);
    if (!restarted) return { items };
  }
  return { error: readError(resource, 'gone', 'the list changed faster than it could be read', 'list', namespace) };
}

/** The types that rules need, learnt through field selectors on metadata-only lists (never the data). */
async function secretTypes(connection: KubeConnection, resource: ClusterResource, namespace: string | undefined,
  pageSize: number): Promise<{ types: Map<string, string>; errors: ClusterReadError[] }> {
  const types = new Map<string, string>();
  const errors: ClusterReadError[] = [];
  for (const type of SECRET_TYPES_BY_FIELD_SELECTOR) {
    const listed = await listAll(connection, resource, namespace, pageSize, `type=${type}`);
    if ('error' in listed) {
      errors.push({ ...listed.error, message: `${listed.error.message} (Secrets of type ${type})` });
      continue;
    }
    for (const item of listed.items) {
      const uid = isRecord(item.metadata) ? item.metadata['uid'] : undefined;
      if (typeof uid === 'string') types.set(uid, type);
    }
  }
  return { types, errors };
}

/**
 * The object as a manifest would hold it: apiVersion and kind set (list items omit them), no
 * managedFields (bookkeeping, often larger than the object). A metadata-only item keeps only its
 * metadata, less annotations that copy the content.
 */
function cleaned(resource: ClusterResource, item: Readonly<Record<string, unknown>>): K8sObject {
  const metadata = isRecord(item['metadata']) ? { ...item['metadata'] } : {};
  delete metadata['managedFields'];
  if (resource.read === 'metadata') {
    if (isRecord(metadata['annotations'])) {
      const annotations = { ...metadata['annotations'] };
      for (const key of CONTENT_ANNOTATIONS) delete annotations[key];
      if (Object.keys(annotations).length === 0) delete metadata['annotations'];
      else metadata['annotations'] = annotations;
    }
    return { apiVersion: apiVersionOf(resource), kind: resource.kind, metadata };
  }
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...fields } = item;
  return { apiVersion: apiVersionOf(resource), kind: resource.kind, metadata, ...fields };
}

/** Drops an object whose controller (ownerReferences[].controller) was read too: its findings are the controller's. */
function withoutControlledObjects(objects: readonly K8sObject[]): K8sObject[] {
  const uids = new Set<string>();
  for (const object of objects) {
    const uid = isRecord(object.metadata) ? object.metadata['uid'] : undefined;
    if (typeof uid === 'string') uids.add(uid);
  }
  return objects.filter((object) => {
    const owners = isRecord(object.metadata) ? object.metadata['ownerReferences'] : undefined;
    if (!Array.isArray(owners)) return true;
    return !owners.some((owner) => isRecord(owner) && owner['controller'] === true && typeof owner['uid'] === 'string' && uids.has(owner['uid']));
  });
}

function readError(resource: ClusterResource, reason: ClusterReadErrorReason, detail: string, verb: 'list' | 'get',
  namespace: string | undefined): ClusterReadError {
  const scope = verb === 'get' ? `namespace ${namespace ?? ''}`
    : !resource.namespaced ? '(cluster-scoped)' : namespace === undefined ? 'in all namespaces' : `in namespace ${namespace}`;
  const target = verb === 'get' ? scope : `${resourceLabel(resource)} ${scope}`;
  return {
    resource: resourceLabel(resource),
    kinds: [resource.kind],
    ...(namespace !== undefined ? { namespace } : {}),
    reason,
    message: `cannot ${verb} ${target}: ${reason}: ${detail}`,
  };
}

function allKinds(options: ReadClusterOptions): string[] {
  return (options.resources ?? CLUSTER_RESOURCES).map((resource) => resource.kind);
}

function serverVersionOf(body: unknown): ServerVersion | undefined {
  if (!isRecord(body) || typeof body['gitVersion'] !== 'string') return undefined;
  return {
    gitVersion: body['gitVersion'],
    major: typeof body['major'] === 'string' ? body['major'] : '',
    minor: typeof body['minor'] === 'string' ? body['minor'] : '',
  };
}


export { withClusterVersion } from './cluster-version.js';
