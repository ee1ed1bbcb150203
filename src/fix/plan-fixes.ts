import { stringify } from 'yaml';
import { analyzeText, type ScanOptions, type TextAnalysis } from '../scan/scan.js';
import type { EngineFinding } from '../engine/evaluation.js';
import type { InputError } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import { formatFieldPath } from '../foundation/field-path.js';
import { resourceRefOf, type K8sObject, type ResourceRef } from '../k8s/object.js';
import type { DocumentEvent, LoadedObject } from '../source/load-objects.js';
import { parseDocument } from '../source/parse-document.js';
import { splitDocuments } from '../source/split-documents.js';
import { applyFixesToText, type TextFix } from './apply-fixes.js';
import { planCompanions, type CompanionPlan } from './generate-companions.js';
import { findMisplacedSettings } from './misplaced-settings.js';
import { EditableYamlDocument } from './render-yaml-edits.js';
import { inputLineMapper } from './unified-diff.js';
import type { CompanionKind, FixOperation, FixProposal } from './operations.js';

// The fix planner: text and findings in, fixed text and what was done out. It reads and writes nothing
// (the CLI does), so a server, an editor integration or a test plans exactly as `kubeward fix` does.
//
// A file is planned in rounds. Each round decodes the text once (the scan's own decode: its document
// events also give the parse errors, the objects misplaced settings are looked for in, and, after the
// last round, the objects companions are planned from), applies what it found, and the next round scans
// the fixed text, because one fix can make another finding fixable (a new securityContext).

export interface FixPlanOptions {
  /** Rules, PSS level and version, config: as for `kubeward scan`. */
  readonly scan: ScanOptions;
  readonly includeSuggestions: boolean;
  /** Move misplaced settings (NetworkPolicy rules in a pod spec, ...); on unless `--rules` leaves it out. */
  readonly misplacedSettings?: boolean;
}

/**
 * The planner's own fixes, which no rule of the catalogue carries: selected with `--rules` by this id
 * like a rule, and reported under it.
 */
export const MISPLACED_SETTINGS_ID = 'misplaced-settings';

export interface FixRecord {
  readonly ruleId: string;
  readonly kind: 'safe' | 'suggestion';
  readonly title: string;
  readonly resource: string;
  /** Line in the text the record was made on (for what is still open: the fixed text). */
  readonly line: number;
  /** The same place in the input, for reports next to a diff of it. */
  readonly inputLine?: number;
  readonly path: string;
  /** What the fix did, relative to the object. */
  readonly operations: readonly FixOperation[];
}

export interface UnfixedFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly resource: string;
  /** Line in the fixed text. */
  readonly line: number;
  /** The same place in the input. */
  readonly inputLine?: number;
  /** The `--generate` kind whose companion objects answer this finding (from the rule's metadata). */
  readonly generate?: CompanionKind;
}

export interface FileFixResult {
  readonly file: string;
  readonly original: string;
  /** The fixed text; equal to `original` when nothing changed or the file did not parse. */
  readonly text: string;
  /** Documents that did not parse: such a file is never changed. */
  readonly parseErrors: readonly InputError[];
  readonly applied: readonly FixRecord[];
  /** Suggestions (may change behaviour) left for the user: `--include-suggestions` applies them. */
  readonly suggestions: readonly FixRecord[];
  /** Findings for which kubeward knows no fix. */
  readonly unfixable: readonly UnfixedFinding[];
  /** Fixes that could not be written into this file, with the reason. */
  readonly notApplied: readonly (FixRecord & { readonly reason: string })[];
  readonly warnings: readonly string[];
}

/** Rounds go on to the fixed point (no fix applies or the text stops changing); this only bounds a cycle. */
export const MAX_FIX_ROUNDS = 16;

/** One scan of a text: its findings and the objects of the same decode. */
interface Round {
  readonly analysis: TextAnalysis;
  readonly objects: LoadedObject[];
  readonly parseErrors: InputError[];
}

const DUPLICATE_KEY = /duplicated mapping key/;

function scanRound(file: string, text: string, options: ScanOptions): Round {
  const objects: LoadedObject[] = [];
  const parseErrors: InputError[] = [];
  const analysis = analyzeText(file, text, options, (event: DocumentEvent) => {
    if (event.type === 'objects') {
      objects.push(...event.objects);
      // kubectl and the API server reject a document with a repeated key; so does fix (the scan reads on).
      parseErrors.push(...event.warnings.filter((warning) => DUPLICATE_KEY.test(warning.message)));
    } else if (event.type === 'error') parseErrors.push(event.problem);
  });
  return { analysis, objects, parseErrors };
}

