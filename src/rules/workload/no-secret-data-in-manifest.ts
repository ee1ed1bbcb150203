import { defineObjectRule } from '../../engine/rule.js';
import { DOCS, recordOf } from './support/workload-fields.js';

// Reads `data` and `stringData` of Secret objects: a non-empty value in a manifest is a credential
// committed to wherever the manifest lives (base64 in `data` is an encoding, not encryption). Values
// encrypted in place by SOPS (`ENC[AES256_GCM,...]`) are skipped. Findings name the key, never the value.
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;

export const noSecretDataInManifest = defineObjectRule({
  meta: {
    id: 'no-secret-data-in-manifest',
    title: 'Secret values are not committed in manifests',
    severity: 'high',
    category: 'secrets',
    description:
      'A Secret manifest with data or stringData puts the credential in the repository, its history and every copy of it. ' +
      'Base64 is readable by anyone. Keep manifests free of values and create Secrets at deploy time.',
    remediation:
      'Remove the values from the manifest and create the Secret from a secret store (External Secrets Operator, Sealed Secrets, SOPS-encrypted files, CSI secrets store); rotate the exposed credential.',
    references: [DOCS.secretsGoodPractices, DOCS.secrets, DOCS.nsaHardeningGuide],
    frameworks: {
      cis: ['5.4.2'],
      nsa: ['Network separation and hardening: secrets'],
      mitre: ['T1552.001'],
    },
    fixable: false,
    messages: {
      committed: 'Secret key {{key}} has a value committed in {{field}}: remove it from the manifest and create the Secret from a secret store',
    },
  },
  kinds: ['Secret'],
  check(context) {
    for (const field of ['data', 'stringData'] as const) {
      const values = recordOf(context.object[field]);
      if (values === undefined) continue;
      for (const [key, value] of Object.entries(values)) {
        if (value === null || value === undefined || value === '') continue;
        if (typeof value === 'string' && SOPS_VALUE.test(value)) continue;
        context.report({ messageId: 'committed', data: { key, field }, path: [field, key] });
      }
    }
  },
});
