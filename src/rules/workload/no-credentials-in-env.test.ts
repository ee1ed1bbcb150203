import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { noCredentialsInEnv } from './no-credentials-in-env.js';
import { assertFindingsHideValues } from '../../../testing/leak-check.js';

// Token fixtures are assembled at load time so the repository holds no complete token.
const AWS_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB_TOKEN = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const DB_PASSWORD = ['Xk29', 'fLq81mZr'].join('');

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: ghcr.io/org/app:1.0
      env:
        - {name: LOG_LEVEL, value: debug}
        - {name: AWS_ACCESS_KEY_ID, value: ${AWS_KEY}}
        - {name: DB_PASSWORD, value: ${DB_PASSWORD}}
        - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}
      args: ["--github-token=${GITHUB_TOKEN}", "--port=8080"]
`;

it('never puts a secret value in findings, messages or the JSON report', () => {
  assertFindingsHideValues(noCredentialsInEnv, POD, [AWS_KEY, GITHUB_TOKEN, DB_PASSWORD], 3);
});

new RuleTester(noCredentialsInEnv).run({
  valid: [
    {
      name: 'references, placeholders and ordinary settings',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/org/app:1.0
          env:
            - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
            - {name: DB_PASSWORD_FILE, value: /run/secrets/db/password}
            - {name: API_KEY, value: "\${API_KEY}"}
            - {name: TOKEN_TTL, value: "3600"}
            - {name: SECRET_NAME, value: my-app-credentials}
            - {name: BUILD_SHA, value: 4f9c2a7d1e8b3f6a0c5d9e2b7a4f1c8d3e6b9a2f}
          args: ["--password-file=/run/secrets/db", "--listen=:8080"]
`,
    },
  ],
  invalid: [
    {
      name: 'AWS key and a high-entropy password in env, a GitHub token in args',
      yaml: POD,
      errors: [
        { messageId: 'envValue', line: 10, path: 'spec.containers[0].env[1].value', container: 'app' },
        { messageId: 'envValue', line: 11, path: 'spec.containers[0].env[2].value', container: 'app' },
        { messageId: 'argument', line: 13, path: 'spec.containers[0].args[0]', container: 'app' },
      ],
      output: null,
    },
    {
      name: 'a database URL with an embedded password on an init container of a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: dump
              image: postgres:16
              env: [{name: DATABASE_URL, value: "postgres://backup:${DB_PASSWORD}@db.internal:5432/app"}]
          containers: [{name: upload, image: amazon/aws-cli:2.17.0}]
`,
      errors: [{ messageId: 'envValue', line: 13, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].env[0].value', container: 'dump' }],
    },
  ],
});
