import { definePssRule, type PssViolation } from '../../engine/pss-rule.js';
import type { PodSpecView } from '../../k8s/pod-spec.js';
import { PSS_DOC_URL, isSet, listOf, recordOf, upstreamCheckUrl } from './support/pod-fields.js';

// Reads spec.volumes[*].hostPath. Allowed: unset.
// Ports pod-security-admission policy/check_hostPathVolumes.go (hostPathVolumes_1_0).
function checkHostPathVolumes(pod: PodSpecView): PssViolation[] {
  const violations: PssViolation[] = [];
  listOf(pod.spec.volumes).forEach((volume, index) => {
    const record = recordOf(volume);
    if (!isSet(record?.['hostPath'])) return;
    const name = typeof record?.['name'] === 'string' ? record['name'] : `volumes[${index}]`;
    // No fix: what should replace a node directory depends on what the workload reads from it.
    violations.push({ messageId: 'hostPath', data: { volume: name }, path: [...pod.specPath, 'volumes', index, 'hostPath'] });
  });
  return violations;
}

export const noHostpathVolumes = definePssRule({
  meta: {
    id: 'no-hostpath-volumes',
    title: 'Pods must not mount directories of the node',
    severity: 'high',
    category: 'pss',
    description:
      'A hostPath volume exposes the node\'s file system to the pod: container runtime sockets, kubelet credentials and ' +
      'other pods\' data are a path away, and a writable mount can change the node.',
    remediation: 'Replace the hostPath volume with a persistentVolumeClaim, emptyDir, configMap, secret or projected volume.',
    references: [`${PSS_DOC_URL}#baseline`, upstreamCheckUrl('check_hostPathVolumes.go')],
    frameworks: {
      pss: { check: 'hostPathVolumes', level: 'baseline' },
      cis: ['5.2.12'],
      nsa: ['Pod security: pod security enforcement'],
      mitre: ['T1611', 'T1552.001'],
    },
    fixable: false,
    messages: { hostPath: 'volume "{{volume}}" sets spec.volumes[].hostPath' },
  },
  pss: { id: 'hostPathVolumes', level: 'baseline', versions: [{ minimumVersion: 0, check: checkHostPathVolumes }] },
});
