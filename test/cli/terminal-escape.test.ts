import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeTerminal, escapeTerminalLine } from '../../src/report/terminal-text.js';
import { runCli } from './cli-harness.js';

// What a hostile manifest writes: go to the line start, erase it, go up and erase, then print a fake summary.
const FAKE = '\r\u001b[2K\u001b[1A\u001b[2K0 objects in 0 files · no findings';

// Every control character, with JSON escapes so the YAML holds them exactly.
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: ${JSON.stringify(`web${FAKE}`)}
  namespace: ${JSON.stringify('prod\u009b2J')}
  annotations:
    kubeward.io/ignore: no-privileged
    kubeward.io/ignore-reason: ${JSON.stringify(`approved${FAKE}\n\u202eevil`)}
spec:
  containers:
    - name: c
      image: ${JSON.stringify(`nginx${FAKE}`)}
      securityContext: {privileged: true}
`;

/** No raw control sequence a terminal would act on; colour (ESC [ digits ; m) is allowed where asked for. */
function assertTerminalSafe(text: string, where: string): void {
  const withoutColour = text.replace(/\u001b\[[0-9;]*m/g, '');
  assert.doesNotMatch(withoutColour, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, `${where}: ${JSON.stringify(withoutColour.slice(0, 400))}`);
}

describe('terminal escape injection', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-escape-'));
  writeFileSync(join(root, 'pod.yaml'), POD);
  writeFileSync(join(root, `broken\u001b[2K.yaml`), `kind: [${FAKE}\n`);

  it('escapes control characters from manifests in the scan table, with and without colour', async () => {
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      const run = await runCli(['scan', '.', '--show-suppressed'], { cwd: root, env });
      assertTerminalSafe(run.stdout, `table ${JSON.stringify(env)}`);
      assert.match(run.stdout, /Pod prod\\x9b2J\/web\\r\^\[\[2K\^\[\[1A/, 'the name is shown, escaped visibly');
      assert.match(run.stdout, /suppressed: approved\\r\^\[\[2K.*\\n\\u\{202e\}evil/);
      assert.match(run.stdout, /broken\^\[\[2K\.yaml/);
      // The real summary is the only summary line.
      assert.equal(run.stdout.split('\n').filter((line) => line.startsWith('0 objects')).length, 0);
    }
  });

  it('escapes them on standard error, in netpol and rbac tables and in the fix report', async () => {
    const usage = await runCli(['scan', '--format', `x${FAKE}`], { cwd: root });
    assert.equal(usage.code, 2);
    assertTerminalSafe(usage.stderr, 'usage error');
    assertTerminalSafe((await runCli([`sc${FAKE}`], { cwd: root })).stderr, 'unknown command');
    const matrix = await runCli(['netpol', 'matrix', '.'], { cwd: root });
    assertTerminalSafe(matrix.stdout, 'netpol matrix');
    assertTerminalSafe(matrix.stderr, 'netpol errors');
    assert.match(matrix.stdout, /prod\\x9b2J\/web\\r\^\[\[2K/);
    const rbac = await runCli(['rbac', 'who-can', 'get', 'pods', '.'], { cwd: root });
    assertTerminalSafe(rbac.stderr, 'rbac errors');
    const fix = await runCli(['fix', '.'], { cwd: root });
    assertTerminalSafe(fix.stderr, 'fix report');
  });

  it('shows each control character visibly, as kubectl does for ESC and CR', () => {
    assert.equal(escapeTerminalLine('a\u001b[31mb\rc\nd\te\u0007\u009b\u202e'), 'a^[[31mb\\rc\\nd\te\\x07\\x9b\\u{202e}');
    assert.equal(escapeTerminal('line one\nline two\u001b[1A'), 'line one\nline two^[[1A');
    assert.equal(escapeTerminalLine('plain: ünïcödé 日本 ✓'), 'plain: ünïcödé 日本 ✓');
  });
});
