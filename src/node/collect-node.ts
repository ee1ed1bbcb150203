import { X509Certificate } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { isRecord } from '../foundation/field-path.js';
import {
  componentOfCommand, effectiveKubeletConfig, NODE_CONFIG_API, NODE_CONFIG_KIND, parseCommandLine,
  type ComponentConfig, type ComponentName, type FileFact, type FileRole, type KubeletView, type NodeConfiguration, type ParsedFile,
} from '../k8s/node-config.js';
import { parseYamlWithLines } from './yaml-lines.js';

// Reads a node's configuration from a filesystem root without running anything: `/proc/*/cmdline` of
// the control plane and kubelet, their static pod manifests, the kubelet's config file and flags, the
// kubeconfigs, PKI, EncryptionConfiguration, audit policy and admission configuration, with modes and
// owners from lstat. Paths inside the node (`/etc/kubernetes/pki/ca.crt`) are resolved under the root.
// When the root runs none of the components (a copied tree, a config repository), the kubeadm
// locations are read instead.

export interface CollectOptions {
  /** The node's filesystem root: `/` on a node, or a copied tree. */
  readonly root: string;
  /** Only these processes count (tests read their own control plane out of a busy `/proc`). */
  readonly pids?: ReadonlySet<number>;
  /** Ignore `/proc` entirely (a copied tree whose host runs unrelated processes). */
  readonly ignoreProcesses?: boolean;
  readonly nodeName?: string;
}

export interface CollectProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface CollectedNode {
  readonly node: NodeConfiguration;
  readonly problems: readonly CollectProblem[];
}

const MANIFEST_FILES: Readonly<Partial<Record<ComponentName, { role: FileRole; file: string }>>> = {
  'kube-apiserver': { role: 'apiserver-manifest', file: 'kube-apiserver.yaml' },
  'kube-controller-manager': { role: 'controller-manager-manifest', file: 'kube-controller-manager.yaml' },
  'kube-scheduler': { role: 'scheduler-manifest', file: 'kube-scheduler.yaml' },
  etcd: { role: 'etcd-manifest', file: 'etcd.yaml' },
};

