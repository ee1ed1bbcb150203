import { RuleTester } from '../../../testing/rule-tester.js';
import { unknownSecurityField } from './unknown-security-field.js';

// appArmorProfile is a field since Kubernetes v1.30 (AppArmor GA, KEP-24).
const APPARMOR_PROFILE_POD = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: b
      securityContext:
        appArmorProfile: {type: RuntimeDefault}
`;

new RuleTester(unknownSecurityField).run({
  valid: [
    {
      name: 'appArmorProfile, a field since Kubernetes v1.30, judged for v1.30',
      yaml: APPARMOR_PROFILE_POD,
      kubernetesVersion: 30,
    },
    {
      name: 'security settings written where the API reads them',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  automountServiceAccountToken: false
  securityContext: {runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: a
      image: b
      securityContext:
        privileged: false
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
`,
    },
    {
      name: 'a NetworkPolicy object with ingress and egress rules',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: []
  egress: []
`,
    },
    {
      name: 'unknown fields without a security meaning are left to unknown-field',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: b, comand: [sh]}]
`,
    },
  ],
  invalid: [
    {
      name: 'appArmorProfile judged for v1.29, whose API server does not know it yet',
      yaml: APPARMOR_PROFILE_POD,
      kubernetesVersion: 29,
      errors: [{ messageId: 'unknown', line: 9, path: 'spec.containers[0].securityContext.appArmorProfile', data: { field: 'appArmorProfile', type: 'SecurityContext', version: 'v1.29.0' } }],
    },
    {
      name: 'a misspelled securityContext in a container of a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox:1.36
              securityContex:
                runAsNonRoot: true
`,
      errors: [{ messageId: 'typo', line: 14, path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContex' }],
    },
    {
      name: 'did you mean: the misspelled securityContext is renamed in place, comments and values kept',
      includeSuggestions: true,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: b
      securityContex:   # hardened
        runAsNonRoot: true
      ports: [{containerPort: 80}]
`,
      errors: [{ messageId: 'typo', line: 8, path: 'spec.containers[0].securityContex' }],
      output: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: b
      securityContext:   # hardened
        runAsNonRoot: true
      ports: [{containerPort: 80}]
`,
    },
    {
      name: 'did you mean: no rename when the field it means is set too',
      includeSuggestions: true,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: b
      securityContext: {runAsNonRoot: false}
      securityContex: {runAsNonRoot: true}
`,
      errors: [{ messageId: 'typo', line: 9, path: 'spec.containers[0].securityContex' }],
      output: null,
    },
    {
      name: 'a networkPolicy block and an ingress block inside a pod spec',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: a, image: b}]
      networkPolicy:
        ingress: [{from: [{podSelector: {}}]}]
      ingress:
        - from: [{namespaceSelector: {}}]
`,
      errors: [
        { messageId: 'kind', line: 10, path: 'spec.template.spec.networkPolicy' },
        { messageId: 'misplaced', line: 12, path: 'spec.template.spec.ingress' },
      ],
    },
    {
      name: 'container-only settings in the pod-level securityContext',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: true
    privileged: false
    readOnlyRootFilesystem: true
    capabilities: {drop: [ALL]}
  containers: [{name: a, image: b}]
`,
      errors: [
        { messageId: 'misplaced', line: 7, path: 'spec.securityContext.privileged' },
        { messageId: 'misplaced', line: 8, path: 'spec.securityContext.readOnlyRootFilesystem' },
        { messageId: 'misplaced', line: 9, path: 'spec.securityContext.capabilities' },
      ],
    },
    {
      name: 'wrong letter case of runAsNonRoot and hostNetwork, in a StatefulSet',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      hostnetwork: false
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext: {runAsNonroot: true}
      containers: [{name: a, image: b}]
`,
      errors: [
        { messageId: 'typo', line: 10, path: 'spec.template.spec.hostnetwork' },
        { messageId: 'typo', line: 14, path: 'spec.template.spec.initContainers[0].securityContext.runAsNonroot' },
      ],
    },
    {
      name: 'an unknown block that holds a security setting',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: b
      hardening:
        allowPrivilegeEscalation: false
`,
      errors: [{ messageId: 'unknown', line: 8, path: 'spec.containers[0].hardening' }],
    },
    {
      name: 'a Pod inside a List',
      yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: b
          securityContext: {seccompprofile: {type: RuntimeDefault}}
`,
      errors: [{ messageId: 'typo', line: 11, path: 'spec.containers[0].securityContext.seccompprofile', resource: 'Pod/p' }],
    },
  ],
});
