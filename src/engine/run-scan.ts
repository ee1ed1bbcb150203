import type { Readable } from 'node:stream';
import type { KubewardConfig } from './config.js';
import { Evaluator, type EngineFinding } from './evaluator.js';
import { REPORT_SCHEMA_VERSION, type Finding, type FrameworkSummary, type InputError, type Note, type Report, type ReportSummary } from './finding.js';
import { SEVERITIES, type Rule, type Severity } from './rule.js';
import type { PssLevel, PssVersion } from './pss-version.js';
import { allRules } from '../rules/index.js';
import { documentsOfText, readDocuments, type DocumentEvent } from '../source/load-objects.js';
import { parseDocument } from '../source/parse-document.js';
import { decodeText, readInputBytes, readInputs, type InputProblem } from '../source/read-inputs.js';
import { splitDocuments, type DocumentSlice } from '../source/split-documents.js';
import { isK8sObject, type K8sObject } from '../k8s/object.js';
import { KUBEWARD_VERSION } from '../version.js';
import type { ReadClusterOptions } from '../cluster/read-cluster-objects.js';

export interface ScanOptions {
  readonly cwd?: string;
  readonly stdin?: Readable;
  readonly config?: KubewardConfig;
  /** Rules to run; every shipped rule by default (config switches still apply). */
  readonly rules?: readonly Rule[];
  /** Pod Security Standards level and version; when unset, Namespace labels and then restricted/latest decide. */
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
  readonly maxFileBytes?: number;
  /** `YYYY-MM-DD` used for exception expiry; today (UTC) by default. */
  readonly today?: string;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** For rule tests: objects are deep-frozen so a rule that mutates its input fails loudly. */
  readonly freezeObjects?: boolean;
}

export interface ScanProgress {
  readonly files: number;
  readonly documents: number;
  readonly objects: number;
}

/** Scans files, directories and `-` (stdin) and returns the report. Bad input becomes `errors`, never an exception. */
export async function scan(inputs: readonly string[], options: ScanOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const readOptions = { cwd, ...(options.stdin === undefined ? {} : { stdin: options.stdin }), ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }) };
  const evaluator = new Evaluator(evaluationOptions(options));
  // Stdin can be read only once, so it is buffered when the Namespace pre-pass needs it.
  let stdinText: string | undefined;
  let stdinError: InputProblem | undefined;
  if (needsNamespacePrepass(options)) {
    for await (const { bytes } of readInputBytes(inputs, readOptions)) {
      for (const text of documentsMentioningNamespaces(bytes)) registerNamespaces(evaluator, text);
    }
    if (inputs.includes('-')) {
      for await (const event of readInputs(['-'], readOptions)) {
        if (event.type === 'text') stdinText = event.input.text;
        else if (event.type === 'error') stdinError = event.problem;
      }
      if (stdinText !== undefined) registerNamespaces(evaluator, stdinText);
    }
  }
  // Only the public findings are kept: each engine finding also points at its document's text.
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const notes: Note[] = [];
  let files = 0;
  let documents = 0;
  const consume = (event: DocumentEvent): void => {
    switch (event.type) {
      case 'objects':
        errors.push(...event.warnings);
        for (const entry of evaluator.evaluateDocument(event.file, event.document, event.objects)) findings.push(entry.finding);
        return;
      case 'error':
        errors.push(event.problem);
        return;
      case 'note':
        notes.push(event.note);
        return;
      case 'file-done':
        files++;
        documents += event.documents;
        options.onProgress?.({ files, documents, objects: evaluator.objects });
    }
  };
  const stdinWasRead = stdinText !== undefined || stdinError !== undefined;
  const remaining = stdinWasRead ? inputs.filter((input) => input !== '-') : inputs;
  if (stdinText !== undefined) for (const event of documentsOfText('<stdin>', stdinText)) consume(event);
  if (stdinError !== undefined) consume({ type: 'error', problem: stdinError });
  for await (const event of readDocuments(remaining, readOptions)) {
    if (event.type === 'error' && event.problem.line === 0) files++;
    consume(event);
  }
  for (const entry of evaluator.finish()) findings.push(entry.finding);
  return buildReport(findings, errors, [...evaluator.notes, ...notes], { files, documents, objects: evaluator.objects }, options.rules ?? allRules, options.config);
}

/** An object that has no source file, e.g. read from a live cluster; `location` names it (`cluster://ns/Kind/name`). */
export interface SourcelessObject {
  readonly object: K8sObject;
  readonly location: string;
}

/**
 * Scans objects that were read from somewhere other than files (a live cluster). Findings are located
 * by their `location` and field path; line and column are 0.
 */
