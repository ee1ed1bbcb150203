import { RuleTester } from '../../../testing/rule-tester.js';
import { noAutomountServiceAccountToken } from './no-automount-service-account-token.js';

new RuleTester(noAutomountServiceAccountToken).run({
  valid: [
    { name: 'explicitly false', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'explicitly true declares the need', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: op}\nspec:\n  serviceAccountName: operator\n  automountServiceAccountToken: true\n  containers: [{name: op, image: ghcr.io/org/operator:1.0}]\n' },
    { name: 'a ServiceAccount object is not a pod', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n' },
  ],
  invalid: [
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
