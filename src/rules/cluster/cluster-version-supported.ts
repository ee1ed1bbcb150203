import { defineObjectRule } from '../../engine/rule.js';
import { LATEST_PSS_MINOR } from '../../engine/pss-version.js';

// Reads the `ClusterVersion` object that `scan --cluster` and `snapshot` derive from GET /version
// (kubeward.io/v1, fields gitVersion, major, minor). The Kubernetes project maintains the three
// newest minor releases; older minors get no security fixes. The newest minor kubeward knows is the
// newest the Pod Security Admission fixtures cover; `minimumMinor` overrides the computed floor.
export const CLUSTER_VERSION_KIND = 'ClusterVersion';
export const CLUSTER_VERSION_API = 'kubeward.io/v1';
const SUPPORTED_MINORS = 3;

export const clusterVersionSupported = defineObjectRule({
  meta: {
    id: 'cluster-version-supported',
    title: 'The cluster runs a Kubernetes minor release that still gets security fixes',
    severity: 'high',
    category: 'cluster',
    description:
      'Kubernetes maintains only its three newest minor releases. An API server of an older minor gets no fixes for ' +
      'vulnerabilities found after its end of life, and its Pod Security Admission lacks the newer checks.',
    remediation: 'Upgrade the control plane (and then the nodes) to a maintained minor release, one minor at a time.',
    references: ['https://kubernetes.io/releases/', 'https://kubernetes.io/releases/version-skew-policy/'],
    frameworks: { nsa: ['Upgrading and application security practices'], mitre: ['T1190'] },
    fixable: false,
    messages: {
      unsupported: 'the API server runs Kubernetes {{version}}; maintained minor releases are v1.{{floor}} and newer',
      unknown: 'the API server version "{{version}}" could not be read as v1.N',
    },
  },
  kinds: [CLUSTER_VERSION_KIND],
  defaultOptions: { minimumMinor: LATEST_PSS_MINOR - (SUPPORTED_MINORS - 1) },
  check(context) {
    if (context.object.apiVersion !== CLUSTER_VERSION_API) return;
    const version = String(context.object['gitVersion'] ?? '');
    const minor = Number.parseInt(String(context.object['minor'] ?? '').replace(/\D.*$/, ''), 10);
    const floor = Number(context.options['minimumMinor']);
    if (String(context.object['major']) !== '1' || Number.isNaN(minor)) {
      context.report({ messageId: 'unknown', data: { version }, path: ['gitVersion'] });
      return;
    }
    if (minor < floor) context.report({ messageId: 'unsupported', data: { version, floor }, path: ['gitVersion'] });
  },
});
