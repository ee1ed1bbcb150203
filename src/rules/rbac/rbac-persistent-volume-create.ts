import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of ClusterRoles and roleRef of ClusterRoleBindings; flags create on persistentvolumes. CIS 5.1.9.
export const rbacPersistentVolumeCreate = defineDangerousAccessRule({
  id: 'rbac-persistent-volume-create',
  title: 'Roles should not allow creating PersistentVolumes',
  severity: 'high',
  category: 'rbac',
  description: 'A PersistentVolume can point at a hostPath on the node; whoever can create one and a claim for it can mount the node filesystem into a pod, bypassing the Pod Security hostPath restriction.',
  remediation: 'Let users create PersistentVolumeClaims against StorageClasses and leave PersistentVolumes to provisioners and administrators.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.9'], nsa: [NSA_AUTHZ], mitre: ['T1611'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.pvCreate]);
