import { parseArgs } from 'node:util';
import { analyzeNetworkPolicies } from '../../analysis/netpol/analysis.js';
import { explainConnection, lookupEndpoint, type Explanation, type SideExplanation } from '../../analysis/netpol/explain.js';
import { computeMatrix, connectionsOf, workloadPeer, type Connection, type MatrixPeer } from '../../analysis/netpol/matrix.js';
import { buildModel, type NetpolModel } from '../../analysis/netpol/model.js';
import { isProtocol, MAX_PORT, MIN_PORT, type Protocol } from '../../analysis/netpol/port-set.js';
import { loadObjects } from '../../source/load-objects.js';
import { UsageError, type CliIO, type Command } from '../io.js';
import { writeOutput } from '../output.js';
import { escapeTerminal, escapeTerminalLine } from '../../report/terminal-text.js';

const USAGE = `Usage:
  kubeward netpol matrix [--format table|json] [--output FILE] PATH...
  kubeward netpol explain --from NS/WORKLOAD|CIDR --to NS/WORKLOAD|CIDR --port N[/PROTO] [--format text|json] PATH...

Computes what the NetworkPolicies in the manifests allow, exactly as the networking/v1 API defines it.
Workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, bare Pods, ...) stand for their pods;
namespaces not defined in the input carry only the kubernetes.io/metadata.name label; objects without a
namespace are in "default".

matrix   every allowed connection between workloads and to/from addresses outside the cluster, which are
         split into the CIDR blocks the policies' ipBlocks distinguish. A pair not listed has no allowed
         connection.
explain  whether one connection is allowed, and which policies and rules decide it on each side.
         WORKLOAD may be NS/NAME or NS/KIND/NAME; --port takes a number or a container port name of the
         destination, with /TCP (default), /UDP or /SCTP. Exit code 0 when allowed, 1 when denied.

ipBlock peers are taken to be addresses outside the cluster: pod addresses are not in manifests, so pods
are matched only by pod and namespace selectors. A connection between two pods of one workload is listed
as WORKLOAD -> WORKLOAD (replica to replica); traffic from a pod's own node (kubelet probes) is not modelled.

Input problems are reported on stderr and make the exit code 2.`;

