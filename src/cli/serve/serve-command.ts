import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAdmissionConfig } from '../../admission/admission-config.js';
import { ConfigError, EMPTY_CONFIG, type KubewardConfig } from '../../engine/config.js';
import { allRules } from '../../rules/index.js';
import { findConfigFile, loadConfigFile } from '../../scan/config-file.js';
import { createJsonLogger, parseLogLevel } from '../../server/logger.js';
import { positiveNumberFlag, UsageError, type CliIO, type Command } from '../io.js';
import { clusterConnectionOf, DEFAULT_ADMISSION_DEADLINE_MS, DEFAULT_ADMISSION_PORT, startAdmissionServer, type NamespaceSource } from './admission-server.js';

const USAGE = `Usage: kubeward serve --tls-cert-file FILE --tls-private-key-file FILE [options]
       kubeward serve cert --out DIR --dns NAME... [--ip IP...] [--days N]
       kubeward serve manifests [options]          (see \`kubeward serve manifests --help\`)

Runs the admission webhook: POST /validate (ValidatingWebhookConfiguration) and POST /mutate
(MutatingWebhookConfiguration) take admission.k8s.io/v1 AdmissionReviews; GET /healthz, /readyz
(ready once the namespace cache is synced) and /metrics (Prometheus). Pods are judged at their
namespace's Pod Security labels as Pod Security Admission reads them, with the defaults and
exemptions of the \`admission:\` section of .kubeward.yaml; kubeward's other rules deny or warn by
severity. The certificate files are read again when they change (rotation without restart).
Logs are JSON lines on standard error, without object contents.

Options:
      --tls-cert-file FILE         serving certificate (PEM), required
      --tls-private-key-file FILE  its private key (PEM), required
      --port N                     port to listen on (default ${String(DEFAULT_ADMISSION_PORT)})
      --host ADDRESS               address to listen on (default: every address)
      --config FILE                .kubeward.yaml to use (default: found from the working directory up)
      --kubeconfig FILE            kubeconfig for the namespace watch (default: $KUBECONFIG,
                                   ~/.kube/config, else the pod's service account)
      --context NAME               kubeconfig context
      --no-cluster                 do not watch namespaces: the configured defaults apply everywhere
      --request-timeout SEC        answer deadline per request (default ${String(DEFAULT_ADMISSION_DEADLINE_MS / 1000)}; keep it below the
                                   webhooks' timeoutSeconds)
      --max-in-flight N            requests in flight above which new ones get 429 (default 1000)
      --shutdown-delay SEC         on SIGTERM, keep serving this long while /readyz fails (default 5)
      --log-level LEVEL            debug, info, warn or error (default info)
  -h, --help                       show this help

serve cert writes a development CA and a serving certificate it signs, as DIR/ca.crt,
DIR/tls.crt and DIR/tls.key (and the CA key as DIR/ca.key). When DIR already holds a CA, it
is kept: a new serving certificate under the same CA rotates without touching any caBundle.

Exit codes: 0 stopped cleanly (SIGTERM, SIGINT); 2 usage or configuration error.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the validating and mutating admission webhook',
  usage: USAGE,
  async run(argv, io) {
    if (argv[0] === 'cert') return serveCert(argv.slice(1), io);
    if (argv[0] === 'manifests') {
      const { serveManifests } = await import('./serve-manifests.js');
      return serveManifests(argv.slice(1), io);
    }
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'tls-cert-file': { type: 'string' },
        'tls-private-key-file': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'no-cluster': { type: 'boolean' },
        'request-timeout': { type: 'string' },
        'max-in-flight': { type: 'string' },
        'shutdown-delay': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unknown argument ${positionals[0] ?? ''} (subcommands: cert, manifests)`);
    const certFile = values['tls-cert-file'];
    const keyFile = values['tls-private-key-file'];
    if (certFile === undefined || keyFile === undefined) throw new UsageError('--tls-cert-file and --tls-private-key-file are required (`kubeward serve cert` makes a development pair)');
    const port = values.port === undefined ? DEFAULT_ADMISSION_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number (0-65535)');
    const deadlineMs = positiveNumberFlag(values['request-timeout'], 'request-timeout', 'seconds', 1000);
    const maxInFlight = positiveNumberFlag(values['max-in-flight'], 'max-in-flight', 'requests', 1);
    const shutdownDelay = values['shutdown-delay'] === undefined ? 5_000 : Number(values['shutdown-delay']) * 1000;
    if (!Number.isFinite(shutdownDelay) || shutdownDelay < 0) throw new UsageError('--shutdown-delay must be a number of seconds (0 or more)');
    const level = parseLogLevel(values['log-level'] ?? 'info');
    if (level === undefined) throw new UsageError('--log-level must be debug, info, warn or error');
    const logger = createJsonLogger(io.stderr, { level });

    let config: KubewardConfig;
    let admission;
    try {
      const file = values.config === undefined ? await findConfigFile(io.cwd) : resolve(io.cwd, values.config);
      config = file === undefined ? EMPTY_CONFIG : await loadConfigFile(file, allRules);
      admission = parseAdmissionConfig(config.admission, config.file ?? '.kubeward.yaml', allRules);
      if (file !== undefined) logger.info('configuration read', { file });
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr.write(`kubeward serve: ${error.message}\n`);
        return 2;
      }
      throw error;
    }

    let namespaces: NamespaceSource;
    const connection = values['no-cluster'] === true ? { kind: 'none' as const, reason: '--no-cluster' } : clusterConnectionOf(io.env, values.kubeconfig);
    if (connection.kind === 'none') {
      namespaces = { kind: 'none', reason: connection.reason };
      logger.warn('no cluster connection: the configured defaults apply to every namespace', { reason: connection.reason });
    } else {
      // Loaded on demand: the Kubernetes client is large.
      const { KubeConfig } = await import('@kubernetes/client-node');
      const { loadKubeconfig } = await import('../../cluster/kube-connection.js');
      const { watchNamespaces } = await import('../../cluster/namespace-watch.js');
      let kubeConfig: InstanceType<typeof KubeConfig>;
      try {
        if (connection.kind === 'in-cluster') {
          kubeConfig = new KubeConfig();
          kubeConfig.loadFromCluster();
        } else {
          kubeConfig = loadKubeconfig({ env: io.env, ...(connection.path === undefined ? {} : { kubeconfig: resolve(io.cwd, connection.path) }), ...(values.context === undefined ? {} : { context: values.context }) });
        }
      } catch (error) {
        io.stderr.write(`kubeward serve: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
      const watchLogger = logger.child({ component: 'namespace-watch' });
      namespaces = {
        kind: 'watch',
        watch: watchNamespaces(kubeConfig, {
          onEvent: (event, detail) => {
            if (event === 'error' || event === 'lookup-error') watchLogger.warn(event === 'error' ? 'namespace watch failed; restarting' : 'namespace lookup failed', { error: detail });
            else watchLogger.debug(`namespace ${event}`, { namespace: detail });
          },
        }),
      };
    }

    const running = await startAdmissionServer({
      port,
      ...(values.host === undefined ? {} : { host: values.host }),
      certFile: resolve(io.cwd, certFile),
      keyFile: resolve(io.cwd, keyFile),
      admission,
      config,
      rules: allRules,
      namespaces,
      logger,
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(maxInFlight === undefined ? {} : { maxInFlight }),
      shutdownDelayMs: shutdownDelay,
    });
    const signals = ['SIGTERM', 'SIGINT'] as const;
    const stopOnSignal = signals.map((signal) => {
      const handler = (): void => void running.shutdown(signal);
      process.once(signal, handler);
      return () => process.off(signal, handler);
    });
    await running.server.closed;
    for (const remove of stopOnSignal) remove();
    if (namespaces.kind === 'watch') await namespaces.watch.stop();
    return 0;
  },
};

/** `--dns a b --ip c` as `--dns=a --dns=b --ip=c`: a multi-value flag takes the words after it up to the next flag. */
export function spreadFlagValues(argv: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const word of argv) {
    if (word.startsWith('-')) {
      current = flags.includes(word) ? word : undefined;
      if (current === undefined) out.push(word);
      continue;
    }
    if (current !== undefined) out.push(`${current}=${word}`);
    else out.push(word);
  }
  return out;
}

async function serveCert(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: spreadFlagValues(argv, ['--dns', '--ip']),
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      dns: { type: 'string', multiple: true },
      ip: { type: 'string', multiple: true },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
  const dnsNames = [...(values.dns ?? [])];
  const ipAddresses = [...(values.ip ?? [])];
  if (values.out === undefined) throw new UsageError('serve cert needs --out DIR');
  if (dnsNames.length + ipAddresses.length === 0) throw new UsageError('serve cert needs at least one --dns NAME or --ip IP');
  const days = positiveNumberFlag(values.days, 'days', 'days', 1);
  const dir = resolve(io.cwd, values.out);
  const { createCertificateAuthority, createServingCertificate } = await import('../../server/dev-certificates.js');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let authority;
  let reused = false;
  try {
    authority = { certPem: await readFile(join(dir, 'ca.crt'), 'utf8'), keyPem: await readFile(join(dir, 'ca.key'), 'utf8') };
    reused = true;
  } catch {
    authority = await createCertificateAuthority();
  }
  let serving;
  try {
    serving = await createServingCertificate(authority, { dnsNames, ipAddresses, ...(days === undefined ? {} : { days }) });
  } catch (error) {
    io.stderr.write(`kubeward serve cert: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!reused) {
    await writeFile(join(dir, 'ca.key'), authority.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'ca.crt'), authority.certPem);
  }
  // Key before certificate: a server watching the files sees a mismatched pair at worst, which it refuses until both are written.
  await writeFile(join(dir, 'tls.key'), serving.keyPem, { mode: 0o600 });
  await writeFile(join(dir, 'tls.crt'), serving.certPem);
  io.stderr.write(`kubeward serve cert: wrote ${join(dir, 'tls.crt')} and tls.key for ${[...dnsNames, ...ipAddresses].join(', ')}, signed by ${reused ? 'the existing' : 'a new'} CA ${join(dir, 'ca.crt')}\n`);
  return 0;
}
