import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, EMPTY_CONFIG, type KubewardConfig } from '../../engine/config.js';
import { parseSeverity } from '../../foundation/severity.js';
import { findConfigFile, loadConfigFile } from '../../scan/config-file.js';
import { parsePssLevel, parseRequestedPssVersion, PSS_VERSION_EXPECTED } from '../../engine/pss-version.js';
import { scan, scanCluster, type ScanOptions } from '../../scan/scan.js';
import { severityRank, type Severity } from '../../engine/rule.js';
import type { Report } from '../../engine/finding.js';
import { allRules } from '../../rules/index.js';
import { kubectlKustomize } from './kustomize.js';
import { jsonChunks } from '../../report/json.js';
import { formatJunit } from '../../report/junit.js';
import { enabledRules } from '../../report/build-report.js';
import { formatSarif } from '../../report/sarif.js';
import { formatTable, type TableOptions } from '../../report/table.js';
import { formatHtml } from '../../report/html.js';
import { kubeVersionFlag, positiveNumberFlag, UsageError, type CliIO, type Command } from '../io.js';
import { inputExclusion } from '../input-filter.js';
import { CLUSTER_LIMIT_FLAGS, CLUSTER_LIMIT_OPTIONS, CLUSTER_LIMIT_USAGE, clusterLimits } from '../cluster-limits.js';
import { isColorEnabled, isColorMode, isProgressEnabled, writeOutput } from '../output.js';

const FORMATS = ['table', 'json', 'sarif', 'junit', 'html'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: kubeward scan [PATH...] [options]
       kubeward scan --cluster [--kubeconfig FILE] [--context NAME] [-n NAMESPACE] [options]

Scans Kubernetes manifests: files, directories (recursive: .yaml .yml .json) and - for standard input,
e.g.  helm template CHART | kubeward scan -
With no PATH, scans the current directory (.). Paths matching --exclude or a line of .kubewardignore
(in the working directory; both in .gitignore syntax, relative to it) are left out.
With --cluster, scans the objects of the live cluster of the current kubeconfig context instead
(read-only: list and get; Secrets as metadata only). Findings are located as cluster://NS/KIND/NAME.

Options:
  -f, --format FORMAT      table (default), json, sarif, junit, html
  -o, --output FILE        write the report to FILE instead of standard output
      --fail-on SEVERITY   exit 1 when a finding is at or above it: critical, high (default), medium, low, info, none
      --pss-level LEVEL    Pod Security Standards level: restricted (default), baseline, privileged
      --pss-version V      Pod Security Standards version: latest (default) or v1.N
      --kube-version V     Kubernetes release to judge for, v1.N: the fields its API knows, the rules that
                           apply to it, what latest PSS means (default: the cluster's with --cluster, else the newest)
      --exclude GLOB       leave out matching files and directories (.gitignore syntax; repeatable)
  -c, --config FILE        config file (default: .kubeward.yaml from the working directory upward)
      --no-config          ignore .kubeward.yaml files
      --show-suppressed    list suppressed findings in table output (they are always in json/sarif)
      --min-severity SEV   table output shows only findings at or above SEV (the summary counts all)
      --color WHEN         table colours: auto (default: on a terminal, NO_COLOR/FORCE_COLOR honoured), always, never
      --max-file-size MIB  refuse files larger than this (default 100)
      --cluster            scan the live cluster of the current kubeconfig context
      --kubeconfig FILE    kubeconfig for --cluster (default: $KUBECONFIG, else ~/.kube/config)
      --context NAME       kubeconfig context for --cluster
  -n, --namespace NS       with --cluster, read only this namespace
With --cluster:
${CLUSTER_LIMIT_USAGE}
  -h, --help               show this help

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error, unreadable input,
or input that was not checked (an unrendered Helm chart, no Kubernetes object at all).`;

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Scan manifests for security problems',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'pss-level': { type: 'string' },
        'pss-version': { type: 'string' },
        'kube-version': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        'show-suppressed': { type: 'boolean' },
        'min-severity': { type: 'string' },
        color: { type: 'string' },
        'max-file-size': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        cluster: { type: 'boolean' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        ...CLUSTER_LIMIT_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = await resolveConfig(values.config, values['no-config'] === true, io);
    const defaults = config.defaults;
    const format = (values.format ?? defaults.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown --format "${format}" (expected ${FORMATS.join(', ')})`);
    const failOnText = values['fail-on'] ?? defaults.failOn ?? 'high';
    const failOn: Severity | 'none' | undefined = failOnText === 'none' ? 'none' : parseSeverity(failOnText);
    if (failOn === undefined) throw new UsageError(`unknown --fail-on "${failOnText}" (expected critical, high, medium, low, info, none)`);
    const options: { -readonly [K in keyof ScanOptions]: ScanOptions[K] } = { cwd: io.cwd, stdin: io.stdin, config };
    if (values['pss-level'] !== undefined) {
      options.pssLevel = parsePssLevel(values['pss-level']) ?? usage(`unknown --pss-level "${values['pss-level']}" (expected restricted, baseline, privileged)`);
    }
    if (values['pss-version'] !== undefined) {
      options.pssVersion = parseRequestedPssVersion(values['pss-version']) ?? usage(`invalid --pss-version "${values['pss-version']}" (expected ${PSS_VERSION_EXPECTED})`);
    }
    const kubernetesVersion = kubeVersionFlag(values['kube-version']);
    if (kubernetesVersion !== undefined) options.kubernetesVersion = kubernetesVersion;
    const maxFileBytes = positiveNumberFlag(values['max-file-size'], 'max-file-size', 'MiB', 1024 * 1024);
    if (maxFileBytes !== undefined) options.maxFileBytes = maxFileBytes;
    const clusterOnly = ['kubeconfig', 'context', 'namespace', ...CLUSTER_LIMIT_FLAGS] as const;
    let report: Report;
    if (values.cluster === true) {
      if (positionals.length > 0) throw new UsageError('--cluster scans the live cluster; give no paths with it');
      report = await scanCluster({
        env: io.env,
        ...(values.kubeconfig === undefined ? {} : { kubeconfig: resolve(io.cwd, values.kubeconfig) }),
        ...(values.context === undefined ? {} : { context: values.context }),
        ...(values.namespace === undefined ? {} : { namespace: values.namespace }),
        ...clusterLimits(values),
      }, options);
    } else {
      const misplaced = clusterOnly.find((flag) => values[flag] !== undefined);
      if (misplaced !== undefined) throw new UsageError(`--${misplaced} only applies with --cluster`);
      const inputs = positionals.length === 0 ? ['.'] : positionals;
      const exclude = await inputExclusion(io.cwd, values.exclude ?? []);
      if (exclude !== undefined) options.exclude = exclude;
      options.renderKustomization = kubectlKustomize(io.env);
      const progress = isProgressEnabled(io) ? startProgress(io) : undefined;
      if (progress !== undefined) options.onProgress = progress.update;
      try {
        report = await scan(inputs, options);
      } finally {
        progress?.stop();
      }
    }
    const toTerminal = values.output === undefined || values.output === '-';
    const minSeverity = values['min-severity'] === undefined ? undefined
      : parseSeverity(values['min-severity']) ?? usage(`unknown --min-severity "${values['min-severity']}" (expected critical, high, medium, low, info)`);
    const colorMode = values.color ?? 'auto';
    if (!isColorMode(colorMode)) throw new UsageError(`unknown --color "${colorMode}" (expected auto, always, never)`);
    const table: TableOptions = {
      color: isColorEnabled(io, toTerminal ? colorMode : colorMode === 'always' ? 'always' : 'never'),
      showSuppressed: values['show-suppressed'] ?? defaults.showSuppressed ?? false,
      ...(toTerminal && io.stdout.columns !== undefined ? { width: io.stdout.columns } : {}),
      ...(minSeverity === undefined ? {} : { minSeverity }),
    };
    await writeOutput(render(report, format, table, config), values.output, io);
    return exitCodeFor(report, failOn);
  },
};

