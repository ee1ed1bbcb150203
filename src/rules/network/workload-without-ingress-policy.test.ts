import { RuleTester } from '../../../testing/rule-tester.js';
import { workloadWithoutIngressPolicy } from './workload-without-ingress-policy.js';

const deployment = (namespace: string, name: string, app: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers: [{name: main, image: example/app:1}]
`;

new RuleTester(workloadWithoutIngressPolicy).run({
  valid: [
    {
      name: 'a policy selects the pods with the defaulted Ingress type',
      yaml: `${deployment('shop', 'dont-fire-web', 'web')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {}}]}]
`,
    },
    {
      name: 'a namespace-wide default deny isolates every pod',
      yaml: `${deployment('shop', 'dont-fire-a', 'a')}---
${deployment('shop', 'dont-fire-b', 'b')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
    },
    { name: 'kube-system is skipped by default', yaml: deployment('kube-system', 'dont-fire-dns', 'dns') },
  ],
  invalid: [
    {
      name: 'no policy at all',
      yaml: deployment('shop', 'web', 'web'),
      errors: [{ messageId: 'noIngressPolicy', resource: 'Deployment/shop/web', path: 'spec.template.metadata.labels', line: 8 }],
    },
    {
      name: 'an Egress-only policy does not isolate ingress',
      yaml: `${deployment('shop', 'web', 'web')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
`,
      errors: [{ messageId: 'noIngressPolicy', resource: 'Deployment/shop/web' }],
    },
    {
      name: 'a policy of another namespace, and one whose labels do not match',
      yaml: `${deployment('shop', 'web', 'web')}---
${deployment('shop', 'dont-fire-db', 'db')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: other}
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
`,
      errors: [{ messageId: 'noIngressPolicy', resource: 'Deployment/shop/web' }],
    },
    {
      name: 'a bare Pod is its own workload; ignoreNamespaces can be emptied',
      options: { ignoreNamespaces: [] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: kube-system, labels: {run: debug}}
spec:
  containers: [{name: shell, image: busybox:1}]
`,
      errors: [{ messageId: 'noIngressPolicy', resource: 'Pod/kube-system/debug', path: 'metadata.labels' }],
    },
  ],
});
