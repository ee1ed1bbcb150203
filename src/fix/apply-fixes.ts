import { formatFieldPath, getAtPath, type FieldPath } from '../foundation/field-path.js';
import { parseDocument } from '../source/parse-document.js';
import type { DocumentSlice } from '../source/split-documents.js';
import { applyOperationsToValue, dedupeOperations, isDeepEqual, operationsConflict } from './apply-operations.js';
import { applyTextEdits, editGroupsConflict, type TextEdit } from './apply-text-edits.js';
import type { FixOperation, FixProposal } from './operations.js';
import { EditableYamlDocument, type RenderOutcome } from './render-yaml-edits.js';

// Applies fixes to a whole file's text, one document at a time, in passes as ESLint does: every pass
// renders the pending fixes against the current text, applies those whose edits do not touch each
// other, and leaves the rest for the next pass. Every pass is checked: the edited document must decode
// to exactly the old value with the applied operations, or the edit is not kept.

export interface TextFix {
  readonly document: DocumentSlice;
  /** Path of the object inside its document: `[]`, or `['items', i]` for a List member. */
  readonly pathInDocument: FieldPath;
  readonly fix: FixProposal;
}

export interface SkippedFix {
  readonly reason: string;
  readonly fix?: FixProposal;
  readonly document?: number;
}

export interface ApplyFixesResult {
  readonly text: string;
  /** Fixes that changed the text (a fix whose change is already in place counts as neither). */
  readonly applied: number;
  readonly skipped: SkippedFix[];
  /** The fixes counted in `applied`, in the order they were applied. */
  readonly appliedFixes: TextFix[];
}

/** ESLint stops after 10 passes; several fixes often add keys at one spot, so allow a few more. */
export const MAX_FIX_PASSES = 16;

export function applyFixesToText(text: string, fixes: readonly TextFix[]): ApplyFixesResult {
  const byDocument = new Map<number, { slice: DocumentSlice; fixes: TextFix[] }>();
  const skipped: SkippedFix[] = [];
  for (const fix of fixes) {
    const slice = fix.document;
    if (!matchesText(text, slice)) {
      skipped.push({ reason: 'the document no longer matches the text', fix: fix.fix, document: slice.index });
      continue;
    }
    let group = byDocument.get(slice.offset);
    if (group === undefined) byDocument.set(slice.offset, (group = { slice, fixes: [] }));
    group.fixes.push(fix);
  }
  let applied = 0;
  const appliedFixes: TextFix[] = [];
  const replacements: TextEdit[] = [];
  for (const { slice, fixes: documentFixes } of byDocument.values()) {
    const result = applyFixesToDocument(slice, documentFixes);
    applied += result.applied;
    appliedFixes.push(...result.appliedFixes);
    skipped.push(...result.skipped);
    if (result.text === slice.text) continue;
    // A document right after a `...` end marker holds the marker blanked out (split-documents); put it back.
    const restored = text.startsWith('...', slice.offset) && !slice.text.startsWith('...') ? `...${result.text.slice(3)}` : result.text;
    replacements.push({ start: slice.offset, end: slice.offset + slice.text.length, text: restored });
  }
  return { text: applyTextEdits(text, replacements), applied, skipped, appliedFixes };
}

function matchesText(text: string, slice: DocumentSlice): boolean {
  const original = text.slice(slice.offset, slice.offset + slice.text.length);
  if (original === slice.text) return true;
  return original.startsWith('...') && slice.text.startsWith('   ') && original.slice(3) === slice.text.slice(3);
}

interface Unit {
  readonly fixes: TextFix[];
  readonly operations: FixOperation[];
  readonly pathInDocument: FieldPath;
}

interface RenderedUnit extends Unit {
  readonly edits: TextEdit[];
}

