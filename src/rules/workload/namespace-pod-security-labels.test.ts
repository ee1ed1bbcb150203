import { RuleTester } from '../../../testing/rule-tester.js';
import { namespacePodSecurityLabels } from './namespace-pod-security-labels.js';

new RuleTester(namespacePodSecurityLabels).run({
  valid: [
    { name: 'restricted', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.31}\n' },
    { name: 'baseline', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: baseline}\n' },
  ],
  invalid: [
    {
      name: 'no labels; the suggestion enforces restricted',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      includeSuggestions: true,
      errors: [{ messageId: 'missing', line: 3, path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    },
    {
      name: 'only warn and audit labels are not enforcement',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    app: shop\n    pod-security.kubernetes.io/warn: restricted\n',
      includeSuggestions: true,
      errors: [{ messageId: 'missing', line: 5, path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    app: shop\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/enforce: restricted\n',
    },
    {
      name: 'a workload in the namespace violates restricted but meets baseline: the suggestion enforces baseline and names it',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: elsewhere}
spec:
  hostNetwork: true
  containers: [{name: app, image: nginx}]
`,
      includeSuggestions: true,
      errors: [{ messageId: 'missingBaseline', line: 3, resource: 'Namespace/shop' }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: elsewhere}
spec:
  hostNetwork: true
  containers: [{name: app, image: nginx}]
`,
    },
    {
      name: 'a workload violates even baseline: no label is suggested, the workload is named',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: tools
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: tools}
spec:
  hostNetwork: true
  containers: [{name: app, image: busybox}]
`,
      includeSuggestions: true,
      errors: [{ messageId: 'missingNone', line: 3, resource: 'Namespace/tools' }],
      output: null,
    },
    {
      name: 'workloads that meet restricted keep the restricted suggestion',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: nginx
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
      includeSuggestions: true,
      errors: [{ messageId: 'missing', line: 3, resource: 'Namespace/shop' }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: nginx
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`,
    },
    {
      name: 'privileged and an invalid level',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tools\n  labels: {pod-security.kubernetes.io/enforce: privileged}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: strict}\n',
      errors: [
        { messageId: 'privileged', line: 5, resource: 'Namespace/tools' },
        { messageId: 'invalid', line: 11, resource: 'Namespace/shop' },
      ],
      output: null,
    },
  ],
});
