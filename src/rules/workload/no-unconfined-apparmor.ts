import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../k8s/pod-spec.js';
import { checkUnconfined } from './support/unconfined.js';
import { DOCS } from './support/workload-fields.js';

// Reads securityContext.appArmorProfile.type (pod and every container, GA in Kubernetes 1.30) and the
// legacy annotation container.apparmor.security.beta.kubernetes.io/<name>; reports the explicit
// `Unconfined` / `unconfined` value, which PSA baseline also forbids.
export const noUnconfinedApparmor = defineObjectRule({
  meta: {
    id: 'no-unconfined-apparmor',
    title: 'Pods and containers do not turn AppArmor off',
    severity: 'high',
    category: 'workload',
    description:
      'On nodes with AppArmor the runtime confines each container with a default profile that denies writes to /proc ' +
      'and /sys, mounts and similar escape routes. Unconfined removes that layer.',
    remediation:
      'Set securityContext.appArmorProfile.type to RuntimeDefault (or Localhost with a reviewed profile) and remove unconfined AppArmor annotations.',
    references: [DOCS.appArmor, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.7.3'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611'],
    },
    fixable: 'suggestion',
    messages: {
      podField: 'the pod securityContext.appArmorProfile.type is Unconfined: set it to RuntimeDefault',
      containerField: 'container "{{container}}" sets securityContext.appArmorProfile.type to Unconfined: set it to RuntimeDefault',
      podAnnotation: 'annotation {{annotation}} is unconfined: set it to runtime/default',
      containerAnnotation: 'annotation {{annotation}} disables AppArmor for container "{{container}}": set it to runtime/default',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    checkUnconfined(context, { field: 'appArmorProfile', containerAnnotationPrefix: 'container.apparmor.security.beta.kubernetes.io/' });
  },
});
