import { detach, detachString } from '../foundation/detach.js';
import type { FieldPath } from '../foundation/field-path.js';
import type { Subject } from './subject.js';
import type { K8sObject } from '../k8s/object.js';
import { DocumentLocator } from '../source/locate.js';
import type { LoadedObject } from '../source/load-objects.js';
import type { DocumentSlice } from '../source/split-documents.js';

// Subjects for the objects of one YAML or JSON document. The objects of a document (one, or every item
// of a List) share its locator, and when kept past the document they share one detached copy of its
// text: a List of N items costs what N documents cost, not N copies of the whole List.

export function subjectsOfDocument(file: string, document: DocumentSlice, objects: readonly LoadedObject[]): Subject[] {
  const shared = new SharedDocument(file, document);
  return objects.map((loaded) => shared.subject(loaded.object, loaded.pathInDocument));
}

class SharedDocument {
  #locator: DocumentLocator | undefined;
  #retained: SharedDocument | undefined;

  constructor(readonly file: string, readonly document: DocumentSlice) {}

  subject(object: K8sObject, pathInDocument: FieldPath): Subject {
    return {
      object,
      source: { document: this.document, pathInDocument },
      locate: (path) => ({ file: this.file, ...this.#locate([...pathInDocument, ...path]) }),
      retain: (kept) => this.#retain().subject(kept ?? detach(object), pathInDocument),
      release: () => {
        this.#locator = undefined;
      },
    };
  }

  #locate(path: FieldPath): { line: number; column: number } {
    this.#locator ??= new DocumentLocator(this.document);
    return this.#locator.locate(path);
  }

  /** The same document with text and file name copied out of the buffers they were sliced from. */
  #retain(): SharedDocument {
    this.#retained ??= new SharedDocument(detachString(this.file), { ...this.document, text: detachString(this.document.text) });
    return this.#retained;
  }
}
