import { RuleTester } from '../../../testing/rule-tester.js';
import { netpolRuleAllowsAllPeers } from './netpol-rule-allows-all-peers.js';

new RuleTester(netpolRuleAllowsAllPeers).run({
  valid: [
    {
      name: 'rules that name their peers; egress without `to` limited to DNS',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
  egress:
  - ports: [{port: 53, protocol: UDP}, {port: 53}]
`,
    },
    {
      name: 'egress rules of a policy that is not an Egress policy are never applied',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-api, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  egress: [{}]
`,
    },
  ],
  invalid: [
    {
      name: '`ingress: [{}]` admits everything',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - {}
`,
      errors: [{ messageId: 'ingressFromAll', resource: 'NetworkPolicy/shop/allow-all', path: 'spec.ingress[0]', line: 7 }],
    },
    {
      name: 'an ingress rule with ports but no from, an empty from, and an egress rule open to all',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: public, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - ports: [{port: 443}]
  - from: []
    ports: [{port: 80}]
  egress:
  - to: []
`,
      errors: [
        { messageId: 'ingressFromAll', path: 'spec.ingress[0]' },
        { messageId: 'ingressFromAll', path: 'spec.ingress[1]' },
        { messageId: 'egressToAll', path: 'spec.egress[0]' },
      ],
    },
  ],
});
