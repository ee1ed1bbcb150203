import { RuleTester } from '../../../testing/rule-tester.js';
import { istioAuthorizationAllowsAll } from './istio-authorization-allows-all.js';

const policy = (spec: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: web
  namespace: shop
spec:
${spec}`;

new RuleTester(istioAuthorizationAllowsAll).run({
  valid: [
    { name: 'the allow-nothing policy (no rules): the recommended deny-all', yaml: policy('  {}\n').replace('spec:\n  {}', 'spec: {}') },
    {
      name: 'a rule naming its callers and operations',
      yaml: policy(`  selector: {matchLabels: {app: web}}
  rules:
    - from:
        - source: {principals: [cluster.local/ns/shop/sa/frontend]}
      to:
        - operation: {methods: [GET], paths: [/api/*]}
`),
    },
    { name: 'a DENY policy with an empty rule denies everything, which is safe', yaml: policy('  action: DENY\n  rules: [{}]\n') },
  ],
  invalid: [
    {
      name: 'an empty rule (allow all) in the root namespace',
      yaml: policy('  rules:\n    - {}\n'),
      errors: [{ messageId: 'emptyRule', line: 8, path: 'spec.rules[0]', data: { index: 0 } }],
    },
    {
      name: 'any principal with no operation limit',
      yaml: policy('  action: ALLOW\n  rules:\n    - from:\n        - source: {principals: ["*"]}\n'),
      errors: [{ messageId: 'anySource', path: 'spec.rules[0].from', data: { index: 0, field: 'principals' } }],
    },
  ],
});
