// `npm run cluster:up` / `npm run cluster:down`: one long-lived test control plane for working by
// hand (kubectl, `kubeward scan --cluster`). `up` builds or reuses the binaries, starts etcd and
// kube-apiserver detached, and prints `export KUBECONFIG=<path>` as its last line; `down` stops
// them and removes their directory. Tests do not use this: they start their own, tethered.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildControlPlaneBinaries, isAlive, startControlPlane, stopDetached } from './control-plane.js';
import type { DetachedState } from './control-plane.js';

const home = join(process.env['KUBEWARD_CLUSTER_HOME'] ?? tmpdir(), 'kubeward-cluster-up');
const pointer = join(home, 'current');

async function current(): Promise<DetachedState | undefined> {
  try {
    const dir = (await readFile(pointer, 'utf8')).trim();
    return JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as DetachedState;
  } catch {
    return undefined;
  }
}

async function up(): Promise<number> {
  const existing = await current();
  if (existing !== undefined && Object.values(existing.pids).every(isAlive)) {
    console.error(`cluster: already up at ${existing.server} (${existing.dir}); \`npm run cluster:down\` stops it`);
    console.log(`export KUBECONFIG=${existing.kubeconfigPath}`);
    return 0;
  }
  if (existing !== undefined) await stopDetached(existing.dir);
  const binDir = await buildControlPlaneBinaries((line) => console.error(line));
  await mkdir(home, { recursive: true });
  const plane = await startControlPlane({ binDir, detached: true, parentDir: home, log: (line) => console.error(`cluster: ${line}`) });
  await writeFile(pointer, `${plane.dir}\n`);
  console.error(`cluster: audit log ${plane.auditLogPath}; other users' kubeconfigs: ${plane.dir}/kubeconfig-<user>.json`);
  for (const user of ['alice', 'bob', 'reader'] as const) await plane.kubeconfigFor(user);
  console.log(`export KUBECONFIG=${plane.kubeconfigPath}`);
  return 0;
}

async function down(): Promise<number> {
  const existing = await current();
  if (existing === undefined) {
    console.error('cluster: nothing to stop');
    await rm(pointer, { force: true });
    return 0;
  }
  await stopDetached(existing.dir);
  await rm(pointer, { force: true });
  console.error(`cluster: stopped ${existing.server} and removed ${existing.dir}`);
  return 0;
}

const command = process.argv[2];
const action = command === 'up' ? up : command === 'down' ? down : undefined;
if (action === undefined) {
  console.error('usage: cluster-cli.ts up|down');
  process.exitCode = 2;
} else {
  action().then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
