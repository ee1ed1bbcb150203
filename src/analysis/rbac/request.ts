import type { AccessRequest } from './types.js';

// Turning `kubectl auth can-i VERB RESOURCE` arguments into a request. kubectl resolves RESOURCE
// through API discovery (short names, plural, `resource.group`); without a cluster we use this table
// of built-in resources. `resource.group` always works, for custom resources too.

interface BuiltIn {
  readonly group: string;
  readonly clusterScoped?: true;
  readonly shortNames?: readonly string[];
}

const BUILT_IN: Readonly<Record<string, BuiltIn>> = {
  pods: { group: '', shortNames: ['po', 'pod'] },
  services: { group: '', shortNames: ['svc', 'service'] },
  serviceaccounts: { group: '', shortNames: ['sa', 'serviceaccount'] },
  secrets: { group: '', shortNames: ['secret'] },
  configmaps: { group: '', shortNames: ['cm', 'configmap'] },
  endpoints: { group: '', shortNames: ['ep'] },
  events: { group: '', shortNames: ['ev', 'event'] },
  limitranges: { group: '', shortNames: ['limits'] },
  resourcequotas: { group: '', shortNames: ['quota'] },
  persistentvolumeclaims: { group: '', shortNames: ['pvc'] },
  replicationcontrollers: { group: '', shortNames: ['rc'] },
  podtemplates: { group: '' },
  bindings: { group: '' },
  namespaces: { group: '', clusterScoped: true, shortNames: ['ns', 'namespace'] },
  nodes: { group: '', clusterScoped: true, shortNames: ['no', 'node'] },
  persistentvolumes: { group: '', clusterScoped: true, shortNames: ['pv'] },
  componentstatuses: { group: '', clusterScoped: true, shortNames: ['cs'] },
  deployments: { group: 'apps', shortNames: ['deploy', 'deployment'] },
  daemonsets: { group: 'apps', shortNames: ['ds', 'daemonset'] },
  statefulsets: { group: 'apps', shortNames: ['sts', 'statefulset'] },
  replicasets: { group: 'apps', shortNames: ['rs', 'replicaset'] },
  controllerrevisions: { group: 'apps' },
  jobs: { group: 'batch', shortNames: ['job'] },
  cronjobs: { group: 'batch', shortNames: ['cj', 'cronjob'] },
  horizontalpodautoscalers: { group: 'autoscaling', shortNames: ['hpa'] },
  ingresses: { group: 'networking.k8s.io', shortNames: ['ing', 'ingress'] },
  networkpolicies: { group: 'networking.k8s.io', shortNames: ['netpol'] },
  ingressclasses: { group: 'networking.k8s.io', clusterScoped: true },
  poddisruptionbudgets: { group: 'policy', shortNames: ['pdb'] },
  roles: { group: 'rbac.authorization.k8s.io', shortNames: ['role'] },
  rolebindings: { group: 'rbac.authorization.k8s.io', shortNames: ['rolebinding'] },
  clusterroles: { group: 'rbac.authorization.k8s.io', clusterScoped: true, shortNames: ['clusterrole'] },
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', clusterScoped: true, shortNames: ['clusterrolebinding'] },
  storageclasses: { group: 'storage.k8s.io', clusterScoped: true, shortNames: ['sc'] },
  csidrivers: { group: 'storage.k8s.io', clusterScoped: true },
  csinodes: { group: 'storage.k8s.io', clusterScoped: true },
  volumeattachments: { group: 'storage.k8s.io', clusterScoped: true },
  certificatesigningrequests: { group: 'certificates.k8s.io', clusterScoped: true, shortNames: ['csr'] },
  signers: { group: 'certificates.k8s.io', clusterScoped: true },
  mutatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', clusterScoped: true },
  validatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', clusterScoped: true },
  validatingadmissionpolicies: { group: 'admissionregistration.k8s.io', clusterScoped: true },
  validatingadmissionpolicybindings: { group: 'admissionregistration.k8s.io', clusterScoped: true },
  customresourcedefinitions: { group: 'apiextensions.k8s.io', clusterScoped: true, shortNames: ['crd', 'crds'] },
  apiservices: { group: 'apiregistration.k8s.io', clusterScoped: true },
  priorityclasses: { group: 'scheduling.k8s.io', clusterScoped: true, shortNames: ['pc'] },
  runtimeclasses: { group: 'node.k8s.io', clusterScoped: true },
  leases: { group: 'coordination.k8s.io' },
  tokenreviews: { group: 'authentication.k8s.io', clusterScoped: true },
  subjectaccessreviews: { group: 'authorization.k8s.io', clusterScoped: true },
  selfsubjectaccessreviews: { group: 'authorization.k8s.io', clusterScoped: true },
  localsubjectaccessreviews: { group: 'authorization.k8s.io' },
  users: { group: '', clusterScoped: true },
  groups: { group: '', clusterScoped: true },
  userextras: { group: 'authentication.k8s.io', clusterScoped: true },
  uids: { group: 'authentication.k8s.io', clusterScoped: true },
};

