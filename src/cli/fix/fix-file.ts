import { stringify } from 'yaml';
import { analyzeText, type ScanOptions } from '../../scan/scan.js';
import type { EngineFinding } from '../../engine/evaluation.js';
import type { InputError } from '../../engine/finding.js';
import { formatFieldPath } from '../../foundation/field-path.js';
import { resourceRefOf, type K8sObject, type ResourceRef } from '../../k8s/object.js';
import { documentsOfText, type LoadedObject } from '../../source/load-objects.js';
import { splitDocuments } from '../../source/split-documents.js';
import { applyFixesToText, type TextFix } from '../../fix/apply-fixes.js';
import { findMisplacedSettings } from '../../fix/misplaced-settings.js';
import type { FixOperation, FixProposal } from '../../fix/operations.js';

// The plan step of `kubeward fix` for one file: computes the fixed text and what was done, writes
// nothing (changesets' plan/apply split). Rounds repeat the scan on the fixed text, because one fix can
// make another finding fixable (a new securityContext), until no fix applies.

export interface FixFileOptions {
  /** Rules, PSS level and version, config: as for `kubeward scan`. */
  readonly scan: ScanOptions;
  readonly includeSuggestions: boolean;
  /** Move misplaced settings (NetworkPolicy rules in a pod spec, ...); on unless `--rules` leaves it out. */
  readonly misplacedSettings?: boolean;
}

/** The id under which misplaced-setting moves are reported and selected with `--rules`. */
export const MISPLACED_SETTINGS_ID = 'misplaced-settings';

export interface FixRecord {
  readonly ruleId: string;
  readonly kind: 'safe' | 'suggestion';
  readonly title: string;
  readonly resource: string;
  readonly line: number;
  readonly path: string;
  /** What the fix did, relative to the object. */
  readonly operations: readonly FixOperation[];
}

export interface UnfixedFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly resource: string;
  readonly line: number;
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

export const MAX_FIX_ROUNDS = 4;

export function fixFile(file: string, original: string, options: FixFileOptions): FileFixResult {
  const parseErrors: InputError[] = [];
  // One decoding pass finds documents that do not parse and the objects misplaced settings are looked for in.
  const loaded: LoadedObject[] = [];
  for (const event of documentsOfText(file, original)) {
    if (event.type === 'error') parseErrors.push(event.problem);
    else if (event.type === 'objects') loaded.push(...event.objects);
  }
  const empty = { file, original, text: original, applied: [], suggestions: [], unfixable: [], notApplied: [], warnings: [] };
  if (parseErrors.length > 0) return { ...empty, parseErrors };

  const applied: FixRecord[] = [];
  const warnings: string[] = [];
  const misplacedSuggestions: FixRecord[] = [];
  let text = options.misplacedSettings === false ? original
    : moveMisplacedSettings(file, original, loaded, { applied, warnings, suggestions: misplacedSuggestions, includeSuggestions: options.includeSuggestions });
  let notApplied: (FixRecord & { reason: string })[] = [];
  let analysis = analyzeText(file, text, options.scan);
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const records = new Map<FixProposal, FixRecord>();
    const fixes: TextFix[] = [];
    for (const entry of analysis.findings) {
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
    analysis = analyzeText(file, text, options.scan);
  }
  const suggestions: FixRecord[] = [...misplacedSuggestions];
  const unfixable: UnfixedFinding[] = [];
  const skippedKeys = new Set(notApplied.map((record) => `${record.ruleId}\u0000${record.resource}\u0000${record.path}`));
  for (const entry of analysis.findings) {
    if (entry.finding.suppressed) continue;
    if (entry.fix === undefined) {
      unfixable.push({ ruleId: entry.finding.ruleId, message: entry.finding.message, resource: formatResource(entry.finding.resource), line: entry.finding.location.line });
    } else if (entry.fix.kind === 'suggestion' && !options.includeSuggestions) {
      suggestions.push(recordOf(entry, entry.fix));
    } else {
      const record = recordOf(entry, entry.fix);
      if (!skippedKeys.has(`${record.ruleId}\u0000${record.resource}\u0000${record.path}`)) notApplied.push({ ...record, reason: 'the fix did not silence the finding' });
    }
  }
  return { file, original, text, parseErrors, applied, suggestions, unfixable, notApplied, warnings };
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
  const result = applyFixesToText(text, moves.map(({ loaded, fix }) => ({ document: loaded.document, pathInDocument: loaded.pathInDocument, fix })));
  const done = new Set(result.appliedFixes.map((fix) => fix.fix));
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
    const header = `---\n# kubeward fix: ${fix.title} (was in ${formatResource(resourceRefOf(loaded.object))})\n`;
    const body = companions.map((companion) => stringify(companion, { lineWidth: 0 })).join('---\n');
    const separator = end > 0 && out[end - 1] !== '\n' ? '\n' : '';
    out = out.slice(0, end) + separator + header + body + out.slice(end);
  }
  return out;
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
