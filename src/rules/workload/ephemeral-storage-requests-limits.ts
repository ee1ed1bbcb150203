import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkResource } from './support/resources.js';
import { DOCS } from './support/workload-fields.js';

// Reads resources.requests and resources.limits of `ephemeral-storage` on every init and regular
// container. Logs, emptyDir volumes without a sizeLimit and the writable layer share the node's disk: a
// container without a limit can fill it, and the kubelet then evicts every pod on the node under disk
// pressure. Off by default, as in kube-score (container-ephemeral-storage-request-and-limit): most
// clusters bound it per namespace with a LimitRange instead.
export const ephemeralStorageRequestsLimits = defineObjectRule({
  meta: {
    id: 'ephemeral-storage-requests-limits',
    title: 'Containers set ephemeral-storage requests and limits',
    severity: 'low',
    category: 'workload',
    description:
      'Container logs, the writable layer and emptyDir volumes use the node\'s local disk. Without an ephemeral-storage limit one ' +
      'container can fill it, and the kubelet evicts every pod of the node under disk pressure; without a request the scheduler ' +
      'places pods on nodes that cannot hold their data.',
    remediation: 'Set resources.requests.ephemeral-storage and resources.limits.ephemeral-storage on every container (or a default in the namespace LimitRange).',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage', DOCS.nsaHardeningGuide],
    frameworks: {
      nsa: ['Network separation and hardening: resource policies'],
      mitre: ['T1499'],
    },
    fixable: 'suggestion',
    enabledByDefault: false,
    messages: {
      missingRequest: 'container "{{container}}" sets no resources.requests.ephemeral-storage: set an ephemeral-storage request',
      missingLimit: 'container "{{container}}" sets no resources.limits.ephemeral-storage: set an ephemeral-storage limit',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    checkResource(context, 'ephemeral-storage', true);
  },
});
