// A real test control plane: one etcd and one kube-apiserver on loopback, built from their upstream
// Go modules by build-control-plane.sh. No nodes, no kubelets, no controller-manager: objects are
// stored and served by the real API server (validation, defaulting, admission, RBAC, audit), pods
// never run. Each start gets its own ports, certificates, tokens and data directory.
//
// Two ways to run it:
// - `startControlPlane()` (tests): the processes are tethered to this Node process through a pipe
//   (tether.sh), so they stop when `stop()` is called, when the process exits, on a signal, and
//   even when this process is killed outright.
// - `startControlPlane({ detached: true })` (`npm run cluster:up`): the processes outlive the
//   command; `stopDetached(dir)` (`npm run cluster:down`) stops them from the state file.
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, rmSync } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const buildScript = join(here, 'build-control-plane.sh');
const tetherScript = join(here, 'tether.sh');

/** The users in the static token file. Only `admin` has privileges (system:masters); the others start with none. */
export const TEST_USERS = {
  admin: { groups: ['system:masters'] },
  alice: { groups: ['kubeward:testers'] },
  bob: { groups: ['kubeward:testers'] },
  reader: { groups: [] },
} as const satisfies Record<string, { groups: readonly string[] }>;

export type TestUserName = keyof typeof TEST_USERS;

export interface TestUser {
  readonly name: TestUserName;
  readonly token: string;
  readonly groups: readonly string[];
}

export interface ControlPlane {
  /** Everything of this run: certificates, tokens, data, logs, kubeconfigs. */
  readonly dir: string;
  /** `https://127.0.0.1:PORT` */
  readonly server: string;
  readonly caFile: string;
  /** Kubeconfig of the `admin` user (system:masters). */
  readonly kubeconfigPath: string;
  /** The audit log (JSON lines, policy level Metadata: no request or response bodies). */
  readonly auditLogPath: string;
  readonly users: Readonly<Record<TestUserName, TestUser>>;
  /** Writes (once) and returns the path of a kubeconfig that authenticates as `user`. */
  kubeconfigFor(user: TestUserName): Promise<string>;
  /** Stops both processes and removes `dir` (kept when KUBEWARD_KEEP_CLUSTER=1). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Directory holding `kube-apiserver` and `etcd`; default: the cache directory of the pinned versions. */
  readonly binDir?: string;
  /** Let the processes outlive this process (for `cluster:up`). */
  readonly detached?: boolean;
  /** Parent of the run directory; default: the OS temporary directory. */
  readonly parentDir?: string;
  /** How long to wait for `/readyz`; default 180 s (a loaded 2-core machine is slow to bootstrap RBAC). */
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /**
   * Admission plugin configurations (`--admission-control-config-file`), e.g. the built-in PodSecurity
   * plugin's PodSecurityConfiguration with exempt namespaces. Optional; none by default.
   */
  readonly admissionPlugins?: readonly { readonly name: string; readonly configuration: unknown }[];
  /** More kube-apiserver flags, appended after the harness's own. */
  readonly extraApiserverArgs?: readonly string[];
}

export type BinariesLookup =
  | { readonly status: 'built'; readonly dir: string }
  | { readonly status: 'missing'; readonly dir: string };

/** Where the pinned binaries are cached, and whether they are built. Never builds. */
export async function findControlPlaneBinaries(): Promise<BinariesLookup> {
  const override = process.env['KUBEWARD_CONTROL_PLANE_BIN'];
  if (override !== undefined && override !== '') {
    return (await isExecutable(join(override, 'kube-apiserver'))) && (await isExecutable(join(override, 'etcd')))
      ? { status: 'built', dir: override }
      : { status: 'missing', dir: override };
  }
  try {
    const { stdout } = await run('bash', [buildScript, '--print-dir']);
    return { status: 'built', dir: lastLine(stdout) };
  } catch (error) {
    const stdout = (error as { stdout?: unknown }).stdout;
    return { status: 'missing', dir: typeof stdout === 'string' ? lastLine(stdout) : '' };
  }
}

