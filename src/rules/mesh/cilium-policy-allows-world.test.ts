import { RuleTester } from '../../../testing/rule-tester.js';
import { ciliumPolicyAllowsWorld } from './cilium-policy-allows-world.js';

const policy = (rules: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  endpointSelector: {matchLabels: {app: api}}
${rules}`;

new RuleTester(ciliumPolicyAllowsWorld).run({
  valid: [
    {
      name: 'cluster peers, named FQDNs and a CIDR set with exceptions',
      yaml: policy(`  ingress:
    - fromEndpoints: [{matchLabels: {app: web}}]
  egress:
    - toFQDNs: [{matchName: api.stripe.com}]
    - toCIDRSet: [{cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.169.254/32]}]
    - toEntities: [kube-apiserver, cluster]
`),
    },
  ],
  invalid: [
    {
      name: 'ingress from the world entity and egress to every address',
      yaml: policy(`  ingress:
    - fromEntities: [world]
  egress:
    - toCIDR: [0.0.0.0/0]
`),
      errors: [
        { messageId: 'entity', line: 9, path: 'spec.ingress[0].fromEntities[0]', data: { direction: 'ingress', index: 0, entity: 'world' } },
        { messageId: 'cidr', line: 11, path: 'spec.egress[0].toCIDR[0]', data: { direction: 'egress', index: 0, cidr: '0.0.0.0/0' } },
      ],
    },
    {
      name: 'a clusterwide policy with several specs',
      yaml: `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: nodes}
specs:
  - nodeSelector: {}
    ingress:
      - fromEntities: [cluster]
  - endpointSelector: {}
    egress:
      - toEntities: [all]
`,
      errors: [{ messageId: 'entity', line: 10, path: 'specs[1].egress[0].toEntities[0]', data: { direction: 'egress', index: 0, entity: 'all' } }],
    },
  ],
});