/** Applies fixes to one document; returns its new text. */
export function applyFixesToDocument(slice: DocumentSlice, fixes: readonly TextFix[]): { text: string; applied: number; skipped: SkippedFix[]; appliedFixes: TextFix[] } {
  const skipped: SkippedFix[] = [];
  const appliedFixes: TextFix[] = [];
  let applied = 0;
  let text = slice.text;
  let pending = [...fixes];
  const changedLists: FieldPath[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES && pending.length > 0; pass++) {
    const decoded = decode(slice, text);
    if (!decoded.ok) {
      for (const fix of pending) skipped.push({ reason: decoded.reason, fix: fix.fix, document: slice.index });
      return { text, applied, skipped, appliedFixes };
    }
    const editable = EditableYamlDocument.parse(text, decoded.value);
    if (!(editable instanceof EditableYamlDocument)) {
      for (const fix of pending) skipped.push({ reason: editable.reason, fix: fix.fix, document: slice.index });
      return { text, applied, skipped, appliedFixes };
    }
    // A waiting fix that points into a list another fix already shortened or replaced would now name
    // the wrong item: it was computed for the old list. Report it; the next scan computes it anew.
    pending = pending.filter((fix) => {
      if (!pointsIntoChangedList(fix, changedLists)) return true;
      skipped.push({ reason: 'a list it points into was changed by another fix; run kubeward fix again', fix: fix.fix, document: slice.index });
      return false;
    });
    // A fix whose change is already in place (another fix did it, or it never was needed) is done.
    pending = pending.filter((fix) => !isSatisfied(decoded.value, fix));
    if (pending.length === 0) break;
    const { units, deferred } = unitsOf(pending);
    const rendered: RenderedUnit[] = [];
    const later: TextFix[] = [...deferred];
    for (const unit of units) {
      const outcome = renderUnit(editable, unit, (fix, reason) => skipped.push({ reason, fix: fix.fix, document: slice.index }));
      if (outcome.rendered !== undefined) rendered.push(outcome.rendered);
      later.push(...outcome.later);
    }
    rendered.sort((a, b) => firstOffset(a.edits) - firstOffset(b.edits));
    const accepted: RenderedUnit[] = [];
    for (const unit of rendered) {
      if (accepted.some((other) => editGroupsConflict(other.edits, unit.edits))) later.push(...unit.fixes);
      else accepted.push(unit);
    }
    if (accepted.length === 0) {
      pending = later;
      continue;
    }
    const next = verifiedText(slice, text, decoded, accepted);
    if (next.ok) {
      text = next.text;
      for (const unit of accepted) appliedFixes.push(...unit.fixes);
      for (const unit of accepted) changedLists.push(...listsChangedBy(unit));
      applied += accepted.reduce((sum, unit) => sum + unit.fixes.length, 0);
      pending = later;
      continue;
    }
    // Together they did not decode as intended: keep the first that works alone, retry the others.
    let progressed = false;
    const retry: TextFix[] = [];
    for (const unit of accepted) {
      if (progressed) {
        retry.push(...unit.fixes);
        continue;
      }
      const alone = verifiedText(slice, text, decoded, [unit]);
      if (alone.ok) {
        text = alone.text;
        appliedFixes.push(...unit.fixes);
        changedLists.push(...listsChangedBy(unit));
        applied += unit.fixes.length;
        progressed = true;
      } else if (unit.fixes.length > 1) {
        retry.push(...separate(unit.fixes));
      } else {
        for (const fix of unit.fixes) skipped.push({ reason: `the edit would not decode to the intended value (${alone.reason})`, fix: fix.fix, document: slice.index });
      }
    }
    pending = [...retry, ...later];
  }
  for (const fix of pending) skipped.push({ reason: `still overlapping other fixes after ${MAX_FIX_PASSES} passes`, fix: fix.fix, document: slice.index });
  return { text, applied, skipped, appliedFixes };
}

/**
 * Renders a unit. When a combination of fixes fails, the fixes that fail on their own are reported with
 * their own reason and the others are combined again; if they still do not go together, one goes now
 * and the rest wait for later passes, each on its own.
 */
function renderUnit(editable: EditableYamlDocument, unit: Unit, skip: (fix: TextFix, reason: string) => void): { rendered?: RenderedUnit; later: TextFix[] } {
  const outcome = renderSafely(editable, unit.pathInDocument, unit.operations);
  if (outcome.ok) return outcome.edits.length > 0 ? { rendered: { ...unit, edits: outcome.edits }, later: [] } : { later: [] };
  if (unit.fixes.length === 1) {
    for (const fix of unit.fixes) skip(fix, outcome.reason);
    return { later: [] };
  }
  const renderable: { fix: TextFix; edits: TextEdit[] }[] = [];
  for (const fix of unit.fixes) {
    const alone = renderSafely(editable, fix.pathInDocument, fix.fix.operations);
    if (!alone.ok) skip(fix, alone.reason);
    else if (alone.edits.length > 0) renderable.push({ fix, edits: alone.edits });
  }
  const operations = dedupeOperations(renderable.flatMap(({ fix }) => fix.fix.operations));
  const combined = renderable.length > 1 ? renderSafely(editable, unit.pathInDocument, operations) : undefined;
  if (combined?.ok === true && combined.edits.length > 0) {
    return { rendered: { fixes: renderable.map(({ fix }) => fix), operations, pathInDocument: unit.pathInDocument, edits: combined.edits }, later: [] };
  }
  const [first, ...rest] = renderable;
  if (first === undefined) return { later: [] };
  return {
    rendered: { fixes: [first.fix], operations: [...first.fix.fix.operations], pathInDocument: first.fix.pathInDocument, edits: first.edits },
    later: separate(rest.map(({ fix }) => fix)),
  };
}

const SEPARATE = Symbol('separate');
type SeparateFix = TextFix & { [SEPARATE]?: true };

function separate(fixes: readonly TextFix[]): TextFix[] {
  return fixes.map((fix) => ({ ...fix, [SEPARATE]: true }) as SeparateFix);
}

