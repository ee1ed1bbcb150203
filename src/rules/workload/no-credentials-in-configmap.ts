import { defineObjectRule } from '../../engine/rule.js';
import { findCredential } from '../../k8s/secrets/index.js';
import { DOCS, recordOf } from './support/workload-fields.js';

// Reads every `data` value of a ConfigMap, and every `binaryData` value once base64-decoded (a key file
// or keystore put there to dodge text review), and looks for credentials with src/k8s/secrets: known
// token formats anywhere in the value, a credential-like key with a high-entropy value, or a
// `password=...`-style assignment inside an embedded configuration file. Findings name the key, never
// the value.
// ConfigMaps are limited to 1 MiB; larger values are not real ConfigMap content.
const MAX_BINARY_BASE64 = 1_500_000;

export const noCredentialsInConfigmap = defineObjectRule({
  meta: {
    id: 'no-credentials-in-configmap',
    title: 'ConfigMaps hold no credentials',
    severity: 'high',
    category: 'secrets',
    description:
      'ConfigMaps are not meant for secrets: they are readable by far more subjects (many roles grant get on configmaps), ' +
      'shown in plain text by kubectl and dashboards, and never encrypted at rest. Detects known token formats, private ' +
      'keys and high-entropy values under credential-like keys or assignments.',
    remediation: 'Move the credential into a Secret (created outside the repository) and mount it, then rotate the exposed credential.',
    references: [DOCS.secretsGoodPractices, DOCS.secrets],
    frameworks: {
      cis: ['5.4.1'],
      nsa: ['Network separation and hardening: secrets'],
      mitre: ['T1552.001', 'T1552.007'],
    },
    fixable: false,
    messages: {
      credential: 'ConfigMap key {{key}} in data holds {{kind}}: move it to a Secret',
      binaryCredential: 'ConfigMap key {{key}} in binaryData holds {{kind}} once decoded: move it to a Secret',
    },
  },
  kinds: ['ConfigMap'],
  check(context) {
    for (const [key, value] of Object.entries(recordOf(context.object['data']) ?? {})) {
      if (typeof value !== 'string') continue;
      const match = findCredential(value, key);
      if (match === undefined) continue;
      context.report({ messageId: 'credential', data: { key, kind: match.description }, path: ['data', key] });
    }
    for (const [key, value] of Object.entries(recordOf(context.object['binaryData']) ?? {})) {
      if (typeof value !== 'string' || value.length > MAX_BINARY_BASE64) continue;
      const match = findCredential(Buffer.from(value, 'base64').toString('latin1'), key);
      if (match === undefined) continue;
      context.report({ messageId: 'binaryCredential', data: { key, kind: match.description }, path: ['binaryData', key] });
    }
  },
});