function usage(message: string): never {
  throw new UsageError(message);
}

export function exitCodeFor(report: Report, failOn: Severity | 'none'): number {
  if (report.errors.length > 0) return 2;
  // What was not checked cannot pass: an unrendered chart, or input that held no object at all.
  if (report.notes.some((note) => note.notChecked === true) || report.summary.objects === 0) return 2;
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return report.findings.some((finding) => !finding.suppressed && severityRank(finding.severity) >= threshold) ? 1 : 0;
}

// JSON is written in pieces: a report of millions of findings never becomes one string (issue 18 item 2).
function render(report: Report, format: Format, table: TableOptions, config: KubewardConfig): string | Iterable<string> {
  switch (format) {
    case 'json': return jsonChunks(report);
    case 'sarif': return formatSarif(report, allRules);
    case 'junit': return formatJunit(report, enabledRules(allRules, config));
    case 'html': return formatHtml(report, allRules);
    case 'table': return formatTable(report, table);
  }
}

export async function resolveConfig(explicit: string | undefined, noConfig: boolean, io: CliIO): Promise<KubewardConfig> {
  if (noConfig) return EMPTY_CONFIG;
  const file = explicit ?? (await findConfigFile(io.cwd));
  if (file === undefined) return EMPTY_CONFIG;
  try {
    return await loadConfigFile(resolve(io.cwd, file), allRules);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid config: ${error.message}`);
    throw error;
  }
}

function startProgress(io: CliIO) {
  let last = 0;
  let shown = false;
  return {
    update(progress: { files: number; documents: number; objects: number }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\u001b[Kscanning: ${progress.files} files, ${progress.documents} documents, ${progress.objects} objects`);
    },
    stop() {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}
