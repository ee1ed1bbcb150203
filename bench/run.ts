import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryCorpus, largeDeploymentsCorpus, listCorpus, REPO_ROOT, singleFileCorpus, smallDocumentsCorpus, type Corpus } from './corpus.js';
import { formatFixThroughput, measureFixThroughput } from './fix.js';
import { allRules } from '../src/rules/index.js';

// `npm run bench`: documents/second and peak RSS of (a) js-yaml loadAll (the floor), (b) `yaml` with
// positions, (c) `kubeward scan --format json` with all rules, on corpora replicated from real manifests.
// Usage: npm run bench [-- --quick] (quick: 10k documents only, one run each).

interface Measurement {
  /** Median wall-clock seconds. */
  readonly seconds: number;
  /** Median CPU seconds (user + system): steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
}

const quick = process.argv.includes('--quick');
const RSS_PRELOAD = join(REPO_ROOT, 'bench', 'max-rss.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'kubeward-bench-'));

/** One run with Node's default heap limit, as users run it: the large-file case must not run out of memory. */
function measureDefaultHeap(args: readonly string[]): Measurement {
  const rssFile = join(scratch, 'rss');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', RSS_PRELOAD, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KUBEWARD_BENCH_RSS_FILE: rssFile, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
  const figures = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMicros: number };
  return { seconds, cpuSeconds: figures.cpuMicros / 1e6, maxRssMiB: figures.maxRssKiB / 1024 };
}

function measure(args: readonly string[], runs: number): Measurement {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let maxRss = 0;
  for (let run = 0; run < runs; run++) {
    const rssFile = join(scratch, 'rss');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', RSS_PRELOAD, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KUBEWARD_BENCH_RSS_FILE: rssFile, CI: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
    }
    times.push(seconds);
    const figures = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMicros: number };
    cpuTimes.push(figures.cpuMicros / 1e6);
    maxRss = Math.max(maxRss, figures.maxRssKiB / 1024);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { seconds: median(times), cpuSeconds: median(cpuTimes), maxRssMiB: maxRss };
}

// (e) turns off the rules that need many objects at once (RBAC, NetworkPolicy), to show that memory then
// follows the largest file rather than the corpus.
const OBJECT_RULES_CONFIG = join(scratch, 'object-rules-only.yaml');
writeFileSync(OBJECT_RULES_CONFIG, `rules:\n${allRules.filter((rule) => rule.scope === 'collection').map((rule) => `  ${rule.meta.id}: off\n`).join('')}`);

const TOOLS = [
  { key: 'a', label: '(a) js-yaml 4 `loadAll` (floor, no positions)', args: (path: string) => ['bench/floor-js-yaml.mjs', path] },
  { key: 'b', label: '(b) `yaml` `parseAllDocuments` + `LineCounter`', args: (path: string) => ['bench/floor-yaml-positions.mjs', path] },
  { key: 'c', label: '(c) `kubeward scan --format json`, all rules', args: (path: string) => ['bin/kubeward.js', 'scan', path, '--format', 'json', '--fail-on', 'none', '--no-config', '--max-file-size', '4096'] },
  { key: 'e', label: '(e) `kubeward scan --format json`, one-object rules only', args: (path: string) => ['bin/kubeward.js', 'scan', path, '--format', 'json', '--fail-on', 'none', '--config', OBJECT_RULES_CONFIG, '--max-file-size', '4096'] },
  { key: 'd', label: '(d) `kubeward fix` (diff, suggestions too)', args: (path: string) => ['bin/kubeward.js', 'fix', path, '--include-suggestions', '--no-config', '--quiet', '--max-file-size', '4096'] },
] as const;

const corpora: { corpus: Corpus; runs: number }[] = [
  { corpus: smallDocumentsCorpus(10_000), runs: quick ? 1 : 5 },
  { corpus: singleFileCorpus(10_000), runs: quick ? 1 : 3 },
  { corpus: directoryCorpus(10_000), runs: quick ? 1 : 3 },
  ...(quick ? [] : [{ corpus: directoryCorpus(100_000), runs: 1 }]),
];

const rows: string[] = [];
for (const { corpus, runs } of corpora) {
  const results = new Map<string, Measurement>();
  for (const tool of TOOLS) {
    // Fixing 100k documents adds many minutes and no new information beyond the 10k figures.
    if (tool.key === 'd' && corpus.documents > 10_000) continue;
    process.stderr.write(`${corpus.name}: ${tool.label} ...`);
    const measurement = measure(tool.args(corpus.path), runs);
    results.set(tool.key, measurement);
    process.stderr.write(` ${measurement.seconds.toFixed(2)} s wall, ${measurement.cpuSeconds.toFixed(2)} s CPU, ${measurement.maxRssMiB.toFixed(0)} MiB\n`);
  }
  const floor = results.get('a');
  for (const tool of TOOLS) {
    const m = results.get(tool.key);
    if (m === undefined || floor === undefined) continue;
    const throughput = corpus.documents / m.cpuSeconds;
    rows.push(`| ${corpus.name} (${(corpus.bytes / 1024 / 1024).toFixed(0)} MiB) | ${tool.label} | ${m.seconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${Math.round(throughput).toLocaleString('en-US')} | ${(floor.cpuSeconds / m.cpuSeconds).toFixed(2)}x | ${m.maxRssMiB.toFixed(0)} | ${(m.maxRssMiB / floor.maxRssMiB).toFixed(2)}x |`);
  }
}