export const netpolCommand: Command = {
  name: 'netpol',
  summary: 'NetworkPolicy reachability: matrix and explain',
  usage: USAGE,
  async run(argv, io) {
    const [subcommand, ...rest] = argv;
    if (subcommand === undefined) throw new UsageError('missing subcommand (matrix, explain)');
    if (subcommand === '--help' || subcommand === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (subcommand === 'matrix') return runMatrix(rest, io);
    if (subcommand === 'explain') return runExplain(rest, io);
    throw new UsageError(`unknown subcommand "${subcommand}" (expected matrix, explain)`);
  },
};

async function loadModel(paths: readonly string[], io: CliIO): Promise<{ model: NetpolModel; hadErrors: boolean }> {
  if (paths.length === 0) throw new UsageError('no input: give one or more files, directories, or - for standard input');
  const loaded = await loadObjects(paths, { cwd: io.cwd, stdin: io.stdin });
  for (const problem of loaded.errors) io.stderr.write(escapeTerminal(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`));
  const model = buildModel(loaded.objects.map((entry) => entry.object));
  for (const workload of model.workloads) {
    if (workload.hostNetwork) io.stderr.write(`note: ${escapeTerminalLine(`${workload.kind} ${workload.namespace}/${workload.name}`)} uses hostNetwork; NetworkPolicy behaviour for such pods is undefined and varies by network plugin\n`);
  }
  return { model, hadErrors: loaded.errors.length > 0 };
}

async function runMatrix(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`unknown --format "${format}" (expected table, json)`);
  const { model, hadErrors } = await loadModel(positionals, io);
  const matrix = computeMatrix(analyzeNetworkPolicies(model));
  const text = format === 'json' ? matrixJsonText(matrix.workloads.map(workloadPeer), connectionsOf(matrix)) : matrixTable(connectionsOf(matrix), matrix.workloads.length, matrix.regions.reduce((sum, region) => sum + region.cidrs.length, 0));
  await writeOutput(text, values.output, io);
  return hadErrors ? 2 : 0;
}

// One connection per line: the document stays valid JSON and diffs well, and large matrices stay readable.
function matrixJsonText(peers: readonly MatrixPeer[], connections: Iterable<Connection>): string {
  const lines = [...connections].map((connection) => `    ${JSON.stringify(connection)}`);
  const peerLines = peers.map((peer) => `    ${JSON.stringify(peer)}`);
  return `{\n  "peers": [${peerLines.length === 0 ? '' : `\n${peerLines.join(',\n')}\n  `}],\n  "connections": [${lines.length === 0 ? '' : `\n${lines.join(',\n')}\n  `}]\n}\n`;
}

export function peerText(peer: MatrixPeer): string {
  return 'cidr' in peer ? peer.cidr : `${peer.namespace}/${peer.name} (${peer.kind})`;
}

function matrixTable(connections: Iterable<Connection>, workloadCount: number, cidrCount: number): string {
  const rows: string[][] = [];
  for (const connection of connections) {
    const ports = 'all' in connection ? 'all' : connection.ports.map((entry) => `${entry.protocol}/${entry.port}${entry.endPort === undefined ? '' : `-${entry.endPort}`}`).join(', ');
    rows.push([peerText(connection.from), peerText(connection.to), ports]);
  }
  const summary = `${workloadCount} workload(s), ${rows.length} allowed connection(s); addresses outside the cluster split into ${cidrCount} CIDR block(s). Pairs not listed are denied.\n`;
  return rows.length === 0 ? summary : `${table(['FROM', 'TO', 'ALLOWED'], rows)}\n${summary}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safeRows = rows.map((row) => row.map(escapeTerminalLine));
  const widths = header.map((title, column) => Math.max(title.length, ...safeRows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return `${[header, ...safeRows].map(line).join('\n')}\n`;
}

async function runExplain(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'table' && format !== 'json') throw new UsageError(`unknown --format "${format}" (expected text, json)`);
  if (values.from === undefined || values.to === undefined || values.port === undefined) throw new UsageError('explain needs --from, --to and --port');
  const { port, protocol } = parsePort(values.port);
  const { model, hadErrors } = await loadModel(positionals, io);
  const from = lookupEndpoint(model, values.from);
  if (!from.ok) throw new UsageError(`--from: ${from.message}`);
  const to = lookupEndpoint(model, values.to);
  if (!to.ok) throw new UsageError(`--to: ${to.message}`);
  const result = explainConnection(analyzeNetworkPolicies(model), { from: from.value, to: to.value, port, protocol });
  if (!result.ok) throw new UsageError(result.message);
  io.stdout.write(format === 'json' ? `${JSON.stringify(result.value, null, 2)}\n` : escapeTerminal(explanationText(result.value)));
  if (hadErrors) return 2;
  return result.value.allowed ? 0 : 1;
}

function parsePort(text: string): { port: number | string; protocol: Protocol } {
  const [portText = '', protocolText, extra] = text.split('/');
  if (extra !== undefined || portText === '') throw new UsageError(`--port ${JSON.stringify(text)}: expected N[/PROTO] or NAME[/PROTO]`);
  const protocol = (protocolText ?? 'TCP').toUpperCase();
  if (!isProtocol(protocol)) throw new UsageError(`--port ${JSON.stringify(text)}: protocol must be TCP, UDP or SCTP`);
  if (!/^\d+$/.test(portText)) return { port: portText, protocol };
  const port = Number(portText);
  if (port < MIN_PORT || port > MAX_PORT) throw new UsageError(`--port ${JSON.stringify(text)}: port must be between ${MIN_PORT} and ${MAX_PORT}`);
  return { port, protocol };
}

function explanationText(explanation: Explanation): string {
  const lines = [
    `${explanation.allowed ? 'ALLOWED' : 'DENIED'}  ${peerText(explanation.from)} -> ${peerText(explanation.to)} on ${explanation.protocol}/${explanation.port}`,
    '',
    ...sideText(explanation.egress, `egress of ${peerText(explanation.from)}`),
    ...sideText(explanation.ingress, `ingress of ${peerText(explanation.to)}`),
    ...explanation.notes.map((note) => `note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}

function sideText(side: SideExplanation, title: string): string[] {
  if (side.appliesTo === 'outside-cluster') return [`${title}: allowed (outside the cluster, not subject to NetworkPolicy)`];
  if (!side.isolated) return [`${title}: allowed (no NetworkPolicy selects it with policyType ${side.direction === 'ingress' ? 'Ingress' : 'Egress'})`];
  const out = [`${title}: ${side.allowed ? 'allowed' : 'denied'}; isolated by ${side.policies.map((policy) => `${policy.namespace}/${policy.name}`).join(', ')}`];
  if (side.rules.length === 0) out.push(`  no ${side.direction} rule admits the ${side.direction === 'ingress' ? 'source' : 'destination'}`);
  for (const rule of side.rules) {
    const through = rule.peers.length === 0 ? 'no from/to, every peer' : rule.peers.map((peer) => peer.slice(rule.rule.length + 1)).join(', ');
    out.push(`  ${rule.policy.namespace}/${rule.policy.name} ${rule.rule} (${through}): ${rule.allowsPort ? 'admits this peer and port' : 'admits this peer but not this port'}`);
  }
  return out;
}
