import type { FieldPath } from '../foundation/field-path.js';
import { isRecord } from '../foundation/field-path.js';
import type { K8sObject } from './object.js';

// The configuration of one node (or of a copied tree of its files, or of what the API shows of a
// cluster), as plain facts: the command lines of the control plane and kubelet, the kubelet's effective
// configuration, the files that matter with their modes and owners, and the parsed contents of the
// configuration files the CIS Benchmark reads. `src/node/` collects it (IO); `src/rules/node/` judges
// it (pure). The object is shaped like a Kubernetes object so the engine judges it as a subject.

export const NODE_CONFIG_API = 'kubeward.io/v1';
export const NODE_CONFIG_KIND = 'NodeConfiguration';

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

/** How much of the node the collector could see; checks that need what was not seen are "not assessable". */
export type NodeAccess = 'node' | 'files' | 'cluster';

/** Where a component's flags were read from. */
export type ComponentSource = 'process' | 'manifest' | 'mirror-pod' | 'systemd-unit';

export interface ComponentConfig {
  readonly source: ComponentSource;
  /** `/proc/1234/cmdline`, `/etc/kubernetes/manifests/kube-apiserver.yaml`, `cluster://kube-system/Pod/NAME`. */
  readonly origin: string;
  readonly pid?: number;
  /** Kubernetes version when known (the manifest image tag, the cluster's /version). */
  readonly version?: string;
  /** Flags without the leading dashes; a repeated flag keeps its last value, as pflag does. */
  readonly flags: Readonly<Record<string, string>>;
  /** 1-based line (manifest) or argument index (command line) of each flag; 0 when unknown. */
  readonly flagLines: Readonly<Record<string, number>>;
  /** Environment variables of the process or container that configure it (etcd reads ETCD_*). */
  readonly env: Readonly<Record<string, string>>;
}

export interface FileFact {
  readonly path: string;
  readonly exists: boolean;
  readonly isDirectory?: boolean;
  readonly isSymlink?: boolean;
  /** Permission bits (`0o600`), from lstat. */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Names from the node's etc/passwd and etc/group when they resolve. */
  readonly user?: string;
  readonly group?: string;
  /** Expiry of a PEM certificate (ISO 8601). */
  readonly notAfter?: string;
  /** Why the file could not be read. */
  readonly error?: string;
}

/** What a file role means in CIS terms; each role holds the files found for it (PKI holds many). */
export const FILE_ROLES = [
  'apiserver-manifest', 'controller-manager-manifest', 'scheduler-manifest', 'etcd-manifest',
  'cni-config', 'etcd-data-dir', 'admin-kubeconfig', 'scheduler-kubeconfig', 'controller-manager-kubeconfig',
  'pki', 'pki-certificate', 'pki-key',
  'kubelet-service', 'proxy-kubeconfig', 'kubelet-kubeconfig', 'kubelet-client-ca', 'kubelet-config',
] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** A configuration file read and parsed (EncryptionConfiguration, audit policy, admission configuration). */
export interface ParsedFile {
  readonly path: string;
  readonly value?: unknown;
  /** Line of each top-level list item and key, for locating findings: `resources[0].providers[1]` -> line. */
  readonly lines: Readonly<Record<string, number>>;
  readonly error?: string;
}

export interface KubeletView {
  /** The effective configuration: the config file, then flags over it, as the kubelet applies them. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly configFile?: string;
  /** Config fields set by flags (they win over the file). */
  readonly fromFlags: readonly string[];
  /** Config fields set in the file, with their lines. */
  readonly fileLines: Readonly<Record<string, number>>;
}

export interface NodeConfiguration extends K8sObject {
  readonly apiVersion: typeof NODE_CONFIG_API;
  readonly kind: typeof NODE_CONFIG_KIND;
  readonly metadata: { readonly name: string };
  readonly access: NodeAccess;
  /** Kubernetes minor the cluster runs (`1.31`), when known. */
  readonly kubernetesVersion?: string;
  readonly components: Readonly<Partial<Record<ComponentName, ComponentConfig>>>;
  readonly kubelet?: KubeletView;
  readonly files: Readonly<Partial<Record<FileRole, readonly FileFact[]>>>;
  readonly encryption?: ParsedFile;
  readonly auditPolicy?: ParsedFile;
  readonly admission?: ParsedFile;
  /** Why parts could not be read (managed control plane, permission denied, RBAC refused configz). */
  readonly limits: readonly string[];
}