/**
 * Groups fixes of one object whose operations do not conflict into one unit, so that several fixes that
 * add keys to one map render as one insertion instead of one pass each.
 */
function unitsOf(fixes: readonly TextFix[]): { units: Unit[]; deferred: TextFix[] } {
  const units: Unit[] = [];
  const deferred: TextFix[] = [];
  const byObject = new Map<string, Unit>();
  for (const fix of fixes) {
    const operations = fix.fix.operations;
    if ((fix as SeparateFix)[SEPARATE] === true) {
      units.push({ fixes: [fix], operations: [...operations], pathInDocument: fix.pathInDocument });
      continue;
    }
    const key = formatFieldPath(fix.pathInDocument);
    const unit = byObject.get(key);
    if (unit === undefined) {
      const created: Unit = { fixes: [fix], operations: dedupeOperations(operations), pathInDocument: fix.pathInDocument };
      byObject.set(key, created);
      units.push(created);
      continue;
    }
    const isCompatible = operations.every((operation) => unit.operations.every((other) => !operationsConflict(operation, other) ||
      (operation.op === other.op && isDeepEqual(operation, other))));
    if (!isCompatible) {
      deferred.push(fix);
      continue;
    }
    unit.fixes.push(fix);
    unit.operations.splice(0, unit.operations.length, ...dedupeOperations([...unit.operations, ...operations]));
  }
  return { units, deferred };
}

/** A renderer bug must cost one fix, not the whole run: it becomes a reason like any refusal. */
function renderSafely(editable: EditableYamlDocument, pathInDocument: FieldPath, operations: readonly FixOperation[]): RenderOutcome {
  try {
    return editable.render(pathInDocument, operations);
  } catch (error) {
    return { ok: false, reason: `internal error while rendering the fix: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function isSatisfied(value: unknown, fix: TextFix): boolean {
  return fix.fix.operations.every((operation) => {
    const present = getAtPath(value, [...fix.pathInDocument, ...operation.path]);
    return operation.op === 'remove' ? present === undefined : isDeepEqual(present, operation.value);
  });
}

/** Lists whose items an applied unit removed or replaced, as document paths. */
function listsChangedBy(unit: Unit): FieldPath[] {
  const lists: FieldPath[] = [];
  for (const operation of unit.operations) {
    const path = [...unit.pathInDocument, ...operation.path];
    if (operation.op === 'remove' && typeof path[path.length - 1] === 'number') lists.push(path.slice(0, -1));
    else if (operation.op === 'set' && Array.isArray(operation.value)) lists.push(path);
    else if (operation.op === 'remove') lists.push(path);
  }
  return lists;
}

function pointsIntoChangedList(fix: TextFix, lists: readonly FieldPath[]): boolean {
  return fix.fix.operations.some((operation) => {
    const path = [...fix.pathInDocument, ...operation.path];
    return lists.some((list) => list.length < path.length && typeof path[list.length] === 'number' && list.every((segment, index) => path[index] === segment));
  });
}

function firstOffset(edits: readonly TextEdit[]): number {
  return edits.reduce((min, edit) => Math.min(min, edit.start), Number.POSITIVE_INFINITY);
}

type Decoded = { ok: true; value: unknown; warnings: number } | { ok: false; reason: string };

function decode(slice: DocumentSlice, text: string): Decoded {
  const parsed = parseDocument({ ...slice, text });
  if (!parsed.ok) return { ok: false, reason: `document did not parse: ${parsed.problem.message}` };
  return { ok: true, value: parsed.value, warnings: parsed.warnings.length };
}

function verifiedText(slice: DocumentSlice, text: string, before: Decoded & { ok: true }, units: readonly RenderedUnit[]): { ok: true; text: string } | { ok: false; reason: string } {
  const value = before.value;
  const edits = units.flatMap((unit) => unit.edits);
  const next = applyTextEdits(text, edits);
  let expected = value;
  for (const unit of units) {
    expected = applyOperationsToValue(expected, unit.pathInDocument.length === 0 ? unit.operations : unit.operations.map((operation) => prefixed(operation, unit.pathInDocument)));
  }
  const decoded = decode(slice, next);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  if (decoded.warnings > before.warnings) return { ok: false, reason: 'the edit would repeat a key' };
  if (!isDeepEqual(decoded.value, expected)) return { ok: false, reason: 'other fields would have changed' };
  // The second, stricter parser (the one edits are planned with) must accept the text as well.
  if (!(EditableYamlDocument.parse(next, decoded.value) instanceof EditableYamlDocument)) return { ok: false, reason: 'the edited document would not parse cleanly' };
  return { ok: true, text: next };
}

function prefixed(operation: FixOperation, base: FieldPath): FixOperation {
  return operation.op === 'set' ? { op: 'set', path: [...base, ...operation.path], value: operation.value } : { op: 'remove', path: [...base, ...operation.path] };
}
