import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: storefront
  namespace: retail
spec:
  containers:
    - name: frontend
      image: registry.example/storefront:2.4.1
      resources:
        requests: {memory: 96Mi}
      securityContext:
        capabilities:
          add: [NET_ADMIN]
`;
const RANKS = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const root = mkdtempSync(join(tmpdir(), 'kubeward-table-'));
writeFileSync(join(root, 'pod.yaml'), POD);

/** The finding rows of the table: lines that start with a line:column. */
function findingRows(table: string): string[] {
  return table.split('\n').filter((line) => /^\s+\d+:\d+\s/.test(line));
}

describe('scan table output', () => {
  it('wraps messages to the terminal width at word boundaries', async () => {
    const wide = (await runCli(['scan', 'pod.yaml'], { cwd: root, columns: 400 })).stdout;
    const narrow = (await runCli(['scan', 'pod.yaml'], { cwd: root, columns: 100 })).stdout;
    const body = narrow.split('\n\n')[0]?.split('\n').slice(1) ?? [];
    for (const line of body) assert.ok(line.length <= 100, `wider than 100 columns: ${line}`);
    // The same words, only the line breaks differ (no word is cut; rule ids sit beside continuations).
    const words = (text: string): string[] => (text.split('\n\n')[0] ?? '').split(/\s+/).filter((word) => word !== '').sort();
    assert.deepEqual(words(narrow), words(wide));
  });

  it('sorts by severity within a resource', async () => {
    const rows = findingRows((await runCli(['scan', 'pod.yaml'], { cwd: root, columns: 400 })).stdout);
    const ranks = rows.map((row) => RANKS.indexOf(/\s(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s/.exec(row)?.[1] ?? ''));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), rows.join('\n'));
  });

  it('shows one problem reported by several rules as one row', async () => {
    const table = (await runCli(['scan', 'pod.yaml'], { cwd: root, columns: 400 })).stdout;
    const rows = findingRows(table);
    assert.equal(rows.filter((row) => row.includes('NET_ADMIN')).length, 1, 'the added NET_ADMIN is one row');
    assert.match(table, /(no-dangerous-capabilities|capabilities-restricted)\s+container "frontend" adds capability NET_ADMIN.*\n\s+(capabilities-restricted|no-dangerous-capabilities)\b/);
    const cpu = rows.filter((row) => row.includes('cpu-requests-limits'));
    assert.equal(cpu.length, 1, 'CPU request and limit are one row');
    assert.match(cpu[0] ?? '', /resources\.limits\.cpu.*resources\.requests\.cpu|resources\.requests\.cpu.*resources\.limits\.cpu/);
    const json = JSON.parse((await runCli(['scan', 'pod.yaml', '-f', 'json'], { cwd: root })).stdout) as { findings: { ruleId: string }[] };
    assert.ok(json.findings.filter((finding) => finding.ruleId === 'cpu-requests-limits').length >= 2, 'JSON keeps every finding');
  });

  it('--min-severity filters the display only', async () => {
    const run = await runCli(['scan', 'pod.yaml', '--min-severity', 'high'], { cwd: root, columns: 400 });
    const rows = findingRows(run.stdout);
    assert.ok(rows.length > 0 && rows.every((row) => /\sHIGH\s|\sCRITICAL\s/.test(row)), rows.join('\n'));
    const all = JSON.parse((await runCli(['scan', 'pod.yaml', '-f', 'json'], { cwd: root })).stdout) as { findings: { severity: string }[] };
    const below = all.findings.filter((finding) => finding.severity !== 'high' && finding.severity !== 'critical').length;
    assert.match(run.stdout, new RegExp(`${String(all.findings.length)} findings \\(.*\\).* · ${String(below)} below --min-severity high not shown`));
    assert.equal(run.code, 1, 'the exit code still follows --fail-on');
    assert.equal((await runCli(['scan', 'pod.yaml', '--min-severity', 'severe'], { cwd: root })).code, 2);
  });

  it('--color auto|always|never, honouring NO_COLOR and FORCE_COLOR in auto', async () => {
    const colored = (text: string): boolean => text.includes('\u001b[');
    const scan = async (args: string[], env: Record<string, string>, tty: boolean): Promise<boolean> =>
      colored((await runCli(['scan', 'pod.yaml', ...args], { cwd: root, env, stdoutIsTTY: tty })).stdout);
    assert.equal(await scan([], {}, true), true);
    assert.equal(await scan([], {}, false), false);
    assert.equal(await scan([], { NO_COLOR: '1' }, true), false);
    assert.equal(await scan([], { FORCE_COLOR: '1' }, false), true);
    assert.equal(await scan([], { FORCE_COLOR: '0' }, true), false);
    assert.equal(await scan(['--color', 'always'], { NO_COLOR: '1' }, false), true);
    assert.equal(await scan(['--color', 'never'], { FORCE_COLOR: '1' }, true), false);
    assert.equal(await scan(['--color', 'auto', '-o', 'out.txt'], {}, true), false);
    assert.equal((await runCli(['scan', 'pod.yaml', '--color', 'sometimes'], { cwd: root })).code, 2);
  });
});