/** Plans the fixes of one file. */
export function planFileFixes(file: string, original: string, options: FixPlanOptions): FileFixResult {
  return planFile(file, original, options).result;
}

function planFile(file: string, original: string, options: FixPlanOptions): { result: FileFixResult; objects: readonly LoadedObject[] } {
  let round = scanRound(file, original, options.scan);
  if (round.parseErrors.length > 0) {
    const result = { file, original, text: original, parseErrors: round.parseErrors, applied: [], suggestions: [], unfixable: [], notApplied: [], warnings: [] };
    return { result, objects: [] };
  }

  const applied: FixRecord[] = [];
  const warnings: string[] = [];
  const misplacedSuggestions: FixRecord[] = [];
  let text = original;
  if (options.misplacedSettings !== false) {
    text = moveMisplacedSettings(file, original, round.objects, { applied, warnings, suggestions: misplacedSuggestions, includeSuggestions: options.includeSuggestions });
    if (text !== original) round = scanRound(file, text, options.scan);
  }
  let notApplied: (FixRecord & { reason: string })[] = [];
  for (let count = 0; count < MAX_FIX_ROUNDS; count++) {
    const records = new Map<FixProposal, FixRecord>();
    const fixes: TextFix[] = [];
    for (const entry of round.analysis.findings) {
      if (entry.finding.suppressed || entry.fix === undefined || entry.source === undefined) continue;
      if (entry.fix.kind === 'suggestion' && !options.includeSuggestions) continue;
      records.set(entry.fix, recordOf(entry, entry.fix));
      fixes.push({ ...entry.source, fix: entry.fix });
    }
    if (fixes.length === 0) break;
    const result = applyFixesToText(text, fixes);
    notApplied = result.skipped.flatMap((skip) => {
      const record = skip.fix === undefined ? undefined : records.get(skip.fix);
      return record === undefined ? [] : [{ ...record, reason: skip.reason }];
    });
    for (const fix of result.appliedFixes) {
      const record = records.get(fix.fix);
      if (record !== undefined) applied.push(record);
    }
    if (result.text === text) break;
    text = result.text;
    round = scanRound(file, text, options.scan);
  }
  const suggestions: FixRecord[] = [];
  const unfixable: UnfixedFinding[] = [];
  const skippedKeys = new Set(notApplied.map((record) => `${record.ruleId}\u0000${record.resource}\u0000${record.path}`));
  const generators = generatorsOf(options.scan.rules);
  for (const entry of round.analysis.findings) {
    if (entry.finding.suppressed) continue;
    if (entry.fix === undefined) {
      const generate = generators.get(entry.finding.ruleId);
      unfixable.push({ ruleId: entry.finding.ruleId, message: entry.finding.message, resource: formatResource(entry.finding.resource), line: entry.finding.location.line, ...(generate === undefined ? {} : { generate }) });
    } else if (entry.fix.kind === 'suggestion' && !options.includeSuggestions) {
      suggestions.push(recordOf(entry, entry.fix));
    } else {
      const record = recordOf(entry, entry.fix);
      if (!skippedKeys.has(`${record.ruleId}\u0000${record.resource}\u0000${record.path}`)) notApplied.push({ ...record, reason: 'the fix did not silence the finding' });
    }
  }
  // A fix refused in an earlier round whose finding is gone (another fix made its change) is done.
  const open = new Set(round.analysis.findings.map((entry) => `${entry.finding.ruleId}\u0000${formatResource(entry.finding.resource)}\u0000${entry.finding.path === '' ? formatFieldPath(entry.path) : entry.finding.path}`));
  const stillOpen = notApplied.filter((record) => open.has(`${record.ruleId}\u0000${record.resource}\u0000${record.path}`));
  const inputLine = inputLineMapper(original, text);
  const located = <T extends { line: number }>(record: T): T => ({ ...record, inputLine: inputLine(record.line) });
  const result: FileFixResult = {
    file, original, text, parseErrors: [], applied, warnings,
    suggestions: [...misplacedSuggestions.map((record) => ({ ...record, inputLine: record.line })), ...suggestions.map(located)], unfixable: unfixable.map(located), notApplied: stillOpen.map(located),
  };
  return { result, objects: round.objects };
}

function generatorsOf(rules: readonly Rule[] | undefined): Map<string, CompanionKind> {
  const out = new Map<string, CompanionKind>();
  for (const rule of rules ?? []) if (rule.meta.generate !== undefined) out.set(rule.meta.id, rule.meta.generate);
  return out;
}

