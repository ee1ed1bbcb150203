import { getAtPath, isRecord, type FieldPath } from '../foundation/field-path.js';
import type { FixOperation } from './operations.js';

// The same fix operations as an RFC 6902 JSON Patch, for the mutating admission webhook (the API
// server applies the patch to the object it received). `add` needs its parent to exist, so a `set`
// below missing fields adds the first missing field with the rest nested in its value, and array
// removals go from the highest index down so that earlier indices still name the original items.

export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1`. */
export function toJsonPointer(path: FieldPath): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * A patch that turns `object` into `applyOperationsToValue(object, operations)`. Operations that are
 * already satisfied (a `set` to the present value, a `remove` of an absent field) produce nothing.
 */
export function renderJsonPatch(object: unknown, operations: readonly FixOperation[]): JsonPatchOperation[] {
  const patch: JsonPatchOperation[] = [];
  // The patch applies in order, so later sets must see the fields earlier ones created.
  let created: unknown = structuredClone(object);
  for (const operation of operations) {
    if (operation.op !== 'set') continue;
    const { path, value } = operation;
    if (path.length === 0) {
      patch.push({ op: 'replace', path: '', value });
      created = structuredClone(value);
      continue;
    }
    let depth = 0;
    let current: unknown = created;
    // Walk while the next value is the container the following segment needs (a map for a key, a list
    // for an index); from there on, the value is added or replaced whole.
    while (depth < path.length - 1) {
      const next = childOf(current, path[depth] as string | number);
      const following = path[depth + 1];
      if (!(typeof following === 'number' ? Array.isArray(next) : isRecord(next))) break;
      current = next;
      depth++;
    }
    const missing = path.slice(depth);
    const exists = missing.length === 1 && childOf(current, missing[0] as string | number) !== undefined;
    if (exists) {
      if (isSameJson(childOf(current, missing[0] as string | number), value)) continue;
      patch.push({ op: 'replace', path: toJsonPointer(path), value });
    } else {
      const parentHasHead = missing.length > 1 && childOf(current, missing[0] as string | number) !== undefined;
      // A scalar (or null) stands where a map is needed: replace it with the nested value.
      const head = path.slice(0, depth + 1);
      patch.push({ op: parentHasHead ? 'replace' : 'add', path: toJsonPointer(head), value: nest(missing.slice(1), value) });
    }
    created = setAt(created, path, value);
  }
  const removals: FieldPath[] = [];
  for (const operation of operations) {
    if (operation.op === 'remove' && getAtPath(object, operation.path) !== undefined) removals.push(operation.path);
  }
  removals.sort(compareForRemoval);
  for (const path of removals) patch.push({ op: 'remove', path: toJsonPointer(path) });
  return patch;
}

function childOf(value: unknown, segment: string | number): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
}

function nest(path: FieldPath, value: unknown): unknown {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    out = typeof segment === 'number' ? [out] : { [segment as string]: out };
  }
  return out;
}

function setAt(root: unknown, path: FieldPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return structuredClone(value);
  if (typeof head === 'number') {
    const array = Array.isArray(root) ? root : [];
    array[head] = setAt(array[head], rest, value);
    return array;
  }
  const record = isRecord(root) ? root : {};
  record[head] = setAt(record[head], rest, value);
  return record;
}

function isSameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

/** Deeper paths first, and higher indices of one array before lower ones. */
function compareForRemoval(a: FieldPath, b: FieldPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(x) < String(y) ? -1 : 1;
  }
  return b.length - a.length;
}
