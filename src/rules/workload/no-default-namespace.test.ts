import { RuleTester } from '../../../testing/rule-tester.js';
import { noDefaultNamespace } from './no-default-namespace.js';

new RuleTester(noDefaultNamespace).run({
  valid: [
    { name: 'a dedicated namespace', yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'unset is not reported by default', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n' },
    { name: 'non-workloads are not checked', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n' },
  ],
  invalid: [
    {
      name: 'namespace default',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: default\nspec:\n  template:\n    spec:\n      containers: [{name: m, image: flyway/flyway:10}]\n',
      errors: [{ messageId: 'defaultNamespace', line: 5, path: 'metadata.namespace' }],
      output: null,
    },
    {
      name: 'unset with reportUnset',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n',
      options: { reportUnset: true },
      errors: [{ messageId: 'unsetNamespace', line: 3, path: 'metadata.namespace' }],
    },
  ],
});
