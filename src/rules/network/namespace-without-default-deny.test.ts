import { RuleTester } from '../../../testing/rule-tester.js';
import { namespaceWithoutDefaultDeny } from './namespace-without-default-deny.js';

const denyBoth = (namespace: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${namespace}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

new RuleTester(namespaceWithoutDefaultDeny).run({
  valid: [
    {
      name: 'a policy with an empty podSelector isolates both directions',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: dont-fire-shop}
---
${denyBoth('dont-fire-shop')}`,
    },
    {
      name: 'a namespace-wide policy that still restricts peers counts as a default deny',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: dont-fire-shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: same-namespace-only, namespace: dont-fire-shop}
spec:
  podSelector: {}
  ingress: [{from: [{podSelector: {}}]}]
  egress: [{to: [{podSelector: {}}]}, {ports: [{port: 53, protocol: UDP}]}]
`,
    },
    {
      name: 'egress can be switched off by option',
      options: { egress: false },
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: dont-fire-shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: dont-fire-shop}
spec:
  podSelector: {}
`,
    },
    {
      name: 'system namespaces are skipped; namespaces known only from a policy are not judged',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: dont-fire-elsewhere}
spec:
  podSelector: {matchLabels: {app: web}}
`,
    },
  ],
  invalid: [
    {
      name: 'a defined namespace without any policy',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
      errors: [
        { messageId: 'noIngressDefaultDeny', resource: 'Namespace/shop', path: 'metadata.name', line: 3 },
        { messageId: 'noEgressDefaultDeny', resource: 'Namespace/shop', path: 'metadata.name', line: 3 },
      ],
    },
    {
      name: 'a namespace known from its workload; policies selecting some pods or allowing everything do not count',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: main, image: example/web:1}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{}]
  egress: [{}]
---
${denyBoth('dont-fire-other')}`,
      errors: [
        { messageId: 'noIngressDefaultDeny', resource: 'Deployment/shop/web', path: 'metadata.namespace', line: 3 },
        { messageId: 'noEgressDefaultDeny', resource: 'Deployment/shop/web', path: 'metadata.namespace', line: 3 },
      ],
    },
    {
      name: 'an ingress default deny alone still misses egress',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec:
  podSelector: {}
  egress: []
`,
      errors: [{ messageId: 'noEgressDefaultDeny', resource: 'Namespace/shop' }],
    },
  ],
});
