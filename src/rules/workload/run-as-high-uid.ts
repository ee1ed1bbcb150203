import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkHighId } from './support/high-id.js';
import { DOCS } from './support/workload-fields.js';

// Reads securityContext.runAsUser of every container, falling back to the pod's securityContext.runAsUser
// (the kubelet's precedence). Passes when the effective UID is an integer >= `minimumUid` (default 10000),
// the boundary kubesec and KICS use (below 10000 fails); Trivy's KSV020 wants > 10000 (`minimumUid: 10001`).
// A high UID is unlikely to match a user on the node, so a process escaping the container owns no host files.
export const DEFAULT_MINIMUM_UID = 10000;

export const runAsHighUid = defineObjectRule({
  meta: {
    id: 'run-as-high-uid',
    title: 'Containers run as a high, non-root user id',
    severity: 'low',
    category: 'workload',
    description:
      'UID 0 is root, and low UIDs often belong to real users or system accounts on the node. A container that escapes ' +
      'its namespaces keeps its UID, so a high UID that owns nothing on the host limits the damage. ' +
      'Option `minimumUid` (default 10000) sets the lowest accepted id. ' +
      'A pod with spec.hostUsers: false is not checked: in its own user namespace no id, root included, is a user of the node. ' +
      'An id above 2147483647 (the API server\'s limit) is reported as such, never taken for a high one.',
    remediation:
      'Set securityContext.runAsUser to a UID of 10000 or more (on the pod or on each container) and build the image to run as that user.',
    references: [DOCS.securityContext, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.2.7', '5.7.3'],
      nsa: ['Pod security: non-root containers'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'suggestion',
    messages: {
      unset: 'container "{{container}}" sets no securityContext.runAsUser (pod or container): set it to {{minimum}} or more',
      lowContainer: 'container "{{container}}" sets securityContext.runAsUser to {{value}}: use a UID of {{minimum}} or more',
      lowPod: 'the pod securityContext.runAsUser is {{value}}, inherited by container "{{container}}": use a UID of {{minimum}} or more',
      invalidContainer: 'container "{{container}}" sets securityContext.runAsUser to {{value}}, beyond {{maximum}}: the API server rejects the pod; use a UID of {{minimum}} or more',
      invalidPod: 'the pod securityContext.runAsUser is {{value}}, beyond {{maximum}}: the API server rejects the pod; use a UID of {{minimum}} or more',
    },
  },
  kinds: WORKLOAD_KINDS,
  defaultOptions: { minimumUid: DEFAULT_MINIMUM_UID },
  check(context) {
    checkHighId(context, 'runAsUser', 'minimumUid', DEFAULT_MINIMUM_UID);
  },
});
