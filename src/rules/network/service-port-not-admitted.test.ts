import { RuleTester } from '../../../testing/rule-tester.js';
import { servicePortNotAdmitted } from './service-port-not-admitted.js';

const api = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: main
        image: example/api:1
        ports:
        - {name: http, containerPort: 8080}
        - {name: metrics, containerPort: 9090}
---
`;
const allowHttp = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {}}]
    ports: [{port: http}]
---
`;

new RuleTester(servicePortNotAdmitted).run({
  valid: [
    {
      name: 'named and numeric targetPorts the policy admits',
      yaml: `${api}${allowHttp}apiVersion: v1
kind: Service
metadata: {name: dont-fire-api, namespace: shop}
spec:
  selector: {app: api}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: alt, port: 8080}
`,
    },
    {
      name: 'backends not isolated for ingress; Services without selector or backends are not judged',
      yaml: `${api}apiVersion: v1
kind: Service
metadata: {name: dont-fire-open, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 9999}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-external, namespace: shop}
spec:
  ports: [{port: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-nobody, namespace: shop}
spec:
  selector: {app: nobody}
  ports: [{port: 443}]
`,
    },
  ],
  invalid: [
    {
      name: 'a port no rule admits, and one whose only rule admits no peer',
      yaml: `${api}${allowHttp}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typo, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: promethues}}}]
    ports: [{port: metrics}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090, targetPort: metrics}
  - {name: udp, port: 8080, protocol: UDP}
`,
      errors: [
        { messageId: 'notAdmitted', resource: 'Service/shop/api', path: 'spec.ports[1]', line: 40 },
        { messageId: 'notAdmitted', resource: 'Service/shop/api', path: 'spec.ports[2]', line: 41 },
      ],
    },
  ],
});
