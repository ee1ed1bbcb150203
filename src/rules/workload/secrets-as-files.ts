import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// CIS 5.4.1 "Prefer using secrets as files over secrets as environment variables": reads env[].valueFrom.
// secretKeyRef and envFrom[].secretRef of every init, regular and ephemeral container. Environment
// variables are inherited by every child process, printed by crash handlers and debug endpoints, and
// kept in /proc/<pid>/environ; a mounted Secret is a file only the container's user can read, and it
// is updated in place when the Secret rotates (kube-score and Kubescape C-0207 check the same).
export const secretsAsFiles = defineObjectRule({
  meta: {
    id: 'secrets-as-files',
    title: 'Secrets are mounted as files, not passed as environment variables',
    severity: 'low',
    category: 'secrets',
    description:
      'A Secret passed through an environment variable is copied into every child process, shows up in crash dumps, debug ' +
      'pages and `/proc/<pid>/environ`, and never changes until the pod restarts. Mounted as a volume, it is a file only the ' +
      'container user reads, and the kubelet refreshes it when the Secret rotates.',
    remediation:
      'Mount the Secret as a volume (volumes[].secret with a volumeMount, readOnly) and have the application read the file; keep env[].valueFrom.secretKeyRef only for software that cannot read files.',
    references: [DOCS.secretsGoodPractices, 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod', DOCS.cisBenchmark],
    frameworks: {
      cis: ['5.4.1'],
      nsa: ['Network separation and hardening: secrets'],
      mitre: ['T1552.007'],
    },
    fixable: false,
    messages: {
      secretKeyRef: 'container "{{container}}" reads Secret {{secret}} key {{key}} into env var {{name}}: mount the Secret as a file instead',
      secretRef: 'container "{{container}}" imports every key of Secret {{secret}} as env vars (envFrom): mount the Secret as a file instead',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const container of containersOf(pod)) {
      for (const [index, entry] of entriesOf(container.container['env'])) {
        const variable = recordOf(entry);
        const reference = recordOf(recordOf(variable?.['valueFrom'])?.['secretKeyRef']);
        if (reference === undefined) continue;
        context.report({
          messageId: 'secretKeyRef',
          data: { container: container.name, name: String(variable?.['name'] ?? ''), secret: String(reference['name'] ?? ''), key: String(reference['key'] ?? '') },
          path: [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'],
          container: container.name,
        });
      }
      for (const [index, entry] of entriesOf(container.container['envFrom'])) {
        const reference = recordOf(recordOf(entry)?.['secretRef']);
        if (reference === undefined) continue;
        context.report({
          messageId: 'secretRef',
          data: { container: container.name, secret: String(reference['name'] ?? '') },
          path: [...container.path, 'envFrom', index, 'secretRef'],
          container: container.name,
        });
      }
    }
  },
});