const BY_SHORT_NAME = new Map<string, string>();
for (const [plural, info] of Object.entries(BUILT_IN)) for (const short of info.shortNames ?? []) BY_SHORT_NAME.set(short, plural);

export interface RequestOptions {
  /** Namespace of the request; `''` (or `allNamespaces`) means no namespace. */
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly name?: string;
}

export type ParsedRequest =
  | { readonly ok: true; readonly request: AccessRequest; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * `VERB RESOURCE[.GROUP][/SUBRESOURCE]` or `VERB /non-resource/url`. A namespaced resource without
 * a namespace is asked in `default`, as kubectl does without a context namespace; a cluster-scoped
 * one never carries a namespace, as the real request would not.
 */
export function parseAccessRequest(verb: string, target: string, options: RequestOptions = {}): ParsedRequest {
  if (verb === '') return { ok: false, message: 'a verb is required' };
  if (target.startsWith('/')) {
    if (options.name !== undefined) return { ok: false, message: '--name cannot be used with a non-resource URL' };
    return { ok: true, request: { type: 'nonResource', verb, path: target }, warnings: [] };
  }
  const slash = target.indexOf('/');
  const resourcePart = slash < 0 ? target : target.slice(0, slash);
  const subresource = slash < 0 ? '' : target.slice(slash + 1);
  if (resourcePart === '') return { ok: false, message: `invalid resource "${target}"` };
  const warnings: string[] = [];
  let resource = resourcePart;
  let group: string | undefined;
  const dot = resourcePart.indexOf('.');
  if (dot > 0) {
    resource = resourcePart.slice(0, dot);
    group = resourcePart.slice(dot + 1);
  }
  resource = BY_SHORT_NAME.get(resource) ?? resource;
  const builtIn = BUILT_IN[resource];
  if (group === undefined) {
    if (builtIn !== undefined) group = builtIn.group;
    else {
      group = '';
      if (resource !== '*') warnings.push(`resource "${resource}" is not a known built-in resource; assuming the core API group (write RESOURCE.GROUP to name its group)`);
    }
  }
  const isClusterScoped = builtIn !== undefined && builtIn.group === group && builtIn.clusterScoped === true;
  let namespace = options.allNamespaces === true ? '' : options.namespace ?? 'default';
  if (isClusterScoped) {
    if (options.namespace !== undefined && options.namespace !== '') warnings.push(`resource "${resource}" is not namespace scoped; --namespace is ignored`);
    namespace = '';
  }
  return { ok: true, request: { type: 'resource', verb, apiGroup: group, resource, subresource, name: options.name ?? '', namespace }, warnings };
}

export function formatAccessRequest(request: AccessRequest): string {
  if (request.type === 'nonResource') return `${request.verb} ${request.path}`;
  const resource = `${request.resource}${request.apiGroup === '' ? '' : `.${request.apiGroup}`}${request.subresource === '' ? '' : `/${request.subresource}`}`;
  const name = request.name === '' ? '' : ` named ${request.name}`;
  const where = request.namespace === '' ? ' (no namespace)' : ` in namespace ${request.namespace}`;
  return `${request.verb} ${resource}${name}${where}`;
}
