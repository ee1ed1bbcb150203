import type { Readable } from 'node:stream';
import { parseKubeVersion, type KubeMinor } from '../foundation/kube-version.js';
import type { KubewardConfig } from '../engine/config.js';
import { detachFinding, Evaluation, type EngineFinding, type EvaluationOptions } from '../engine/evaluation.js';
import type { Finding, InputError, NotAssessed, Note, Report } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import type { PssLevel, PssVersion } from '../engine/pss-version.js';
import { sourcelessSubject } from '../engine/subject.js';
import type { K8sObject } from '../k8s/object.js';
import { allRules } from '../rules/index.js';
import { documentsOfText, type DocumentEvent } from '../source/load-objects.js';
import { namespacesOfText } from '../source/namespace-prepass.js';
import { KUSTOMIZE_SUFFIX, readInputs, type InputText, type ReadOptions } from '../source/read-inputs.js';
import { subjectsOfDocument } from '../engine/yaml-subjects.js';
import { buildReport } from '../report/build-report.js';
import type { ClusterReadResult, ReadClusterOptions } from '../cluster/read-cluster-objects.js';

// The library's entry points: read a source, evaluate rules over its subjects, build the report. The
// engine knows no rules; these pass the shipped catalogue unless told otherwise.

export interface ScanOptions {
  readonly cwd?: string;
  readonly stdin?: Readable;
  readonly config?: KubewardConfig;
  /** Rules to run; the shipped catalogue by default (config switches still apply). */
  readonly rules?: readonly Rule[];
  /** Pod Security Standards level and version; when unset, Namespace labels and then restricted/latest decide. */
  readonly pssLevel?: PssLevel;
  readonly pssVersion?: PssVersion;
  /**
   * The Kubernetes release to judge for (`--kube-version`): which schema the fields are checked against,
   * which version-bound rules run, what `latest` PSS means. Cluster scans default to the cluster's release.
   */
  readonly kubernetesVersion?: KubeMinor;
  readonly maxFileBytes?: number;
  /** Paths to leave out (see ReadOptions.exclude). */
  readonly exclude?: (absolutePath: string, isDirectory: boolean) => boolean;
  /** Builds kustomization directories (the CLI passes `kubectl kustomize`); see ReadOptions. */
  readonly renderKustomization?: ReadOptions['renderKustomization'];
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

/**
 * Scans files, directories and `-` (stdin) and returns the report. Bad input becomes `errors`, never an
 * exception. Each file is read once: its Namespaces are registered before its objects are judged, and
 * only when a later file defines the Namespace of objects already judged are those files read again
 * (for the Pod Security Standards checks alone).
 */
export async function scan(inputs: readonly string[], options: ScanOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const readOptions = {
    cwd,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    ...(options.renderKustomization === undefined ? {} : { renderKustomization: options.renderKustomization }),
  };
  const filesByNamespace = new Map<string, Set<string>>();
  let currentFile = '';
  const evaluation = new Evaluation(evaluationOptions(options, (namespace) => {
    let files = filesByNamespace.get(namespace);
    if (files === undefined) filesByNamespace.set(namespace, (files = new Set()));
    files.add(currentFile);
  }));
  const usesNamespaceLabels = needsNamespaceLabels(options);
  // Only the public findings are kept: each engine finding also points at its document's text.
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const notes: Note[] = [];
  // Texts that cannot be read again: standard input, and what kubectl kustomize built.
  const unrereadable = new Map<string, InputText>();
  let detached = 0;
  const detachFrom = (from: number): void => {
    for (let index = from; index < findings.length; index++) findings[index] = detachFinding(findings[index] as Finding);
  };
  let files = 0;
  let documents = 0;
  for await (const event of readInputs(inputs, readOptions)) {
    if (event.type === 'error') {
      if (event.problem.line === 0) files++;
      errors.push(event.problem);
      continue;
    }
    if (event.type === 'note') {
      notes.push(event.note);
      continue;
    }
    const { file, text } = event.input;
    // What the findings and the collection rules keep of the previous inputs is copied out of them, so
    // only this one stays alive; a scan of one input never pays for the copies.
    detachFrom(detached);
    detached = findings.length;
    evaluation.retainKept();
    if (file === '<stdin>' || file.endsWith(KUSTOMIZE_SUFFIX)) unrereadable.set(file, event.input);
    currentFile = file;
    if (usesNamespaceLabels) for (const namespace of namespacesOfText(text)) evaluation.registerNamespace(namespace);
    for (const documentEvent of documentsOfText(file, text)) {
      switch (documentEvent.type) {
        case 'objects':
          errors.push(...documentEvent.warnings);
          const subjects = subjectsOfDocument(file, documentEvent.document, documentEvent.objects);
          for (const subject of subjects) {
            for (const entry of evaluation.evaluate(subject)) findings.push(entry.finding);
          }
          for (const subject of subjects) subject.release?.();
          break;
        case 'error':
          errors.push(documentEvent.problem);
          break;
        case 'note':
          notes.push(documentEvent.note);
          break;
        case 'file-done':
          files++;
          documents += documentEvent.documents;
          options.onProgress?.({ files, documents, objects: evaluation.objects });
      }
    }
  }
  const stale = evaluation.staleNamespaces;
  if (stale.size > 0) {
    detachFrom(detached);
    const rejudge = new Set([...stale].flatMap((namespace) => [...(filesByNamespace.get(namespace) ?? [])]));
    const kept = findings.filter((finding) => !(finding.resource.namespace !== undefined && stale.has(finding.resource.namespace) && evaluation.isSettingsDependent(finding.ruleId)));
    findings.length = 0;
    findings.push(...kept);
    const rejudgeText = (input: InputText): void => {
      for (const documentEvent of documentsOfText(input.file, input.text)) {
        if (documentEvent.type !== 'objects') continue;
        for (const subject of subjectsOfDocument(input.file, documentEvent.document, documentEvent.objects)) {
          for (const entry of evaluation.reevaluateSettingsDependent(subject)) findings.push(detachFinding(entry.finding));
        }
      }
    };
    for (const [file, input] of unrereadable) if (rejudge.delete(file)) rejudgeText(input);
    for await (const event of readInputs([...rejudge], { cwd, ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }) })) if (event.type === 'text') rejudgeText(event.input);
  }
  for (const entry of evaluation.finish()) findings.push(entry.finding);
  return buildReport(findings, errors, [...evaluation.notes, ...notes], { files, documents, objects: evaluation.objects }, options.rules ?? allRules, options.config, evaluation.notAssessed());
}