/** Builds the pinned binaries unless they are cached; returns their directory. */
export async function buildControlPlaneBinaries(log: (line: string) => void = () => {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [buildScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim() !== '') log(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(lastLine(stdout));
      else reject(new Error(`build-control-plane.sh failed with exit code ${String(code)}`));
    });
  });
}

interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly child?: ChildProcess;
}

/** State written next to a detached control plane so `cluster:down` can stop it. */
export interface DetachedState {
  readonly dir: string;
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly pids: Readonly<Record<string, number>>;
}

const live = new Set<{ processes: RunningProcess[]; dir: string; keep: boolean }>();
let exitHooksInstalled = false;

export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  const log = options.log ?? (() => {});
  const binDir = options.binDir ?? await builtBinDir();
  const dir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'kubeward-cluster-'));
  const keep = process.env['KUBEWARD_KEEP_CLUSTER'] === '1';
  const entry = { processes: [] as RunningProcess[], dir, keep };
  if (options.detached !== true) {
    installExitHooks();
    live.add(entry);
  }
  try {
    const pki = await writePki(dir);
    const users = await writeTokenFile(dir);
    const [etcdClientPort, etcdPeerPort, securePort] = await freePorts(3);
    const server = `https://127.0.0.1:${String(securePort)}`;
    const auditLogPath = join(dir, 'audit.log');
    const auditPolicy = join(dir, 'audit-policy.yaml');
    // Metadata level for everything: who did what to which object, never a request or response
    // body, so no Secret value can reach the log.
    await writeFile(auditPolicy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceived"]\nrules:\n  - level: Metadata\n');

    const admissionArgs: string[] = [];
    if (options.admissionPlugins !== undefined && options.admissionPlugins.length > 0) {
      const admissionConfig = join(dir, 'admission-config.json');
      await writeFile(admissionConfig, `${JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration', plugins: options.admissionPlugins }, null, 2)}\n`);
      admissionArgs.push(`--admission-control-config-file=${admissionConfig}`);
    }

    const etcdUrl = `http://127.0.0.1:${String(etcdClientPort)}`;
    const peerUrl = `http://127.0.0.1:${String(etcdPeerPort)}`;
    entry.processes.push(await launch('etcd', join(binDir, 'etcd'), [
      '--name=kubeward-test',
      `--data-dir=${join(dir, 'etcd-data')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=kubeward-test=${peerUrl}`,
      '--unsafe-no-fsync', // throwaway data: skip fsync, a large saving on a shared disk
      '--log-level=warn',
    ], dir, options.detached === true));

    entry.processes.push(await launch('kube-apiserver', join(binDir, 'kube-apiserver'), [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${String(securePort)}`,
      `--cert-dir=${join(dir, 'apiserver-certs')}`,
      `--tls-cert-file=${pki.serverCert}`,
      `--tls-private-key-file=${pki.serverKey}`,
      `--client-ca-file=${pki.caCert}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/24',
      // The `kubernetes` Service would get 127.0.0.1 as its endpoint, which Endpoints validation
      // rejects; with no nodes nothing needs that endpoint.
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      `--audit-policy-file=${auditPolicy}`,
      `--audit-log-path=${auditLogPath}`,
      '--profiling=false',
      '--v=1',
      ...admissionArgs,
      ...(options.extraApiserverArgs ?? []),
    ], dir, options.detached === true));

    await waitForReady(server, pki.caCert, users.admin.token, options.readyTimeoutMs ?? 180_000, entry.processes, dir);
    log(`control plane ready at ${server} (${dir})`);

    const kubeconfigs = new Map<TestUserName, string>();
    const kubeconfigFor = async (user: TestUserName): Promise<string> => {
      const existing = kubeconfigs.get(user);
      if (existing !== undefined) return existing;
      const path = join(dir, `kubeconfig-${user}.json`);
      await writeKubeconfig(path, server, pki.caCert, users[user]);
      kubeconfigs.set(user, path);
      return path;
    };
    const kubeconfigPath = await kubeconfigFor('admin');

    if (options.detached === true) {
      const state: DetachedState = {
        dir, kubeconfigPath, server,
        pids: Object.fromEntries(entry.processes.map((p) => [p.name, p.pid])),
      };
      await writeFile(join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
    }

    let stopped: Promise<void> | undefined;
    return {
      dir, server, caFile: pki.caCert, kubeconfigPath, auditLogPath, users, kubeconfigFor,
      stop: () => {
        stopped ??= (async () => {
          live.delete(entry);
          await stopProcesses(entry.processes);
          if (!keep) await rm(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    live.delete(entry);
    await stopProcesses(entry.processes);
    if (!keep) await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops a control plane started with `detached: true`, from the state file in its directory. */
export async function stopDetached(dir: string): Promise<boolean> {
  let state: DetachedState;
  try {
    state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as DetachedState;
  } catch {
    return false;
  }
  // stopProcesses stops the last started (kube-apiserver) first.
  await stopProcesses(Object.entries(state.pids).map(([name, pid]) => ({ name, pid })));
  await rm(dir, { recursive: true, force: true });
  return true;
}

async function builtBinDir(): Promise<string> {
  const found = await findControlPlaneBinaries();
  if (found.status === 'missing') {
    throw new Error(`control plane binaries are not built (expected in ${found.dir}); run test/cluster/build-control-plane.sh`);
  }
  return found.dir;
}

async function launch(name: string, binary: string, args: string[], dir: string, detached: boolean): Promise<RunningProcess> {
  const logFd = openSync(join(dir, `${name}.log`), 'a');
  try {
    if (detached) {
      const child = spawn(binary, args, { detached: true, stdio: ['ignore', logFd, logFd] });
      await spawned(child, name);
      child.unref();
      return { name, pid: child.pid ?? -1 };
    }
    // The tether owns the binary; its stdin is our pipe. Both are unref'd so a forgotten stop()
    // never keeps the test process alive: when it exits, the pipe closes and the tether stops the binary.
    const child = spawn('bash', [tetherScript, binary, ...args], { detached: true, stdio: ['pipe', logFd, logFd] });
    await spawned(child, name);
    child.unref();
    (child.stdin as unknown as Socket | null)?.unref();
    return { name, pid: child.pid ?? -1, child };
  } finally {
    closeSync(logFd);
  }
}

function spawned(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    child.once('spawn', () => resolvePromise());
    child.once('error', (error) => reject(new Error(`cannot start ${name}: ${error.message}`)));
  });
}

/** kube-apiserver first (it writes to etcd until it stops), then etcd. SIGTERM, then SIGKILL after 20 s. */
async function stopProcesses(processes: readonly RunningProcess[]): Promise<void> {
  for (const proc of [...processes].reverse()) {
    if (proc.child !== undefined && proc.child.exitCode === null && proc.child.signalCode === null) {
      const exited = new Promise<void>((resolvePromise) => proc.child?.once('exit', () => resolvePromise()));
      proc.child.stdin?.end();
      if (!(await within(exited, 20_000))) signalGroup(proc.pid, 'SIGKILL');
      await within(exited, 5_000);
      signalGroup(proc.pid, 'SIGKILL'); // anything of the group still there
    } else if (proc.child === undefined) {
      signalGroup(proc.pid, 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (isAlive(proc.pid) && Date.now() < deadline) await sleep(200);
      if (isAlive(proc.pid)) signalGroup(proc.pid, 'SIGKILL');
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (pid <= 0) return;
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

function isGroupAlive(pgid: number): boolean {
  if (pgid <= 0) return false;
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Running, not a zombie: a detached process is reparented to PID 1, which need not reap it promptly. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolvePromise) => { timer = setTimeout(() => resolvePromise(false), ms); });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}

/** On exit and on fatal signals, kill whatever a test left running and remove its directory. */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = (): void => {
    for (const entry of live) {
      for (const proc of entry.processes) signalGroup(proc.pid, 'SIGKILL');
      // SIGKILL is delivered asynchronously: a process still writing its data dir would make the removal fail.
      const deadline = Date.now() + 5_000;
      while (entry.processes.some((proc) => isGroupAlive(proc.pid)) && Date.now() < deadline) sleepSync(20);
      if (!entry.keep) {
        try { rmSync(entry.dir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort on the way out */ }
      }
    }
    live.clear();
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

interface Pki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

/** A throwaway CA, a serving certificate for 127.0.0.1/localhost, and a ServiceAccount signing key (openssl, P-256). */
async function writePki(dir: string): Promise<Pki> {
  const pki = join(dir, 'pki');
  await mkdir(pki, { mode: 0o700 });
  const p = (file: string): string => join(pki, file);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-days', '7',
    '-subj', '/CN=kubeward-test-ca', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
  await openssl(['req', '-new', ...ec, '-keyout', p('apiserver.key'), '-out', p('apiserver.csr'), '-subj', '/CN=kube-apiserver']);
  await writeFile(p('apiserver.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1',
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', p('apiserver.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-days', '7', '-extfile', p('apiserver.ext'), '-out', p('apiserver.crt')]);
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', p('sa.key')]);
  await openssl(['pkey', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub')]);
  return {
    caCert: p('ca.crt'), serverCert: p('apiserver.crt'), serverKey: p('apiserver.key'),
    serviceAccountKey: p('sa.key'), serviceAccountPublicKey: p('sa.pub'),
  };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`openssl ${args[0] ?? ''} failed: ${typeof stderr === 'string' ? stderr.trim() : String(error)}`);
  }
}

/** The static token file (token,user,uid,"groups"), fresh random tokens per run. */
async function writeTokenFile(dir: string): Promise<Record<TestUserName, TestUser>> {
  const user = (name: TestUserName): TestUser => ({ name, token: randomBytes(24).toString('hex'), groups: TEST_USERS[name].groups });
  const users: Record<TestUserName, TestUser> = { admin: user('admin'), alice: user('alice'), bob: user('bob'), reader: user('reader') };
  const lines = Object.values(users).map((user) =>
    `${user.token},${user.name},uid-${user.name}${user.groups.length > 0 ? `,"${user.groups.join(',')}"` : ''}`);
  const path = join(dir, 'tokens.csv');
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  return users;
}

/** Kubeconfig as JSON (a YAML subset that kubectl and client libraries read), CA inlined. */
async function writeKubeconfig(path: string, server: string, caFile: string, user: TestUser): Promise<void> {
  const ca = (await readFile(caFile)).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubeward-test', cluster: { server, 'certificate-authority-data': ca } }],
    users: [{ name: user.name, user: { token: user.token } }],
    contexts: [{ name: `${user.name}@kubeward-test`, context: { cluster: 'kubeward-test', user: user.name, namespace: 'default' } }],
    'current-context': `${user.name}@kubeward-test`,
    preferences: {},
  };
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  })));
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))));
  return ports;
}

async function waitForReady(server: string, caFile: string, token: string, timeoutMs: number,
  processes: readonly RunningProcess[], dir: string): Promise<void> {
  const ca = readFileSync(caFile);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    for (const proc of processes) {
      const exited = proc.child !== undefined ? proc.child.exitCode !== null : !isAlive(proc.pid);
      if (exited) throw new Error(`${proc.name} exited during start-up; last lines of its log:\n${await logTail(dir, proc.name)}`);
    }
    last = await probe(`${server}/readyz`, ca, token);
    if (last === 'ok') return;
    await sleep(500);
  }
  throw new Error(`kube-apiserver not ready after ${String(timeoutMs / 1000)} s (last /readyz answer: ${last}); last lines of its log:\n${await logTail(dir, 'kube-apiserver')}`);
}

function probe(url: string, ca: Buffer, token: string): Promise<string> {
  return new Promise((resolvePromise) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` }, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolvePromise(res.statusCode === 200 ? body.trim() : `HTTP ${String(res.statusCode)}: ${body.slice(0, 300)}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolvePromise(error.message));
    req.end();
  });
}

async function logTail(dir: string, name: string): Promise<string> {
  try {
    return (await readFile(join(dir, `${name}.log`), 'utf8')).split('\n').slice(-25).join('\n');
  } catch {
    return '(no log)';
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
