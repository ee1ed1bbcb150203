import { RuleTester } from '../../../testing/rule-tester.js';
import { apiVersionDeprecated } from './api-version-deprecated.js';

const CRON_JOB = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: registry.example.com/report:1.4
`;

const FLOW_SCHEMA = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: FlowSchema\nmetadata: {name: health}\nspec:\n  priorityLevelConfiguration: {name: exempt}\n';

new RuleTester(apiVersionDeprecated).run({
  valid: [
    { name: 'batch/v1beta1 CronJob judged for v1.20, before its deprecation', yaml: CRON_JOB('batch/v1beta1'), kubernetesVersion: 20 },
    { name: 'batch/v1beta1 CronJob on the newest release: removed, which api-version-removed reports', yaml: CRON_JOB('batch/v1beta1') },
    { name: 'the stable version', yaml: CRON_JOB('batch/v1'), kubernetesVersion: 23 },
  ],
  invalid: [
    {
      name: 'batch/v1beta1 CronJob judged for v1.23: deprecated, removed in v1.25; the suggestion changes apiVersion',
      yaml: CRON_JOB('batch/v1beta1'),
      kubernetesVersion: 23,
      includeSuggestions: true,
      errors: [{ messageId: 'deprecated', line: 1, path: 'apiVersion', data: { apiVersion: 'batch/v1beta1', kind: 'CronJob', deprecatedIn: 'v1.21', removedIn: 'v1.25', migration: 'batch/v1 CronJob' } }],
      output: CRON_JOB('batch/v1'),
    },
    {
      name: 'FlowSchema v1beta2 on v1.28: move to v1beta3, as v1 is not served before v1.29',
      yaml: FLOW_SCHEMA,
      kubernetesVersion: 28,
      errors: [{ messageId: 'deprecated', data: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', deprecatedIn: 'v1.26', removedIn: 'v1.29', migration: 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema' } }],
    },
    {
      name: 'v1 Endpoints, deprecated from v1.33 and still served',
      yaml: 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: legacy}\nsubsets:\n  - addresses: [{ip: 10.0.0.5}]\n    ports: [{port: 80}]\n',
      errors: [{ messageId: 'deprecatedNoRemoval', data: { apiVersion: 'v1', kind: 'Endpoints', deprecatedIn: 'v1.33', migration: 'EndpointSlices (discovery.k8s.io/v1)' } }],
    },
  ],
});
