import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './cli-harness.js';

const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-exclude-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

async function scannedFiles(args: readonly string[], cwd: string): Promise<string[]> {
  const run = await runCli(['scan', ...args, '-f', 'json', '--fail-on', 'none'], { cwd });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
  return [...new Set(report.findings.map((finding) => finding.location.file))].sort();
}

describe('what a scan reads', () => {
  const files = {
    'apps/web.yaml': pod('web'),
    'apps/web.test.yaml': pod('web-test'),
    'vendor/chart/pod.yaml': pod('vendored'),
    'deploy/prod/api.yaml': pod('api'),
  };

  it('scans the working directory when no path is given, and says so in --help', async () => {
    const root = project(files);
    assert.deepEqual(await scannedFiles([], root), ['apps/web.test.yaml', 'apps/web.yaml', 'deploy/prod/api.yaml', 'vendor/chart/pod.yaml']);
    assert.match((await runCli(['scan', '--help'], { cwd: root })).stdout, /With no PATH, scans the current directory \(\.\)/);
  });

  it('--exclude GLOB leaves out files and whole directories (.gitignore syntax, repeatable)', async () => {
    const root = project(files);
    assert.deepEqual(await scannedFiles(['--exclude', 'vendor/', '--exclude', '*.test.yaml'], root), ['apps/web.yaml', 'deploy/prod/api.yaml']);
    assert.deepEqual(await scannedFiles(['.', '--exclude', 'deploy/**/api.yaml'], root), ['apps/web.test.yaml', 'apps/web.yaml', 'vendor/chart/pod.yaml']);
    // A path given explicitly is left out too when it matches.
    assert.deepEqual(await scannedFiles(['apps/web.test.yaml', 'apps/web.yaml', '--exclude', '*.test.yaml'], root), ['apps/web.yaml']);
  });

  it('.kubewardignore in the working directory, with negation', async () => {
    const root = project({ ...files, '.kubewardignore': '# generated and third-party manifests\nvendor/\n*.test.yaml\n!apps/web.test.yaml\n' });
    assert.deepEqual(await scannedFiles([], root), ['apps/web.test.yaml', 'apps/web.yaml', 'deploy/prod/api.yaml']);
    assert.deepEqual(await scannedFiles(['--exclude', 'deploy'], root), ['apps/web.test.yaml', 'apps/web.yaml']);
  });
});