export function isNodeConfiguration(object: K8sObject): object is NodeConfiguration {
  return object.apiVersion === NODE_CONFIG_API && object.kind === NODE_CONFIG_KIND;
}

// ---------------------------------------------------------------------------------------------------
// Command lines

/**
 * Flags of the component binaries that are booleans: `--name` alone means true and does not take the
 * next argument. For every other flag pflag accepts both `--name=value` and `--name value`.
 */
const BOOLEAN_FLAGS = new Set([
  'anonymous-auth', 'profiling', 'client-cert-auth', 'auto-tls', 'peer-client-cert-auth', 'peer-auto-tls',
  'use-service-account-credentials', 'service-account-lookup', 'rotate-certificates', 'rotate-server-certificates',
  'make-iptables-util-chains', 'protect-kernel-defaults', 'seccomp-default', 'service-account-extend-token-expiration',
  'allow-privileged', 'authentication-token-webhook', 'enable-bootstrap-token-auth', 'enable-debugging-handlers',
  'contention-profiling', 'unsafe-no-fsync', 'strict-reconfig-check', 'experimental-initial-corrupt-check',
  'leader-elect', 'enable-server', 'hairpin-mode', 'fail-swap-on', 'enable-aggregator-routing',
]);

export interface ParsedCommandLine {
  readonly binary: string;
  readonly flags: Record<string, string>;
  /** Index of each flag in argv (argv[0] is the binary, so flags start at 1). */
  readonly flagLines: Record<string, number>;
}

/** Parses argv as pflag does: `--a=b`, `--a b`, boolean `--a`; the last occurrence wins. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const flags: Record<string, string> = {};
  const flagLines: Record<string, number> = {};
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const match = /^--?([A-Za-z0-9][A-Za-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    if (match === null) continue;
    const name = match[1] ?? '';
    const at = index;
    let value = match[2];
    if (value === undefined) {
      const next = argv[index + 1];
      if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('-')) {
        value = next;
        index++;
      } else value = 'true';
    }
    flags[name] = value;
    flagLines[name] = at;
  }
  return { binary: argv[0] ?? '', flags, flagLines };
}

/** The component a command line runs, from its binary name (`/usr/local/bin/kube-apiserver`, `hyperkube kubelet`). */
export function componentOfCommand(argv: readonly string[]): ComponentName | undefined {
  const base = (argv[0] ?? '').split('/').at(-1) ?? '';
  const named = base === 'hyperkube' ? argv[1] ?? '' : base;
  return (COMPONENTS as readonly string[]).includes(named) ? (named as ComponentName) : undefined;
}

/** Comma-separated flag values (`Node,RBAC`), trimmed, empty items dropped. */
export function listOf(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** `--feature-gates=A=true,B=false` as a map. */
export function featureGatesOf(value: string | undefined): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  for (const item of listOf(value)) {
    const [name, setting] = item.split('=');
    if (name !== undefined && name !== '') gates[name.trim()] = (setting ?? 'true').trim().toLowerCase() === 'true';
  }
  return gates;
}

// ---------------------------------------------------------------------------------------------------
// The kubelet: flags over the config file

/** Kubelet flags that have a KubeletConfiguration field, and how the flag's text becomes the field's value. */
export const KUBELET_FLAG_FIELDS: Readonly<Record<string, { readonly path: readonly string[]; readonly type: 'boolean' | 'number' | 'string' | 'list' | 'gates' }>> = {
  'anonymous-auth': { path: ['authentication', 'anonymous', 'enabled'], type: 'boolean' },
  'authentication-token-webhook': { path: ['authentication', 'webhook', 'enabled'], type: 'boolean' },
  'client-ca-file': { path: ['authentication', 'x509', 'clientCAFile'], type: 'string' },
  'authorization-mode': { path: ['authorization', 'mode'], type: 'string' },
  'read-only-port': { path: ['readOnlyPort'], type: 'number' },
  'streaming-connection-idle-timeout': { path: ['streamingConnectionIdleTimeout'], type: 'string' },
  'make-iptables-util-chains': { path: ['makeIPTablesUtilChains'], type: 'boolean' },
  'event-qps': { path: ['eventRecordQPS'], type: 'number' },
  'tls-cert-file': { path: ['tlsCertFile'], type: 'string' },
  'tls-private-key-file': { path: ['tlsPrivateKeyFile'], type: 'string' },
  'tls-cipher-suites': { path: ['tlsCipherSuites'], type: 'list' },
  'tls-min-version': { path: ['tlsMinVersion'], type: 'string' },
  'rotate-certificates': { path: ['rotateCertificates'], type: 'boolean' },
  'rotate-server-certificates': { path: ['serverTLSBootstrap'], type: 'boolean' },
  'protect-kernel-defaults': { path: ['protectKernelDefaults'], type: 'boolean' },
  'pod-max-pids': { path: ['podPidsLimit'], type: 'number' },
  'seccomp-default': { path: ['seccompDefault'], type: 'boolean' },
  'feature-gates': { path: ['featureGates'], type: 'gates' },
};

