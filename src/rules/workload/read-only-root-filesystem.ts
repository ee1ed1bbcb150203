import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, isWindowsPod, recordOf } from './support/workload-fields.js';

// Reads securityContext.readOnlyRootFilesystem of every init, regular and ephemeral container; only
// `true` passes. Windows pods are skipped: the field is not supported there (the API server rejects it
// when spec.os.name is windows). Polaris (notReadOnlyRootFilesystem) and kube-score check the same field.
export const readOnlyRootFilesystem = defineObjectRule({
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Containers run with a read-only root file system',
    severity: 'medium',
    category: 'workload',
    description:
      'A writable root file system lets an attacker who gets code execution drop tools, modify binaries and persist ' +
      'inside the container. Applications that need scratch space can mount an emptyDir volume where they write.',
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true on every container and mount emptyDir volumes at the paths the application writes to.',
    references: [DOCS.securityContext, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.7.3'],
      nsa: ['Pod security: immutable container file systems'],
      mitre: ['T1105', 'T1554'],
    },
    fixable: 'suggestion',
    messages: {
      unset: 'container "{{container}}" does not set securityContext.readOnlyRootFilesystem: set it to true',
      disabled: 'container "{{container}}" sets securityContext.readOnlyRootFilesystem to {{value}}: set it to true',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined || isWindowsPod(pod)) return;
    for (const container of containersOf(pod)) {
      const value = recordOf(container.container.securityContext)?.['readOnlyRootFilesystem'];
      if (value === true) continue;
      const path = [...container.path, 'securityContext', 'readOnlyRootFilesystem'];
      context.report({
        messageId: value === undefined || value === null ? 'unset' : 'disabled',
        data: { container: container.name, value: JSON.stringify(value) ?? 'null' },
        path,
        container: container.name,
        // May break an application that writes outside its volumes: a suggestion, never applied by default.
        fix: { kind: 'suggestion', title: `set securityContext.readOnlyRootFilesystem: true on container "${container.name}"`, operations: [{ op: 'set', path, value: true }] },
      });
    }
  },
});