export interface FixInput {
  readonly file: string;
  readonly text: string;
}

export interface FixPlan {
  readonly results: FileFixResult[];
  /** The companion objects as one YAML stream ('' when none), for their own file. */
  readonly companions: string;
  readonly notes: string[];
}

/**
 * Plans every file, then the companion objects `--generate` asks for over all of them (from the objects
 * of each file's last round, not a new decode), pointing workloads at their new ServiceAccounts.
 */
export function planFixes(inputs: Iterable<FixInput>, options: FixPlanOptions & { readonly generate?: ReadonlySet<CompanionKind> }): FixPlan {
  const results: FileFixResult[] = [];
  const sources: { object: K8sObject; source: { index: number; loaded: LoadedObject } }[] = [];
  const generate = options.generate ?? new Set<CompanionKind>();
  for (const input of inputs) {
    const planned = planFile(input.file, input.text, options);
    const index = results.push(planned.result) - 1;
    if (generate.size > 0) for (const loaded of planned.objects) sources.push({ object: loaded.object, source: { index, loaded } });
  }
  if (generate.size === 0) return { results, companions: '', notes: [] };
  const plan: CompanionPlan = planCompanions(sources, generate);
  const byFile = new Map<number, { loaded: LoadedObject; fix: FixProposal }[]>();
  for (const { source, fix } of plan.fixes) {
    const { index, loaded } = source as { index: number; loaded: LoadedObject };
    let list = byFile.get(index);
    if (list === undefined) byFile.set(index, (list = []));
    list.push({ loaded, fix });
  }
  const notes = [...plan.notes];
  for (const [index, fixes] of byFile) {
    const result = results[index];
    if (result === undefined) continue;
    const applied = applyFixesToText(result.text, fixes.map(({ loaded, fix }) => ({ document: loaded.document, pathInDocument: loaded.pathInDocument, fix })));
    const records: FixRecord[] = applied.appliedFixes.map((entry) => {
      const match = fixes.find(({ fix }) => fix === entry.fix);
      return { ruleId: 'generate-serviceaccounts', kind: 'safe', title: entry.fix.title, resource: match === undefined ? '' : formatResource(resourceRefOf(match.loaded.object)), line: entry.document.line, path: '', operations: entry.fix.operations };
    });
    for (const skip of applied.skipped) notes.push(`${result.file}: ${skip.fix?.title ?? 'fix'} not applied: ${skip.reason}`);
    results[index] = { ...result, text: applied.text, applied: [...result.applied, ...records] };
  }
  const header = `# Generated by kubeward fix --generate ${[...generate].join(',')}. Review before applying.\n`;
  const companions = plan.objects.length === 0 ? '' : header + plan.objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
  return { results, companions, notes };
}

/**
 * Removes blocks that belong to another object (NetworkPolicy rules inside a pod spec) and appends the
 * object they meant as a new document right after the one that held them; moves container settings
 * written at the pod level into the containers.
 */