/**
 * What an unset field means. The kubelet's flag defaults are the permissive ones (anonymous auth on,
 * AlwaysAllow, read-only port 10255); a KubeletConfiguration file (v1beta1) defaults the same fields to
 * the safe values. So "not set" is judged by whether a config file is used, which kube-bench does not do.
 */
export const KUBELET_DEFAULTS: Readonly<Record<'file' | 'flags', Readonly<Record<string, unknown>>>> = {
  file: {
    'authentication.anonymous.enabled': false, 'authentication.webhook.enabled': true, 'authorization.mode': 'Webhook',
    readOnlyPort: 0, streamingConnectionIdleTimeout: '4h0m0s', makeIPTablesUtilChains: true, eventRecordQPS: 50,
    rotateCertificates: false, serverTLSBootstrap: false, protectKernelDefaults: false, seccompDefault: false, podPidsLimit: -1,
  },
  flags: {
    'authentication.anonymous.enabled': true, 'authentication.webhook.enabled': false, 'authorization.mode': 'AlwaysAllow',
    readOnlyPort: 10255, streamingConnectionIdleTimeout: '4h0m0s', makeIPTablesUtilChains: true, eventRecordQPS: 50,
    rotateCertificates: false, serverTLSBootstrap: false, protectKernelDefaults: false, seccompDefault: false, podPidsLimit: -1,
  },
};

/** Applies the kubelet's flags over its config file, as the kubelet does (flags win). */
export function effectiveKubeletConfig(fileConfig: Readonly<Record<string, unknown>> | undefined, flags: Readonly<Record<string, string>>): { config: Record<string, unknown>; fromFlags: string[] } {
  const config = structuredClone(fileConfig ?? {}) as Record<string, unknown>;
  const fromFlags: string[] = [];
  for (const [flag, field] of Object.entries(KUBELET_FLAG_FIELDS)) {
    const text = flags[flag];
    if (text === undefined) continue;
    let value: unknown;
    switch (field.type) {
      case 'boolean': value = text.toLowerCase() === 'true'; break;
      case 'number': value = Number(text); break;
      case 'list': value = listOf(text); break;
      case 'gates': value = { ...(isRecord(config['featureGates']) ? config['featureGates'] : {}), ...featureGatesOf(text) }; break;
      case 'string': value = text; break;
    }
    setPath(config, field.path, value);
    fromFlags.push(field.path.join('.'));
  }
  return { config, fromFlags };
}

/** A field of the effective kubelet config, with the default of how the kubelet is configured when unset. */
export function kubeletSetting(kubelet: KubeletView, dotted: string): { value: unknown; set: boolean } {
  let value: unknown = kubelet.config;
  for (const segment of dotted.split('.')) value = isRecord(value) ? value[segment] : undefined;
  if (value !== undefined) return { value, set: true };
  return { value: KUBELET_DEFAULTS[kubelet.configFile === undefined ? 'flags' : 'file'][dotted], set: false };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cursor = target;
  for (const segment of path.slice(0, -1)) {
    const next = cursor[segment];
    if (!isRecord(next)) cursor[segment] = {};
    cursor = cursor[segment] as Record<string, unknown>;
  }
  cursor[path.at(-1) ?? ''] = value;
}

// ---------------------------------------------------------------------------------------------------
// Field paths findings are located at

export const flagPath = (component: ComponentName, flag: string): FieldPath => ['components', component, 'flags', flag];
export const filePath = (role: FileRole, index = 0): FieldPath => ['files', role, index];
export const kubeletPath = (dotted: string): FieldPath => ['kubelet', 'config', ...dotted.split('.')];