// Issue 18: a List costs what its items cost as documents, and a large file of small objects keeps
// memory bounded (no out-of-memory crash under the default --max-file-size of 100 MiB).
const SCAN_ARGS = (path: string): string[] => ['bin/kubeward.js', 'scan', path, '--format', 'json', '--fail-on', 'none', '--no-config', '--max-file-size', '4096'];
const lists = listCorpus(500);
const listRows: string[] = [];
for (const corpus of [lists.documents, lists.list]) {
  process.stderr.write(`${corpus.name}: scan ...`);
  const m = measure(SCAN_ARGS(corpus.path), quick ? 1 : 5);
  process.stderr.write(` ${m.cpuSeconds.toFixed(2)} s CPU, ${m.maxRssMiB.toFixed(0)} MiB\n`);
  listRows.push(`| ${corpus.name} (${(corpus.bytes / 1024).toFixed(0)} KiB) | ${m.cpuSeconds.toFixed(2)} | ${(m.cpuSeconds * 1000 / corpus.documents).toFixed(2)} | ${m.maxRssMiB.toFixed(0)} |`);
}
const large = largeDeploymentsCorpus(90);
process.stderr.write(`${large.name}: scan (default heap) ...`);
const largeScan = measureDefaultHeap(SCAN_ARGS(large.path));
process.stderr.write(` ${largeScan.cpuSeconds.toFixed(1)} s CPU, ${largeScan.maxRssMiB.toFixed(0)} MiB\n`);
const largeRow = `| ${large.name} (${(large.bytes / 1024 / 1024).toFixed(0)} MiB) | ${largeScan.seconds.toFixed(1)} | ${largeScan.cpuSeconds.toFixed(1)} | ${Math.round(large.documents / largeScan.cpuSeconds).toLocaleString('en-US')} | ${largeScan.maxRssMiB.toFixed(0)} |`;

process.stderr.write('fix throughput in process ...\n');
const fixFigures = formatFixThroughput(measureFixThroughput({ runs: quick ? 1 : 3 }));

const node = process.version;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const text = `# Benchmark results

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- --quick' : ''}\` (Node ${node}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB).
Corpora are replicated from the real-world manifests in \`../shared/corpus\` (kube-prometheus, Argo CD,
microservices-demo, ingress-nginx: 616 documents, 11.9 MB, CRDs dominate the bytes) by \`bench/corpus.ts\`.
Each figure is the median of ${quick ? 1 : 3} runs (1 for 100k) of a separate process; peak RSS is the process's \`maxRSS\`.
Throughput and the speed ratio use CPU time (user + system), which other work on a shared 2-core machine
disturbs far less than wall time; wall time is listed too. Load average when measured: ${loadavg().map((x) => x.toFixed(1)).join(', ')}.
"Speed vs (a)" above 1 is faster than the floor; the goal is (c) ≥ 0.5x of (a) in throughput and ≤ 2x of its peak memory.

The 100k corpus is measured as a directory only: as one file it would be about 1.9 GB, beyond the longest
string V8 can hold (about 512 MiB), so no JavaScript YAML parser, the floor included, can read it whole.

| corpus | tool | wall s | CPU s | documents/CPU-s | speed vs (a) | peak RSS MiB | RSS vs (a) |
|---|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

The first corpus is the mix users mostly scan (issue 10): small workload, Service, RBAC and NetworkPolicy
documents, the corpus without CustomResourceDefinitions; the goal there is (c) at most 2x the floor's CPU
time and peak memory.

Reading the figures: throughput meets the goal, (c) at or above 0.5x of (a), on every corpus. Peak memory
meets it on both 10k corpora. At 100k documents it grows with the corpus, for two reasons. First, the
report holds every finding (about 160,000 at 100k) until the JSON is written. Second, the RBAC and
NetworkPolicy rules keep the objects of the kinds they analyse together: compare rows (c) and (e). The
parse-and-check path itself keeps nothing of a document once its findings are made, and findings copy
the strings they keep, so no file text stays alive.

Lists and large files (issue 18), \`kubeward scan --format json\`; a List must cost what its items cost as documents:

| input | CPU s | CPU ms per object | peak RSS MiB |
|---|---:|---:|---:|
${listRows.join('\n')}

| input, Node's default heap limit | wall s | CPU s | documents/CPU-s | peak RSS MiB |
|---|---:|---:|---:|---:|
${largeRow}

Fix next to scan, in one process (\`bench/fix.ts\`: scan, then fix with suggestions, rendering, verifying and rescanning):

\`\`\`
${fixFigures.join('\n')}
\`\`\`

NetworkPolicy matrix and RBAC analysis figures: [NETPOL.md](NETPOL.md) (\`node --import tsx bench/netpol.ts --runs 7 --write\`),
[RBAC.md](RBAC.md) (\`node --import tsx bench/rbac.ts\`). Admission webhook load test: [ADMISSION.md](ADMISSION.md)
(\`node --import tsx bench/admission.ts\`, run below).

Commands (from the repository root, after \`npm run build\`):

\`\`\`sh
node bench/floor-js-yaml.mjs PATH
node bench/floor-yaml-positions.mjs PATH
node bin/kubeward.js scan PATH --format json --fail-on none --no-config --max-file-size 4096
node bin/kubeward.js fix PATH --include-suggestions --no-config --quiet --max-file-size 4096
\`\`\`
`;
writeFileSync(join(REPO_ROOT, 'bench', 'RESULTS.md'), text);
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(text);

// The admission webhook under load (bench/ADMISSION.md): loopback only, every run bounded in time.
const admission = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'admission.ts'), ...(quick ? ['--quick'] : [])], { cwd: REPO_ROOT, stdio: 'inherit' });
if (admission.status !== 0) process.exitCode = 1;
