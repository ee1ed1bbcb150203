import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads spec.volumes to find hostPath volumes, then volumeMounts[*].readOnly of every init, regular and
// ephemeral container that mounts one; only `readOnly: true` passes (the default is read-write).
export const noWritableHostPath = defineObjectRule({
  meta: {
    id: 'no-writable-host-path',
    title: 'hostPath volumes are mounted read-only',
    severity: 'medium',
    category: 'workload',
    description:
      'A container that can write to a node directory can plant files the node or other pods later read or run, fill the ' +
      'node\'s disk, or (through symlinks in log directories) make the kubelet read files it should not.',
    remediation: 'Set readOnly: true on every volumeMounts entry that mounts a hostPath volume, or replace the hostPath volume.',
    references: [DOCS.hostPath, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.2.12'],
      nsa: ['Pod security: hardening container environments'],
      mitre: ['T1611', 'T1565.001'],
    },
    fixable: 'suggestion',
    messages: {
      writable: 'container "{{container}}" mounts hostPath volume "{{volume}}" at {{mountPath}} without readOnly: true: set volumeMounts[].readOnly: true',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    const hostPathVolumes = new Set<string>();
    for (const [, volume] of entriesOf(pod.spec.volumes)) {
      const record = recordOf(volume);
      if (record !== undefined && typeof record['name'] === 'string' && recordOf(record['hostPath']) !== undefined) hostPathVolumes.add(record['name']);
    }
    if (hostPathVolumes.size === 0) return;
    for (const container of containersOf(pod)) {
      for (const [index, mount] of entriesOf(container.container['volumeMounts'])) {
        const record = recordOf(mount);
        const volume = record?.['name'];
        if (typeof volume !== 'string' || !hostPathVolumes.has(volume) || record?.['readOnly'] === true) continue;
        const path = [...container.path, 'volumeMounts', index, 'readOnly'];
        context.report({
          messageId: 'writable',
          data: { container: container.name, volume, mountPath: String(record?.['mountPath'] ?? '') },
          path,
          container: container.name,
          // An agent that writes to the node (a log or CNI installer) would break: a suggestion.
          fix: { kind: 'suggestion', title: `mount hostPath volume "${volume}" read-only in container "${container.name}"`, operations: [{ op: 'set', path, value: true }] },
        });
      }
    }
  },
});
