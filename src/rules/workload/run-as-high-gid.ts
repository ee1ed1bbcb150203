import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkHighId } from './support/high-id.js';
import { DOCS } from './support/workload-fields.js';

// Reads securityContext.runAsGroup of every container, falling back to the pod's securityContext.runAsGroup.
// Passes when the effective GID is an integer >= `minimumGid` (default 10000). Without runAsGroup the
// primary group comes from the image (often root, GID 0). Same boundary as run-as-high-uid (Trivy KSV021: > 10000).
export const DEFAULT_MINIMUM_GID = 10000;

export const runAsHighGid = defineObjectRule({
  meta: {
    id: 'run-as-high-gid',
    title: 'Containers run with a high, non-root group id',
    severity: 'low',
    category: 'workload',
    description:
      'GID 0 is the root group, and files on the node are often group-readable by low system groups. A process that ' +
      'escapes its container keeps its primary group, so a high GID limits what it can read or write on the host. ' +
      'Option `minimumGid` (default 10000) sets the lowest accepted id. ' +
      'A pod with spec.hostUsers: false is not checked: in its own user namespace no id, root included, is a user of the node. ' +
      'An id above 2147483647 (the API server\'s limit) is reported as such, never taken for a high one.',
    remediation: 'Set securityContext.runAsGroup to a GID of 10000 or more, on the pod or on each container.',
    references: [DOCS.securityContext, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.7.3'],
      nsa: ['Pod security: non-root containers'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: {
      unset: 'container "{{container}}" sets no securityContext.runAsGroup (pod or container): set it to {{minimum}} or more',
      lowContainer: 'container "{{container}}" sets securityContext.runAsGroup to {{value}}: use a GID of {{minimum}} or more',
      lowPod: 'the pod securityContext.runAsGroup is {{value}}, inherited by container "{{container}}": use a GID of {{minimum}} or more',
      invalidContainer: 'container "{{container}}" sets securityContext.runAsGroup to {{value}}, beyond {{maximum}}: the API server rejects the pod; use a GID of {{minimum}} or more',
      invalidPod: 'the pod securityContext.runAsGroup is {{value}}, beyond {{maximum}}: the API server rejects the pod; use a GID of {{minimum}} or more',
    },
  },
  kinds: WORKLOAD_KINDS,
  defaultOptions: { minimumGid: DEFAULT_MINIMUM_GID },
  check(context) {
    checkHighId(context, 'runAsGroup', 'minimumGid', DEFAULT_MINIMUM_GID);
  },
});
