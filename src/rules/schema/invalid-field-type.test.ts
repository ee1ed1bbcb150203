import { RuleTester } from '../../../testing/rule-tester.js';
import { invalidFieldType } from './invalid-field-type.js';

new RuleTester(invalidFieldType).run({
  valid: [
    {
      name: 'int-or-string, quantities and YAML 1.1 booleans in their accepted forms',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata: {labels: {app: web}, annotations: {checksum: "1234"}}
    spec:
      hostNetwork: no
      containers:
        - name: a
          image: b
          tty: yes
          env: [{name: PORT, value: "8080"}]
          ports: [{containerPort: 8080}]
          resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 0.25, memory: "128974848"}}
          livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 10}
          readinessProbe: {httpGet: {port: http, path: /}}
`,
    },
    {
      name: 'custom resources are not checked',
      yaml: `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, labels: {tier: 3}}
spec: {replicas: "three"}
`,
    },
    {
      name: 'free-form and any-typed fields take any value',
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            a: {type: string, default: 3, enum: [x, 1, true]}
            b: {type: object, additionalProperties: true}
            c: {type: object, additionalProperties: {type: string}}
`,
    },
  ],
  invalid: [
    {
      name: 'an integer beyond the 64-bit range (runAsUser: 1e38) cannot be decoded: the API server refuses it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsUser: 1e38, runAsGroup: 1e3}
  containers: [{name: a, image: b}]
`,
      errors: [{ messageId: 'mistyped', line: 5, path: 'spec.securityContext.runAsUser' }],
    },
    {
      name: 'a number for a string env value and a quoted number for a port, in a CronJob container',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox:1.36
              env:
                - {name: PORT, value: 8080}
              ports:
                - containerPort: "80"
`,
      errors: [
        { messageId: 'mistyped', line: 15, path: 'spec.jobTemplate.spec.template.spec.containers[0].env[0].value' },
        { messageId: 'mistyped', line: 17, path: 'spec.jobTemplate.spec.template.spec.containers[0].ports[0].containerPort' },
      ],
    },
    {
      name: 'a quoted boolean and a quoted replica count',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "3"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: a
          image: b
          securityContext: {runAsNonRoot: "true"}
`,
      errors: [
        { messageId: 'mistyped', line: 5, path: 'spec.replicas' },
        { messageId: 'mistyped', line: 13, path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot' },
      ],
    },
    {
      name: 'a map where a list is expected, and a non-string label value',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {tier: 3, enabled: true}
spec:
  containers:
    name: a
    image: b
`,
      errors: [
        { messageId: 'mistyped', line: 5, path: 'metadata.labels.tier' },
        { messageId: 'mistyped', line: 5, path: 'metadata.labels.enabled' },
        { messageId: 'mistyped', line: 7, path: 'spec.containers' },
      ],
    },
    {
      name: 'a fractional int-or-string port and a list for a quantity',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 80, targetPort: 80.5}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q}
spec:
  hard: {pods: [10]}
`,
      errors: [
        { messageId: 'mistyped', line: 5, path: 'spec.ports[0].targetPort' },
        { messageId: 'mistyped', line: 11, path: 'spec.hard.pods' },
      ],
    },
    {
      name: 'a List item with a string where an object is expected',
      yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: {name: s}
    type: Opaque
    stringData: "token: abc"
`,
      errors: [{ messageId: 'mistyped', line: 8, path: 'stringData', resource: 'Secret/s' }],
    },
  ],
});
