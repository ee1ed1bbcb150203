import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { fixFile } from '../src/cli/fix/fix-file.js';
import { analyzeText } from '../src/scan/scan.js';
import { splitDocuments } from '../src/source/split-documents.js';

// Fix throughput, beside scan throughput on the same text: `kubeward fix` scans, renders byte-exact
// edits, verifies every edited document by decoding it again, and scans the fixed text once more.
// Two inputs: the real-world corpus (mostly hardened already: few fixes, many large CRDs) and generated
// insecure Deployments (every container needs every fix).
//
// From the bench runner:  import { measureFixThroughput, formatFixThroughput } from './fix.js';
//                         const fix = measureFixThroughput(); lines.push(...formatFixThroughput(fix));
// Alone:                  node --import tsx bench/fix.ts [--workloads N] [--runs N]

export interface ThroughputFigures {
  readonly name: string;
  readonly files: number;
  readonly documents: number;
  readonly bytes: number;
  /** Fixes applied (safe and suggestions). */
  readonly fixes: number;
  /** Median over runs, milliseconds. */
  readonly fixMs: number;
  readonly scanMs: number;
  readonly fixDocumentsPerSecond: number;
  readonly scanDocumentsPerSecond: number;
  readonly fixesPerSecond: number;
}

export interface FixThroughput {
  readonly corpus?: ThroughputFigures;
  readonly generated: ThroughputFigures;
}

const REPO_ROOT = resolve(import.meta.dirname, '..');
const SHARED_CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus');
const SCAN = { pssLevel: 'restricted' as const, today: '2026-11-25' };

export function measureFixThroughput(options: { workloads?: number; runs?: number; corpusDirectory?: string } = {}): FixThroughput {
  const runs = options.runs ?? 3;
  const corpusDirectory = options.corpusDirectory ?? SHARED_CORPUS;
  const corpusFiles = existsSync(corpusDirectory) ? manifestsUnder(corpusDirectory).map((path) => ({ name: relative(corpusDirectory, path), text: readFileSync(path, 'utf8') })) : [];
  const generated = [{ name: 'generated.yaml', text: insecureDeployments(options.workloads ?? 500) }];
  const corpus = corpusFiles.length === 0 ? undefined : measure('real-world corpus (../shared/corpus)', corpusFiles, runs);
  return { ...(corpus === undefined ? {} : { corpus }), generated: measure(`${options.workloads ?? 500} insecure Deployments, one file`, generated, runs) };
}

export function formatFixThroughput(result: FixThroughput): string[] {
  const line = (figures: ThroughputFigures): string =>
    `fix  ${figures.name}: ${figures.documents} documents, ${(figures.bytes / 1048576).toFixed(1)} MiB, ${figures.fixes} fixes — ` +
    `fix ${figures.fixMs.toFixed(0)} ms (${figures.fixDocumentsPerSecond.toFixed(0)} docs/s, ${figures.fixesPerSecond.toFixed(0)} fixes/s) ` +
    `vs scan ${figures.scanMs.toFixed(0)} ms (${figures.scanDocumentsPerSecond.toFixed(0)} docs/s)`;
  return [...(result.corpus === undefined ? [] : [line(result.corpus)]), line(result.generated)];
}

function measure(name: string, files: readonly { name: string; text: string }[], runs: number): ThroughputFigures {
  const documents = files.reduce((sum, file) => sum + splitDocuments(file.text).length, 0);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  const fixTimes: number[] = [];
  const scanTimes: number[] = [];
  let fixes = 0;
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    for (const file of files) analyzeText(file.name, file.text, SCAN);
    scanTimes.push(performance.now() - started);
    started = performance.now();
    fixes = 0;
    for (const file of files) fixes += fixFile(file.name, file.text, { scan: SCAN, includeSuggestions: true }).applied.length;
    fixTimes.push(performance.now() - started);
  }
  const fixMs = median(fixTimes);
  const scanMs = median(scanTimes);
  return {
    name,
    files: files.length,
    documents,
    bytes,
    fixes,
    fixMs,
    scanMs,
    fixDocumentsPerSecond: documents / (fixMs / 1000),
    scanDocumentsPerSecond: documents / (scanMs / 1000),
    fixesPerSecond: fixes / (fixMs / 1000),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function manifestsUnder(directory: string): string[] {
  return readdirSync(directory).sort().flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return manifestsUnder(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

/** Deployments with two containers each and no securityContext at all: every fix applies. */
export function insecureDeployments(count: number): string {
  const documents: string[] = [];
  for (let index = 0; index < count; index++) {
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${index}
  namespace: team-${index % 10}
  labels: {app: app-${index}}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${index}
  template:
    metadata:
      labels:
        app: app-${index}
    spec:
      containers:
      - name: main
        image: registry.example.com/app-${index}:1.${index % 7}.0   # pinned by CI
        ports:
        - containerPort: 8080
      - name: proxy
        image: registry.example.com/proxy:2.1.0
        securityContext:
          privileged: true
`);
  }
  return documents.join('---\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const numberArg = (flag: string): number | undefined => {
    const index = argv.indexOf(flag);
    const value = index === -1 ? undefined : Number(argv[index + 1]);
    return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const workloads = numberArg('--workloads');
  const runs = numberArg('--runs');
  const result = measureFixThroughput({ ...(workloads === undefined ? {} : { workloads }), ...(runs === undefined ? {} : { runs }) });
  for (const line of formatFixThroughput(result)) console.log(line);
}
