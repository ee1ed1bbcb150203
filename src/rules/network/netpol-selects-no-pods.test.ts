import { RuleTester } from '../../../testing/rule-tester.js';
import { netpolSelectsNoPods } from './netpol-selects-no-pods.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers: [{name: main, image: example/web:1}]
`;

new RuleTester(netpolSelectsNoPods).run({
  valid: [
    {
      name: 'selectors that match the workload, and {} which matches every pod',
      yaml: `${web}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-web, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: tier, operator: In, values: [front, back]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-all, namespace: shop}
spec:
  podSelector: {}
`,
    },
    {
      name: 'a namespace without workloads in the input is not judged',
      yaml: `${web}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-elsewhere, namespace: other}
spec:
  podSelector: {matchLabels: {app: nothing-here}}
`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt label, and an expression that excludes the only match',
      yaml: `${web}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typo, namespace: shop}
spec:
  podSelector: {matchLabels: {app: wbe}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: wrong-tier, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}
`,
      errors: [
        { messageId: 'selectsNothing', resource: 'NetworkPolicy/shop/typo', path: 'spec.podSelector', line: 14 },
        { messageId: 'selectsNothing', resource: 'NetworkPolicy/shop/wrong-tier', path: 'spec.podSelector', line: 20 },
      ],
    },
  ],
});
