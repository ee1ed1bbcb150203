import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { ingressTls, isHostCovered } from './ingress-tls.js';

it('matches wildcard TLS hosts on exactly one label', () => {
  assert.equal(isHostCovered('shop.example.com', '*.example.com'), true);
  assert.equal(isHostCovered('a.b.example.com', '*.example.com'), false);
  assert.equal(isHostCovered('example.com', '*.example.com'), false);
  assert.equal(isHostCovered('Shop.Example.com', 'shop.example.com'), true);
});

new RuleTester(ingressTls).run({
  valid: [
    {
      name: 'every host covered, one by a wildcard',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls:
    - {hosts: [shop.example.com], secretName: shop-tls}
    - {hosts: ["*.api.example.com"], secretName: api-tls}
  rules:
    - host: shop.example.com
    - host: v1.api.example.com
`,
    },
    { name: 'a tls entry without hosts covers every host', yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: [{secretName: default-tls}]\n  rules: [{host: shop.example.com}]\n' },
  ],
  invalid: [
    {
      name: 'no tls',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n    - host: shop.example.com\n',
      errors: [{ messageId: 'noTls', line: 4, path: 'spec.tls' }],
      output: null,
    },
    {
      name: 'one host not covered',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: [{hosts: [shop.example.com], secretName: shop-tls}]\n  rules:\n    - host: shop.example.com\n    - host: admin.example.com\n',
      errors: [{ messageId: 'hostWithoutTls', line: 8, path: 'spec.rules[1].host' }],
    },
  ],
});
