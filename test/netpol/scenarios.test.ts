import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliIO } from '../../src/cli/io.js';
import { netpolCommand } from '../../src/cli/netpol/netpol-command.js';

// Each scenario under scenarios/ holds manifests and the connectivity worked out by hand (README.md
// beside them says how); the CLI must print exactly that matrix.

const here = dirname(fileURLToPath(import.meta.url));
const scenariosDir = join(here, 'scenarios');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function kubeward(args: readonly string[], stdinText = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  const io: CliIO = { stdin, stdout, stderr, cwd: here, env: {} };
  // Runs the command as `main` does, without loading every other command: usage errors exit 2.
  const [name, ...rest] = args;
  assert.equal(name, 'netpol');
  let code: number;
  try {
    code = await netpolCommand.run(rest, io);
  } catch (error) {
    const isParseError = typeof (error as { code?: unknown }).code === 'string' && String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof UsageError) && !isParseError) throw error;
    stderr.write(`kubeward netpol: ${(error as Error).message}\n`);
    code = 2;
  }
  stdout.end();
  stderr.end();
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

describe('netpol matrix scenarios', () => {
  for (const name of readdirSync(scenariosDir).filter((entry) => statSync(join(scenariosDir, entry)).isDirectory()).sort()) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(scenariosDir, name, 'expected.json'), 'utf8')) as unknown;
      const run = await kubeward(['netpol', 'matrix', '--format', 'json', join('scenarios', name, 'input.yaml')]);
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      assert.deepEqual(JSON.parse(run.stdout), expected);
    });
  }
});

describe('netpol command', () => {
  const threeTier = join('scenarios', 'three-tier', 'input.yaml');

  it('prints the matrix as a table', async () => {
    const run = await kubeward(['netpol', 'matrix', threeTier]);
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^FROM\s+TO\s+ALLOWED$/);
    assert.ok(lines.some((line) => /^app\/backend \(Deployment\)\s+app\/db \(StatefulSet\)\s+TCP\/5432$/.test(line)));
    assert.ok(lines.some((line) => /^0\.0\.0\.0\/5\s+app\/frontend \(Deployment\)\s+TCP\/8080$/.test(line)));
    assert.match(run.stdout, /4 workload\(s\), \d+ allowed connection\(s\); addresses outside the cluster split into 10 CIDR block\(s\)/);
  });

  it('reads standard input', async () => {
    const text = readFileSync(join(here, threeTier), 'utf8');
    const run = await kubeward(['netpol', 'matrix', '--format', 'json', '-'], text);
    assert.equal(run.code, 0);
    assert.equal((JSON.parse(run.stdout) as { peers: unknown[] }).peers.length, 4);
  });

  it('explains an allowed connection with exit code 0', async () => {
    const run = await kubeward(['netpol', 'explain', '--from', 'app/frontend', '--to', 'app/backend', '--port', '9000', threeTier]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, [
      'ALLOWED  app/frontend (Deployment) -> app/backend (Deployment) on TCP/9000',
      '',
      'egress of app/frontend (Deployment): allowed; isolated by app/default-deny, app/dns, app/frontend',
      '  app/dns spec.egress[0] (no from/to, every peer): admits this peer but not this port',
      '  app/frontend spec.egress[0] (to[0]): admits this peer and port',
      'ingress of app/backend (Deployment): allowed; isolated by app/default-deny, app/backend, app/metrics',
      '  app/backend spec.ingress[0] (from[0]): admits this peer and port',
      '',
    ].join('\n'));
  });

  it('explains a denied connection with exit code 1, as JSON', async () => {
    const run = await kubeward(['netpol', 'explain', '--from', 'app/frontend', '--to', 'app/StatefulSet/db', '--port', '5432/tcp', '--format', 'json', threeTier]);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { allowed: boolean; egress: { allowed: boolean; rules: { rule: string; allowsPort: boolean }[] }; ingress: { allowed: boolean; rules: unknown[] } };
    assert.equal(result.allowed, false);
    assert.equal(result.egress.allowed, false);
    assert.deepEqual(result.egress.rules.map((rule) => [rule.rule, rule.allowsPort]), [['spec.egress[0]', false]]);
    assert.equal(result.ingress.allowed, false);
    assert.deepEqual(result.ingress.rules, []);
  });

  it('explains traffic from outside the cluster, with a named port', async () => {
    const allowed = await kubeward(['netpol', 'explain', '--from', '203.0.113.7', '--to', 'app/frontend', '--port', 'http', threeTier]);
    assert.equal(allowed.code, 0);
    assert.match(allowed.stdout, /^ALLOWED {2}203\.0\.113\.7\/32 -> app\/frontend \(Deployment\) on TCP\/8080\n/);
    assert.match(allowed.stdout, /egress of 203\.0\.113\.7\/32: allowed \(outside the cluster/);
    const denied = await kubeward(['netpol', 'explain', '--from', '10.1.2.3', '--to', 'app/frontend', '--port', '8080', threeTier]);
    assert.equal(denied.code, 1);
    assert.doesNotMatch(denied.stdout, /note:/);
  });

  it('notes a queried block that straddles an ipBlock edge', async () => {
    const run = await kubeward(['netpol', 'explain', '--from', '10.0.0.0/7', '--to', 'app/frontend', '--port', '8080', threeTier]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /\nnote: 10\.0\.0\.0\/7 is only partly inside app\/frontend spec\.ingress\[0\]\.from\[0\] \(ipBlock 0\.0\.0\.0\/0 with except\); ask about a narrower block\n$/);
  });

  it('rejects bad usage with exit code 2', async () => {
    assert.equal((await kubeward(['netpol', 'matrix'])).code, 2);
    const bare = await kubeward(['netpol']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /missing subcommand/);
    const help = await kubeward(['netpol', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage:\n {2}kubeward netpol matrix/);
    assert.equal((await kubeward(['netpol', 'frobnicate'])).code, 2);
    assert.equal((await kubeward(['netpol', 'explain', '--from', 'app/nope', '--to', 'app/db', '--port', '1', threeTier])).code, 2);
    assert.equal((await kubeward(['netpol', 'explain', '--from', 'app/frontend', '--to', 'app/db', '--port', '80/ICMP', threeTier])).code, 2);
    const missing = await kubeward(['netpol', 'explain', '--from', 'app/frontend', '--to', 'app/db', threeTier]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs --from, --to and --port/);
  });

  it('notes hostNetwork pods, whose NetworkPolicy behaviour is undefined', async () => {
    const run = await kubeward(['netpol', 'matrix', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: ops}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: example/agent:1}]\n');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^note: Pod ops\/agent uses hostNetwork/);
    assert.match(run.stdout, /^FROM\s+TO\s+ALLOWED\nops\/agent \(Pod\)\s+ops\/agent \(Pod\)\s+all\n/);
  });

  it('writes the matrix to --output', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-netpol-'));
    try {
      const target = join(directory, 'matrix.json');
      const run = await kubeward(['netpol', 'matrix', '--format', 'json', '--output', target, join('scenarios', 'three-tier', 'input.yaml')]);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, '');
      assert.deepEqual(JSON.parse(readFileSync(target, 'utf8')), JSON.parse(readFileSync(join(scenariosDir, 'three-tier', 'expected.json'), 'utf8')));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reports unreadable input on stderr and exits 2', async () => {
    const run = await kubeward(['netpol', 'matrix', '-'], 'kind: [unclosed\n');
    assert.equal(run.code, 2);
    assert.notEqual(run.stderr, '');
  });
});