export function scanObjects(objects: readonly SourcelessObject[], options: ScanOptions = {}, extra: { errors?: readonly InputError[]; notes?: readonly Note[] } = {}): Report {
  const evaluator = new Evaluator(evaluationOptions(options));
  if (needsNamespacePrepass(options)) for (const { object } of objects) evaluator.registerNamespace(object);
  const findings: Finding[] = [];
  objects.forEach(({ object, location }, index) => {
    const document: DocumentSlice = { text: '', offset: 0, line: 0, index };
    for (const entry of evaluator.evaluateDocument(location, document, [{ object, file: location, document, pathInDocument: [] }])) findings.push(entry.finding);
  });
  for (const entry of evaluator.finish()) findings.push(entry.finding);
  const files = new Set(objects.map(({ location }) => location)).size;
  return buildReport(findings, extra.errors ?? [], [...evaluator.notes, ...(extra.notes ?? [])],
    { files, documents: objects.length, objects: evaluator.objects }, options.rules ?? allRules, options.config);
}

/**
 * Reads the live cluster of a kubeconfig context and scans what it read. What could not be read
 * (forbidden lists, timeouts, an unreachable server) becomes errors naming it, and the rest is scanned.
 */
export async function scanCluster(cluster: ReadClusterOptions, options: ScanOptions = {}): Promise<Report> {
  // Loaded on demand: the Kubernetes client costs more start-up time than a whole scan of a small repo.
  const { readClusterObjects, withClusterVersion } = await import('../cluster/read-cluster-objects.js');
  const result = await readClusterObjects(cluster);
  const where = result.server === undefined ? 'cluster' : result.server;
  const errors: InputError[] = result.errors.map((error) => ({ file: `cluster://${error.namespace === undefined ? '' : `${error.namespace}/`}${error.resource}`, line: 0, column: 0, message: error.message }));
  const notes: Note[] = [];
  if (result.serverVersion !== undefined) notes.push({ file: where, message: `Kubernetes ${result.serverVersion.gitVersion}${result.context === undefined ? '' : ` (context ${result.context})`}` });
  if (errors.length > 0) notes.push({ file: where, message: 'partial scan: some resources could not be read (see errors)' });
  return scanObjects(withClusterVersion(result), options, { errors, notes });
}

export interface TextAnalysis {
  readonly findings: readonly EngineFinding[];
  readonly errors: readonly InputError[];
  readonly notes: readonly Note[];
  readonly documents: number;
  readonly objects: number;
}

/** Scans one text in memory; what `kubeward fix` and the rule tester use. Synchronous and pure. */
export function analyzeText(file: string, text: string, options: ScanOptions = {}): TextAnalysis {
  const evaluator = new Evaluator(evaluationOptions(options));
  if (needsNamespacePrepass(options)) registerNamespaces(evaluator, text);
  const findings: EngineFinding[] = [];
  const errors: InputError[] = [];
  const notes: Note[] = [];
  let documents = 0;
  for (const event of documentsOfText(file, text)) {
    if (event.type === 'objects') {
      errors.push(...event.warnings);
      findings.push(...evaluator.evaluateDocument(event.file, event.document, event.objects));
    } else if (event.type === 'error') errors.push(event.problem);
    else if (event.type === 'note') notes.push(event.note);
    else documents += event.documents;
  }
  findings.push(...evaluator.finish());
  return { findings, errors, notes: [...evaluator.notes, ...notes], documents, objects: evaluator.objects };
}

/** `analyzeText` with the result shaped as a report. */
export function scanText(text: string, options: ScanOptions & { file?: string } = {}): Report {
  const analysis = analyzeText(options.file ?? '<text>', text, options);
  return buildReport(analysis.findings.map((entry) => entry.finding), analysis.errors, analysis.notes,
    { files: 1, documents: analysis.documents, objects: analysis.objects }, options.rules ?? allRules, options.config);
}

function evaluationOptions(options: ScanOptions) {
  const defaults = options.config?.defaults;
  const pssLevel = options.pssLevel ?? defaults?.pssLevel;
  const pssVersion = options.pssVersion ?? defaults?.pssVersion;
  return {
    rules: options.rules ?? allRules,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(pssLevel === undefined ? {} : { pssLevel }),
    ...(pssVersion === undefined ? {} : { pssVersion }),
    ...(options.freezeObjects === true ? { freezeObjects: true } : {}),
  };
}

function needsNamespacePrepass(options: ScanOptions): boolean {
  return (options.pssLevel ?? options.config?.defaults.pssLevel) === undefined || (options.pssVersion ?? options.config?.defaults.pssVersion) === undefined;
}

