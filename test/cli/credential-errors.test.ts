import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const SECRETS = ['SECRETTOKENVALUE', 'hunter2hunter2', 'JSONSECRETTOKEN', 'JSONPASSWORD', 'PRIVATEKEYDATA'];

// The quote after the password is never closed: the parser fails at the end of the file, and its
// message used to quote the lines around the failure, credentials included.
const BROKEN_YAML = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
users:
- name: u
  user:
    token: eyJhbGciOiJSUzI1NiJ9.SECRETTOKENVALUE
    client-key-data: PRIVATEKEYDATA
    password: "hunter2hunter2
    username: admin
current-context: x
`;
const BROKEN_JSON = '{"apiVersion":"v1","kind":"Config","users":[{"name":"u","user":{"token":"JSONSECRETTOKEN","password":"JSONPASSWORD"}}],,}';

describe('errors about credential files (kubeconfigs)', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-kubeconfig-'));
  writeFileSync(join(root, 'kubeconfig.yaml'), BROKEN_YAML);
  writeFileSync(join(root, 'kubeconfig.json'), BROKEN_JSON);

  const runs: { name: string; args: string[]; env?: Record<string, string> }[] = [];
  for (const file of ['kubeconfig.yaml', 'kubeconfig.json']) {
    for (const format of ['table', 'json', 'sarif', 'junit', 'html']) runs.push({ name: `scan --cluster -f ${format} (${file})`, args: ['scan', '--cluster', '--kubeconfig', file, '-f', format] });
    runs.push({ name: `snapshot (${file})`, args: ['snapshot', '--cluster', '--kubeconfig', file] });
    runs.push({ name: `snapshot with KUBECONFIG (${file})`, args: ['snapshot', '--cluster', '-o', 'snap.yaml'], env: { KUBECONFIG: join(root, file) } });
    runs.push({ name: `scan of the file itself (${file})`, args: ['scan', file, '-f', 'json'] });
  }
  for (const { name, args, env } of runs) {
    it(`never quote a value: ${name}`, async () => {
      const run = await runCli(args, { cwd: root, ...(env === undefined ? {} : { env }) });
      assert.equal(run.code, 2);
      for (const secret of SECRETS) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${secret} in ${JSON.stringify(run.stdout + run.stderr).slice(0, 600)}`);
      }
      if (args[1] === '--cluster') assert.match(run.stdout + run.stderr, /cannot load kubeconfig \S*kubeconfig\.(yaml|json): invalid YAML at line \d+, column \d+: /);
    });
  }
});
