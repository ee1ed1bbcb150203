import { RuleTester } from '../../../testing/rule-tester.js';
import { imagePullPolicyAlways } from './image-pull-policy-always.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

new RuleTester(imagePullPolicyAlways).run({
  valid: [
    { name: 'Always with a version tag', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx:1.27, imagePullPolicy: Always}]\n' },
    { name: 'unset with latest or no tag defaults to Always', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: nginx}, {name: b, image: "nginx:latest"}]\n' },
    { name: 'a digest makes IfNotPresent safe', yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx:1.27@${DIGEST}", imagePullPolicy: IfNotPresent}]\n` },
  ],
  invalid: [
    {
      name: 'unset with a version tag, and IfNotPresent; suggestions set Always',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
        - name: side
          image: envoyproxy/envoy:v1.31.0
          imagePullPolicy: IfNotPresent
`,
      includeSuggestions: true,
      errors: [
        { messageId: 'defaultsToIfNotPresent', line: 9, path: 'spec.template.spec.containers[0].imagePullPolicy', container: 'app' },
        { messageId: 'notAlways', line: 13, path: 'spec.template.spec.containers[1].imagePullPolicy', container: 'side' },
      ],
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
          imagePullPolicy: Always
        - name: side
          image: envoyproxy/envoy:v1.31.0
          imagePullPolicy: Always
`,
    },
    {
      name: 'Never with latest',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "app:latest", imagePullPolicy: Never}]\n',
      errors: [{ messageId: 'notAlways', container: 'app' }],
      output: null,
    },
  ],
});
