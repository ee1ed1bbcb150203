// The API resources `scan --cluster` and `snapshot --cluster` read: every kind a rule or an analysis
// looks at, and nothing more, so the ClusterRole in deploy/kubeward-reader-clusterrole.yaml stays
// least-privilege. Keep the two in step: cluster-resources.test.ts checks that the role grants
// exactly `list` on each of these.

export interface ClusterResource {
  /** API group; '' is the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural resource name used in URLs and RBAC rules. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /**
   * `metadata`: listed as PartialObjectMetadata only (Secrets): the API server never sends the data.
   * `full`: the whole object.
   */
  readonly read: 'full' | 'metadata';
}

const core = (resource: string, kind: string, namespaced: boolean, read: 'full' | 'metadata' = 'full'): ClusterResource =>
  ({ group: '', version: 'v1', resource, kind, namespaced, read });
const grouped = (group: string, resource: string, kind: string, namespaced = true): ClusterResource =>
  ({ group, version: 'v1', resource, kind, namespaced, read: 'full' });

export const CLUSTER_RESOURCES: readonly ClusterResource[] = [
  core('namespaces', 'Namespace', false),
  core('pods', 'Pod', true),
  core('podtemplates', 'PodTemplate', true),
  core('replicationcontrollers', 'ReplicationController', true),
  core('services', 'Service', true),
  core('serviceaccounts', 'ServiceAccount', true),
  // Read whole: no-credentials-in-configmap judges their data, as it does in manifests.
  core('configmaps', 'ConfigMap', true),
  core('secrets', 'Secret', true, 'metadata'),
  // namespace-resource-policies: a namespace without them.
  core('limitranges', 'LimitRange', true),
  core('resourcequotas', 'ResourceQuota', true),
  grouped('apps', 'deployments', 'Deployment'),
  grouped('apps', 'replicasets', 'ReplicaSet'),
  grouped('apps', 'statefulsets', 'StatefulSet'),
  grouped('apps', 'daemonsets', 'DaemonSet'),
  grouped('batch', 'jobs', 'Job'),
  grouped('batch', 'cronjobs', 'CronJob'),
  grouped('networking.k8s.io', 'networkpolicies', 'NetworkPolicy'),
  grouped('networking.k8s.io', 'ingresses', 'Ingress'),
  grouped('rbac.authorization.k8s.io', 'roles', 'Role'),
  grouped('rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding'),
  grouped('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false),
  grouped('rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding', false),
];

/** Secret types listed separately with a field selector, so rules that need the type get it without the data. */
export const SECRET_TYPES_BY_FIELD_SELECTOR: readonly string[] = ['kubernetes.io/service-account-token'];

export function apiVersionOf(resource: ClusterResource): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

/** `pods`, `apps/deployments`: how errors and notes name a resource. */
export function resourceLabel(resource: ClusterResource): string {
  return resource.group === '' ? resource.resource : `${resource.group}/${resource.resource}`;
}

/** The list URL path, all namespaces or one. */
export function listPathOf(resource: ClusterResource, namespace?: string): string {
  const base = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return namespace !== undefined && resource.namespaced
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.resource}`
    : `${base}/${resource.resource}`;
}
