import { RuleTester } from '../../../testing/rule-tester.js';
import { noLegacyServiceAccountTokenSecret } from './no-legacy-service-account-token-secret.js';

new RuleTester(noLegacyServiceAccountTokenSecret).run({
  valid: [
    { name: 'an Opaque Secret', yaml: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n' },
    { name: 'a TLS Secret', yaml: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\n' },
  ],
  invalid: [
    {
      name: 'a legacy token Secret for a ServiceAccount',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token
`,
      errors: [{ messageId: 'legacyToken', line: 7, path: 'type' }],
      output: null,
    },
  ],
});
