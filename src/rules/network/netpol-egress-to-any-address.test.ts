import { RuleTester } from '../../../testing/rule-tester.js';
import { netpolEgressToAnyAddress } from './netpol-egress-to-any-address.js';

new RuleTester(netpolEgressToAnyAddress).run({
  valid: [
    {
      name: 'whole space with except, narrow blocks, and 0.0.0.0/0 for ingress',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-web, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.169.254/32]}
    - ipBlock: {cidr: 203.0.113.0/24}
    - ipBlock: {cidr: "0.0.0.0/1"}
`,
    },
  ],
  invalid: [
    {
      name: 'IPv4 and IPv6 whole space without except',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0}
    - ipBlock: {cidr: "::/0", except: []}
    ports: [{port: 443}]
`,
      errors: [
        { messageId: 'anyAddress', resource: 'NetworkPolicy/shop/internet', path: 'spec.egress[0].to[0].ipBlock.cidr', line: 9 },
        { messageId: 'anyAddress', path: 'spec.egress[0].to[1].ipBlock.cidr', line: 10 },
      ],
    },
  ],
});
