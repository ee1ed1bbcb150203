import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of ClusterRoles and roleRef of ClusterRoleBindings; flags update/patch on certificatesigningrequests/approval or /status and approve/sign on signers. CIS 5.1.11.
export const rbacCsrApprove = defineDangerousAccessRule({
  id: 'rbac-csr-approve',
  title: 'Roles should not allow approving or signing CertificateSigningRequests',
  severity: 'high',
  category: 'rbac',
  description: 'Approving (certificatesigningrequests/approval + approve on signers) or signing (certificatesigningrequests/status + sign) a CSR issues client certificates, which can name any user or group, system:masters included.',
  remediation: 'Leave CSR approval to the controller manager; restrict approve/sign with resourceNames to the signers a component needs.',
  references: [RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { cis: ['5.1.11'], nsa: [NSA_AUTHZ], mitre: ['T1649'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.csrApprove]);
