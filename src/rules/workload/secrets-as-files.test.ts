import { RuleTester } from '../../../testing/rule-tester.js';
import { secretsAsFiles } from './secrets-as-files.js';

new RuleTester(secretsAsFiles).run({
  valid: [
    {
      name: 'a Secret mounted read-only as a volume, ConfigMaps and field refs in env',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:2.1
          env:
            - {name: LOG_LEVEL, value: info}
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
            - name: FEATURE_FLAGS
              valueFrom: {configMapKeyRef: {name: flags, key: all}}
          envFrom:
            - configMapRef: {name: api-config}
          volumeMounts:
            - {name: db, mountPath: /var/run/secrets/db, readOnly: true}
      volumes:
        - name: db
          secret: {secretName: db-credentials}
`,
    },
  ],
  invalid: [
    {
      name: 'secretKeyRef in a container and envFrom secretRef in an init container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: worker}
spec:
  initContainers:
    - name: migrate
      image: registry.example.com/migrate:1.0
      envFrom:
        - prefix: DB_
          secretRef: {name: db-credentials}
  containers:
    - name: worker
      image: registry.example.com/worker:1.0
      env:
        - name: API_TOKEN
          valueFrom:
            secretKeyRef: {name: api, key: token, optional: true}
`,
      errors: [
        { messageId: 'secretRef', line: 10, path: 'spec.initContainers[0].envFrom[0].secretRef', container: 'migrate', data: { container: 'migrate', secret: 'db-credentials' } },
        { messageId: 'secretKeyRef', line: 17, path: 'spec.containers[0].env[0].valueFrom.secretKeyRef', container: 'worker', data: { container: 'worker', name: 'API_TOKEN', secret: 'api', key: 'token' } },
      ],
    },
    {
      name: 'an ephemeral debug container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: api-7d9f}
spec:
  containers:
    - {name: api, image: registry.example.com/api:2.1}
  ephemeralContainers:
    - name: debugger
      image: busybox:1.36
      env:
        - name: SMTP_PASSWORD
          valueFrom: {secretKeyRef: {name: smtp, key: password}}
`,
      errors: [{ messageId: 'secretKeyRef', path: 'spec.ephemeralContainers[0].env[0].valueFrom.secretKeyRef', container: 'debugger' }],
    },
  ],
});