const KUBELET_SERVICE_FILES = [
  '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/lib/systemd/system/kubelet.service', '/etc/systemd/system/kubelet.service', '/usr/lib/systemd/system/kubelet.service',
];
const KUBEADM_FLAGS_ENV = '/var/lib/kubelet/kubeadm-flags.env';
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export async function collectNode(options: CollectOptions): Promise<CollectedNode> {
  const root = options.root;
  const inRoot = (path: string): string => join(root, path);
  const problems: CollectProblem[] = [];
  const limits: string[] = [];
  const components: Partial<Record<ComponentName, ComponentConfig>> = {};

  if (options.ignoreProcesses !== true) {
    for (const found of await readProcesses(inRoot('/proc'), options.pids)) {
      // Several processes of one kind (a second etcd of another cluster) keep the first; the rest are named.
      if (components[found.component] === undefined) components[found.component] = found.config;
      else limits.push(`more than one ${found.component} process; judged ${components[found.component]?.origin ?? ''}, ignored ${found.config.origin}`);
    }
  }
  const fromProcesses = Object.keys(components).length > 0;

  for (const [component, manifest] of Object.entries(MANIFEST_FILES) as [ComponentName, { role: FileRole; file: string }][]) {
    if (components[component] !== undefined) continue;
    const path = posix.join('/etc/kubernetes/manifests', manifest.file);
    const text = await readText(inRoot(path));
    if (text === undefined) continue;
    const parsed = componentFromManifest(text, path);
    if ('error' in parsed) problems.push({ file: path, line: parsed.line, message: parsed.error });
    else components[component] = parsed;
  }

  if (components.kubelet === undefined) {
    const kubelet = await kubeletFromServiceFiles(inRoot);
    if (kubelet !== undefined) components.kubelet = kubelet;
  }

  const kubelet = await readKubeletView(components.kubelet, inRoot, problems);
  const names = await readAccountNames(inRoot);
  const files: Partial<Record<FileRole, FileFact[]>> = {};
  const add = async (role: FileRole, path: string | undefined): Promise<void> => {
    if (path === undefined || path === '') return;
    const fact = await fileFact(path, inRoot(path), names);
    (files[role] ??= []).push(fact);
  };
  const flag = (component: ComponentName, name: string): string | undefined => components[component]?.flags[name];

  for (const [component, manifest] of Object.entries(MANIFEST_FILES) as [ComponentName, { role: FileRole; file: string }][]) {
    const manifestPath = posix.join('/etc/kubernetes/manifests', manifest.file);
    if (components[component] !== undefined || await exists(inRoot(manifestPath))) await add(manifest.role, manifestPath);
  }
  await add('etcd-data-dir', flag('etcd', 'data-dir') ?? components.etcd?.env['ETCD_DATA_DIR'] ?? '/var/lib/etcd');
  for (const path of ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf']) if (await exists(inRoot(path))) await add('admin-kubeconfig', path);
  await add('scheduler-kubeconfig', flag('kube-scheduler', 'kubeconfig') ?? existing('/etc/kubernetes/scheduler.conf', await exists(inRoot('/etc/kubernetes/scheduler.conf'))));
  await add('controller-manager-kubeconfig', flag('kube-controller-manager', 'kubeconfig') ?? existing('/etc/kubernetes/controller-manager.conf', await exists(inRoot('/etc/kubernetes/controller-manager.conf'))));
  for (const entry of await walk(inRoot('/etc/kubernetes/pki'), '/etc/kubernetes/pki')) {
    await add('pki', entry);
    if (entry.endsWith('.crt')) await add('pki-certificate', entry);
    if (entry.endsWith('.key')) await add('pki-key', entry);
  }
  const cniDir = flag('kubelet', 'cni-conf-dir') ?? '/etc/cni/net.d';
  for (const entry of [...await walk(inRoot(cniDir), cniDir), ...await walk(inRoot('/var/lib/cni/networks'), '/var/lib/cni/networks')]) await add('cni-config', entry);
  for (const path of KUBELET_SERVICE_FILES) if (await exists(inRoot(path))) await add('kubelet-service', path);
  await add('proxy-kubeconfig', flag('kube-proxy', 'kubeconfig'));
  if (components.kubelet !== undefined || kubelet !== undefined) {
    await add('kubelet-kubeconfig', flag('kubelet', 'kubeconfig') ?? '/etc/kubernetes/kubelet.conf');
    const clientCa = kubelet?.config['authentication'];
    const caFile = isRecord(clientCa) && isRecord(clientCa['x509']) && typeof clientCa['x509']['clientCAFile'] === 'string' ? clientCa['x509']['clientCAFile'] : undefined;
    await add('kubelet-client-ca', caFile);
    await add('kubelet-config', kubelet?.configFile);
  }

  const parsedFlagFile = async (component: ComponentName, name: string, redact: boolean): Promise<ParsedFile | undefined> => {
    const path = flag(component, name);
    if (path === undefined || path === '') return undefined;
    const text = await readText(inRoot(path));
    if (text === undefined) return { path, lines: {}, error: `cannot read ${path} (given by --${name})` };
    const parsed = parseYamlWithLines(text);
    if (parsed.error !== undefined) {
      problems.push({ file: path, line: Number(/^line (\d+)/.exec(parsed.error)?.[1] ?? 0), message: parsed.error });
      return { path, lines: parsed.lines, error: parsed.error };
    }
    return { path, value: redact ? redactKeyMaterial(parsed.value) : parsed.value, lines: parsed.lines };
  };
  const encryption = await parsedFlagFile('kube-apiserver', 'encryption-provider-config', true);
  const auditPolicy = await parsedFlagFile('kube-apiserver', 'audit-policy-file', false);
  const admission = await parsedFlagFile('kube-apiserver', 'admission-control-config-file', false);

  const access = fromProcesses ? 'node' : 'files';
  if (Object.keys(components).length === 0) limits.push(`no control plane component or kubelet found under ${root} (no process, no static pod manifest, no kubelet unit)`);
  const node: NodeConfiguration = {
    apiVersion: NODE_CONFIG_API,
    kind: NODE_CONFIG_KIND,
    metadata: { name: options.nodeName ?? ((await readText(inRoot('/etc/hostname')))?.trim() || root) },
    access,
    components,
    ...(kubelet === undefined ? {} : { kubelet }),
    files,
    ...(encryption === undefined ? {} : { encryption }),
    ...(auditPolicy === undefined ? {} : { auditPolicy }),
    ...(admission === undefined ? {} : { admission }),
    limits,
  };
  return { node, problems };
}

function existing(path: string, present: boolean): string | undefined {
  return present ? path : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Processes

async function readProcesses(procDir: string, pids: ReadonlySet<number> | undefined): Promise<{ component: ComponentName; config: ComponentConfig }[]> {
  let entries: string[];
  try {
    entries = await readdir(procDir);
  } catch {
    return [];
  }
  const found: { component: ComponentName; config: ComponentConfig }[] = [];
  for (const entry of entries.filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(a) - Number(b))) {
    const pid = Number(entry);
    if (pids !== undefined && !pids.has(pid)) continue;
    let raw: Buffer;
    try {
      raw = await readFile(join(procDir, entry, 'cmdline'));
    } catch {
      continue; // the process ended while we read
    }
    const argv = raw.toString('utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    const component = componentOfCommand(argv);
    if (component === undefined) continue;
    const parsed = parseCommandLine(component === componentOfCommand(argv.slice(1)) ? argv.slice(1) : argv);
    found.push({
      component,
      config: { source: 'process', origin: `/proc/${entry}/cmdline`, pid, flags: parsed.flags, flagLines: parsed.flagLines, env: await componentEnv(join(procDir, entry, 'environ')) },
    });
  }
  return found;
}

/** ETCD_* and KUBE* variables of a process (etcd reads its settings from them too); the rest is not kept. */
async function componentEnv(path: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  try {
    for (const item of (await readFile(path)).toString('utf8').split('\0')) {
      const equals = item.indexOf('=');
      const name = item.slice(0, equals);
      if (equals > 0 && /^ETCD_[A-Z_]+$/.test(name)) env[name] = item.slice(equals + 1);
    }
  } catch { /* another user's process: flags only */ }
  return env;
}

// ---------------------------------------------------------------------------------------------------
// Static pod manifests

function componentFromManifest(text: string, origin: string): ComponentConfig | { error: string; line: number } {
  const parsed = parseYamlWithLines(text);
  if (parsed.error !== undefined) return { error: parsed.error, line: Number(/^line (\d+)/.exec(parsed.error)?.[1] ?? 0) };
  const pod = parsed.value;
  const containers = isRecord(pod) && isRecord(pod['spec']) && Array.isArray(pod['spec']['containers']) ? pod['spec']['containers'] : [];
  const container: unknown = containers[0];
  if (!isRecord(container)) return { error: 'not a Pod with a container', line: 1 };
  const argv: string[] = [];
  const lines: number[] = [];
  for (const field of ['command', 'args'] as const) {
    const list = container[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      argv.push(String(item));
      lines.push(parsed.lines[`spec.containers[0].${field}[${String(index)}]`] ?? 0);
    });
  }
  if (argv.length === 0) return { error: 'the container has no command or args', line: parsed.lines['spec.containers[0]'] ?? 1 };
  const command = parseCommandLine(componentOfCommand(argv) === undefined && argv[0]?.startsWith('-') === true ? ['', ...argv] : argv);
  const flagLines: Record<string, number> = {};
  const offset = componentOfCommand(argv) === undefined && argv[0]?.startsWith('-') === true ? 1 : 0;
  for (const [name, index] of Object.entries(command.flagLines)) flagLines[name] = lines[index - offset] ?? 0;
  const env: Record<string, string> = {};
  if (Array.isArray(container['env'])) {
    for (const item of container['env']) if (isRecord(item) && typeof item['name'] === 'string' && typeof item['value'] === 'string') env[item['name']] = item['value'];
  }
  const image = typeof container['image'] === 'string' ? container['image'] : '';
  const version = /:v?(\d+\.\d+(?:\.\d+)?)/.exec(image)?.[1];
  return { source: 'manifest', origin, flags: command.flags, flagLines, env, ...(version === undefined ? {} : { version }) };
}

// ---------------------------------------------------------------------------------------------------
// The kubelet

/** The kubelet's flags from its systemd unit and kubeadm's flags file, when it is not running here. */
async function kubeletFromServiceFiles(inRoot: (path: string) => string): Promise<ComponentConfig | undefined> {
  const argv = ['kubelet'];
  let origin: string | undefined;
  for (const path of [...KUBELET_SERVICE_FILES, KUBEADM_FLAGS_ENV]) {
    const text = await readText(inRoot(path));
    if (text === undefined) continue;
    origin ??= path;
    for (const match of text.matchAll(/^\s*(?:Environment=)?"?KUBELET_[A-Z_]*ARGS=("?)(.*?)\1"?\s*$/gm)) argv.push(...(match[2] ?? '').split(/\s+/).filter((word) => word !== ''));
    for (const match of text.matchAll(/^\s*ExecStart=\S*kubelet(?:\s+(.*))?$/gm)) {
      argv.push(...(match[1] ?? '').split(/\s+/).filter((word) => word !== '' && !word.startsWith('$')));
    }
  }
  if (origin === undefined) return undefined;
  const parsed = parseCommandLine(argv);
  return { source: 'systemd-unit', origin, flags: parsed.flags, flagLines: Object.fromEntries(Object.keys(parsed.flags).map((name) => [name, 0])), env: {} };
}

async function readKubeletView(kubelet: ComponentConfig | undefined, inRoot: (path: string) => string, problems: CollectProblem[]): Promise<KubeletView | undefined> {
  const configFile = kubelet?.flags['config'] ?? (await exists(inRoot('/var/lib/kubelet/config.yaml')) ? '/var/lib/kubelet/config.yaml' : undefined);
  if (kubelet === undefined && configFile === undefined) return undefined;
  let fileConfig: Record<string, unknown> | undefined;
  let fileLines: Record<string, number> = {};
  if (configFile !== undefined) {
    const text = await readText(inRoot(configFile));
    if (text === undefined) problems.push({ file: configFile, line: 0, message: 'cannot read the kubelet config file' });
    else {
      const parsed = parseYamlWithLines(text);
      if (parsed.error !== undefined) problems.push({ file: configFile, line: Number(/^line (\d+)/.exec(parsed.error)?.[1] ?? 0), message: parsed.error });
      else if (isRecord(parsed.value)) {
        fileConfig = parsed.value;
        fileLines = parsed.lines;
      }
    }
  }
  const { config, fromFlags } = effectiveKubeletConfig(fileConfig, kubelet?.flags ?? {});
  return { config, fromFlags, fileLines, ...(configFile === undefined ? {} : { configFile }) };
}

// ---------------------------------------------------------------------------------------------------
// Files

async function fileFact(path: string, resolved: string, names: AccountNames): Promise<FileFact> {
  try {
    const info = await lstat(resolved);
    let notAfter: string | undefined;
    if (info.isFile() && path.endsWith('.crt') && info.size < MAX_CONFIG_BYTES) {
      try {
        notAfter = new Date(new X509Certificate(await readFile(resolved)).validTo).toISOString();
      } catch { /* not a PEM certificate */ }
    }
    const user = names.users.get(info.uid);
    const group = names.groups.get(info.gid);
    return {
      path, exists: true, isDirectory: info.isDirectory(), isSymlink: info.isSymbolicLink(), mode: info.mode & 0o7777, uid: info.uid, gid: info.gid,
      ...(user === undefined ? {} : { user }), ...(group === undefined ? {} : { group }), ...(notAfter === undefined ? {} : { notAfter }),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { path, exists: false } : { path, exists: false, error: code ?? String(error) };
  }
}

interface AccountNames {
  readonly users: Map<number, string>;
  readonly groups: Map<number, string>;
}

/** uid and gid names from the node's own etc/passwd and etc/group (not the host's, for a copied tree). */
async function readAccountNames(inRoot: (path: string) => string): Promise<AccountNames> {
  const table = async (path: string): Promise<Map<number, string>> => {
    const names = new Map<number, string>();
    for (const line of ((await readText(inRoot(path))) ?? '').split('\n')) {
      const [name, , id] = line.split(':');
      if (name !== undefined && name !== '' && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
    }
    if (!names.has(0)) names.set(0, 'root');
    return names;
  };
  return { users: await table('/etc/passwd'), groups: await table('/etc/group') };
}

/** Every entry below a directory (the directory itself first), as paths inside the node. */
async function walk(resolved: string, inside: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, path: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (depth === 0) out.push(path);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = posix.join(path, entry.name);
      out.push(child);
      if (entry.isDirectory() && depth < 4) await visit(join(dir, entry.name), child, depth + 1);
    }
  };
  await visit(resolved, inside, 0);
  return out;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_CONFIG_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * EncryptionConfiguration keys never leave the collector: each `secret` becomes its decoded length
 * (`secretBytes`), which is what grading needs (aescbc and aesgcm want 32 bytes, secretbox exactly 32).
 */
export function redactKeyMaterial(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactKeyMaterial);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'secret' && typeof child === 'string') out['secretBytes'] = Buffer.from(child, 'base64').length;
    else out[key] = redactKeyMaterial(child);
  }
  return out;
}

