import { isRecord } from './field-path.js';

// Readers for fields of untrusted, decoded objects: every reader tolerates missing fields and wrong
// types, and `null` counts as unset, as a Go pointer decoded from `null` is nil. Shared by every rule
// domain, the fix planner and the analyses.

export type FieldRecord = Readonly<Record<string, unknown>>;

/** The value as a mapping; undefined for anything else (lists, scalars, `null`). */
export function recordOf(value: unknown): FieldRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** Whether a field is present with a value (not missing, not `null`). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Entries of a list field; anything that is not a list has none. */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The elements of a list field with their indexes; empty when the field is missing or not a list. */
export function entriesOf(value: unknown): [number, unknown][] {
  return Array.isArray(value) ? value.map((item: unknown, index) => [index, item]) : [];
}
