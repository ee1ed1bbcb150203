import { isRecord, type FieldPath } from '../foundation/field-path.js';
import type { FixOperation } from './operations.js';

// The meaning of a fix on decoded values: what the object must look like once the operations are
// applied. The text renderer is checked against this (the edited text must decode to exactly it), and
// the JSON Patch renderer produces the same result.
//
// Operations of one fix apply together against the object as it was: array indices name the original
// items (removing [0] and [2] removes those two), and no operation's path may lie inside another's.

/** A deep copy of `value` with the operations applied. Never mutates its input. */
export function applyOperationsToValue(value: unknown, operations: readonly FixOperation[]): unknown {
  let root = structuredClone(value);
  for (const operation of operations) {
    if (operation.op !== 'set') continue;
    if (operation.path.length === 0) {
      root = structuredClone(operation.value);
      continue;
    }
    root = setIn(root, operation.path, structuredClone(operation.value));
  }
  const removals = new Map<unknown, Set<string | number>>();
  for (const operation of operations) {
    if (operation.op !== 'remove' || operation.path.length === 0) continue;
    const parent = containerAt(root, operation.path.slice(0, -1));
    const last = operation.path[operation.path.length - 1];
    if (parent === undefined || last === undefined) continue;
    let keys = removals.get(parent);
    if (keys === undefined) removals.set(parent, (keys = new Set()));
    keys.add(last);
  }
  for (const [parent, keys] of removals) {
    if (Array.isArray(parent)) {
      const indices = [...keys].filter((key): key is number => typeof key === 'number').sort((a, b) => b - a);
      for (const index of indices) if (index < parent.length) parent.splice(index, 1);
    } else if (isRecord(parent)) {
      for (const key of keys) if (typeof key === 'string') delete parent[key];
    }
  }
  return root;
}

function setIn(root: unknown, path: FieldPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const array = Array.isArray(root) ? root : [];
    array[head] = setIn(array[head], rest, value);
    return array;
  }
  const record = isRecord(root) ? root : {};
  record[head] = setIn(Object.prototype.hasOwnProperty.call(record, head) ? record[head] : undefined, rest, value);
  return record;
}

function containerAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return typeof current === 'object' && current !== null ? current : undefined;
}

/** Structural equality of decoded YAML/JSON values (key order ignored, as Kubernetes ignores it). */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => isDeepEqual(item, b[index]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepEqual(a[key], b[key]));
}

/** Whether one path equals the other or lies inside it. */
export function pathsOverlap(a: FieldPath, b: FieldPath): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Operations that cannot be applied together: overlapping paths, unless they are the same `set`. */
export function operationsConflict(a: FixOperation, b: FixOperation): boolean {
  if (!pathsOverlap(a.path, b.path)) return false;
  if (a.op === 'set' && b.op === 'set' && a.path.length === b.path.length) return !isDeepEqual(a.value, b.value);
  if (a.op === 'remove' && b.op === 'remove' && a.path.length === b.path.length) return false;
  return true;
}

/** Removes repeated operations (two rules may propose the same `set`). */
export function dedupeOperations(operations: readonly FixOperation[]): FixOperation[] {
  const out: FixOperation[] = [];
  for (const operation of operations) {
    const same = out.some((kept) => kept.op === operation.op && kept.path.length === operation.path.length &&
      pathsOverlap(kept.path, operation.path) && (kept.op === 'remove' || (operation.op === 'set' && isDeepEqual(kept.value, operation.value))));
    if (!same) out.push(operation);
  }
  return out;
}
