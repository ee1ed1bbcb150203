import { RuleTester } from '../../../testing/rule-tester.js';
import { loadBalancerSourceRanges } from './load-balancer-source-ranges.js';

new RuleTester(loadBalancerSourceRanges).run({
  valid: [
    { name: 'restricted ranges', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24, 2001:db8::/32]\n' },
    {
      name: 'ranges through the annotation',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24,198.51.100.0/24"}\nspec:\n  type: LoadBalancer\n',
    },
    {
      name: 'an internal load balancer',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations: {networking.gke.io/load-balancer-type: Internal}\nspec:\n  type: LoadBalancer\n',
    },
    { name: 'not a LoadBalancer', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n' },
  ],
  invalid: [
    {
      name: 'no ranges at all',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  ports: [{port: 443}]\n',
      errors: [{ messageId: 'missing', line: 4, path: 'spec.loadBalancerSourceRanges' }],
      output: null,
    },
    {
      name: 'open ranges in the field and in the annotation',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 10.0.0.0/8\n    - 0.0.0.0/0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "::/0"}\nspec:\n  type: LoadBalancer\n',
      errors: [
        { messageId: 'openRange', line: 8, path: 'spec.loadBalancerSourceRanges[1]', resource: 'Service/web' },
        { messageId: 'openRangeAnnotation', line: 14, path: 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]', resource: 'Service/api' },
      ],
    },
  ],
});
