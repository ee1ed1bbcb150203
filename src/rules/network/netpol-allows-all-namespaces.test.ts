import { RuleTester } from '../../../testing/rule-tester.js';
import { netpolAllowsAllNamespaces } from './netpol-allows-all-namespaces.js';

new RuleTester(netpolAllowsAllNamespaces).run({
  valid: [
    {
      name: 'namespaces selected by label; podSelector alone stays in the namespace',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
    - podSelector: {}
  egress:
  - to: [{namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}}]
`,
    },
  ],
  invalid: [
    {
      name: 'empty namespaceSelector alone, and with a pod restriction, in both directions',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: wide, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {}
    - namespaceSelector: {}
      podSelector: {matchLabels: {role: scraper}}
  egress:
  - to:
    - podSelector: {}
      namespaceSelector: {}
`,
      errors: [
        { messageId: 'everyPod', resource: 'NetworkPolicy/shop/wide', path: 'spec.ingress[0].from[0].namespaceSelector', line: 8 },
        { messageId: 'someLabel', path: 'spec.ingress[0].from[1].namespaceSelector', line: 9 },
        { messageId: 'everyPod', path: 'spec.egress[0].to[0].namespaceSelector', line: 14 },
      ],
    },
  ],
});