const NAMESPACE_KIND = /^\s*"?kind"?\s*:\s*["']?Namespace["']?\s*,?\s*$/m;

/**
 * The documents of a file that may define Namespaces, found by searching bytes (native and fast) and
 * decoding only those documents, so the pre-pass costs little even on very large files.
 */
function* documentsMentioningNamespaces(bytes: Buffer): Generator<string> {
  const starts = new Set<number>();
  for (const word of ['Namespace', 'List']) {
    for (let at = bytes.indexOf(word); at !== -1; at = bytes.indexOf(word, at + word.length)) {
      // Only `kind: Namespace`, `kind: List`, `"kind": "NamespaceList"` and the like: look back for `kind`.
      if (!KIND_BEFORE.test(bytes.toString('latin1', Math.max(0, at - 12), at))) continue;
      const previous = bytes.lastIndexOf('\n---', at);
      const start = previous === -1 ? 0 : previous + 1;
      if (starts.has(start)) continue;
      starts.add(start);
      const next = bytes.indexOf('\n---', at);
      const decoded = decodeText(bytes.subarray(start, next === -1 ? bytes.length : next + 1));
      if (decoded.ok) yield decoded.text;
    }
  }
}

const KIND_BEFORE = /kind["']?\s*:\s*["']?$/;

/** Namespace labels decide the PSS level of the objects in them, wherever in the input they appear. */
function registerNamespaces(evaluator: Evaluator, text: string): void {
  if (!NAMESPACE_KIND.test(text)) return;
  for (const slice of splitDocuments(text)) {
    if (!NAMESPACE_KIND.test(slice.text)) continue;
    const parsed = parseDocument(slice);
    if (!parsed.ok) continue;
    const value = parsed.value;
    if (!isK8sObject(value)) continue;
    if (value.kind === 'Namespace') evaluator.registerNamespace(value);
    else if (Array.isArray(value['items'])) for (const item of value['items']) if (isK8sObject(item)) evaluator.registerNamespace(item);
  }
}

export function buildReport(
  findings: readonly Finding[],
  errors: readonly InputError[],
  notes: readonly Note[],
  counts: { files: number; documents: number; objects: number },
  rules: readonly Rule[],
  config: KubewardConfig | undefined,
): Report {
  const sorted = [...findings].sort(compareFindings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let suppressed = 0;
  let fixable = 0;
  for (const finding of sorted) {
    if (finding.suppressed) {
      suppressed++;
      continue;
    }
    bySeverity[finding.severity]++;
    if (finding.fixable) fixable++;
  }
  const summary: ReportSummary = {
    ...counts,
    findings: sorted.length - suppressed,
    suppressed,
    fixable,
    bySeverity,
    errors: errors.length,
    frameworks: frameworkSummary(sorted, enabledRules(rules, config)),
  };
  return { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'kubeward', version: KUBEWARD_VERSION }, findings: sorted, errors, notes, summary };
}

export function enabledRules(rules: readonly Rule[], config: KubewardConfig | undefined): Rule[] {
  return rules.filter((rule) => config?.rules[rule.meta.id]?.enabled ?? (rule.meta.enabledByDefault !== false && rule.meta.deprecated === undefined));
}

function frameworkSummary(findings: readonly Finding[], rules: readonly Rule[]): ReportSummary['frameworks'] {
  const controls = { pss: new Set<string>(), cis: new Set<string>(), nsa: new Set<string>(), mitre: new Set<string>() };
  const failing = { pss: new Set<string>(), cis: new Set<string>(), nsa: new Set<string>(), mitre: new Set<string>() };
  const add = (target: typeof controls, frameworks: Rule['meta']['frameworks']): void => {
    if (frameworks.pss !== undefined) target.pss.add(frameworks.pss.check);
    for (const id of frameworks.cis ?? []) target.cis.add(id);
    for (const id of frameworks.nsa ?? []) target.nsa.add(id);
    for (const id of frameworks.mitre ?? []) target.mitre.add(id);
  };
  for (const rule of rules) add(controls, rule.meta.frameworks);
  for (const finding of findings) if (!finding.suppressed) add(failing, finding.frameworks);
  const summarize = (key: keyof typeof controls): FrameworkSummary => {
    const all = [...controls[key]].sort(compareControlIds);
    return { controls: all.length, failing: all.filter((id) => failing[key].has(id)), passing: all.filter((id) => !failing[key].has(id)) };
  };
  return { pss: summarize('pss'), cis: summarize('cis'), nsa: summarize('nsa'), mitre: summarize('mitre') };
}

function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Stable order: file, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.path, b.path)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
