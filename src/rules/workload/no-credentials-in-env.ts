import { defineObjectRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf } from '../../k8s/pod-spec.js';
import { findCredential } from '../../k8s/secrets/index.js';
import { DOCS, entriesOf, recordOf } from './support/workload-fields.js';

// Reads env[*].value (literal values; valueFrom is fine), command[*] and args[*] of every init, regular
// and ephemeral container, and looks for credentials with src/k8s/secrets: a known token format, or a
// credential-like name with a high-entropy literal. Findings name the container and the variable,
// never the value (reports, logs and SARIF uploads must not leak it).
export const noCredentialsInEnv = defineObjectRule({
  meta: {
    id: 'no-credentials-in-env',
    title: 'Containers carry no credentials in literal env values or arguments',
    severity: 'high',
    category: 'secrets',
    description:
      'A credential written as a literal env value or command-line argument is stored in Git, in every rendered manifest, ' +
      'in the pod spec readable by anyone who can get pods, and in process listings. Detects known token formats (AWS, ' +
      'GitHub, GitLab, Slack, Google, Stripe, npm, JWTs, PEM private keys, passwords in URLs) and high-entropy literals ' +
      'under credential-like names.',
    remediation:
      'Move the value into a Secret (created outside the repository) and reference it with env[].valueFrom.secretKeyRef or, better, mount it as a file; rotate the exposed credential.',
    references: [DOCS.secretsGoodPractices, DOCS.secrets, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.4.1'],
      nsa: ['Network separation and hardening: secrets'],
      mitre: ['T1552.001', 'T1552.007'],
    },
    fixable: false,
    messages: {
      envValue: 'container "{{container}}" sets env var {{name}} to a literal that looks like {{kind}}: move it to a Secret and use env[].valueFrom.secretKeyRef',
      argument: 'container "{{container}}" passes {{kind}} in {{field}}[{{index}}]: move it to a Secret mounted as a file',
    },
  },
  kinds: WORKLOAD_KINDS,
  check(context) {
    const pod = podSpecOf(context.object);
    if (pod === undefined) return;
    for (const container of containersOf(pod)) {
      for (const [index, entry] of entriesOf(container.container['env'])) {
        const variable = recordOf(entry);
        const name = variable?.['name'];
        const value = variable?.['value'];
        if (typeof name !== 'string' || typeof value !== 'string') continue;
        const match = findCredential(value, name);
        if (match === undefined) continue;
        context.report({
          messageId: 'envValue',
          data: { container: container.name, name, kind: match.description },
          path: [...container.path, 'env', index, 'value'],
          container: container.name,
        });
      }
      for (const field of ['command', 'args'] as const) {
        for (const [index, item] of entriesOf(container.container[field])) {
          if (typeof item !== 'string') continue;
          const match = findCredential(item);
          if (match === undefined) continue;
          context.report({
            messageId: 'argument',
            data: { container: container.name, field, index, kind: match.description },
            path: [...container.path, field, index],
            container: container.name,
          });
        }
      }
    }
  },
});
