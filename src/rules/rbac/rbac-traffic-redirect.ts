import { DANGEROUS_ACCESS } from '../../analysis/rbac/dangerous-access.js';
import { NSA_AUTHZ, RBAC_DOCS, RBAC_GOOD_PRACTICES } from './support/rbac-context.js';
import { defineDangerousAccessRule } from './support/dangerous-access-rule.js';

// Reads rules[*] of Roles and ClusterRoles and roleRef of bindings to built-in roles; flags writes that redirect Service traffic (services/status, Endpoints, EndpointSlices, nodes/status).
export const rbacTrafficRedirect = defineDangerousAccessRule({
  id: 'rbac-traffic-redirect',
  title: 'Roles should not allow redirecting Service traffic',
  severity: 'medium',
  category: 'rbac',
  description: 'Writing services/status sets a LoadBalancer ingress IP that kube-proxy then routes to the Service (CVE-2020-8554); writing Endpoints or EndpointSlices points a Service at any address, pods of other namespaces included (CVE-2021-25740); writing nodes/status changes the addresses the API server dials to reach a kubelet. Each lets its holder intercept traffic meant for someone else.',
  remediation: 'Leave these writes to the controllers that own them (service and endpoint controllers, the cloud controller manager, kubelets); grant read access where a tool needs it.',
  references: ['https://github.com/kubernetes/kubernetes/issues/97076', 'https://github.com/kubernetes/kubernetes/issues/103675', RBAC_GOOD_PRACTICES, RBAC_DOCS],
  frameworks: { nsa: [NSA_AUTHZ], mitre: ['T1557'] },
  fixable: false,
  messages: {
    role: '{{role}} rules[{{index}}] allows {{verbs}} on {{access}} ({{names}})',
    binding: '{{binding}} grants {{role}}, which allows {{access}}',
  },
}, [DANGEROUS_ACCESS.trafficRedirect]);
