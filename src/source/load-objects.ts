import { isRecord, type FieldPath } from '../foundation/field-path.js';
import { isK8sObject, isListKind, type K8sObject } from '../k8s/object.js';
import { parseDocument, type ParseProblem } from './parse-document.js';
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
    if (isListKind(value) && Array.isArray(value['items'])) {
      value['items'].forEach((item: unknown, index: number) => {
        if (isK8sObject(item)) objects.push({ object: item, file, document: slice, pathInDocument: ['items', index] });
        else if (isRecord(item) || item !== null) {
          warnings.push({ file, line: slice.line, column: 1, message: `items[${index}] of ${value.kind} is not a Kubernetes object (no apiVersion/kind); skipped` });
        }
      });
    } else {
      objects.push({ object: value, file, document: slice, pathInDocument: [] });
    }
    yield { type: 'objects', file, document: slice, objects, warnings };
  }
  yield { type: 'file-done', file, documents: slices.length };
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
