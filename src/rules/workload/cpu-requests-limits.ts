import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkResource } from './support/resources.js';
import { DOCS } from './support/workload-fields.js';

// Reads resources.requests.cpu and resources.limits.cpu of every init and regular container. A missing
// request is reported unless a limit is set (the API server then defaults the request to the limit);
// a missing limit is reported unless option `requireLimit` is false, for teams that avoid CPU limits
// to prevent throttling and rely on requests plus a namespace ResourceQuota instead.
export const cpuRequestsLimits = defineObjectRule({
  meta: {
    id: 'cpu-requests-limits',
    title: 'Containers set CPU requests and limits',
    severity: 'medium',
    category: 'workload',
    description:
      'Without a CPU request the scheduler places a pod blindly and it gets the smallest share under contention; without a ' +
      'limit one compromised or runaway container (a crypto miner, a busy loop) can starve every other pod on the node. ' +
      'Option `requireLimit` (default true) turns the limit requirement off.',
    remediation: 'Set resources.requests.cpu and resources.limits.cpu on every container, sized from observed usage.',
    references: [DOCS.resources, DOCS.nsaHardeningGuide],
    frameworks: {
      nsa: ['Network separation and hardening: resource policies'],
      mitre: ['T1496', 'T1499'],
    },
    fixable: 'suggestion',
    messages: {
      missingRequest: 'container "{{container}}" sets no resources.requests.cpu: set a CPU request',
      missingLimit: 'container "{{container}}" sets no resources.limits.cpu: set a CPU limit',
    },
  },
  kinds: WORKLOAD_KINDS,
  defaultOptions: { requireLimit: true },
  check(context) {
    checkResource(context, 'cpu', context.options['requireLimit'] !== false);
  },
});
