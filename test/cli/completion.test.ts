import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commands } from '../../src/cli/commands.js';
import { runCli } from './cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'kubeward-completion-'));

async function script(shell: string): Promise<string> {
  const run = await runCli(['completion', shell], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return run.stdout;
}

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

const bashFile = join(root, 'kubeward.bash');

/** Sources the generated script in a real bash and calls its completion function as bash's readline would. */
function complete(...words: string[]): string[] {
  const array = words.map((word) => `'${word}'`).join(' ');
  const program = `source '${bashFile}' || exit 3; COMP_WORDS=(kubeward ${array}); COMP_CWORD=${String(words.length)}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}; _kubeward; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  return run.stdout.split('\n').filter((line) => line !== '').sort();
}

describe('kubeward completion', () => {
  it('bash: commands, subcommands, options and option values, in a real bash', async () => {
    writeFileSync(bashFile, await script('bash'));
    assert.equal(spawnSync('bash', ['-n', bashFile]).status, 0);
    assert.deepEqual(complete('s'), ['scan', 'serve', 'snapshot']);
    assert.deepEqual(complete(''), [...commands.map((command) => command.name), '--help', '--version', 'help'].sort());
    assert.deepEqual(complete('completion', ''), ['bash', 'fish', 'zsh']);
    assert.deepEqual(complete('scan', '--fa'), ['--fail-on']);
    assert.deepEqual(complete('scan', '--show'), ['--show-suppressed']);
    assert.deepEqual(complete('scan', '--format', ''), ['html', 'json', 'junit', 'sarif', 'table']);
    assert.deepEqual(complete('scan', 'k8s/', '-f', 'j'), ['json', 'junit']);
    assert.deepEqual(complete('scan', '--pss-level', ''), ['baseline', 'privileged', 'restricted']);
    assert.deepEqual(complete('fix', '--include'), ['--include-suggestions']);
    assert.deepEqual(complete('fix', '--profile', ''), ['baseline', 'restricted']);
    assert.deepEqual(complete('rules', '--framework', ''), ['cis', 'mitre', 'nsa', 'pss']);
    assert.deepEqual(complete('rbac', ''), ['can-i', 'paths', 'permissions', 'who-can']);
    assert.deepEqual(complete('rbac', '-A'), ['-A']);
    assert.deepEqual(complete('netpol', 'm'), ['matrix']);
    assert.deepEqual(complete('serve', 'c'), ['cert']);
    assert.deepEqual(complete('serve', '--log-level', 'w'), ['warn']);
    assert.deepEqual(complete('help', 'ru'), ['rules']);
    // A path position offers nothing itself: bash falls back to file names (complete -o default).
    assert.deepEqual(complete('scan', 'k8s'), []);
    assert.deepEqual(complete('nope', '--'), []);
  });

  it('bash: every option each usage text names is offered for its command', async () => {
    writeFileSync(bashFile, await script('bash'));
    for (const command of commands) {
      const named = new Set([...command.usage.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((match) => `--${match[1] ?? ''}`));
      const offered = new Set(complete(command.name, '--'));
      for (const option of named) assert.ok(offered.has(option), `${command.name} ${option}`);
      assert.ok(offered.has('--help'), command.name);
    }
  });

  it('zsh and fish scripts name every command and its options', async () => {
    for (const shell of ['zsh', 'fish']) {
      const text = await script(shell);
      for (const command of commands) {
        assert.match(text, new RegExp(`\\b${command.name}\\b`), `${shell}: ${command.name}`);
        assert.ok(text.includes(command.summary.replace(/'/g, `'\\''`)), `${shell}: summary of ${command.name}`);
      }
      assert.match(text, shell === 'zsh' ? /scan\) options=\([^)]*--fail-on/ : /__fish_seen_subcommand_from scan' -l fail-on -x -a 'critical high medium low info none'/);
      const file = join(root, `kubeward.${shell}`);
      writeFileSync(file, text);
      // Syntax check in the real shell where it is installed (neither is needed by the suite).
      if (installed(shell)) assert.equal(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).status, 0, `${shell} -n`);
    }
  });

  it('usage errors', async () => {
    assert.equal((await runCli(['completion'], { cwd: root })).code, 2);
    const unknown = await runCli(['completion', 'tcsh'], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^kubeward completion: unknown shell "tcsh" \(expected bash, zsh, fish\)/);
    const help = await runCli(['completion', '--help'], { cwd: root });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: kubeward completion bash\|zsh\|fish/);
  });
});