/** An object that has no source file, e.g. read from a live cluster; `location` names it (`cluster://ns/Kind/name`). */
export interface SourcelessObject {
  readonly object: K8sObject;
  readonly location: string;
}

export interface ScanObjectsExtra {
  readonly errors?: readonly InputError[];
  readonly notes?: readonly Note[];
  /** Kinds the source could not read completely, with why: rules that need them are not assessed. */
  readonly incompleteKinds?: ReadonlyMap<string, string>;
}

/**
 * Scans objects that were read from somewhere other than files (a live cluster). Findings are located
 * by their `location` and field path; line and column are 0.
 */
export function scanObjects(objects: readonly SourcelessObject[], options: ScanOptions = {}, extra: ScanObjectsExtra = {}): Report {
  const evaluation = new Evaluation(evaluationOptions(options));
  for (const [kind, reason] of extra.incompleteKinds ?? []) evaluation.markIncomplete(kind, reason);
  if (needsNamespaceLabels(options)) for (const { object } of objects) evaluation.registerNamespace(object);
  const findings: Finding[] = [];
  for (const { object, location } of objects) {
    for (const entry of evaluation.evaluate(sourcelessSubject(object, location))) findings.push(entry.finding);
  }
  for (const entry of evaluation.finish()) findings.push(entry.finding);
  const files = new Set(objects.map(({ location }) => location)).size;
  return buildReport(findings, extra.errors ?? [], [...evaluation.notes, ...(extra.notes ?? [])],
    { files, documents: objects.length, objects: evaluation.objects }, options.rules ?? allRules, options.config, evaluation.notAssessed());
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
  const clusterMinor = result.serverVersion === undefined ? undefined : parseKubeVersion(result.serverVersion.gitVersion);
  const judged = options.kubernetesVersion === undefined && clusterMinor !== undefined ? { ...options, kubernetesVersion: clusterMinor } : options;
  return scanObjects(withClusterVersion(result), judged, { errors, notes, incompleteKinds: incompleteKindsOf(result) });
}

