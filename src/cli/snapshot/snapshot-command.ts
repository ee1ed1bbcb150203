import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { withClusterVersion, type ClusterReadResult } from '../../cluster/cluster-version.js';
import { positiveNumberFlag, UsageError, type Command } from '../io.js';
import { writeOutput } from '../output.js';
import { CLUSTER_LIMIT_OPTIONS, CLUSTER_LIMIT_USAGE, clusterLimits } from '../cluster-limits.js';
import { escapeTerminalLine } from '../../report/terminal-text.js';

const USAGE = `Usage: kubeward snapshot --cluster [-o FILE] [options]

Saves what kubeward reads from a live cluster as one multi-document YAML file, so that
\`kubeward scan FILE\` reviews it offline (tickets, CI, audits). Read-only: list and get only.
Secrets are saved as metadata only; their data is never requested.

Options:
      --cluster              read the cluster of the current kubeconfig context (required)
      --kubeconfig FILE      kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)
      --context NAME         kubeconfig context to use (default: its current-context)
  -n, --namespace NS         read namespaced objects of NS only (cluster-scoped kinds are skipped)
      --include-owned        keep objects whose controller was read too (ReplicaSets, Jobs, Pods)
${CLUSTER_LIMIT_USAGE}
  -o, --output FILE          write to FILE (default: standard output)
  -h, --help                 show this help

Exit codes: 0 everything was read; 2 usage error, or something could not be read (what
could be read is still written, and each problem is listed on standard error and in the file).`;

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'Save the objects of a live cluster as YAML for offline scanning',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        cluster: { type: 'boolean' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        'include-owned': { type: 'boolean' },
        ...CLUSTER_LIMIT_OPTIONS,
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`snapshot takes no paths (got ${positionals.join(' ')})`);
    if (values.cluster !== true) throw new UsageError('snapshot reads a live cluster: pass --cluster');
    const limits = clusterLimits(values);

    // Loaded on demand: the Kubernetes client is large, and most commands never talk to a cluster.
    const { readClusterObjects } = await import('../../cluster/read-cluster-objects.js');
    const result = await readClusterObjects({
      env: io.env,
      ...(values.kubeconfig !== undefined ? { kubeconfig: resolve(io.cwd, values.kubeconfig) } : {}),
      ...(values.context !== undefined ? { context: values.context } : {}),
      ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
      ...(values['include-owned'] === true ? { includeOwned: true } : {}),
      ...limits,
    });
    for (const error of result.errors) io.stderr.write(`kubeward snapshot: ${escapeTerminalLine(error.message)}\n`);
    if (result.errors.some((error) => error.resource === 'server')) return 2;

    await writeOutput(formatSnapshot(result, new Date()), values.output, io);
    if (values.output !== undefined && values.output !== '-') {
      io.stderr.write(`kubeward snapshot: wrote ${String(result.objects.length)} objects to ${values.output}${result.errors.length > 0 ? ' (partial)' : ''}\n`);
    }
    return result.errors.length > 0 ? 2 : 0;
  },
};

/** Header comments (source, time, partial reads), then one YAML document per object. */
export function formatSnapshot(result: ClusterReadResult, takenAt: Date): string {
  const header = [
    `# kubeward snapshot of ${result.server ?? 'a cluster'}${result.context !== undefined ? ` (context ${result.context})` : ''}`,
    `# server version: ${result.serverVersion?.gitVersion ?? 'unknown'}; taken ${takenAt.toISOString()}; ${String(result.objects.length)} objects`,
    '# Secrets are metadata only: their data was never read.',
    ...(result.errors.length > 0
      ? ['# PARTIAL: these could not be read:', ...result.errors.map((error) => `#   ${error.message.replaceAll('\n', ' ')}`)]
      : []),
  ];
  const documents = withClusterVersion(result).map(({ object }) => `---\n${stringify(object, { lineWidth: 0 })}`);
  return `${header.join('\n')}\n${documents.join('')}`;
}
