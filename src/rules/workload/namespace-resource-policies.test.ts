import { RuleTester } from '../../../testing/rule-tester.js';
import { namespaceResourcePolicies } from './namespace-resource-policies.js';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const LIMIT_RANGE = `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 256Mi}
      defaultRequest: {cpu: 100m, memory: 128Mi}
      max: {cpu: "2", memory: 2Gi}
`;
const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata: {name: shop, namespace: shop}
spec:
  hard: {requests.cpu: "10", requests.memory: 20Gi, limits.memory: 40Gi, pods: "100"}
`;

new RuleTester(namespaceResourcePolicies).run({
  valid: [
    { name: 'a namespace with both', yaml: `${NAMESPACE}---\n${LIMIT_RANGE}---\n${QUOTA}` },
    { name: 'kube-system is the control plane\'s', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n' },
    { name: 'objects of a namespace the input does not define are not judged', yaml: LIMIT_RANGE },
  ],
  invalid: [
    {
      name: 'a namespace with neither',
      yaml: NAMESPACE,
      errors: [
        { messageId: 'noLimitRange', line: 4, path: 'metadata.name', resource: 'Namespace/shop' },
        { messageId: 'noResourceQuota', line: 4, path: 'metadata.name', resource: 'Namespace/shop' },
      ],
    },
    {
      name: 'a quota alone, and a LimitRange in another namespace',
      yaml: `${NAMESPACE}---\n${QUOTA}---\n${LIMIT_RANGE.replace('namespace: shop', 'namespace: other')}`,
      errors: [{ messageId: 'noLimitRange', resource: 'Namespace/shop', data: { namespace: 'shop' } }],
    },
  ],
});
