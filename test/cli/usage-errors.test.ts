import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'kubeward-usage-'));
writeFileSync(join(root, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n');

async function firstErrorLine(args: readonly string[]): Promise<string> {
  const run = await runCli(args, { cwd: root });
  assert.equal(run.code, 2, args.join(' '));
  return run.stderr.split('\n')[0] ?? '';
}

describe('usage errors', () => {
  it('"did you mean" for unknown commands, options and rules', async () => {
    assert.equal(await firstErrorLine(['scna']), 'kubeward: unknown command "scna" (did you mean scan?)');
    assert.equal(await firstErrorLine(['scan', '--formt', 'json']), 'kubeward scan: unknown option --formt (did you mean --format?)');
    assert.equal(await firstErrorLine(['fix', '--rule', 'x', 'pod.yaml']), 'kubeward fix: unknown option --rule (did you mean --rules?)');
    assert.equal(await firstErrorLine(['explain', 'no-privilegd']), 'kubeward explain: unknown rule "no-privilegd" (did you mean no-privileged?); see `kubeward rules`');
    assert.match(await firstErrorLine(['fix', '--rules', 'no-privilegd', 'pod.yaml']), /unknown rule "no-privilegd" in --rules \(did you mean no-privileged\?\)/);
    writeFileSync(join(root, 'typo.yaml'), 'rules:\n  no-privilegd: off\n');
    assert.match(await firstErrorLine(['scan', 'pod.yaml', '-c', 'typo.yaml']), /typo\.yaml: rules\.no-privilegd: unknown rule "no-privilegd" \(did you mean no-privileged\?\)/);
  });

  it('parse errors are worded by kubeward, not by Node', async () => {
    assert.equal(await firstErrorLine(['scan', 'pod.yaml', '--format']), 'kubeward scan: option -f, --format needs a value');
    assert.equal(await firstErrorLine(['scan', '--no-config=yes']), 'kubeward scan: option --no-config takes no value');
    for (const args of [['scan', '--bogus'], ['rules', '--x'], ['netpol', 'matrix', '--nope', 'pod.yaml']]) {
      const line = await firstErrorLine(args);
      assert.doesNotMatch(line, /To specify a positional argument|Unknown option '/, line);
      assert.match(line, /^kubeward \w+: unknown option --\w+/);
    }
  });

  it('kubeward help COMMAND shows that command\'s usage', async () => {
    const run = await runCli(['help', 'scan'], { cwd: root });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: kubeward scan \[PATH\.\.\.\]/);
    assert.equal((await runCli(['help', 'fix'], { cwd: root })).stdout, (await runCli(['fix', '--help'], { cwd: root })).stdout);
    assert.equal(await firstErrorLine(['help', 'scna']), 'kubeward: unknown command "scna" (did you mean scan?)');
  });

  it('rejects a Pod Security Standards version that does not exist', async () => {
    for (const version of ['v1.99', 'v1.38', 'v2.0', '1.29']) {
      assert.match(await firstErrorLine(['scan', 'pod.yaml', '--pss-version', version]), new RegExp(`invalid --pss-version "${version.replace('.', '\\.')}" \\(expected latest or v1\\.0 \\.\\.\\. v1\\.\\d+\\)`));
    }
    assert.match(await firstErrorLine(['fix', 'pod.yaml', '--pss-version', 'v1.99']), /invalid --pss-version "v1\.99"/);
    writeFileSync(join(root, 'future.yaml'), 'defaults:\n  pssVersion: v1.99\n');
    assert.match(await firstErrorLine(['scan', 'pod.yaml', '-c', 'future.yaml']), /defaults\.pssVersion: must be latest or v1\.0 \.\.\. v1\.\d+/);
    assert.equal((await runCli(['scan', 'pod.yaml', '--pss-version', 'v1.29', '--fail-on', 'none'], { cwd: root })).code, 0);
  });
});
