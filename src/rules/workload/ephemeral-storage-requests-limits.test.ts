import { RuleTester } from '../../../testing/rule-tester.js';
import { ephemeralStorageRequestsLimits } from './ephemeral-storage-requests-limits.js';

const job = (resources: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: export}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: export
          image: registry.example.com/export:3.2
          resources:
${resources}`;

new RuleTester(ephemeralStorageRequestsLimits).run({
  valid: [
    { name: 'request and limit set', yaml: job('            requests: {ephemeral-storage: 1Gi}\n            limits: {ephemeral-storage: 2Gi}\n') },
    { name: 'a limit alone: the API server defaults the request to it', yaml: job('            limits: {ephemeral-storage: 2Gi}\n') },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: job('            requests: {cpu: 100m}\n'),
      errors: [
        { messageId: 'missingLimit', path: 'spec.template.spec.containers[0].resources.limits.ephemeral-storage', container: 'export' },
        { messageId: 'missingRequest', path: 'spec.template.spec.containers[0].resources.requests.ephemeral-storage', container: 'export' },
      ],
    },
    {
      name: 'a request without a limit; the suggestion sets the limit to the request',
      yaml: job('            requests: {ephemeral-storage: 1Gi}\n'),
      includeSuggestions: true,
      errors: [{ messageId: 'missingLimit', line: 11, container: 'export' }],
      output: job('            requests: {ephemeral-storage: 1Gi}\n            limits:\n              ephemeral-storage: "1Gi"\n'),
    },
  ],
});
