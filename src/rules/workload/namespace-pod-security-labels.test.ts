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
