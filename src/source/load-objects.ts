import { isRecord, type FieldPath } from '../foundation/field-path.js';
import { isK8sObject, isListKind, type K8sObject } from '../k8s/object.js';
import { parseDocument, type ParseProblem } from './parse-document.js';
import { numberReadingNotes } from './yaml-number-notes.js';
import { readInputs, type InputNote, type InputProblem, type ReadOptions } from './read-inputs.js';
import { splitDocuments, type DocumentSlice } from './split-documents.js';

/** One Kubernetes object read from a document, with what is needed to locate its fields later. */
export interface LoadedObject {
  readonly object: K8sObject;
  readonly file: string;
  readonly document: DocumentSlice;
  /** Path of the object inside its document: `[]`, or `['items', i]` for a member of a List. */
  readonly pathInDocument: FieldPath;
}

export type DocumentEvent =
  | { readonly type: 'objects'; readonly file: string; readonly document: DocumentSlice; readonly objects: readonly LoadedObject[]; readonly warnings: readonly InputProblem[] }
  | { readonly type: 'error'; readonly problem: InputProblem }
  | { readonly type: 'note'; readonly note: InputNote }
  | { readonly type: 'file-done'; readonly file: string; readonly documents: number };

/** Streams the objects of every input, one document at a time, so memory follows the largest file. */
export async function* readDocuments(paths: readonly string[], options: ReadOptions): AsyncGenerator<DocumentEvent> {
  for await (const event of readInputs(paths, options)) {
    if (event.type === 'error') yield event;
    else if (event.type === 'note') yield event;
    else yield* documentsOfText(event.input.file, event.input.text);
  }
}

/** Splits and decodes one file's text; bad documents become errors and the others are still read. */
export function* documentsOfText(file: string, text: string): Generator<DocumentEvent> {
  const slices = splitDocuments(text);
  for (const slice of slices) {
    const parsed = parseDocument(slice);
    if (!parsed.ok) {
      yield { type: 'error', problem: located(file, parsed.problem) };
      continue;
    }
    const warnings = parsed.warnings.map((warning) => located(file, warning));
    for (const note of numberReadingNotes(slice)) yield { type: 'note', note: { file: `${file}:${note.line}:${note.column}`, message: note.message } };
    const value = parsed.value;
    if (value === null || value === undefined) {
      if (warnings.length > 0) yield { type: 'objects', file, document: slice, objects: [], warnings };
      continue;
    }
    if (!isK8sObject(value)) {
      yield { type: 'note', note: { file: `${file}:${slice.line}`, message: 'document is not a Kubernetes object (no apiVersion/kind); skipped' } };
      if (warnings.length > 0) yield { type: 'objects', file, document: slice, objects: [], warnings };
      continue;
    }
    const objects: LoadedObject[] = [];
    collectObjects(value, [], (object, pathInDocument) => objects.push({ object, file, document: slice, pathInDocument }), (message) => {
      warnings.push({ file, line: slice.line, column: 1, message });
    });
    yield { type: 'objects', file, document: slice, objects, warnings };
  }
  yield { type: 'file-done', file, documents: slices.length };
}

/** Lists inside Lists deeper than this are refused (kubectl's flattening recurses without a bound). */
const MAX_LIST_DEPTH = 32;

/**
 * The objects of a document as kubectl reads them: a List's items, and the items of Lists among them
 * (kubectl's resource builder flattens nested Lists, FlattenListVisitor). Items of a typed list
 * (`PodList`, `NamespaceList`, as `kubectl get -o yaml` and the API server return them) carry no
 * apiVersion/kind; like apimachinery's unstructured decoder (decodeToList), an item without both gets
 * the list's apiVersion and its kind without the `List` suffix.
 */
function collectObjects(value: K8sObject, path: FieldPath, add: (object: K8sObject, path: FieldPath) => void, warn: (message: string) => void, depth = 0): void {
  if (!(isListKind(value) && Array.isArray(value['items']))) {
    add(value, path);
    return;
  }
  if (depth >= MAX_LIST_DEPTH) {
    warn(`${formatItemsPath(path)} (${value.kind}) nests Lists more than ${MAX_LIST_DEPTH} deep; its items are skipped`);
    return;
  }
  const itemKind = value.kind.endsWith('List') ? value.kind.slice(0, -'List'.length) : '';
  value['items'].forEach((item: unknown, index: number) => {
    const itemPath = [...path, 'items', index];
    const object = isRecord(item) && item['apiVersion'] === undefined && item['kind'] === undefined && itemKind !== ''
      ? { ...item, apiVersion: value.apiVersion, kind: itemKind }
      : item;
    if (isK8sObject(object)) collectObjects(object, itemPath, add, warn, depth + 1);
    else if (item !== null) warn(`${formatItemsPath(itemPath)} of ${value.kind} is not a Kubernetes object (no apiVersion/kind); skipped`);
  });
}

function formatItemsPath(path: FieldPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function located(file: string, problem: ParseProblem): InputProblem {
  return { file, line: problem.line, column: problem.column, message: problem.message };
}

/** Reads every object of the inputs into memory; for commands that analyse a whole set (RBAC, NetworkPolicy). */
export async function loadObjects(paths: readonly string[], options: ReadOptions): Promise<{ objects: LoadedObject[]; errors: InputProblem[]; notes: InputNote[] }> {
  const objects: LoadedObject[] = [];
  const errors: InputProblem[] = [];
  const notes: InputNote[] = [];
  for await (const event of readDocuments(paths, options)) {
    if (event.type === 'objects') {
      objects.push(...event.objects);
      errors.push(...event.warnings);
    } else if (event.type === 'error') errors.push(event.problem);
    else if (event.type === 'note') notes.push(event.note);
  }
  return { objects, errors, notes };
}
