import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { noCredentialsInConfigmap } from './no-credentials-in-configmap.js';
import { assertFindingsHideValues } from '../../../testing/leak-check.js';

const SLACK_WEBHOOK = ['https://hooks.slack.com/services/', 'T00000000/B00000000/', 'XXXXXXXXXXXXXXXXXXXXXXXX'].join('');
const PEM = ['-----BEGIN ', 'EC PRIVATE KEY-----\n    MHcCAQEEIB\n    -----END EC PRIVATE KEY-----'].join('');
const PASSWORD = ['Zq7Lm2', 'Xv9Tr4'].join('');
const KEY_FILE = Buffer.from(['-----BEGIN ', 'OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'].join('')).toString('base64');
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  slack_url: ${SLACK_WEBHOOK}
  tls.key: |
    ${PEM}
  application.properties: |
    server.port=8080
    spring.datasource.password=${PASSWORD}
  api_token: ${JWT}
binaryData:
  id_ed25519: ${KEY_FILE}
  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
`;

it('never puts a secret value in findings, messages or the JSON report', () => {
  assertFindingsHideValues(noCredentialsInConfigmap, CONFIGMAP, [SLACK_WEBHOOK, PASSWORD, JWT, 'MHcCAQEEIB', KEY_FILE, 'b3BlbnNzaC1rZXktdjEAAAAA'], 5);
});

new RuleTester(noCredentialsInConfigmap).run({
  valid: [
    {
      name: 'ordinary configuration, references and a public certificate',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data:
  LOG_LEVEL: info
  DB_PASSWORD_FILE: /run/secrets/db/password
  application.properties: |
    server.port=8080
    spring.datasource.password=\${DB_PASSWORD}
  ca.crt: |
    -----BEGIN CERTIFICATE-----
    MIIBszCCAVmgAwIBAgIU
    -----END CERTIFICATE-----
`,
    },
    { name: 'a Secret is not a ConfigMap', yaml: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  token: ${JWT}\n` },
  ],
  invalid: [
    {
      name: 'a webhook URL, a private key, a password in a properties file and a JWT',
      yaml: CONFIGMAP,
      errors: [
        { messageId: 'credential', line: 7, path: 'data.slack_url' },
        { messageId: 'credential', line: 8, path: 'data["tls.key"]' },
        { messageId: 'credential', line: 12, path: 'data["application.properties"]' },
        { messageId: 'credential', line: 15, path: 'data.api_token' },
        { messageId: 'binaryCredential', line: 17, path: 'binaryData.id_ed25519' },
      ],
      output: null,
    },
  ],
});
