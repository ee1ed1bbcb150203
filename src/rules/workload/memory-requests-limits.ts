import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkResource } from './support/resources.js';
import { DOCS } from './support/workload-fields.js';

// Reads resources.requests.memory and resources.limits.memory of every init and regular container.
// A missing request is reported unless a limit is set (the API server defaults the request to the
// limit); a missing limit is always reported: memory is not compressible, and a container without a
// limit can push the whole node into memory pressure and evictions.
export const memoryRequestsLimits = defineObjectRule({
  meta: {
    id: 'memory-requests-limits',
    title: 'Containers set memory requests and limits',
    severity: 'medium',
    category: 'workload',
    description:
      'A container without a memory limit can consume the node\'s memory until the kernel kills other workloads; ' +
      'without a request the scheduler over-commits the node. Both are a denial-of-service risk.',
    remediation: 'Set resources.requests.memory and resources.limits.memory on every container, sized from observed usage.',
    references: [DOCS.resources, DOCS.nsaHardeningGuide],
    frameworks: {
      nsa: ['Network separation and hardening: resource policies'],
      mitre: ['T1499'],
    },
    fixable: 'suggestion',
    messages: {
      missingRequest: 'container "{{container}}" sets no resources.requests.memory: set a memory request',
      missingLimit: 'container "{{container}}" sets no resources.limits.memory: set a memory limit',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    checkResource(context, 'memory', true);
  },
});
