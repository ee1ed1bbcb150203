import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkUnconfined } from './support/unconfined.js';
import { DOCS } from './support/workload-fields.js';

// Reads securityContext.seccompProfile.type (pod and every container) and the legacy annotations
// seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name>.
// Reports the explicit `Unconfined` / `unconfined` value. The annotations stopped having an effect in
// Kubernetes 1.27 but still disable seccomp on older clusters, and PSA baseline still rejects them.
export const noUnconfinedSeccomp = defineObjectRule({
  meta: {
    id: 'no-unconfined-seccomp',
    title: 'Pods and containers do not turn seccomp off',
    severity: 'high',
    category: 'workload',
    description:
      'An Unconfined seccomp profile lets a container make every system call, including the rarely used ones most kernel ' +
      'exploits and container escapes rely on. The runtime\'s default profile blocks them at almost no cost.',
    remediation:
      'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile) and remove legacy seccomp annotations.',
    references: [DOCS.seccomp, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.7.2'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611', 'T1068'],
    },
    fixable: 'suggestion',
    messages: {
      podField: 'the pod securityContext.seccompProfile.type is Unconfined: set it to RuntimeDefault',
      containerField: 'container "{{container}}" sets securityContext.seccompProfile.type to Unconfined: set it to RuntimeDefault',
      podAnnotation: 'annotation {{annotation}} is unconfined: remove it and set securityContext.seccompProfile.type: RuntimeDefault',
      containerAnnotation: 'annotation {{annotation}} disables seccomp for container "{{container}}": remove it and set securityContext.seccompProfile.type: RuntimeDefault',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    checkUnconfined(context, {
      field: 'seccompProfile',
      podAnnotation: 'seccomp.security.alpha.kubernetes.io/pod',
      containerAnnotationPrefix: 'container.seccomp.security.alpha.kubernetes.io/',
    });
  },
});