/** What a read leaves unknown: the kind of each failed list (every kind when the connection failed) and the kinds it skipped. */
export function incompleteKindsOf(result: Pick<ClusterReadResult, 'errors' | 'skippedKinds'>): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const skipped of result.skippedKinds ?? []) kinds.set(skipped.kind, skipped.reason);
  for (const error of result.errors) {
    for (const kind of error.kinds) if (!kinds.has(kind)) kinds.set(kind, error.message);
  }
  return kinds;
}

export interface TextAnalysis {
  readonly findings: readonly EngineFinding[];
  readonly errors: readonly InputError[];
  readonly notes: readonly Note[];
  readonly notAssessed: readonly NotAssessed[];
  readonly documents: number;
  readonly objects: number;
}

/**
 * Scans one text in memory; what `kubeward fix` and the rule tester use. Synchronous and pure.
 * `onDocument` sees every decoded document, so a caller (the fix planner) needs no second decode.
 */
export function analyzeText(file: string, text: string, options: ScanOptions = {}, onDocument?: (event: DocumentEvent) => void): TextAnalysis {
  const evaluation = new Evaluation(evaluationOptions(options));
  if (needsNamespaceLabels(options)) for (const namespace of namespacesOfText(text)) evaluation.registerNamespace(namespace);
  const findings: EngineFinding[] = [];
  const errors: InputError[] = [];
  const notes: Note[] = [];
  let documents = 0;
  for (const event of documentsOfText(file, text)) {
    onDocument?.(event);
    if (event.type === 'objects') {
      errors.push(...event.warnings);
      for (const subject of subjectsOfDocument(event.file, event.document, event.objects)) findings.push(...evaluation.evaluate(subject));
    } else if (event.type === 'error') errors.push(event.problem);
    else if (event.type === 'note') notes.push(event.note);
    else documents += event.documents;
  }
  findings.push(...evaluation.finish());
  return { findings, errors, notes: [...evaluation.notes, ...notes], notAssessed: evaluation.notAssessed(), documents, objects: evaluation.objects };
}

/** `analyzeText` with the result shaped as a report. */
export function scanText(text: string, options: ScanOptions & { file?: string } = {}): Report {
  const analysis = analyzeText(options.file ?? '<text>', text, options);
  return buildReport(analysis.findings.map((entry) => entry.finding), analysis.errors, analysis.notes,
    { files: 1, documents: analysis.documents, objects: analysis.objects }, options.rules ?? allRules, options.config, analysis.notAssessed);
}

function evaluationOptions(options: ScanOptions, onProvisionalSettings?: (namespace: string) => void): EvaluationOptions {
  const defaults = options.config?.defaults;
  const pssLevel = options.pssLevel ?? defaults?.pssLevel;
  const pssVersion = options.pssVersion ?? defaults?.pssVersion;
  const kubernetesVersion = options.kubernetesVersion ?? defaults?.kubernetesVersion;
  return {
    rules: options.rules ?? allRules,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(pssLevel === undefined ? {} : { pssLevel }),
    ...(pssVersion === undefined ? {} : { pssVersion }),
    ...(kubernetesVersion === undefined ? {} : { kubernetesVersion }),
    ...(options.freezeObjects === true ? { freezeObjects: true } : {}),
    ...(onProvisionalSettings === undefined ? {} : { onProvisionalSettings }),
  };
}

function needsNamespaceLabels(options: ScanOptions): boolean {
  return (options.pssLevel ?? options.config?.defaults.pssLevel) === undefined || (options.pssVersion ?? options.config?.defaults.pssVersion) === undefined;
}
