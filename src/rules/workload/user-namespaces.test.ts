import { RuleTester } from '../../../testing/rule-tester.js';
import { userNamespaces } from './user-namespaces.js';

const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
${spec}  containers:
    - name: api
      image: registry.example.com/api:2.1
`;

new RuleTester(userNamespaces).run({
  valid: [
    { name: 'hostUsers: false', yaml: pod('  hostUsers: false\n') },
    { name: 'a pod on the host network cannot have a user namespace', yaml: pod('  hostNetwork: true\n') },
    { name: 'Windows pods have no user namespaces', yaml: pod('  os: {name: windows}\n') },
    { name: 'judged for v1.32, before user namespaces were on by default', yaml: pod(''), kubernetesVersion: 32 },
  ],
  invalid: [
    {
      name: 'hostUsers unset; the suggestion sets it',
      yaml: pod(''),
      includeSuggestions: true,
      errors: [{ messageId: 'hostUsers', line: 4, path: 'spec.hostUsers' }],
      output: `${pod('')}  hostUsers: false\n`,
    },
    { name: 'hostUsers: true', yaml: pod('  hostUsers: true\n'), errors: [{ messageId: 'hostUsers', line: 5 }] },
  ],
});
