import type { ObjectRuleContext } from '../../../engine/rule.js';
import { containersOf, podSpecOf } from '../../../k8s/pod-spec.js';
import { isSet, recordOf } from './workload-fields.js';

/**
 * Reports a missing request and a missing limit of `resource` on every init and regular container
 * (ephemeral containers may not set resources). A limit without a request is fine: the API server
 * defaults the request to the limit (k8s.io/kubernetes pkg/apis/core/v1/defaults.go, SetDefaults_Pod).
 */
export function checkResource(context: ObjectRuleContext, resource: 'cpu' | 'memory' | 'ephemeral-storage', requireLimit: boolean): void {
  const pod = podSpecOf(context.object);
  if (pod === undefined) return;
  for (const container of containersOf(pod)) {
    if (container.field === 'ephemeralContainers') continue;
    const resources = recordOf(container.container['resources']);
    const request = recordOf(resources?.['requests'])?.[resource];
    const limit = recordOf(resources?.['limits'])?.[resource];
    const requestPath = [...container.path, 'resources', 'requests', resource];
    const limitPath = [...container.path, 'resources', 'limits', resource];
    const data = { container: container.name, resource };
    if (isSet(limit)) continue;
    if (!isSet(request)) {
      context.report({ messageId: 'missingRequest', data, path: requestPath, container: container.name });
    }
    if (!requireLimit) continue;
    // With a request known, a limit equal to it is a reasonable start (Guaranteed QoS for memory); it
    // may throttle or OOM-kill a workload that bursts, so only as a suggestion.
    const fix = typeof request === 'string' || typeof request === 'number'
      ? { fix: { kind: 'suggestion' as const, title: `set resources.limits.${resource} to the request (${String(request)}) on container "${container.name}"`, operations: [{ op: 'set' as const, path: limitPath, value: request }] } }
      : {};
    context.report({ messageId: 'missingLimit', data, path: limitPath, container: container.name, ...fix });
  }
}
