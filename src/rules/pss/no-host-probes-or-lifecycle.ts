import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import { containersOf, type PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, displayValue, isSet, recordOf, upstreamCheckUrl } from './support/pod-fields.js';

// Reads the host of httpGet and tcpSocket handlers in livenessProbe, readinessProbe, startupProbe and
// lifecycle.postStart/preStop of every init, regular and ephemeral container. Allowed: unset or empty (even
// 127.0.0.1 is refused). Ports policy/check_hostProbesAndhostLifecycle.go (hostProbesAndHostLifecycleV1Dot34).
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const;
const HANDLER_KINDS = ['httpGet', 'tcpSocket'] as const;

function checkHostProbesAndLifecycle(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  for (const container of containersOf(pod)) {
    const handlers: { readonly field: string; readonly path: readonly (string | number)[]; readonly value: unknown }[] = [
      ...PROBES.map((probe) => ({ field: probe, path: [...container.path, probe], value: container.container[probe] })),
      ...LIFECYCLE_HANDLERS.map((hook) => ({
        field: `lifecycle.${hook}`,
        path: [...container.path, 'lifecycle', hook],
        value: recordOf(container.container['lifecycle'])?.[hook],
      })),
    ];
    for (const handler of handlers) {
      for (const kind of HANDLER_KINDS) {
        const host = recordOf(recordOf(handler.value)?.[kind])?.['host'];
        if (!isSet(host) || host === '') continue;
        const path = [...handler.path, kind, 'host'];
        violations.push({
          messageId: 'host',
          data: { container: container.name, handler: `${handler.field}.${kind}`, host: displayValue(host) },
          path,
          container: container.name,
          // Without a host the kubelet targets the pod's own IP: right for most probes, but a person checks.
          fix: { kind: 'suggestion', title: `remove ${handler.field}.${kind}.host`, operations: [{ op: 'remove', path }] },
        });
      }
    }
  }
  return violations;
}

export const noHostProbesOrLifecycle = definePssRule({
  meta: {
    id: 'no-host-probes-or-lifecycle',
    title: 'Probes and lifecycle hooks must not name a host',
    severity: 'medium',
    category: 'pss',
    description:
      'The kubelet sends probe and lifecycle requests from the node. A host in httpGet or tcpSocket makes it connect to any ' +
      'address the node can reach, a server-side request forgery through the kubelet.',
    remediation: 'Remove the host field from httpGet and tcpSocket in probes and lifecycle hooks, so the kubelet targets the pod\'s own IP.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_hostProbesAndhostLifecycle.go')],
    frameworks: {
      pss: { check: 'hostProbesAndHostLifecycle', level: 'baseline' },
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1090'],
    },
    fixable: 'suggestion',
    messages: { host: 'container "{{container}}" sets {{handler}}.host: {{host}}' },
  },
  pss: { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimumVersion: 34, check: checkHostProbesAndLifecycle }] },
});
