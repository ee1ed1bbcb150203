import { RuleTester } from '../../../testing/rule-tester.js';
import { unknownField } from './unknown-field.js';

new RuleTester(unknownField).run({
  valid: [
    {
      name: 'a Deployment that uses only API fields',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  annotations: {any.key/may-be: anything}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports: [{containerPort: 8080, name: http}]
          resources: {limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 0.1}}
          readinessProbe: {httpGet: {path: /, port: http}}
status: {}
`,
    },
    {
      name: 'custom resources are not checked (no schema)',
      yaml: `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m}
spec: {whatever: {nested: true}, endpoints: [{port: web, notARealField: 1}]}
`,
    },
    {
      name: 'kinds that this Kubernetes version does not serve are not checked',
      yaml: `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: old}
spec: {template: {spec: {containers: [{name: a, image: b, foo: 1}]}}}
`,
    },
    {
      name: 'free-form values: CRD schemas, RawExtension, ConfigMap data keys, annotations',
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
      subresources: {status: {}}
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
          properties:
            spec:
              type: object
              additionalProperties: false
              default: {anything: [1, 2]}
              properties: {size: {type: integer, x-kubernetes-int-or-string: true}}
`,
    },
    {
      name: 'null values are accepted anywhere',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, creationTimestamp: null}
spec:
  securityContext: null
  containers: [{name: a, image: b, resources: {}, env: null}]
`,
    },
    {
      name: 'strategic merge patch directives in a kustomize patch file',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: app}]
      containers:
        - name: sidecar
          $patch: delete
        - name: app
          $retainKeys: [image]
          $deleteFromPrimitiveList/args: [--debug]
`,
    },
    {
      name: 'security fields are left to unknown-security-field',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: b, securityContex: {runAsNonRoot: true}}]
`,
    },
  ],
  invalid: [
    {
      name: 'did you mean: a wrong letter case in a flow map is renamed in place',
      includeSuggestions: true,
      reveals: ['image-pinned-by-digest', 'image-pull-policy-always'],
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, Image: "nginx:1.27"}]
`,
      errors: [{ messageId: 'typo', line: 5, path: 'spec.containers[0].Image' }],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: "nginx:1.27"}]
`,
    },
    {
      name: 'a field in the wrong letter case',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      Image: nginx:1.27
`,
      errors: [{ messageId: 'typo', line: 7, path: 'spec.containers[0].Image' }],
    },
    {
      name: 'a typo in a container of a CronJob',
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
              comand: [sh, -c, date]
              resouces: {limits: {cpu: 100m}}
`,
      errors: [
        { messageId: 'typo', line: 14, path: 'spec.jobTemplate.spec.template.spec.containers[0].comand' },
        { messageId: 'typo', line: 15, path: 'spec.jobTemplate.spec.template.spec.containers[0].resouces' },
      ],
    },
    {
      name: 'a misplaced field names the object types that define it',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    containers:
      - {name: a, image: b}
`,
      errors: [{ messageId: 'misplaced', line: 8, path: 'spec.template.containers' }],
    },
    {
      name: 'a field that nothing in the API defines',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 80}]
  loadBalancerWhitelist: [10.0.0.0/8]
`,
      errors: [{ messageId: 'unknown', line: 6, path: 'spec.loadBalancerWhitelist' }],
    },
    {
      name: 'a dollar key that is not a patch directive',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {a: b}
$patches: delete
`,
      errors: [{ messageId: 'unknown', line: 5, path: '$patches' }],
    },
    {
      name: 'a top-level spec on a ConfigMap gets no guess where it belongs',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
spec: {key: value}
`,
      errors: [{ messageId: 'unknown', line: 4, path: 'spec' }],
    },
    {
      name: 'every item of a List is checked at its own location',
      yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: ok}
    data: {a: b}
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: sa, lables: {app: x}}
`,
      errors: [{ messageId: 'typo', line: 10, path: 'metadata.lables', resource: 'ServiceAccount/sa' }],
    },
    {
      name: 'fields of a Pod in a multi-document file',
      yaml: `apiVersion: v1
kind: Namespace
metadata: {name: ns}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  containers: [{name: a, image: b}]
  nodeSelectorTerms: [{matchExpressions: []}]
`,
      errors: [{ messageId: 'misplaced', line: 10, path: 'spec.nodeSelectorTerms' }],
    },
  ],
});
