import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, isSet, listOf, recordOf, upstreamCheckUrl } from './support/pod-fields.js';

// Reads the source of every spec.volumes[*]. Allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image,
// persistentVolumeClaim, projected, secret. Upstream allows `image` at every policy version (it was added to
// restrictedVolumes_1_0 itself). A volume with no source is allowed: the API server defaults it to emptyDir.
// Ports policy/check_restrictedVolumes.go (restrictedVolumes_1_0); overrides hostPathVolumes.
const ALLOWED_SOURCES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];
// The other sources of the core/v1 VolumeSource. A key outside both lists is not a volume source the API knows: the
// API server drops it (the schema rule reports it), so it is not judged here.
const FORBIDDEN_SOURCES: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
  'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos',
];

function checkRestrictedVolumes(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  listOf(pod.spec.volumes).forEach((volume, index) => {
    const record = recordOf(volume);
    if (record === undefined || ALLOWED_SOURCES.some((source) => isSet(record[source]))) return;
    const source = FORBIDDEN_SOURCES.find((candidate) => isSet(record[candidate]));
    if (source === undefined) return;
    const name = typeof record['name'] === 'string' ? record['name'] : `volumes[${index}]`;
    // No fix: the data behind a node path or network share has to move somewhere a person chooses.
    violations.push({ messageId: 'forbiddenType', data: { volume: name, type: source }, path: [...pod.specPath, 'volumes', index, source] });
  });
  return violations;
}

export const restrictedVolumeTypes = definePssRule({
  meta: {
    id: 'restricted-volume-types',
    title: 'Pods may only use core volume types',
    severity: 'medium',
    category: 'pss',
    description:
      'Volume types other than configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and ' +
      'secret reach node paths or storage systems directly, outside the PersistentVolume model that administrators control. ' +
      'At restricted this check replaces no-hostpath-volumes; a defect both report keeps no-hostpath-volumes\'s severity, so its grade does not depend on the level asked for.',
    remediation: 'Use a persistentVolumeClaim (or another allowed volume type) instead of mounting node paths or storage backends directly.',
    references: [`${PSS_DOC_URL}#restricted`, upstreamCheckUrl('check_restrictedVolumes.go')],
    frameworks: {
      pss: { check: 'restrictedVolumes', level: 'restricted' },
      cis: ['5.2.12'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611'],
    },
    fixable: false,
    messages: { forbiddenType: 'volume "{{volume}}" uses the restricted volume type spec.volumes[].{{type}}' },
  },
  pss: {
    id: 'restrictedVolumes',
    level: 'restricted',
    versions: [{ minimumVersion: 0, overrides: ['hostPathVolumes'], check: checkRestrictedVolumes }],
  },
});
