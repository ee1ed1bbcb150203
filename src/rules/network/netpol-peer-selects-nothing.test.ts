import { RuleTester } from '../../../testing/rule-tester.js';
import { netpolPeerSelectsNothing } from './netpol-peer-selects-nothing.js';

const world = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring, labels: {purpose: monitoring}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: main, image: example/web:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: prometheus, namespace: monitoring}
spec:
  template:
    metadata: {labels: {app: prometheus}}
    spec:
      containers: [{name: main, image: prom/prometheus:v2}]
---
`;

new RuleTester(netpolPeerSelectsNothing).run({
  valid: [
    {
      name: 'peers that match pods and namespaces; ipBlocks; namespaces without workloads are not judged',
      yaml: `${world}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-web, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - namespaceSelector: {matchLabels: {purpose: monitoring}}
      podSelector: {matchLabels: {app: prometheus}}
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}
    - ipBlock: {cidr: 10.0.0.0/8}
  egress:
  - to: [{namespaceSelector: {matchLabels: {team: shop}}, podSelector: {matchExpressions: [{key: app, operator: Exists}]}}]
`,
    },
    {
      name: 'without Namespace objects a namespaceSelector cannot be judged',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-web, namespace: shop}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {purpose: monitoring}}}]}]
`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt pod label, a namespace label nobody has, and a pod label absent from the selected namespace',
      yaml: `${world}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typos, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: wbe}}
    - namespaceSelector: {matchLabels: {purpose: monitorng}}
    - namespaceSelector: {matchLabels: {purpose: monitoring}}
      podSelector: {matchLabels: {app: web}}
`,
      errors: [
        { messageId: 'noPod', resource: 'NetworkPolicy/shop/typos', path: 'spec.ingress[0].from[0].podSelector', line: 34 },
        { messageId: 'noNamespace', path: 'spec.ingress[0].from[1].namespaceSelector', line: 35 },
        { messageId: 'noPod', path: 'spec.ingress[0].from[2].podSelector', line: 37 },
      ],
    },
    {
      name: 'peers the API would reject select nothing',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {}
  egress:
  - to:
    - {}
    - ipBlock: {cidr: 10.0.0.0/33}
    - podSelector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}
`,
      errors: [
        { messageId: 'invalid', path: 'spec.egress[0].to[0]' },
        { messageId: 'invalid', path: 'spec.egress[0].to[1]' },
        { messageId: 'invalid', path: 'spec.egress[0].to[2]' },
      ],
    },
  ],
});
