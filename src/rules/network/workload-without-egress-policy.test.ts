import { RuleTester } from '../../../testing/rule-tester.js';
import { workloadWithoutEgressPolicy } from './workload-without-egress-policy.js';

const statefulSet = (name: string, app: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}, namespace: data}
spec:
  serviceName: ${name}
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers: [{name: main, image: example/db:1}]
`;

new RuleTester(workloadWithoutEgressPolicy).run({
  valid: [
    {
      name: 'egress rules make the defaulted policyTypes include Egress',
      yaml: `${statefulSet('dont-fire-db', 'db')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  egress: [{ports: [{port: 53, protocol: UDP}]}]
`,
    },
    {
      name: 'explicit policyTypes Egress without rules',
      yaml: `${statefulSet('dont-fire-db', 'db')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: data}
spec:
  podSelector: {}
  policyTypes: [Egress]
`,
    },
  ],
  invalid: [
    {
      name: 'no policy at all',
      yaml: statefulSet('db', 'db'),
      errors: [{ messageId: 'noEgressPolicy', resource: 'StatefulSet/data/db', path: 'spec.template.metadata.labels' }],
    },
    {
      name: 'an ingress-only policy leaves egress open, even with `egress: []`',
      yaml: `${statefulSet('db', 'db')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{}]
  egress: []
`,
      errors: [{ messageId: 'noEgressPolicy', resource: 'StatefulSet/data/db' }],
    },
  ],
});
