import { RuleTester } from '../../../testing/rule-tester.js';
import { noHostAliases } from './no-host-aliases.js';

new RuleTester(noHostAliases).run({
  valid: [
    { name: 'no hostAliases', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: registry.example.com/a:1}]\n' },
    { name: 'an empty list', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostAliases: []\n  containers: [{name: a, image: registry.example.com/a:1}]\n' },
  ],
  invalid: [
    {
      name: 'a registry pinned to an address in a Deployment template',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: builder}
spec:
  selector: {matchLabels: {app: builder}}
  template:
    metadata: {labels: {app: builder}}
    spec:
      hostAliases:
        - ip: 203.0.113.7
          hostnames: [registry.example.com, auth.example.com]
      containers: [{name: builder, image: registry.example.com/builder:1}]
`,
      errors: [{ messageId: 'hostAlias', line: 10, path: 'spec.template.spec.hostAliases[0]', data: { index: 0, hostnames: 'registry.example.com, auth.example.com', ip: '203.0.113.7' } }],
    },
  ],
});
