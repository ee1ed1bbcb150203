import { it } from 'node:test';
import { RuleTester } from '../../../testing/rule-tester.js';
import { noSecretDataInManifest } from './no-secret-data-in-manifest.js';
import { assertFindingsHideValues } from '../../../testing/leak-check.js';

const PASSWORD = ['s3cr3t', '-Pa55w0rd'].join('');
const ENCODED = Buffer.from(PASSWORD).toString('base64');

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: ${ENCODED}
  empty: ""
stringData:
  username: app
`;

it('never puts a secret value (plain or base64) in findings or the JSON report', () => {
  assertFindingsHideValues(noSecretDataInManifest, SECRET, [PASSWORD, ENCODED], 2);
});

new RuleTester(noSecretDataInManifest).run({
  valid: [
    { name: 'a Secret without values (filled at deploy time)', yaml: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ntype: Opaque\n' },
    {
      name: 'SOPS-encrypted values',
      yaml: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]\nsops:\n  version: 3.9.0\n',
    },
    { name: 'ConfigMaps are another rule\'s concern', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  password: hunter2\n' },
  ],
  invalid: [
    {
      name: 'one finding per committed key, in data and stringData; empty values are skipped',
      yaml: SECRET,
      errors: [
        { messageId: 'committed', line: 7, path: 'data.password' },
        { messageId: 'committed', line: 10, path: 'stringData.username' },
      ],
      output: null,
    },
  ],
});
