import type { Severity } from '../../foundation/severity.js';
import { apiGroupMatches, resourceMatches, verbMatches } from './rule-matching.js';
import type { PolicyRule } from './types.js';

/** A verb on a resource of an API group, as a request would carry it (resource may be `res/sub`). */
export interface AccessProbe {
  readonly verbs: readonly string[];
  readonly apiGroup: string;
  readonly resource: string;
  /** The resource has no namespace, so only ClusterRoleBindings can grant it. */
  readonly clusterScoped?: boolean;
}

/** A kind of access that hands over more than it says, checked rule by rule. */
export interface DangerousAccess {
  readonly id: string;
  /** Short noun phrase: "read Secrets". */
  readonly title: string;
  /** Severity when held cluster-wide; a grant limited to one namespace is one step lower. */
  readonly severity: Severity;
  readonly probes: readonly AccessProbe[];
}

/**
 * The probes a rule satisfies for some object name: resourceNames narrows a grant but does not
 * remove it, so it is ignored here and reported separately (`isNameRestricted`).
 */
export function matchingProbes(rule: PolicyRule, probes: readonly AccessProbe[], isNamespaced = false): AccessProbe[] {
  return probes.filter((probe) => {
    if (isNamespaced && probe.clusterScoped === true) return false;
    const slash = probe.resource.indexOf('/');
    const subresource = slash < 0 ? '' : probe.resource.slice(slash + 1);
    return probe.verbs.some((verb) => verbMatches(rule, verb)) && apiGroupMatches(rule, probe.apiGroup) &&
      resourceMatches(rule, probe.resource, subresource);
  });
}

export function isNameRestricted(rule: PolicyRule): boolean {
  return rule.resourceNames.length > 0;
}

const WORKLOADS: readonly (readonly [string, string])[] = [
  ['', 'pods'], ['', 'replicationcontrollers'], ['apps', 'deployments'], ['apps', 'daemonsets'],
  ['apps', 'statefulsets'], ['apps', 'replicasets'], ['batch', 'jobs'], ['batch', 'cronjobs'],
];

export const DANGEROUS_ACCESS = {
  secretsRead: {
    id: 'secrets-read', title: 'read Secrets', severity: 'critical',
    probes: [{ verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets' }],
  },
  podExec: {
    id: 'pod-exec', title: 'exec, attach or port-forward into pods', severity: 'high',
    // Since v1.30 exec/attach/portforward over WebSockets is authorized as `create`; older clients used `get`.
    probes: ['pods/exec', 'pods/attach', 'pods/portforward'].map((resource) => ({ verbs: ['create', 'get'], apiGroup: '', resource })),
  },
  workloadWrite: {
    id: 'workload-write', title: 'create or change pods and workloads', severity: 'high',
    probes: WORKLOADS.map(([apiGroup, resource]) => ({ verbs: ['create', 'update', 'patch'], apiGroup, resource })),
  },
  escalateBind: {
    id: 'escalate-bind', title: 'escalate or bind roles', severity: 'critical',
    probes: ['roles', 'clusterroles'].map((resource) => ({ verbs: ['escalate', 'bind'], apiGroup: 'rbac.authorization.k8s.io', resource })),
  },
  impersonate: {
    id: 'impersonate', title: 'impersonate users, groups or ServiceAccounts', severity: 'critical',
    probes: [
      ...['users', 'groups'].map((resource) => ({ verbs: ['impersonate'], apiGroup: '', resource, clusterScoped: true })),
      { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts' },
      ...['userextras/*', 'uids'].map((resource) => ({ verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource, clusterScoped: true })),
    ],
  },
  tokenCreate: {
    id: 'token-create', title: 'create ServiceAccount tokens', severity: 'high',
    probes: [{ verbs: ['create'], apiGroup: '', resource: 'serviceaccounts/token' }],
  },
  nodesProxy: {
    id: 'nodes-proxy', title: 'reach the kubelet API through nodes/proxy', severity: 'critical',
    probes: [{ verbs: ['get', 'create', 'update', 'patch', 'delete'], apiGroup: '', resource: 'nodes/proxy', clusterScoped: true }],
  },
  csrApprove: {
    id: 'csr-approve', title: 'approve or sign CertificateSigningRequests', severity: 'high',
    probes: [
      { verbs: ['update', 'patch'], apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests/approval', clusterScoped: true },
      { verbs: ['update', 'patch'], apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests/status', clusterScoped: true },
      { verbs: ['approve', 'sign'], apiGroup: 'certificates.k8s.io', resource: 'signers', clusterScoped: true },
    ],
  },
  webhookWrite: {
    id: 'webhook-write', title: 'change admission webhook configurations', severity: 'critical',
    probes: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'].map((resource) => ({
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], apiGroup: 'admissionregistration.k8s.io', resource, clusterScoped: true,
    })),
  },
  pvCreate: {
    id: 'pv-create', title: 'create PersistentVolumes', severity: 'high',
    probes: [{ verbs: ['create'], apiGroup: '', resource: 'persistentvolumes', clusterScoped: true }],
  },
  trafficRedirect: {
    id: 'traffic-redirect', title: 'redirect Service traffic', severity: 'medium',
    probes: [
      { verbs: ['update', 'patch'], apiGroup: '', resource: 'services/status' },
      { verbs: ['create', 'update', 'patch'], apiGroup: '', resource: 'endpoints' },
      { verbs: ['create', 'update', 'patch'], apiGroup: 'discovery.k8s.io', resource: 'endpointslices' },
      { verbs: ['update', 'patch'], apiGroup: '', resource: 'nodes/status', clusterScoped: true },
    ],
  },
  ephemeralContainers: {
    id: 'ephemeral-containers', title: 'add ephemeral containers to running pods', severity: 'high',
    probes: [{ verbs: ['update', 'patch'], apiGroup: '', resource: 'pods/ephemeralcontainers' }],
  },
  bindingWrite: {
    id: 'binding-write', title: 'create or change role bindings', severity: 'medium',
    probes: ['rolebindings', 'clusterrolebindings'].map((resource) => ({ verbs: ['create', 'update', 'patch'], apiGroup: 'rbac.authorization.k8s.io', resource })),
  },
  namespaceWrite: {
    id: 'namespace-write', title: 'change Namespaces and their labels', severity: 'high',
    probes: [{ verbs: ['update', 'patch'], apiGroup: '', resource: 'namespaces', clusterScoped: true }],
  },
  admissionPolicyWrite: {
    id: 'admission-policy-write', title: 'change admission policies', severity: 'critical',
    probes: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'].map((resource) => ({
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], apiGroup: 'admissionregistration.k8s.io', resource, clusterScoped: true,
    })),
  },
} as const satisfies Record<string, DangerousAccess>;

/** One step lower, for a grant that holds in a single namespace. */
export function lowerSeverity(severity: Severity): Severity {
  switch (severity) {
    case 'critical': return 'high';
    case 'high': return 'medium';
    case 'medium': return 'low';
    default: return severity;
  }
}

/** True when a rule grants every verb on every resource of every group: cluster-admin's rule. */
export function isFullAccessRule(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') && rule.resources.includes('*') && rule.apiGroups.includes('*') && rule.resourceNames.length === 0;
}
