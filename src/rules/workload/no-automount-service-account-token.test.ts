import { RuleTester } from '../../../testing/rule-tester.js';
import { noAutomountServiceAccountToken } from './no-automount-service-account-token.js';

new RuleTester(noAutomountServiceAccountToken).run({
  valid: [
    { name: 'explicitly false', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'explicitly true declares the need', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: op}\nspec:\n  serviceAccountName: operator\n  automountServiceAccountToken: true\n  containers: [{name: op, image: ghcr.io/org/operator:1.0}]\n' },
    { name: 'a ServiceAccount object is not a pod', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n' },
    {
      name: 'unset on the pod, false on its ServiceAccount in the same input: no token is mounted (the API server\'s shouldAutomount)',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: app
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: shop}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'the ServiceAccount that sets false is in another namespace, or the pod\'s own one mounts: reported',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: other}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
automountServiceAccountToken: true
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  serviceAccountName: app
  containers: [{name: app, image: nginx:1.27}]
`,
      errors: [{ messageId: 'unset', resource: 'Pod/shop/web', path: 'spec.automountServiceAccountToken' }],
    },
    {
      name: 'unset in a CronJob; the suggestion sets false at the pod spec',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: python:3.12
`,
      includeSuggestions: true,
      errors: [{ messageId: 'unset', line: 10, path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken' }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: python:3.12
          automountServiceAccountToken: false
`,
    },
    {
      name: 'null counts as unset',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: null\n  containers: [{name: app, image: nginx:1.27}]\n',
      errors: [{ messageId: 'unset', line: 5, path: 'spec.automountServiceAccountToken' }],
    },
  ],
});