function moveMisplacedSettings(file: string, text: string, objects: readonly LoadedObject[], sink: { applied: FixRecord[]; warnings: string[]; suggestions: FixRecord[]; includeSuggestions: boolean }): string {
  const { applied, warnings } = sink;
  const moves: { loaded: LoadedObject; fix: FixProposal; companions: readonly K8sObject[] }[] = [];
  for (const loaded of objects) {
    for (const misplaced of findMisplacedSettings(loaded.object)) {
      warnings.push(misplaced.warning);
      if (misplaced.fix === undefined) continue;
      const companions = misplaced.companions ?? [];
      if (misplaced.fix.kind === 'suggestion' && !sink.includeSuggestions) {
        sink.suggestions.push({ ruleId: MISPLACED_SETTINGS_ID, kind: 'suggestion', title: misplaced.fix.title, resource: formatResource(resourceRefOf(loaded.object)), line: loaded.document.line, path: '', operations: misplaced.fix.operations });
        continue;
      }
      if (companions.length > 0 && isJsonDocument(loaded.document.text)) {
        warnings.push(`${file}: the file is JSON, so the objects it meant were not added to it; create them by hand`);
        continue;
      }
      moves.push({ loaded, fix: misplaced.fix, companions });
    }
  }
  if (moves.length === 0) return text;
  // A block that moves into an object of its own takes the comments written above it along.
  const carried = new Map<FixProposal, { fix: FixProposal; comments: string }>();
  for (const { loaded, fix, companions } of moves) {
    if (companions.length === 0) continue;
    carried.set(fix, { fix: { ...fix, operations: fix.operations.map((operation) => (operation.op === 'remove' ? { ...operation, withComments: true } : operation)) }, comments: commentsAboveFields(loaded, fix) });
  }
  const result = applyFixesToText(text, moves.map(({ loaded, fix }) => ({ document: loaded.document, pathInDocument: loaded.pathInDocument, fix: carried.get(fix)?.fix ?? fix })));
  const appliedProposals = new Set(result.appliedFixes.map((fix) => fix.fix));
  const done = new Set(moves.map(({ fix }) => fix).filter((fix) => appliedProposals.has(carried.get(fix)?.fix ?? fix)));
  for (const skip of result.skipped) warnings.push(`${file}: could not remove the misplaced block: ${skip.reason}`);
  // Documents keep their indices (removals change no document boundaries): insert from the last one up.
  const slices = splitDocuments(result.text);
  let out = result.text;
  const inserts = moves.filter(({ fix }) => done.has(fix)).map(({ loaded, fix, companions }) => ({ loaded, fix, companions, slice: slices[loaded.document.index] }));
  inserts.sort((a, b) => (b.slice?.offset ?? 0) - (a.slice?.offset ?? 0));
  for (const { loaded, fix, companions, slice } of inserts) {
    if (slice === undefined) continue;
    applied.push({ ruleId: MISPLACED_SETTINGS_ID, kind: fix.kind, title: fix.title, resource: formatResource(resourceRefOf(loaded.object)), line: slice.line, path: '', operations: fix.operations });
    if (companions.length === 0) continue;
    const end = slice.offset + slice.text.length;
    const header = `---\n# kubeward fix: ${fix.title} (was in ${formatResource(resourceRefOf(loaded.object))})\n${carried.get(fix)?.comments ?? ''}`;
    const body = companions.map((companion) => stringify(companion, { lineWidth: 0 })).join('---\n');
    const separator = end > 0 && out[end - 1] !== '\n' ? '\n' : '';
    out = out.slice(0, end) + separator + header + body + out.slice(end);
  }
  return out;
}

/** The comment lines above the removed fields, moved to column 0 ('' when there are none). */
function commentsAboveFields(loaded: LoadedObject, fix: FixProposal): string {
  const parsed = parseDocument(loaded.document);
  if (!parsed.ok) return '';
  const editable = EditableYamlDocument.parse(loaded.document.text, parsed.value);
  if (!(editable instanceof EditableYamlDocument)) return '';
  return fix.operations
    .filter((operation) => operation.op === 'remove')
    .map((operation) => editable.commentsAbove([...loaded.pathInDocument, ...operation.path]).replace(/^[ \t]+#/gm, '#'))
    .join('');
}

function isJsonDocument(text: string): boolean {
  return /^\s*[{[]/.test(text.replace(/^\s*#.*$/gm, ''));
}

function recordOf(entry: EngineFinding, fix: FixProposal): FixRecord {
  return {
    ruleId: entry.finding.ruleId,
    kind: fix.kind,
    title: fix.title,
    resource: formatResource(entry.finding.resource),
    line: entry.finding.location.line,
    path: entry.finding.path === '' ? formatFieldPath(entry.path) : entry.finding.path,
    operations: fix.operations,
  };
}

export function formatResource(resource: ResourceRef): string {
  return resource.namespace === undefined ? `${resource.kind}/${resource.name}` : `${resource.kind}/${resource.namespace}/${resource.name}`;
}

/**
 * Splits a `--rules` list into catalogue rules and the planner's own fixes; an id that is neither is
 * returned as `unknown`. Undefined selects everything.
 */
export function selectFixes(list: string | undefined, catalogue: readonly Rule[]): { rules: readonly Rule[]; misplacedSettings: boolean; unknown?: string } {
  if (list === undefined) return { rules: catalogue, misplacedSettings: true };
  const wanted = list.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const rules: Rule[] = [];
  let misplacedSettings = false;
  for (const id of wanted) {
    if (id === MISPLACED_SETTINGS_ID) {
      misplacedSettings = true;
      continue;
    }
    const rule = catalogue.find((candidate) => candidate.meta.id === id || candidate.meta.aliases?.includes(id) === true);
    if (rule === undefined) return { rules, misplacedSettings, unknown: id };
    if (!rules.includes(rule)) rules.push(rule);
  }
  return { rules, misplacedSettings };
}
