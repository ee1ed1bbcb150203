import { RuleTester } from '../../../testing/rule-tester.js';
import { noShareProcessNamespace } from './no-share-process-namespace.js';

new RuleTester(noShareProcessNamespace).run({
  valid: [
    { name: 'unset', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'explicitly false', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  shareProcessNamespace: false\n  containers: [{name: app, image: nginx:1.27}]\n' },
  ],
  invalid: [
    {
      name: 'true in a Deployment template; the suggestion removes the line',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      shareProcessNamespace: true
      containers:
        - name: app
          image: nginx:1.27
`,
      includeSuggestions: true,
      errors: [{ messageId: 'shared', line: 8, path: 'spec.template.spec.shareProcessNamespace' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
    },
  ],
});
